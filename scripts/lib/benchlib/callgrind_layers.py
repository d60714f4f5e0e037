"""Where the instructions go: a callgrind.out file's self cost, grouped by layer.

callgrind charges every instruction to the function that executed it (its self, or exclusive,
cost) and, with debug information (-g), to the source file of the line, which for inlined
code is the file it was inlined from (the `fi=`/`fe=` lines of the format). We read the file
directly (callgrind's format: `fl=` `fi=` `fe=` `fn=` with name compression, cost lines
"position cost", `calls=` lines whose following cost line is the callee's inclusive cost and
belongs to no one's self cost), sum self cost per (object, file, function), and classify each
with the rule table LAYER_RULES below: the first rule that matches wins.

Inlined standard-library code (a `std::unordered_map` lookup inlined into a store method)
has a libstdc++ header as its file: the header says nothing about the layer, so such a cost is
classified by the function it was inlined into (its `fl=` file and its name). An out-of-line
helper that belongs to no layer (`std::string::push_back`, `memcpy`, a mutex) is charged to
its callers instead, in proportion to the inclusive cost of their calls to it (callgrind's
`calls=` records), following chains of such helpers up to HANDOFF_ROUNDS deep. What stays in
"other / kernel entry" is the system-call wrappers (the user-space side of entering the
kernel), the dynamic linker, and helpers whose callers are unknown. Without -g (a plain
release build) every file is "???" and the rules fall back on function and object names:
coarser, still meaningful.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# The layers, bottom of the stacked bar first.
LAYERS = ["transport", "HTTP front and routing", "JSON parse", "domain and application",
          "store", "JSON write", "allocator", "other / kernel entry"]

ALLOCATOR_SYMBOLS = re.compile(
    r"^(?:__libc_)?(?:malloc|free|cfree|calloc|realloc|memalign|posix_memalign|aligned_alloc)$"
    r"|^_int_(?:malloc|free|realloc|memalign)$|^malloc_consolidate$|^sysmalloc$"
    r"|^unlink_chunk|^tcache_|^_?_?malloc_|^operator new|^operator delete")

# (layer, file pattern or None, symbol pattern or None, object pattern or None): a rule
# matches when every pattern given matches (re.search). First match wins.
LAYER_RULES: list[tuple[str, str | None, str | None, str | None]] = [
    ("allocator", None, ALLOCATOR_SYMBOLS.pattern, None),
    # JSON: the shared codec, split by what its functions do, and the JSON libraries.
    ("JSON write", r"common/ledger/json_codec", r"write|kind_name|append|escape", None),
    ("JSON parse", r"common/ledger/json_codec", None, None),
    # The libraries: their serializer writes, everything else of theirs (lexer, parser, the
    # document they build and destroy) is parsing. ("adl_serializer" is in every nlohmann
    # type's name: not a sign of writing.)
    ("JSON write", None, r"detail::serializer<|::dump\(|[^_]to_json\(", None),
    ("JSON parse", r"nlohmann|simdjson", None, None),
    ("JSON parse", None, r"nlohmann|simdjson", None),
    # The zero-copy pattern's own parser (simdjson on-demand plus the contract's checks).
    ("JSON parse", r"patterns/zero-copy/json/", None, None),
    ("JSON parse", None, r"archbench::zero_copy::(detail::ParserImpl|RequestParser|json::)", None),
    # Store: the adapters and the store libraries.
    ("store", r"/adapters/(memory|sqlite|redis)/|connection_pool|_store\.|sqlite|hiredis", None,
     None),
    ("store", None, r"sqlite3|redis|Store::|_store::", None),
    ("store", None, None, r"libsqlite3|libhiredis|libredis"),
    # HTTP front: the ledger service's dispatch, routing, contract checks, the backend's main,
    # a pattern's HTTP adapter.
    ("HTTP front and routing",
     r"common/ledger/(service|router|contract|metrics)|common/server/|adapters/http/", None,
     None),
    ("HTTP front and routing", None, r"archbench::ledger::(Router|route|Reply|Call)", None),
    # Transport: the shared HTTP server and Boost.Asio under it.
    ("transport", r"common/http/|boost/asio|boost/beast", None, None),
    ("transport", None, r"archbench::http::|boost::asio", None),
    # Domain and application: everything else of a pattern.
    ("domain and application", r"patterns/|/domain/|/application/", None, None),
    ("domain and application", None, r"archbench::", None),
]
# Kept in "other / kernel entry" rather than handed to their callers: entering the kernel
# (system-call wrappers), the dynamic linker, thread start.
KERNEL_ENTRY = re.compile(
    r"^(?:__libc_|__GI_|__)?(?:epoll_wait|epoll_ctl|recv|recvfrom|recvmsg|send|sendto|sendmsg|"
    r"read|write|writev|readv|accept4?|close|syscall|clock_gettime|futex|sched_yield|poll|"
    r"ioctl|fcntl|fsync|fdatasync|pread64|pwrite64|lseek64|getpid|gettid|nanosleep)"
    r"(?:@@?GLIBC[\w.]*)?$|^_dl_|^do_lookup_x$|^check_match$|^_dl|^start_thread$|^clone3?$"
    r"|^\(below main\)$|^0x")
HANDOFF_ROUNDS = 6
NEUTRAL_FILES = re.compile(r"/usr/include/c\+\+/|/usr/include/x86_64-linux-gnu/c\+\+/"
                           r"|^\?\?\?$|/bits/|/ext/")


def classify(file: str, symbol: str, obj: str = "") -> str:
    """The layer of a cost at `file` (source file of the line) in function `symbol` of
    object `obj`; "other / kernel entry" when no rule matches."""
    for layer, file_rx, symbol_rx, obj_rx in LAYER_RULES:
        if file_rx is not None and not re.search(file_rx, file):
            continue
        if symbol_rx is not None and not re.search(symbol_rx, symbol):
            continue
        if obj_rx is not None and not re.search(obj_rx, obj):
            continue
        return layer
    return LAYERS[-1]


@dataclass
class SelfCost:
    obj: str
    file: str  # the source file of the lines (the inlined-from file for inlined code)
    function_file: str  # the function's own file (fl=)
    symbol: str
    ir: int

    @property
    def layer(self) -> str:
        # A libstdc++ header says nothing about the layer: the enclosing function does.
        file = self.function_file if NEUTRAL_FILES.search(self.file) else self.file
        if NEUTRAL_FILES.search(file) and not NEUTRAL_FILES.search(self.function_file):
            file = self.function_file
        return classify(file, self.symbol, self.obj)


_NAME = re.compile(r"^\((\d+)\)(?: (.*))?$")


class _Names:
    """callgrind's name compression: "(12) name" defines id 12, "(12)" refers to it."""

    def __init__(self):
        self.by_id: dict[str, str] = {}

    def resolve(self, text: str) -> str:
        m = _NAME.match(text)
        if not m:
            return text
        if m.group(2) is not None:
            self.by_id[m.group(1)] = m.group(2)
            return m.group(2)
        return self.by_id.get(m.group(1), f"({m.group(1)})")


def self_costs(lines) -> tuple[list[SelfCost], int, dict]:
    """(self cost per object/file/function, the file's total Ir, the calls) from
    callgrind.out lines. Calls: {(caller key, callee symbol): inclusive Ir}, the caller key
    being (object, file of the line, function file, symbol) as in SelfCost. Only the first
    event (Ir) is read."""
    files, fns, objs = _Names(), _Names(), _Names()
    obj = file = inline = symbol = callee = ""
    costs: dict[tuple[str, str, str, str], int] = {}
    calls: dict[tuple[tuple[str, str, str, str], str], int] = {}
    total = None
    in_call = False
    for raw in lines:
        line = raw.rstrip("\n")
        if not line or line[0] == "#":
            continue
        head, _, rest = line.partition("=")
        if rest and head in ("ob", "fl", "fi", "fe", "fn", "cob", "cfi", "cfl", "cfn"):
            if head == "ob":
                obj = objs.resolve(rest)
            elif head == "fl":
                file = inline = files.resolve(rest)
            elif head in ("fi", "fe"):
                inline = files.resolve(rest)
            elif head == "fn":
                symbol = fns.resolve(rest)
                inline = file
            elif head in ("cfi", "cfl"):
                files.resolve(rest)  # defines a name used later
            elif head == "cfn":
                callee = fns.resolve(rest)
            elif head == "cob":
                objs.resolve(rest)
            continue
        if head == "calls" and rest:
            in_call = True  # the next cost line is the call's inclusive cost
            continue
        if line.startswith(("summary:", "totals:")):
            total = int(line.split()[1])
            continue
        first = line[0]
        if not (first.isdigit() or first in "+-*"):
            continue  # a header line (events:, positions:, desc:, ...)
        fields = line.split()
        if len(fields) < 2:
            in_call = False
            continue
        key = (obj, inline, file, symbol)
        if in_call:
            in_call = False
            edge = (key, callee)
            calls[edge] = calls.get(edge, 0) + int(fields[1])
            continue
        costs[key] = costs.get(key, 0) + int(fields[1])
    out = [SelfCost(o, i, f, s, ir) for (o, i, f, s), ir in costs.items()]
    return out, total if total is not None else sum(c.ir for c in out), calls


def _handed_off(costs: list[SelfCost], calls: dict) -> dict[str, int]:
    """Ir per layer after charging helpers of no layer to their callers (module docstring)."""
    out = {layer: 0 for layer in LAYERS}
    pending: dict[str, float] = {}  # helper symbol -> Ir still to charge to its callers
    for c in costs:
        layer = c.layer
        if layer == LAYERS[-1] and not KERNEL_ENTRY.search(c.symbol):
            pending[c.symbol] = pending.get(c.symbol, 0) + c.ir
        else:
            out[layer] += c.ir
    helpers = set(pending)
    callers: dict[str, list[tuple[SelfCost, int]]] = {}
    for (key, callee), ir in calls.items():
        if callee in helpers and key[3] != callee:
            callers.setdefault(callee, []).append((SelfCost(*key, 0), ir))
    leftover = 0.0
    for _round in range(HANDOFF_ROUNDS):
        if not pending:
            break
        next_pending: dict[str, float] = {}
        for helper, amount in pending.items():
            edges = callers.get(helper) or []
            weight = sum(ir for _, ir in edges)
            if weight == 0:
                leftover += amount
                continue
            for caller, ir in edges:
                share = amount * ir / weight
                if caller.symbol in helpers:
                    next_pending[caller.symbol] = next_pending.get(caller.symbol, 0) + share
                else:
                    out[caller.layer] += share
        pending = next_pending
    leftover += sum(pending.values())
    out[LAYERS[-1]] += leftover
    return {layer: round(v) for layer, v in out.items()}


def by_layer(costs: list[SelfCost]) -> dict[str, int]:
    """Ir per layer, every layer present (0 when none)."""
    out = {layer: 0 for layer in LAYERS}
    for c in costs:
        out[c.layer] += c.ir
    return out


def read(path: str) -> tuple[dict[str, int], int]:
    """(Ir per layer, total Ir) of a callgrind.out file, helpers charged to their callers."""
    with open(path, encoding="utf-8", errors="replace") as f:
        costs, total, calls = self_costs(f)
    return _handed_off(costs, calls), total


def top_functions(path: str, layer: str | None = None, n: int = 15) -> list[tuple[int, str, str]]:
    """The n largest self costs (Ir, layer, "symbol  [file]"), to check the rules by eye."""
    with open(path, encoding="utf-8", errors="replace") as f:
        costs, _, _ = self_costs(f)
    rows = sorted(((c.ir, c.layer, f"{c.symbol}  [{c.file}]") for c in costs
                   if layer is None or c.layer == layer), reverse=True)
    return rows[:n]
