// Money of two currencies cannot be added: a currency is data here, so the compiler refuses
// every Money + Money (deleted, so that it says why); money enters a balance through an Account.
// expect-error: use of deleted function .*operator\+
#include "ddd/kernel/money.hpp"
#include "ddd/ledger/account.hpp"

using namespace archbench::ddd;

void pay([[maybe_unused]] ledger::Account& account, const Money& eur, const Money& usd) {
#ifndef ARCHBENCH_CONTROL
  [[maybe_unused]] auto sum = eur + usd;
#else
  [[maybe_unused]] auto paid = account.credit(eur);  // checks the currency: currency_mismatch
  [[maybe_unused]] auto again = account.credit(usd);
#endif
}
