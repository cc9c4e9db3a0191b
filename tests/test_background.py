"""Work done beside MkDocs in `mkdocs build`: pages rendered by a forked process ahead of
MkDocs, data files and search index written by forked processes. What they give must be what
the same work gives in one process, and a failure must stop the build with its reason."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest

from acsg.background import LOW, SHARED, BackgroundError, InBackground
from acsg.demo import write_demo_data
from acsg.languages import LanguageBuilds
from acsg.render import build
from acsg.render.build import GeneratedPages, RenderingError
from acsg.render.pages import Page
from acsg.validation import load_catalogue

TODAY = date(2026, 11, 23)


def test_pages_rendered_in_the_background_are_the_pages_rendered_on_demand(tmp_path):
    write_demo_data(60, tmp_path)
    catalogue, problems = load_catalogue(tmp_path)
    assert problems == []
    ahead = GeneratedPages(catalogue, TODAY, background=True)
    on_demand = GeneratedPages(catalogue, TODAY, background=False)
    assert ahead.sources == on_demand.sources
    # Asked for in another order than they are rendered: the last first.
    for source in reversed(ahead.sources):
        assert ahead.text(source) == on_demand.text(source), source
    with pytest.raises(KeyError):
        ahead.text("_generated/no-such-page.md")
    # A build reads each page once: the background renderer's texts are let go when read
    # (issue 17: memory); `mkdocs serve`, rendering on demand, gives a page again on a rebuild.
    with pytest.raises(KeyError):
        ahead.text(ahead.sources[0])
    assert on_demand.text(on_demand.sources[0]) == on_demand.text(on_demand.sources[0])


def test_a_page_that_cannot_be_rendered_stops_the_build_with_its_reason(tmp_path, monkeypatch):
    write_demo_data(20, tmp_path)
    catalogue, _ = load_catalogue(tmp_path)

    def broken(lang: str) -> str:
        raise ValueError(f"no template for the {lang} page")

    monkeypatch.setattr(build, "site_pages", lambda *_: [Page("broken", broken)])
    pages = GeneratedPages(catalogue, TODAY, background=True)
    with pytest.raises(RenderingError, match="no template for the en page"):
        pages.text("_generated/broken.md")


def _write(folder: Path) -> None:
    (folder / "api").mkdir()
    (folder / "api" / "index.json").write_text("{}")
    (folder / "fr").mkdir()
    (folder / "fr" / "feed.xml").write_text("<feed/>")


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, as the work sees it: empty, to see what is left in it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_background_files_land_in_the_site_beside_its_pages(tmp_path, temp):
    site = tmp_path / "site"
    (site / "fr").mkdir(parents=True)
    (site / "fr" / "index.html").write_text("page")
    work = InBackground("writing the data files", _write)
    work.finish(site)
    assert (site / "api" / "index.json").read_text() == "{}"
    assert (site / "fr" / "feed.xml").read_text() == "<feed/>"
    assert (site / "fr" / "index.html").read_text() == "page"
    assert list(temp.iterdir()) == []  # no temporary folder left


def _fail(folder: Path) -> None:
    raise OSError("disk full")


def test_background_work_that_fails_fails_the_build_and_leaves_nothing_behind(tmp_path, temp):
    site = tmp_path / "site"
    work = InBackground("writing the search index", _fail)
    with pytest.raises(BackgroundError, match="writing the search index failed"):
        work.finish(site)
    assert not site.exists()
    assert list(temp.iterdir()) == []


def _start_a_program(folder: Path) -> None:
    """Work that runs a program of its own, as the search index runs Pagefind."""
    program = subprocess.Popen(["sleep", "60"])
    (folder / "pid").write_text(str(program.pid))
    program.wait()


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_stopping_background_work_stops_the_programs_it_started(temp):
    work = InBackground("writing the search index", _start_a_program)
    while not (started := list(temp.glob("*/pid"))) or not started[0].read_text():
        time.sleep(0.01)
    program = int(started[0].read_text())
    assert _running(program)
    work.cancel()
    for _ in range(50):  # the signal takes a moment to act
        if not _running(program):
            break
        time.sleep(0.1)
    assert not _running(program)
    assert list(temp.iterdir()) == []


def _priority(folder: Path) -> None:
    (folder / "niceness").write_text(str(os.nice(0)))


def _language_priority(locale: str, folder: Path) -> None:
    (folder / f"niceness-{locale}").write_text(str(os.nice(0)))


def test_the_default_languages_build_comes_first_on_the_cores(tmp_path, temp):
    """Issue 17: MkDocs' process (the default language's build, which waits for its page
    renderer) and the renderer keep the normal priority; the other languages' builds and the
    search index yield to them a little, the data files most (with equal shares, the default
    language's build finished last while a core stood idle)."""
    own = os.nice(0)
    write_demo_data(5, tmp_path / "content")
    catalogue, _ = load_catalogue(tmp_path / "content")
    renderer = GeneratedPages(catalogue, TODAY, background=True)
    try:
        assert renderer._process is not None and renderer._process.pid is not None
        assert os.getpriority(os.PRIO_PROCESS, renderer._process.pid) == own
    finally:
        renderer.close()
    data, search = tmp_path / "data", tmp_path / "search"
    InBackground("writing the data files", _priority).finish(data)
    InBackground("writing the search index", _priority, SHARED).finish(search)
    assert int((data / "niceness").read_text()) == min(own + LOW, 19)
    assert int((search / "niceness").read_text()) == min(own + SHARED, 19)
    staged = tmp_path / "staged"
    staged.mkdir()
    LanguageBuilds(staged, ["fr", "es"], _language_priority).finish(staged)
    for locale in ("fr", "es"):
        assert int((staged / f"niceness-{locale}").read_text()) == min(own + SHARED, 19)
