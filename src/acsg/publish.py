"""A site is built beside the one it replaces and takes its place only once it is complete.

``mkdocs build`` writes into a new folder beside the site folder (on the same file system, so
that it can be renamed); once every file is written, the published site is renamed aside, the
new folder renamed to its name and the old one removed. A build that fails, or that Ctrl-C or
SIGTERM stops, removes its folder and leaves the published site as it was.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

_STOPPING = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done, then act: a site is never left half
    swapped, nor a clean-up half done."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stop(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # the exit status of a process ended by that signal


def _beside(target: Path, state: str) -> Path:
    """A new hidden name beside ``target``, e.g. ``.site.building-1f2e3d4c5b6a``."""
    return target.with_name(f".{target.name}.{state}-{secrets.token_hex(6)}")


class StagedSite:
    """A folder to build a site in, beside the site ``target`` that ``publish`` replaces by it.

    While it exists, SIGTERM stops the process the way Ctrl-C does, by an exception that
    unwinds the build (whose hooks then stop the helper processes and ``discard`` the folder),
    instead of ending it on the spot with everything left behind.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        self.folder = _beside(target, "building")
        self.folder.mkdir()  # as MkDocs would make the site folder: permissions from the umask
        self._sigterm = signal.signal(signal.SIGTERM, _stop)

    def publish(self) -> None:
        """Put the finished site in the place of ``target`` and remove the site it replaces."""
        with signals_held():
            replaced = None
            if self.target.exists():
                replaced = _beside(self.target, "replaced")
                os.rename(self.target, replaced)
            try:
                os.rename(self.folder, self.target)
            except OSError:
                if replaced is not None:
                    os.rename(replaced, self.target)
                raise
            if replaced is not None:
                shutil.rmtree(replaced)
            signal.signal(signal.SIGTERM, self._sigterm)

    def discard(self) -> None:
        """Remove the folder, unpublished; the site at ``target`` stays as it was."""
        with signals_held():
            shutil.rmtree(self.folder, ignore_errors=True)
            signal.signal(signal.SIGTERM, self._sigterm)
