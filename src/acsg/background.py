"""Work done by forked processes while MkDocs builds the pages on the other core.

Every helper runs in a process group of its own: stopping it stops what it started too (the
Pagefind service), and a Ctrl-C in the terminal reaches MkDocs' process only, which stops its
helpers itself. Forking is only safe in a process that runs no other thread: the hooks use this
for ``mkdocs build`` only (``mkdocs serve`` does the same work in its own process).

``InBackground`` writes files in a forked process, at a lower priority than MkDocs' own, into a
temporary folder of the system's; ``finish`` moves what it wrote into the site being built.

Priorities (``os.nice``; issue 17): the default language's build, in MkDocs' process, and its
page renderer run at the normal priority; the other languages' builds and the search index, long
chains of work, a little lower (``SHARED``); the data files and PDFs, short, lowest
(``LOW``). With equal shares, the default language's build, which waits for its renderer,
finished last, alone on the machine for the last 30 s of a 10,000-record build.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import signal
import tempfile
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from pathlib import Path

SHARED = 3  # os.nice increments (see above)
LOW = 10


def _helper(niceness: int, target: Callable[..., object], *args: object) -> None:
    os.setpgid(0, 0)
    os.nice(niceness)
    # The handler MkDocs' process may have set for SIGTERM is not the helper's: stopped, it stops.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    target(*args)


def start_helper(target: Callable[..., object], *args: object, niceness: int = 0) -> BaseProcess:
    """``target(*args)`` in a forked process that leads its own process group, ``niceness``
    lower in priority than this one.

    The objects made so far are moved out of the garbage collector's reach first (``gc.freeze``):
    its passes would write into every one of them, in each process, and so copy the memory the
    processes share (the catalogue, the pages) into each of them."""
    gc.freeze()
    context = multiprocessing.get_context("fork")
    process = context.Process(target=_helper, args=(niceness, target, *args), daemon=True)
    process.start()
    return process


def stop_helper(process: BaseProcess) -> None:
    """Stop ``process`` and every process it started, if it is still running; wait for it."""
    if process.is_alive():
        assert process.pid is not None  # it has started, so it has a pid
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:  # so early that it leads no group yet (nor started anything)
            process.terminate()
    process.join()


def move_into(source: Path, target: Path) -> None:
    """Move everything under ``source`` into ``target``: whole folders where ``target`` has
    none of that name, file by file where it has (renamed when both are on one file system)."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in sorted(source.iterdir()):
        destination = target / entry.name
        if entry.is_dir() and destination.is_dir():
            move_into(entry, destination)
        else:
            shutil.move(entry, destination)


class BackgroundError(RuntimeError):
    """Background work failed (its process printed why)."""


def _run(work: Callable[[Path], object], folder: Path, scratch: Path) -> None:
    # Temporary files of the work and of what it runs (a compiler that a library calls to find
    # another) go into a folder that is removed with the work, even when it is stopped midway.
    os.environ["TMPDIR"] = str(scratch)
    tempfile.tempdir = str(scratch)
    work(folder)


class InBackground:
    """``work(folder)`` in a forked process, ``niceness`` lower in priority than this one;
    ``finish`` waits and moves ``folder`` into a site."""

    def __init__(self, what: str, work: Callable[[Path], object], niceness: int = LOW) -> None:
        self.what = what
        self._folder = Path(tempfile.mkdtemp(prefix="acsg-background-"))
        self._scratch = Path(tempfile.mkdtemp(prefix="acsg-background-tmp-"))
        try:
            self._process = start_helper(_run, work, self._folder, self._scratch, niceness=niceness)
        except BaseException:
            shutil.rmtree(self._folder)
            shutil.rmtree(self._scratch)
            raise

    def finish(self, site_dir: Path) -> None:
        """Wait for the work and move what it wrote into ``site_dir``."""
        try:
            self._process.join()
            if self._process.exitcode != 0:
                raise BackgroundError(f"{self.what} failed (exit {self._process.exitcode})")
            move_into(self._folder, site_dir)
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stop the work if it is still running and remove its folder."""
        stop_helper(self._process)
        shutil.rmtree(self._folder, ignore_errors=True)
        shutil.rmtree(self._scratch, ignore_errors=True)
