"""The portal builds with either engine it supports: MkDocs 1.6.1 (the default) and ProperDocs
1.6.7, the maintained continuation of MkDocs 1.6 (same mkdocs.yml, plugins and hooks). Both
builds of the fixture site give the same files with the same bytes, but for the generator
each page names and Pagefind's index files (not byte-stable from one run to the next)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SITE_CONTENT, SITE_REPO_URL, SITE_URL, _project

pytestmark = pytest.mark.slow

ENGINES = ("mkdocs", "properdocs")
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
TIMEOUT = 300


def _build(engine: str, project: Path, site: Path) -> str:
    """``<engine> build --strict`` as people run it; its output (log and banners)."""
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    environment |= {
        "ACSG_CONTENT": str(SITE_CONTENT),
        "ACSG_TODAY": "2026-11-23",
        "ACSG_REPO_URL": SITE_REPO_URL,
        "ACSG_SITE_URL": SITE_URL,
    }
    done = subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"{engine} build failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): GENERATOR.sub(b"", path.read_bytes())
        for path in sorted(site.rglob("*"))
        if path.is_file() and "pagefind" not in path.relative_to(site).parts
    }


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    built = {}
    for engine in ENGINES:
        project = _project(tmp_path_factory.mktemp(f"project-{engine}"))
        site = project / "site"
        built[engine] = site, _build(engine, project, site)
    return built


def test_both_engines_build_the_same_site(sites):
    mkdocs, properdocs = (_files(sites[engine][0]) for engine in ENGINES)
    assert set(mkdocs) == set(properdocs)
    differing = [name for name in mkdocs if mkdocs[name] != properdocs[name]]
    assert not differing, f"{len(differing)} file(s) differ, e.g. {differing[:5]}"
    assert "fr/roster/atlantis-registration-expertise/index.html" in mkdocs  # all kinds built
    for engine in ENGINES:  # each language has its search index
        entry = json.loads((sites[engine][0] / "pagefind" / "pagefind-entry.json").read_bytes())
        assert set(entry["languages"]) == {"en", "fr", "es"}, engine


def test_pages_name_the_engine_that_built_them(sites):
    generator = {
        engine: GENERATOR.search((sites[engine][0] / "index.html").read_bytes())
        for engine in ENGINES
    }
    assert generator["mkdocs"] and b"mkdocs-1.6.1" in generator["mkdocs"].group()
    assert generator["properdocs"] and b"ProperDocs 1.6.7" in generator["properdocs"].group()
