"""Fuzzing the importer with mutated wire texts (seeded, reproducible: HARDENING_SEED=N to vary).

Starting from the real-shaped fixtures, each case truncates, duplicates, shuffles or drops lines,
inserts random bytes, NUL bytes or a 100,000-character line, re-encodes (UTF-16, latin-1, cp1252,
Shift-JIS...), or empties the input. For every case:

- ``run_import`` never raises;
- every input is accounted for: it imports, or is reported failed with a non-empty reason;
- whatever it writes stays in content/ and builds (or fails only with path:line errors), and the
  built pages hold no active content;
- importing the same inputs again leaves content/ byte for byte as it was.
"""

from __future__ import annotations

import os
import random
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from builder.importer.dates import front_matter_date
from builder.importer.run import STATUSES, ImportOptions, ImportReport, run_import
from tests.hardening.support import FIXTURES, build_or_errors, count, note, site_active_content, snapshot

SEED = int(os.environ.get("HARDENING_SEED", "20250322"))
CASES = 300
BATCH = 10
SOURCES = [*sorted((FIXTURES / "wire").iterdir()), FIXTURES / "seed_menafn.txt"]
HOSTILE_LINES = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "[click](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2Zz4=)", "{{ 7*7 }} {% for x in y %}", "---", "...", "title: injected",
    "# heading", "    indented code", "```", "<!--", "| a | b |", "- item", "1. item", "> quote", "\\",
    "MENAFN01012025000000000000ID1", "Legal Disclaimer:", "(MENAFN- <b>Bold</b>)", "&amp;&#0;&#x110000;",
    "Saturday 31 February 2025 25:61 GMT", "Monday 1 January 0001 00:00 GMT", "\u202e\u2066RTL\u2069",
    "\u200b\u200d\ufeff", "\U0001f600" * 30, "KUWAIT, Jan 5 (KUNA) -- ", "WASHINGTON (AP) \u2014",
]

Mutator = Callable[[random.Random, bytes], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def duplicate_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        lines[i:i] = [lines[i]] * rng.randint(1, 3)
    return b"\n".join(lines)


def shuffle_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    rng.shuffle(lines)
    return b"\n".join(lines)


def drop_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    return b"\n".join(line for line in lines if rng.random() > 0.3)


def random_bytes(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.randbytes(rng.randint(1, 12)) + data[at:]
    return data


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 10)):
        if buffer:
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def long_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    lines.insert(rng.randrange(len(lines) + 1), rng.choice([b"x", b"word ", "\u00e9".encode()]) * 100_000)
    return b"\n".join(lines)[: 100_000 + len(data) + 10]


def nul_bytes(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"\x00" * rng.randint(1, 3) + data[at:]


def empty(rng: random.Random, data: bytes) -> bytes:
    return rng.choice([b"", b" ", b"\n\n\n", b"\t \r\n", "\ufeff".encode(), b"\x0c"])


def line_endings(rng: random.Random, data: bytes) -> bytes:
    return data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n", b"\x85", "\u2028".encode()]))


def hostile_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines) + 1)
        hostile = rng.choice(HOSTILE_LINES).encode()
        if rng.random() < 0.5 and i < len(lines):
            lines[i] = lines[i] + b" " + hostile  # inside a title, a date line or a paragraph
        else:
            lines.insert(i, hostile)
    return b"\n".join(lines)


def corrupt_digits(rng: random.Random, data: bytes) -> bytes:
    head, digits = bytearray(data[:200]), b"0123456789"
    for i, byte in enumerate(head):
        if byte in digits and rng.random() < 0.4:
            head[i] = rng.choice(digits)
    return bytes(head) + data[200:]


def twice(rng: random.Random, data: bytes) -> bytes:
    return data + rng.choice([b"\n", b"\n\n", b""]) + data


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "replace")


def reencode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    encoding = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "shift_jis",
                           "mac_roman", "koi8-r", "gb18030", "utf-8-sig", "utf-7"])
    if encoding == "shift_jis":
        text = text.replace("the", "\u65e5\u672c\u8a9e\u306e")  # some Japanese to encode
    if encoding == "koi8-r":
        text = text.replace("the", "\u0440\u0443\u0441")
    return _encode(text, encoding)


def mixed_encodings(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    cut = rng.randrange(len(text) + 1)
    return _encode(text[:cut], "utf-8") + _encode(text[cut:] + " caf\u00e9 \u00e0 \u20ac", "cp1252")


MUTATORS: list[Mutator] = [truncate, duplicate_lines, shuffle_lines, drop_lines, random_bytes, flip_bytes,
                           long_line, nul_bytes, empty, line_endings, hostile_lines, corrupt_digits, twice,
                           reencode, mixed_encodings]


def mutate(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    applied = rng.sample(MUTATORS, rng.choice([1, 1, 1, 2, 2, 3]))
    for mutator in applied:
        data = mutator(rng, data)
    return data, [m.__name__ for m in applied]


def account(report: ImportReport, inputs: dict[str, str]) -> None:
    """Every input has an outcome; a failure says why."""
    for outcome in report.outcomes:
        assert outcome.status in STATUSES, outcome
        if outcome.status == "failed":
            assert outcome.reason.strip(), outcome
            count("fuzzed inputs: failures (with a reason)")
            note("importer failure reasons", outcome.reason[:100], limit=30)
        else:
            assert outcome.path.startswith("content/"), outcome
    for path, how in inputs.items():
        mine = [o for o in report.outcomes if o.origin == path or o.origin.startswith(path + ":")]
        assert mine, f"no outcome for {path} ({how})"


def run_batch(rng: random.Random, batch: int, folder: Path) -> None:
    root = folder / "project"
    inbox = folder / "inbox"
    (root / "content").mkdir(parents=True)
    inbox.mkdir()
    inputs: dict[str, str] = {}
    for i in range(BATCH):
        source = rng.choice(SOURCES)
        data, applied = mutate(rng, source.read_bytes())
        suffix = source.suffix if rng.random() < 0.8 else rng.choice([".txt", ".html", ".jsonl", ""])
        path = inbox / f"{i:02d}-{'-'.join(applied)}{suffix}"
        path.write_bytes(data)
        inputs[str(path)] = f"{source.name} + {', '.join(applied)}"
        count("fuzzed inputs")
        for name in applied:
            count(f"fuzzed inputs: mutation {name}")
    fmt = rng.choice(["auto"] * 6 + ["menafn", "text", "html", "jsonl"])
    day = rng.choice([None, None, date(2024, 2, 29)])
    options = ImportOptions(root=root, paths=(str(inbox),), workers=1, format=fmt, date=day)
    try:
        report = run_import(options)
    except Exception as exc:  # the property: never this
        raise AssertionError(f"run_import raised {exc!r} (seed {SEED}, batch {batch}, format {fmt}); "
                             f"inputs: {inputs}") from exc
    account(report, inputs)
    written = {o.path for o in report.outcomes if o.status in ("created", "updated")}
    count("fuzzed inputs: imported", len(written))
    for rel in written:
        assert (root / rel).resolve().is_relative_to((root / "content").resolve())
    outcome = build_or_errors(root, "fuzzed import")
    if isinstance(outcome, list):
        count("fuzzed batches: build failed (path:line errors)")
        for line in outcome:
            note("imported files that do not build", line[:200])
    else:
        count("fuzzed batches: built")
        assert site_active_content(root / "site") == []
    before = snapshot(root / "content")
    again = run_import(options)
    assert snapshot(root / "content") == before, f"a second import changed content/ (seed {SEED}, batch {batch})"
    count("fuzzed batches: re-import left content/ as it was")
    # Two versions of one article (same source id) in one folder: the last wins, every time, and
    # each import reports the file "updated" again.
    rewritten = [o for o in again.outcomes if o.status in ("created", "updated")]
    if rewritten:
        count("fuzzed batches: re-import rewrote a file with the same bytes (two inputs, one article)")


@pytest.mark.parametrize("batch", range(CASES // BATCH))
def test_mutated_wire_texts(batch: int) -> None:
    rng = random.Random(SEED * 1000 + batch)
    with tempfile.TemporaryDirectory(prefix="hardening-fuzz-") as folder:
        run_batch(rng, batch, Path(folder))


NAMED = {
    "empty": b"",
    "whitespace": b" \n\t\r\n",
    "nul": b"Monday 1 January 2024 10:00 GMT\n\nTitle\x00here\n\nBody.\n",
    "long line": b"Monday 1 January 2024 10:00 GMT\n\nA title\n\n" + b"word " * 20_000 + b"\n",
    "utf-16": "Monday 1 January 2024 10:00 GMT\n\nA title\n\nBody text.\n".encode("utf-16"),
    "shift-jis": "2024\u5e741\u67081\u65e5\n\n\u65e5\u672c\u8a9e\u306e\u30bf\u30a4\u30c8\u30eb\n\n"
                 "\u672c\u6587\u3067\u3059\u3002\n".encode("shift_jis"),
    "latin-1": "Monday 1 January 2024 10:00 GMT\n\nCaf\u00e9 r\u00e9sum\u00e9\n\nNa\u00efve body.\n"
               .encode("latin-1"),
    "only a date": b"Monday 1 January 2024 10:00 GMT\n",
    "only a title": b"A title alone\n",
    "html with script": b"<html><head><title>X</title><script>alert(1)</script></head>"
                        b"<body><h1>Headline here</h1><p>Text <img src=x onerror=alert(1)> body.</p></body></html>",
    "jsonl garbage": b'{"title": 1, "date": [], "body": {}}\n{"title": "t", "date": "2024-13-45", "body": "b"}\n[]\n',
    "jsonl huge number": b'{"title": "T", "date": 1e999, "body": "b", "tags": [null, 1, "x"]}\n',
    "html entities": b"<html><body><h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1><p>&#0;&#xD800;</p></body></html>",
}


@pytest.mark.parametrize("name", sorted(NAMED))
def test_named_hostile_inputs(name: str, tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    suffix = ".jsonl" if name.startswith("jsonl") else ".html" if name.startswith("html") else ".txt"
    path = tmp_path / f"input{suffix}"
    path.write_bytes(NAMED[name])
    report = run_import(ImportOptions(root=root, paths=(str(path),), workers=1, date=date(2024, 1, 1)))
    count("named hostile inputs")
    account(report, {str(path): name})
    outcome = build_or_errors(root, "named hostile import")
    if not isinstance(outcome, list):
        assert site_active_content(root / "site") == []


CALENDAR_ENDS = {
    "year one, east of UTC": b"Monday 1 January 0001 01:00 JST\n\nAncient story here\n\n(MENAFN) The body.\n",
    "year 9999, west of UTC": b"Friday 31 December 9999 23:00 EST\n\nFuture story here\n\n(MENAFN) The body.\n",
    "jsonl, year 9999": b'{"title": "Future story", "date": "9999-12-31T23:00:00-05:00", "body": "The body."}\n',
}


@pytest.mark.parametrize("name", sorted(CALENDAR_ENDS))
def test_dates_at_the_ends_of_the_calendar_are_reported_not_raised(name: str, tmp_path: Path) -> None:
    count("named hostile inputs")
    path = tmp_path / ("input.jsonl" if name.startswith("jsonl") else "input.txt")
    path.write_bytes(CALENDAR_ENDS[name])
    (tmp_path / "project" / "content").mkdir(parents=True)
    report = run_import(ImportOptions(root=tmp_path / "project", paths=(str(path),), workers=1))
    account(report, {str(path): name})


def test_an_imported_date_before_year_1000_builds(tmp_path: Path) -> None:
    count("named hostile inputs")
    path = tmp_path / "input.txt"
    path.write_bytes(b"Wednesday 1 May 0999 10:00 GMT\n\nOld story here\n\n(MENAFN) The body of the story.\n")
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    report = run_import(ImportOptions(root=root, paths=(str(path),), workers=1))
    assert [o.status for o in report.outcomes] == ["created"], report.outcomes
    outcome = build_or_errors(root, "year 999 import")
    assert not isinstance(outcome, list), outcome


def test_front_matter_dates_are_padded_and_the_site_zone_is_checked(tmp_path: Path) -> None:
    """Regressions for the two tests above: years before 1000 keep four digits; a date that is
    in range in UTC but not in the site zone fails that one input, with a reason."""
    assert front_matter_date(datetime(999, 5, 1, 10, tzinfo=UTC)) == "0999-05-01T10:00:00Z"
    assert front_matter_date(datetime(1, 1, 1, 9, 30, 5, tzinfo=timezone(timedelta(hours=9)))) == \
        "0001-01-01T00:30:05Z"
    assert front_matter_date(datetime(2024, 5, 1, 10, 7, tzinfo=UTC)) == "2024-05-01T10:07:00Z"
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.archive]\ntimezone = "Pacific/Kiritimati"\n')
    path = tmp_path / "input.txt"
    path.write_bytes(b"Friday 31 December 9999 20:00 GMT\n\nFuture story here\n\n(MENAFN) The body.\n")
    report = run_import(ImportOptions(root=root, paths=(str(path),), workers=1))
    assert [(o.status, o.reason) for o in report.outcomes] == [
        ("failed", "the date 9999-12-31T20:00:00+00:00 leaves years 1-9999 in UTC or in the site time zone")]
