"""scripts/callgrind's cost breakdown: a small synthetic callgrind.out file read function by
function (name compression, inlined files, call costs that are no one's self cost), each
function's self cost classified by layer, helpers charged to their callers; and the chart."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent / "lib"))

from benchlib import callgrind_layers as cg  # noqa: E402

P = "/src/patterns"
# A request's path, in callgrind's format: the transport reads it, the router dispatches it,
# the codec parses it (nlohmann inlined), the service does the work (a std::unordered_map
# lookup inlined from a libstdc++ header), the store keeps it, the codec writes the answer;
# malloc, memcpy (a helper: charged to its callers), epoll_wait (kernel entry) around them.
SYNTHETIC = f"""# callgrind format
version: 1
creator: callgrind-3.19.0
positions: line
events: Ir
summary: 8800

ob=(1) /build/bin/archbench-hexagonal
fl=(1) {P}/common/http/connection.cpp
fn=(1) archbench::http::Connection::on_read()
10 1000
cob=(2) /usr/lib/x86_64-linux-gnu/libc.so.6
cfi=(9) ./string/memmove-vec-unaligned-erms.S
cfn=(9) __memcpy_avx_unaligned_erms
calls=1 0
11 300
cfl=(2) {P}/common/ledger/router.cpp
cfn=(2) archbench::ledger::Router::dispatch()
calls=1 0
12 8400
fl=(2)
fn=(2)
20 500
fl=(3) {P}/common/ledger/json_codec.cpp
fn=(3) archbench::ledger::parse_transfer_request(std::string_view)
30 200
fi=(4) /usr/include/nlohmann/detail/input/lexer.hpp
31 1500
fe=(3)
32 100
fn=(4) archbench::ledger::write_json(archbench::ledger::Transfer const&)
40 700
cob=(2)
cfi=(9)
cfn=(9)
calls=2 0
41 200
fl=(5) {P}/hexagonal/application/ledger.cpp
fn=(5) archbench::hexagonal::Ledger::transfer()
50 800
fi=(6) /usr/include/c++/12/bits/hashtable.h
51 400
fl=(7) {P}/hexagonal/adapters/memory/memory_store.cpp
fn=(7) archbench::hexagonal::MemoryStore::save()
60 900
ob=(2)
fl=(8) ./malloc/malloc.c
fn=(8) malloc
70 1200
fl=(9)
fn=(9) __memcpy_avx_unaligned_erms
80 500
fl=(10) ./sysdeps/unix/sysv/linux/epoll_wait.c
fn=(10) epoll_wait
90 1000
"""
# Self costs: transport 1000, router 500, parse 200+1500+100, write 700, domain 800+400,
# store 900, malloc 1200, memcpy 500 (300 of its calls from the transport, 200 from the
# writer: 300 and 200), epoll_wait 1000 (kernel entry). Sum: 8,800 = the summary.
EXPECTED = {"transport": 1300, "HTTP front and routing": 500, "JSON parse": 1800,
            "domain and application": 1200, "store": 900, "JSON write": 900,
            "allocator": 1200, "other / kernel entry": 1000}


class ClassifyTest(unittest.TestCase):
    def test_the_rule_table_on_each_layer(self):
        cases = [
            (f"{P}/common/http/request_parser.cpp", "archbench::http::parse_request_head", "",
             "transport"),
            ("/usr/include/boost/asio/detail/impl/epoll_reactor.ipp", "boost::asio::x", "",
             "transport"),
            (f"{P}/common/ledger/router.cpp", "archbench::ledger::Router::route", "",
             "HTTP front and routing"),
            (f"{P}/common/ledger/service.cpp", "archbench::ledger::Reply::send", "",
             "HTTP front and routing"),
            (f"{P}/hexagonal/adapters/http/http_adapter.cpp", "x", "", "HTTP front and routing"),
            (f"{P}/common/ledger/json_codec.cpp", "archbench::ledger::parse_deposit_request",
             "", "JSON parse"),
            (f"{P}/common/ledger/json_codec.cpp", "archbench::ledger::write_json_string", "",
             "JSON write"),
            ("/usr/include/nlohmann/detail/input/lexer.hpp",
             "nlohmann::detail::lexer<nlohmann::basic_json<std::map, nlohmann::adl_serializer>>"
             "::scan()", "", "JSON parse"),
            ("/usr/include/nlohmann/detail/output/serializer.hpp",
             "nlohmann::detail::serializer<nlohmann::basic_json<>>::dump(x)", "", "JSON write"),
            (f"{P}/baseline/baseline_service.cpp", "archbench::baseline::BaselineService::"
             "transfer", "", "domain and application"),
            (f"{P}/hexagonal/domain/transfer.cpp", "x", "", "domain and application"),
            (f"{P}/hexagonal/adapters/sqlite/sqlite_store.cpp", "x", "", "store"),
            ("???", "sqlite3VdbeExec", "/usr/lib/x86_64-linux-gnu/libsqlite3.so.0", "store"),
            ("???", "redisReaderFeed", "/usr/lib/x86_64-linux-gnu/libhiredis.so.0.14", "store"),
            ("./malloc/malloc.c", "_int_free", "libc.so.6", "allocator"),
            ("???", "operator new(unsigned long)", "libstdc++.so.6", "allocator"),
            ("???", "operator delete(void*, unsigned long)", "libstdc++.so.6", "allocator"),
            ("./sysdeps/unix/sysv/linux/epoll_wait.c", "epoll_wait", "libc.so.6",
             "other / kernel entry"),
        ]
        for file, symbol, obj, layer in cases:
            self.assertEqual(cg.classify(file, symbol, obj), layer, (file, symbol))

    def test_inlined_library_headers_take_the_enclosing_functions_layer(self):
        inlined = cg.SelfCost("x", "/usr/include/c++/12/bits/hashtable.h",
                              f"{P}/hexagonal/adapters/memory/memory_store.cpp",
                              "archbench::hexagonal::MemoryStore::find", 10)
        self.assertEqual(inlined.layer, "store")


class ParseTest(unittest.TestCase):
    def parse(self):
        return cg.self_costs(SYNTHETIC.splitlines(keepends=True))

    def test_self_costs_add_up_to_the_summary_without_the_calls(self):
        costs, total, calls = self.parse()
        self.assertEqual(total, 8800)
        self.assertEqual(sum(c.ir for c in costs), 8800)  # call costs are not self costs
        memcpy_calls = {k[3]: v for (k, callee), v in calls.items()
                        if callee == "__memcpy_avx_unaligned_erms"}
        self.assertEqual(memcpy_calls, {"archbench::http::Connection::on_read()": 300,
                                        "archbench::ledger::write_json(archbench::ledger::"
                                        "Transfer const&)": 200})

    def test_name_compression_and_inlined_files(self):
        costs, _, _ = self.parse()
        by = {(c.symbol, c.file): c.ir for c in costs}
        parse = "archbench::ledger::parse_transfer_request(std::string_view)"
        self.assertEqual(by[(parse, "/usr/include/nlohmann/detail/input/lexer.hpp")], 1500)
        self.assertEqual(by[(parse, f"{P}/common/ledger/json_codec.cpp")], 300)
        # "fl=(2)" and "fn=(2)" refer to names defined in cfl=/cfn= lines earlier.
        self.assertEqual(by[("archbench::ledger::Router::dispatch()",
                             f"{P}/common/ledger/router.cpp")], 500)

    def test_layers_with_helpers_charged_to_their_callers(self):
        with tempfile.NamedTemporaryFile("w", suffix=".out") as f:
            f.write(SYNTHETIC)
            f.flush()
            layers, total = cg.read(f.name)
        self.assertEqual(layers, EXPECTED)
        self.assertEqual(sum(layers.values()), total)

    def test_counting_call_costs_as_self_cost_would_be_caught(self):
        """Bites: a parser that forgets `calls=` counts 8,900 Ir of calls as well."""
        naive = 0
        for line in SYNTHETIC.splitlines():
            if line and (line[0].isdigit() or line[0] == "+"):
                naive += int(line.split()[1])
        self.assertNotEqual(naive, 8800)


class ChartTest(unittest.TestCase):
    def test_the_stacked_chart_is_drawn_with_the_floor(self):
        layers = list(EXPECTED)
        endpoint = lambda e, total: {  # noqa: E731
            "endpoint": e, "ir_per_request": total,
            "ir_per_request_by_layer": {k: total // len(layers) for k in layers}}
        report = {"layers": layers, "commit": "0123456789abcdef", "valgrind": "valgrind-3.19.0",
                  "date": "2026-01-01", "backends": [
                      {"backend": "baseline", "endpoints": [endpoint("health", 8000),
                                                            endpoint("transfer", 24000)]},
                      {"backend": "hexagonal", "endpoints": [endpoint("health", 8100),
                                                             endpoint("transfer", 31000)]},
                      {"backend": "hello", "endpoints": [endpoint("health", 2900)]}]}
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "callgrind.json"
            path.write_text(json.dumps(report))
            run = subprocess.run([sys.executable, str(ROOT / "scripts" / "plot"), "--callgrind",
                                  str(path)], capture_output=True, text=True, timeout=120)
            self.assertEqual(run.returncode, 0, run.stderr)
            svg = (Path(tmp) / "charts" / "cost_breakdown.svg").read_text()
            self.assertTrue((Path(tmp) / "charts" / "cost_breakdown.png").exists())
        for text in ["Where the instructions go", "floor: hello server, 2,900", "JSON parse",
                     "allocator", "baseline", "hexagonal", "transfer"]:
            self.assertIn(text, svg)


if __name__ == "__main__":
    unittest.main()
