// archbench-loadgen-fake-ledger: the tests' FakeLedger as a process, so that a test can run the
// real archbench-loadgen binary against it (result_schema_check.py). Prints
// "listening on 127.0.0.1:PORT" and serves until its standard input closes.
//
//   archbench-loadgen-fake-ledger [--delay-ms N]     every answer waits N ms (an overloaded server)
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "loadgen/fake_ledger.hpp"

int main(int argc, char** argv) {
  archbench::loadgen::testing::FakeLedgerFaults faults;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--delay-ms") == 0 && i + 1 < argc) {
      faults.delay = std::chrono::milliseconds(std::atoi(argv[++i]));
    } else {
      std::cerr << "usage: archbench-loadgen-fake-ledger [--delay-ms N]\n";
      return 2;
    }
  }
  const archbench::loadgen::testing::FakeLedger ledger(faults);
  std::cout << "listening on 127.0.0.1:" << ledger.port() << std::endl;
  std::string ignored;
  while (std::getline(std::cin, ignored)) {
  }
  return 0;
}
