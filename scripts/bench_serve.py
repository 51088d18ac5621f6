"""Dev-server benchmark: time from saving a file to the browsers' reload event, on a generated
archive (default 10,000 articles). Prints figures; asserts nothing.

    python scripts/bench_serve.py [--count 10000] [--edits 5]

Starts ``archive serve --watch`` on a free port, listens to its Server-Sent Events like a
browser does, and saves: an article body edit (several times), a new tag on an article, and a
layout edit. The article edit is shown first by the dev server's preview of the edited page;
the "settled" column is when the following incremental build has finished.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.gen import generate_corpus  # noqa: E402


class Events:
    """A raw SSE client: returns when the next ``event: reload`` arrives."""

    def __init__(self, host: str, port: int) -> None:
        self.sock = socket.create_connection((host, port))
        self.sock.sendall(b"GET /__archive__/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
        self.buffer = b""
        self.wait_for(b": connected")

    def drain(self) -> None:
        """Forget events already sent (the reload after a build that followed a preview)."""
        self.sock.settimeout(0.3)
        try:
            while self.sock.recv(65536):
                pass
        except (TimeoutError, OSError):
            pass
        self.buffer = b""

    def wait_for(self, marker: bytes, timeout: float = 600) -> float:
        self.sock.settimeout(timeout)
        while marker not in self.buffer:
            self.buffer += self.sock.recv(65536)
        at = time.perf_counter()
        self.buffer = self.buffer.split(marker, 1)[1]
        return at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    generate_corpus(root, args.count)
    log = root / "serve.log"
    handle = open(log, "w")  # noqa: SIM115 - the server writes here until the end
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--root", str(root), "--watch",
                               "--port", "0"], stdout=handle, stderr=subprocess.STDOUT)
    try:
        while "serving" not in log.read_text():
            time.sleep(0.2)
        print(f"first build and start: {time.perf_counter() - started:.1f} s")
        port = int(re.search(r"127\.0\.0\.1:(\d+)", log.read_text()).group(1))  # type: ignore[union-attr]
        time.sleep(SETTLE := 3.0)  # let the background search refresh pass
        events = Events("127.0.0.1", port)
        articles = sorted((root / "content").glob("20*/*/*.md"))
        rows: list[tuple[str, float]] = []
        for i in range(args.edits):
            target = articles[len(articles) * (i + 1) // (args.edits + 2)]
            text = target.read_text()
            saved = time.perf_counter()
            builds = log.read_text().count("rendered in")
            target.write_text(text.replace("\n---\n\n", f"\n---\n\nEdit number {i}. ", 1))
            rows.append(("article body edit", (events.wait_for(b"event: reload") - saved) * 1000))
            while log.read_text().count("rendered in") == builds:  # the incremental build behind it
                time.sleep(0.1)
            rows.append(("  ...indexes settled", (time.perf_counter() - saved) * 1000))
            time.sleep(SETTLE)
            events.drain()
        layout = root / "layouts" / "article.html"
        layout.parent.mkdir(exist_ok=True)
        builtin = (ROOT / "builder" / "layouts" / "article.html").read_text()
        saved = time.perf_counter()
        layout.write_text(builtin.replace("min read", "minutes to read"))
        rows.append(("article layout edit", (events.wait_for(b"event: reload") - saved) * 1000))
        print(f"{'change':<22} {'save -> reload event':>22}")
        for name in dict.fromkeys(name for name, _ in rows):
            values = [ms for n, ms in rows if n == name]
            spread = f" (median of {len(values)}; min {min(values):.0f}, max {max(values):.0f})" \
                if len(values) > 1 else ""
            print(f"{name:<22} {statistics.median(values):>19.0f} ms{spread}")
        time.sleep(2)
        print("server log (last lines):")
        print("\n".join(log.read_text().splitlines()[-8:]))
    finally:
        server.terminate()
        server.wait(10)
        handle.close()


if __name__ == "__main__":
    main()
