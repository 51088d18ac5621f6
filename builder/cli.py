"""The ``archive`` command: parses arguments, calls the pipeline, sets the exit code. No logic."""

from __future__ import annotations

import argparse
import atexit
import os
import signal
import sys
import threading
from collections.abc import Sequence
from contextlib import suppress
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from builder import __version__
from builder.check import add_check_command
from builder.errors import BuildFailed
from builder.importer.names import FORMATS
from builder.metrics import timings_report
from builder.pipeline import BuildOptions, build
from builder.progress import make_progress
from builder.views import plural
from builder.workers import interrupt


def run() -> NoReturn:
    """The ``archive`` command and ``python -m builder``: ``main``, then an end without the
    interpreter's teardown, which freed the build's objects one by one: 60-110 ms after a build
    of one edit in 10,000 articles (1.7-2.0 s in all on a slow day). What else the teardown does
    is done first: other threads joined, exit handlers run, output flushed."""
    code = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a profiler, coverage or a debugger: they save or report during the teardown
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # (a reader that went away: `archive build | head`)
            stream.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    signal.signal(signal.SIGTERM, interrupt)
    try:
        result: int = args.run(args)
    except KeyboardInterrupt:  # Ctrl-C: a line, not a traceback; builds stage, then commit uninterrupted
        print(f"archive {args.command}: interrupted; nothing was left half done", file=sys.stderr)
        return 130
    return result


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="archive", description="A static-site generator for news archives.")
    parser.add_argument("--version", action="version", version=f"archive {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build_cmd = commands.add_parser("build", help="build the site into ROOT/site/")
    build_cmd.add_argument("--root", type=project_folder, default=Path("."), help="project folder (default: .)")
    build_cmd.add_argument("--out", type=Path, help="output folder (default: ROOT/site)")
    build_cmd.add_argument("--base-url", help="public URL of the site, e.g. https://user.github.io/repo/")
    build_cmd.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    build_cmd.add_argument("--future", action="store_true", help="include articles dated after now")
    build_cmd.add_argument("--no-search", action="store_true", help="skip the search index")
    build_cmd.add_argument("--workers", type=workers_count, default=0,
                           help="processes to use (default: 0, one per core)")
    build_cmd.add_argument("--quiet", action="store_true", help="no progress bar")
    build_cmd.add_argument("--timings", action="store_true",
                           help="print where the time went: each step, each template's pages, peak memory")
    build_cmd.set_defaults(run=_build)

    import_cmd = commands.add_parser("import", help="turn raw wire copy into Markdown under content/")
    import_cmd.add_argument("paths", nargs="+", metavar="PATH",
                            help="files, folders, or - for standard input")
    import_cmd.add_argument("--root", type=project_folder, default=Path("."), help="project folder (default: .)")
    import_cmd.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    import_cmd.add_argument("--force", action="store_true", help="overwrite files edited since import")
    import_cmd.add_argument("--format", choices=("auto", *FORMATS), default="auto",
                            help="the inputs' format (default: auto, told from each input)")
    import_cmd.add_argument("--date", type=_iso_day, help="date for copy that gives none (YYYY-MM-DD)")
    import_cmd.add_argument("--workers", type=workers_count, default=0,
                            help="processes to use (default: 0, one per core)")
    import_cmd.add_argument("--quiet", action="store_true", help="no progress bar")
    import_cmd.set_defaults(run=_import)

    serve_cmd = commands.add_parser("serve", help="build and serve the site, rebuilding on changes")
    serve_cmd.add_argument("--root", type=project_folder, default=Path("."), help="project folder (default: .)")
    serve_cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve_cmd.add_argument("--port", type=_port, default=8000, help="port (default: 8000; 0 picks a free one)")
    serve_cmd.add_argument("--watch", action="store_true", help="rebuild on changes and reload browsers")
    serve_cmd.add_argument("--poll", action="store_true", help="watch by polling (where inotify fails)")
    serve_cmd.add_argument("--open", action="store_true", help="open the site in a browser")
    serve_cmd.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    serve_cmd.add_argument("--future", action="store_true", help="include articles dated after now")
    serve_cmd.add_argument("--workers", type=workers_count, default=0,
                           help="processes to use (default: 0, one per core)")
    serve_cmd.set_defaults(run=_serve)

    new_cmd = commands.add_parser("new", help="create a new article file and print its path")
    new_cmd.add_argument("title", help="the headline")
    new_cmd.add_argument("--root", type=project_folder, default=Path("."), help="project folder (default: .)")
    new_cmd.add_argument("--date", type=_iso_datetime, help="YYYY-MM-DD or an ISO 8601 date and time")
    new_cmd.add_argument("--actor", action="append", default=[], help="an actor (repeatable)")
    new_cmd.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    new_cmd.add_argument("--source", default="", help="the source, e.g. MENAFN")
    new_cmd.set_defaults(run=_new)

    add_check_command(commands, project_folder, workers_count)
    return parser


def project_folder(text: str) -> Path:
    """--root: a folder (or none yet, for a build to say so, or ``new`` to make); not a file."""
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a file; expected the project's folder")
    return path


def workers_count(text: str) -> int:
    """--workers: 0 for one per core, or a number of processes."""
    try:
        count = int(text)
    except ValueError:
        count = -1
    if count < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (one per core) or a number of processes, got {text!r}")
    return count


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: expected a number from 0 to 65535 "
                                          "(0 picks a free one)")
    return port


def _iso_datetime(text: str) -> date | datetime:
    try:
        if "T" in text:
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(_not_a_date(text, exc, "2025-03-22 or 2025-03-22T10:00:00Z")) from None


def _not_a_date(text: str, exc: ValueError, example: str) -> str:
    """What is wrong with a date of the right shape ("2025-02-30": day is out of range for month)
    is said; one of another shape is shown the shape."""
    if "isoformat" in str(exc):
        return f"{text!r} is not a date such as {example}"
    return f"{text!r} is not a real date: {exc}"


def _serve(args: argparse.Namespace) -> int:
    from builder.develop import ServeOptions, run

    return run(ServeOptions(root=args.root, host=args.host, port=args.port, watch=args.watch, poll=args.poll,
                            open_browser=args.open, drafts=args.drafts, future=args.future,
                            workers=args.workers))


def _new(args: argparse.Namespace) -> int:
    from builder.new import NewArticleError, new_article

    existed = args.root.exists()
    try:
        path = new_article(args.root.resolve(), args.title, args.date, args.actor, args.tag, args.source)
    except NewArticleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BuildFailed as failed:  # the settings: listed as a build lists them
        for error in failed.errors:
            print(error, file=sys.stderr)
        print(f"no article written: {plural(len(failed.errors), 'error')}", file=sys.stderr)
        return 1
    if not existed:  # a typo in --root silently started a project (as the importer says too)
        print(f"note: {args.root} did not exist: a new project is made there", file=sys.stderr)
    # As the shell that ran it sees it (an editor opens "$(archive new ...)"), not as the project does.
    here = Path.cwd()
    print(path.relative_to(here) if path.is_relative_to(here) else path)
    return 0


def _iso_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(_not_a_date(text, exc, "2025-03-22")) from None


def _import(args: argparse.Namespace) -> int:
    from builder.importer.run import ImportOptions, print_report, run_import  # loads the recognisers

    options = ImportOptions(root=args.root, paths=tuple(args.paths), dry_run=args.dry_run,
                            force=args.force, format=args.format, date=args.date, workers=args.workers,
                            progress=make_progress(args.quiet))
    stdin = sys.stdin.buffer.read() if "-" in args.paths else None
    if not args.root.exists():  # a typo in --root would silently start a project
        print(f"note: {args.root} does not exist: the import would make a new project there" if args.dry_run
              else f"note: {args.root} did not exist: a new project is made there", file=sys.stderr)
    try:
        report = run_import(options, stdin)
    except BuildFailed as failed:
        for error in failed.errors:
            print(error, file=sys.stderr)
        return 1
    print_report(report)
    return 1 if report.count("failed") else 0


def _build(args: argparse.Namespace) -> int:
    options = BuildOptions(root=args.root, out=args.out, base_url=args.base_url, drafts=args.drafts,
                           future=args.future, search=not args.no_search, workers=args.workers,
                           progress=make_progress(args.quiet))
    try:
        result = build(options)
    except BuildFailed as failed:
        for error in failed.errors:
            print(error, file=sys.stderr)
        out = args.out or args.root / "site"
        kept = "the previous site was left untouched" if (out / "index.html").is_file() else "no site was written"
        print(f"build failed: {plural(len(failed.errors), 'error')}; {kept}", file=sys.stderr)
        return 1
    search = {"off": "no search index", "indexed": "search indexed", "patched": "search patched",
              "unchanged": "search index unchanged", "cached": "search index from the cache"}[result.search]
    size = f", {result.size_bytes / 1e6:.1f} MB" if result.size_bytes else ""
    print(f"built {plural(result.articles, 'article')}, {plural(result.pages, 'page')} into {result.out} "
          f"in {result.seconds:.2f} s ({search}{size})")
    if result.held_note:
        print(f"note: {result.held_note}")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if result.size_warning:
        print(f"warning: {result.size_warning}", file=sys.stderr)
    if args.timings:
        print(timings_report(result.seconds, result.timings, result.templates))
    return 0
