"""`mkdocs build` as people run it, in a subprocess: a build writes nothing into the project and
nothing another build reads, publishes its site only once it is complete, and leaves the site it
would have replaced as it was, with no helper process and no temporary folder left, when it
fails or is stopped."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import SITE_CONTENT, SITE_REPO_URL, SITE_URL, _build_site, _project, _site_settings
from mkdocs.exceptions import Abort
from pagefind.service import get_executable

from acsg.models import KINDS
from acsg.validation import load_catalogue

pytestmark = pytest.mark.slow

TIMEOUT = 120  # seconds a fixture build may take on a slow machine (it takes a few)


def _environment(content: Path, temp: Path, **settings: str) -> dict[str, str]:
    """The build's settings; ``temp`` is its system temporary folder, to see what it leaves."""
    temp.mkdir(exist_ok=True)
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    return environment | {
        "ACSG_CONTENT": str(content),
        "ACSG_TODAY": "2026-11-23",
        "ACSG_REPO_URL": SITE_REPO_URL,
        "ACSG_SITE_URL": SITE_URL,
        "TMPDIR": str(temp),
        **settings,
    }


def _start(project: Path, site: Path, environment: dict[str, str]) -> subprocess.Popen[str]:
    """``mkdocs build --strict`` in a session of its own (its helpers are in that session); its
    output is MkDocs' log and messages (mkdocs prints some on stdout)."""
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        # Ctrl-C works as in a terminal even when the tests run where SIGINT is ignored (a
        # shell's background job), which the build would inherit.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _build(project: Path, site: Path, environment: dict[str, str]) -> tuple[int, str]:
    process = _start(project, site, environment)
    output, _ = process.communicate(timeout=TIMEOUT)
    return process.returncode, output


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (compiled hooks aside: Python's, not ours;
    and the git-ignored PDF cache, tested in test_reports.py)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.relative_to(folder).parts[:2] != (".cache", "printables")
    }


def _previous_site(folder: Path) -> dict[str, bytes]:
    """A published site that a build is to replace: a few files are enough to compare."""
    (folder / "site" / "fr").mkdir(parents=True)
    (folder / "site" / "index.html").write_text("<p>the previous site</p>")
    (folder / "site" / "fr" / "index.html").write_text("<p>le site précédent</p>")
    return _files(folder / "site")


def _running_in_session(session: int) -> list[str]:
    """The processes of ``session`` that still run (exited ones wait for their parent)."""
    running = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # it ended meanwhile
            continue
        state, _, _, sid = text.rsplit(")", 1)[1].split()[:4]
        if int(sid) == session and state != "Z":
            running.append(text.split(")", 1)[0] + ")")
    return running


def _no_process_left(session: int) -> list[str]:
    """Waits for the processes of ``session`` to end (a signal takes a moment to act) and
    returns those still running after a few seconds."""
    for _ in range(50):
        if not (running := _running_in_session(session)):
            return []
        time.sleep(0.1)
    return running


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "project").mkdir()
    return _project(tmp_path / "project")


def _other_content(folder: Path) -> Path:
    """The fixture content with one more organization and another version of its document."""
    content = folder / "other-content"
    shutil.copytree(SITE_CONTENT, content)
    (content / "files" / "fixture-checklist.txt").write_text("The other content's checklist\n")
    (content / "organizations" / "lemuria.yaml").write_text(
        (content / "organizations" / "atlantis.yaml")
        .read_text(encoding="utf-8")
        .replace("atlantis", "lemuria")
        .replace("MLT", "CYP"),
        encoding="utf-8",
    )
    return content


def test_two_builds_of_other_content_at_once_each_publish_their_own_site(tmp_path, project):
    other = _other_content(tmp_path)
    before = _files(project)
    builds = {
        content: _start(project, tmp_path / name, _environment(content, tmp_path / f"tmp-{name}"))
        for name, content in (("site-a", SITE_CONTENT), ("site-b", other))
    }
    for process in builds.values():
        output, _ = process.communicate(timeout=TIMEOUT)
        assert process.returncode == 0, output
    for name, content in (("site-a", SITE_CONTENT), ("site-b", other)):
        site = tmp_path / name
        document = (content / "files" / "fixture-checklist.txt").read_bytes()
        copies = list(site.rglob("fixture-checklist.txt"))
        assert copies, f"{name} has no copy of the document"
        for copy in copies:
            assert copy.read_bytes() == document, f"{copy} holds the other build's document"
        for kind, record in load_catalogue(content)[0].all():
            for lang in ("", "fr/", "es/"):
                page = site / lang / KINDS[kind].folder / record.id / "index.html"
                assert page.is_file(), f"{name} has no page {page}"
        assert (site / "organizations" / "lemuria").exists() == (content == other)
        assert not list(tmp_path.glob(f"tmp-{name}/*")), "a temporary folder is left"
    assert _files(project) == before, "a build wrote into the project"
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "other-content",
        "project",
        "site-a",
        "site-b",
        "tmp-site-a",
        "tmp-site-b",
    ]


def _wait_until_writing(process: subprocess.Popen[str], folder: Path) -> None:
    """Returns once the build has written its first files (the theme's assets) into ``folder``
    or a folder there, while it still runs."""
    deadline = time.monotonic() + TIMEOUT
    while not list(folder.glob("*/assets")):
        assert process.poll() is None, process.communicate()[0]
        assert time.monotonic() < deadline, "the build wrote nothing"
        time.sleep(0.02)


def _slow_search_index(folder: Path) -> dict[str, str]:
    """Settings that make the search index take a minute, as on a large site: Pagefind (run
    through its own setting for the binary) starts after a pause, so that the build is stopped
    while the index is being written."""
    pagefind = get_executable()
    assert pagefind is not None
    wrapper = folder / "slow-pagefind"
    wrapper.write_text(f'#!/bin/sh\nsleep 60\nexec "{pagefind}" "$@"\n')
    wrapper.chmod(0o755)
    return {"PAGEFIND_BINARY_PATH": str(wrapper)}


def _ctrl_c(process: subprocess.Popen[str]) -> None:
    """What Ctrl-C in a terminal does: SIGINT to every process of the foreground group."""
    os.killpg(process.pid, signal.SIGINT)


def _sigint(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGINT)


def _sigterm(process: subprocess.Popen[str]) -> None:
    """What a service manager or a CI runner cancelling a job sends to the build."""
    process.send_signal(signal.SIGTERM)


@pytest.mark.parametrize("stop", [_ctrl_c, _sigint, _sigterm], ids=["Ctrl-C", "SIGINT", "SIGTERM"])
def test_a_stopped_build_leaves_the_previous_site_and_nothing_else(tmp_path, project, stop):
    published = tmp_path / "published"
    previous = _previous_site(published)
    environment = _environment(SITE_CONTENT, tmp_path / "tmp", **_slow_search_index(tmp_path))
    process = _start(project, published / "site", environment)
    try:
        _wait_until_writing(process, published)
        helpers = _running_in_session(process.pid)
        assert len(helpers) > 1, f"no helper to stop: {helpers}"
        stop(process)
        output, _ = process.communicate(timeout=TIMEOUT)
    finally:
        if process.returncode is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode != 0, "the build ended before it was stopped: " + output
    assert "Traceback" not in output
    assert _no_process_left(process.pid) == [], "helpers of the stopped build still run"
    assert _files(published / "site") == previous
    assert [path.name for path in published.iterdir()] == ["site"]
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_failing_search_index_leaves_the_previous_site_and_fails_the_build(tmp_path, project):
    """Built in this process, as the other tests and the benchmarks build: MkDocs reports the
    failure to the hooks, with no command around the build to clean up after it."""
    published = tmp_path / "published"
    previous = _previous_site(published)
    patch = _site_settings(project, SITE_CONTENT)
    # Pagefind's own setting for the binary it runs: one that stops at once, as a crash would.
    patch.setenv("PAGEFIND_BINARY_PATH", shutil.which("false") or "false")
    (tmp_path / "tmp").mkdir()
    patch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    try:
        with pytest.raises(Abort):
            _build_site(project, published / "site")
    finally:
        patch.undo()
    assert multiprocessing.active_children() == []
    assert _files(published / "site") == previous
    assert [path.name for path in published.iterdir()] == ["site"]
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_strict_build_with_warnings_publishes_nothing(tmp_path, project):
    """MkDocs fails such a build after every hook has run: the site must not be published."""
    (project / "docs" / "broken.md").write_text("# Broken\n\n[a page](no-such-page.md)\n")
    published = tmp_path / "published"
    previous = _previous_site(published)
    environment = _environment(SITE_CONTENT, tmp_path / "tmp", ACSG_ONLY_LANGUAGE="en")
    status, output = _build(project, published / "site", environment)
    assert status != 0
    assert "no-such-page.md" in output and "strict mode" in output
    assert _files(published / "site") == previous
    assert [path.name for path in published.iterdir()] == ["site"]
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_language_whose_build_fails_fails_the_whole_build(tmp_path, project):
    """Issue 17: French is built in a process of its own; a warning in strict mode there (a
    page only French has, with a broken link) fails the build, which publishes nothing and
    leaves no process and no folder of the languages behind."""
    (project / "docs" / "broken.fr.md").write_text("# Cassé\n\n[une page](no-such-page.md)\n")
    published = tmp_path / "published"
    previous = _previous_site(published)
    process = _start(project, published / "site", _environment(SITE_CONTENT, tmp_path / "tmp"))
    try:
        output, _ = process.communicate(timeout=TIMEOUT)
    finally:
        if process.returncode is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode != 0
    assert "no-such-page.md" in output and "strict mode" in output
    assert "the build of the pages in fr (exit 1) failed" in output
    assert "Traceback" not in output
    assert _no_process_left(process.pid) == []
    assert _files(published / "site") == previous
    assert [path.name for path in published.iterdir()] == ["site"]
    assert list((tmp_path / "tmp").iterdir()) == []


def _invalid_content(folder: Path) -> Path:
    """The fixture content with an organization of a type the vocabulary does not know."""
    content = folder / "invalid-content"
    shutil.copytree(SITE_CONTENT, content)
    path = content / "organizations" / "atlantis.yaml"
    path.write_text(path.read_text().replace("type: state", "type: sovereign-state"))
    return content


def _missing_content(folder: Path) -> Path:
    return folder / "no-such-content"


@pytest.mark.parametrize(
    "content", [_invalid_content, _missing_content], ids=["invalid", "missing"]
)
def test_a_build_of_invalid_content_prints_the_validators_lines_only(
    tmp_path, project, content, monkeypatch
):
    root = content(tmp_path)
    monkeypatch.chdir(project)  # the validator names files relative to the working folder
    expected = [str(problem) for problem in load_catalogue(root)[1]]
    assert expected
    published = tmp_path / "published"
    previous = _previous_site(published)
    status, output = _build(project, published / "site", _environment(root, tmp_path / "tmp"))
    assert status != 0
    assert "Traceback" not in output
    printed = [line.strip() for line in output.splitlines()]
    assert all(line in printed for line in expected), output
    assert _files(published / "site") == previous
    assert [path.name for path in published.iterdir()] == ["site"]
