"""Import benchmark: N raw MENAFN-style wire texts (made from the generated corpus) through
``archive import``, cold, then again (everything unchanged). Prints figures; asserts nothing.

    python scripts/bench_import.py [--count 10000] [--workers 0]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.gen import generate_corpus  # noqa: E402
from builder.importer.run import ImportOptions, run_import  # noqa: E402

DISCLAIMER = ("Legal Disclaimer:\nMENAFN provides the information \u201cas is\u201d without warranty "
              "of any kind.\n\nSearch\n")


def raw_text(markdown: str, number: int) -> str:
    """A MENAFN-shaped text with the generated article's title, date and body."""
    front, body = markdown.split("\n---\n", 1)
    title = re.search(r'^title: "(.*)"$', front, re.MULTILINE).group(1)  # type: ignore[union-attr]
    date = re.search(r"^date: (\S+)$", front, re.MULTILINE).group(1)  # type: ignore[union-attr]
    when = datetime.fromisoformat(date.replace("Z", "+00:00"))
    date_line = when.strftime("%A %-d %B %Y %H:%M") + " GMT" if when.utcoffset() is not None else ""
    body = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", body).replace("**", "")
    return (f"{date_line}\n\n{title.replace(chr(92), '')}\n\n\n(MENAFN- Bench Wire) {body.strip()}\n\n"
            f"MENAFN01012025{number:012d}ID{number:010d}\n\n\n{DISCLAIMER}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    generate_corpus(work / "gen", args.count, profiles=False)
    raw = work / "raw"
    raw.mkdir()
    for number, path in enumerate(sorted((work / "gen" / "content").rglob("*.md"))):
        (raw / f"{number:06d}.txt").write_text(raw_text(path.read_text("utf-8"), number), "utf-8")
    for label in ("cold", "again (unchanged)"):
        started = time.perf_counter()
        report = run_import(ImportOptions(root=work / "site", paths=(str(raw),), workers=args.workers))
        seconds = time.perf_counter() - started
        print(f"{label:>18}: {args.count:,} raw articles in {seconds:.1f} s "
              f"({args.count / seconds:,.0f}/s): {report.summary()}")
    print(f"(work folder: {work})")


if __name__ == "__main__":
    main()
