"""The site's languages built at once: ``mkdocs build`` builds the default language in its own
process and each other language in a forked process of its own, on the machine's other core,
each into a folder of its own beside the site; once all are built, the folders are merged into
the site language by language.

mkdocs-static-i18n builds the languages one after another into one folder, each build
overwriting what the earlier ones wrote at the same place (the theme's files, which are the
same for all): the merge does the same, in the same order, so the site is the same, byte for
byte (tests/test_site_build.py compares them).

A language's process leads a process group of its own (``acsg.background``): a Ctrl-C reaches
MkDocs' process only, which stops them. What a language's build logs goes to the terminal as
MkDocs' own messages do; a build that fails exits with status 1 and fails the whole build.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from pathlib import Path

from acsg.background import SHARED, move_into, start_helper, stop_helper


class LanguageBuildError(RuntimeError):
    """A language's build failed (its process said why)."""


class LanguageBuilds:
    """``build(locale, folder)`` for each of ``locales``, each in a forked process, each into
    a folder beside ``staged`` (the folder the site is built in) named after it and the
    language (``.site.building-1f2e3d4c5b6a-fr``): on the same file system, and known to
    .gitignore as the site being built is."""

    def __init__(
        self, staged: Path, locales: list[str], build: Callable[[str, Path], object]
    ) -> None:
        self._runs: list[tuple[str, Path, BaseProcess]] = []
        try:
            for locale in locales:
                folder = staged.with_name(f"{staged.name}-{locale}")
                folder.mkdir()
                try:
                    # A little behind the default language's build (acsg.background).
                    process = start_helper(build, locale, folder, niceness=SHARED)
                except BaseException:
                    shutil.rmtree(folder)
                    raise
                self._runs.append((locale, folder, process))
        except BaseException:
            self.cancel()
            raise

    def finish(self, site_dir: Path) -> None:
        """Wait for every language; merge their folders into ``site_dir``, in order."""
        try:
            failed = []
            for locale, _, process in self._runs:
                process.join()
                if process.exitcode != 0:
                    failed.append(f"{locale} (exit {process.exitcode})")
            if failed:
                raise LanguageBuildError(
                    f"the build of the pages in {', '.join(failed)} failed (see above)"
                )
            for _, folder, _ in self._runs:
                move_into(folder, site_dir)
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stop the languages' processes still running and remove their folders."""
        for _, folder, process in self._runs:
            stop_helper(process)
            shutil.rmtree(folder, ignore_errors=True)
