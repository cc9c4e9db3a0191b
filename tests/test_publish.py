"""`mkdocs build` as people run it, in a subprocess: a build writes nothing into the project and
nothing another build reads, and a build that fails leaves the site it would have replaced as it
was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SITE_CONTENT, SITE_REPO_URL, SITE_URL, _project

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
    )


def _build(project: Path, site: Path, environment: dict[str, str]) -> tuple[int, str]:
    process = _start(project, site, environment)
    output, _ = process.communicate(timeout=TIMEOUT)
    return process.returncode, output


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (compiled hooks aside: Python's, not ours)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def _previous_site(folder: Path) -> dict[str, bytes]:
    """A published site that a build is to replace: a few files are enough to compare."""
    (folder / "site" / "fr").mkdir(parents=True)
    (folder / "site" / "index.html").write_text("<p>the previous site</p>")
    (folder / "site" / "fr" / "index.html").write_text("<p>le site précédent</p>")
    return _files(folder / "site")


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
