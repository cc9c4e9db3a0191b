"""`acsg site-size`: the step of the Pages workflow that refuses a site too big for the host."""

from __future__ import annotations

from pathlib import Path

import pytest

from acsg.cli import main
from acsg.sitesize import MB, SiteSize, measure, problems


def _site(tmp_path: Path, files: int, size: int) -> Path:
    site = tmp_path / "site"
    for number in range(files):
        path = site / f"folder-{number % 3}" / f"page-{number}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)
    return site


def test_measure_counts_every_file_and_its_bytes(tmp_path: Path) -> None:
    site = _site(tmp_path, 7, 1000)
    (site / "empty").mkdir()
    assert measure(site) == SiteSize(7000, 7)


def test_problems_name_the_figure_and_the_limit() -> None:
    assert problems(SiteSize(900 * MB, 100_000), 900, 100_000) == []
    assert problems(SiteSize(900 * MB + 1, 100_001), 900, 100_000) == [
        "the site is 900.0 MB, over the limit of 900 MB",
        "the site has 100,001 files, over the limit of 100,000",
    ]
    assert problems(SiteSize(10**12, 10**9), None, None) == []


def test_the_command_passes_a_site_that_fits(tmp_path: Path, capsys) -> None:
    site = _site(tmp_path, 5, 200_000)
    assert main(["site-size", str(site), "--max-mb", "1.5", "--max-files", "5"]) == 0
    assert "1.0 MB in 5 files" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        (["--max-mb", "0.9"], "the site is 1.0 MB, over the limit of 0.9 MB"),
        (["--max-files", "4"], "the site has 5 files, over the limit of 4"),
    ],
)
def test_the_command_fails_a_site_over_a_limit_and_says_what_to_do(
    tmp_path: Path, capsys, limits: list[str], message: str
) -> None:
    site = _site(tmp_path, 5, 200_000)
    assert main(["site-size", str(site), *limits]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "S3-compatible object store" in err and "Publishing a larger portal" in err


def test_the_command_fails_without_a_site(tmp_path: Path, capsys) -> None:
    assert main(["site-size", str(tmp_path / "site"), "--max-mb", "900"]) == 2
    assert "make site" in capsys.readouterr().out
