"""Process pools for the build's two parallel steps, parsing content and rendering pages.

Workers fork from the build process: they inherit the site model, the compiled layouts and the
render plan without copying them, and are sent item numbers only."""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress
from itertools import islice
from typing import TypeVar

from builder.cache import forget_inherited_locks

PARALLEL_FROM = 200  # below this many files a process pool costs more than it saves
CHUNK = 64
T = TypeVar("T")
R = TypeVar("R")


COLLECT_EVERY = (100_000, 50, 100)  # allocations between cyclic collections, by generation


@contextmanager
def fewer_collections() -> Iterator[None]:
    """A build makes millions of objects that live until it ends (the site model, the page
    list): the cyclic collector's default, a pass every 700 allocations, walks them again and
    again (1.3 s of an edit's 6.8 s of loading at 100,000 articles). It finds no garbage there."""
    before = gc.get_threshold()
    gc.set_threshold(*COLLECT_EVERY)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done, then act: a commit moving a rebuild's
    files into the site, stopped halfway, would leave a site half old and half new. Only the main
    thread takes signals; in another (the dev server's builds) the block simply runs, and the
    server waits for it before it stops (DevServer.close)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    wanted = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda number, _: caught.append(number)) for number in wanted}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if caught:
            signal.raise_signal(caught[0])  # now, with its own handler


def interrupt(number: int, frame: object) -> None:
    """SIGTERM as Ctrl-C: the same clean stop (a line, the site as it was), not a sudden death."""
    raise KeyboardInterrupt


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def pool_map(function: Callable[[T], R], items: Iterable[T], workers: int, *, parallel: bool,
         chunksize: int) -> Iterator[R]:
    """``map`` over a process pool when the work is large enough to pay for it."""
    if not parallel or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        # Not map(): a StopIteration escaping ``function`` would end map's iteration quietly
        # (pages left unrendered); raised in this generator it becomes a RuntimeError.
        for item in items:
            yield function(item)
        return
    # Forked workers share the parent's memory (the site model, the render plan) for free, as
    # long as nothing writes to it: frozen objects are left alone by the workers' garbage
    # collector, which would otherwise walk (and so copy) all of them.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_start_worker) as pool:
            # The workers are forked by the first submit, which map makes at once: with Ctrl-C
            # blocked meanwhile, none can take it before it ignores it (a worker's traceback,
            # then a pool that never finishes); the build process takes it once they exist.
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            try:
                results = pool.map(function, items, chunksize=chunksize)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            yield from results
    finally:
        gc.unfreeze()


def aside(function: Callable[[], R]) -> Callable[[], R]:
    """Start ``function`` in a forked process, which inherits all it reads (nothing is sent to
    it), while the caller goes on; the callable returned waits for its result. Where there is no
    fork, or the process failed, the function runs when asked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return function
    reader, writer = os.pipe()
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})  # (see pool_map)
    try:
        pid = os.fork()
    except OSError:  # (no process to be had: Ctrl-C must still reach this one)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(reader)
        os.close(writer)
        return function
    if pid == 0:
        code = 1
        try:
            os.close(reader)
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            with os.fdopen(writer, "wb") as pipe:
                pickle.dump(function(), pipe, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)  # no cleanup of the parent's state: it is the parent's
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    os.close(writer)

    def result() -> R:
        try:
            with os.fdopen(reader, "rb") as pipe:
                data = pipe.read()
        finally:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)  # (stopped waiting early: Ctrl-C)
            os.waitpid(pid, 0)
        return pickle.loads(data) if data else function()

    return result


def _start_worker() -> None:
    # Ctrl-C reaches the whole process group: the build process stops the pool; a worker that
    # took it too would print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # (blocked by the fork: pool_map)
    forget_inherited_locks()
    gc.set_threshold(*COLLECT_EVERY)  # as the build that forked it (a pool outside one too)
