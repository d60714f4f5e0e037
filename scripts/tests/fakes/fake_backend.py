"""A stand-in for an archbench backend, for testing scripts/bench's process handling: prints
"listening on 127.0.0.1:PORT", answers GET /health, stops on SIGTERM. FAKE_MODE=fail makes it
exit 1 at start with a message on stderr; FAKE_MODE=dirty makes it exit 3 on SIGTERM.
Every start appends its command line and its pid to $FAKE_LOG."""
import http.server
import json
import os
import signal
import sys
import threading


class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.send_response(200 if self.path == "/health" else 404)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def main() -> int:
    if os.environ.get("FAKE_LOG"):
        with open(os.environ["FAKE_LOG"], "a") as log:
            log.write(json.dumps(sys.argv[1:] + [f"pid={os.getpid()}"]) + "\n")
    if os.environ.get("FAKE_MODE") == "fail":
        print("fake backend: cannot open the store", file=sys.stderr)
        return 1
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Health)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"listening on 127.0.0.1:{server.server_address[1]}", flush=True)
    stop.wait(60)  # bounded: a test never leaves it behind for long
    server.shutdown()
    return 3 if os.environ.get("FAKE_MODE") == "dirty" else 0


if __name__ == "__main__":
    sys.exit(main())
