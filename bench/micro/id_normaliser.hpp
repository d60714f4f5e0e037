// Makes two backends' answers comparable although each names its accounts, deposits and
// transfers its own way ("acc-1" here, "a3f9c2..." there): every id becomes its order of first
// appearance in the run ("#0", "#1", ...). Error messages are for humans and free-form, so
// they are blanked too; the error code, which clients branch on, stays.
#pragma once

#include <string>
#include <unordered_map>

namespace archbench::micro {

class IdNormaliser {
 public:
  // The answer as canonical JSON (keys sorted, no spaces) with ids renamed, or `body` itself
  // when it is not JSON. Ids are remembered across calls: call it on a run's answers in order.
  [[nodiscard]] std::string normalise(const std::string& body);

 private:
  std::unordered_map<std::string, std::string> names_;  // id as sent -> "#n"
};

}  // namespace archbench::micro
