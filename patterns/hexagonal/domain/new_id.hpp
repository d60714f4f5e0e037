// How a rule names what it creates without knowing how ids are made (the IdGenerator port
// knows, behind the application): a function the rule calls once, and only after it accepted
// the request. So a refused request uses up no id, and sequential ids stay gap-free, as the
// baseline's are.
#pragma once

#include <functional>
#include <string>

namespace archbench::hexagonal::domain {

using NewId = std::function<std::string()>;

}  // namespace archbench::hexagonal::domain
