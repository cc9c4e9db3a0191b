"""The PDFs of the site: one per report and language, one brief per State and language.

They are written by a background job of the build (``hooks/portal.py``) beside the data files.
Making a PDF takes WeasyPrint a good part of a second; each is kept in a cache folder outside the
site (``.cache/printables/`` at the repository's root by default, git-ignored) under the hash of
what makes it: its standalone HTML (which holds every word, number and link it shows), the
fonts and the versions of WeasyPrint and of this module's layout. A build whose content did not
change what a PDF shows copies it from the cache instead of making it again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from acsg.briefs import render_brief, states
from acsg.catalogue import Catalogue
from acsg.locations import brief_pdf
from acsg.render.print import FONTS, to_html, to_pdf
from acsg.render.reports import render_report, report_pdf, report_title
from acsg.report import history
from acsg.vocab import LANGUAGES

LAYOUT_VERSION = "1"  # change to make every cached PDF again
STATS = "last-build.json"  # in the cache folder: PDFs made and reused by the last build


def printables_cache(root: Path) -> Path:
    """The PDFs' cache folder: ``$ACSG_PDF_CACHE``, else ``.cache/printables`` under ``root``."""
    given = os.environ.get("ACSG_PDF_CACHE")
    return Path(given) if given else root / ".cache" / "printables"


@dataclass
class Counts:
    made: int = 0
    reused: int = 0
    written: list[str] = field(default_factory=list)


def mkdocs_extra(config_file: Path = Path("mkdocs.yml")) -> dict[str, object]:
    """``extra:`` of mkdocs.yml, read without MkDocs (its ``!ENV`` tags are left as they are)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    settings = yaml.load(config_file.read_text(encoding="utf-8"), Loader=Loader)
    extra = settings.get("extra") if isinstance(settings, dict) else None
    return extra if isinstance(extra, dict) else {}


def secretariat_email(config_file: Path = Path("mkdocs.yml")) -> str:
    address = mkdocs_extra(config_file).get("secretariat_email")
    if not isinstance(address, str) or "@" not in address:
        raise ValueError(f"no extra: secretariat_email: in {config_file}")
    return address


@cache
def _tool_key() -> str:
    from weasyprint import __version__ as weasyprint_version

    digest = hashlib.sha256(f"{LAYOUT_VERSION} {weasyprint_version}".encode())
    for font in sorted(FONTS.glob("*.ttf")):
        digest.update(font.read_bytes())
    return digest.hexdigest()


def cached_pdf(html: str, cache_dir: Path | None, counts: Counts) -> Path | bytes:
    """The PDF of ``html``: a file of the cache (made now if missing) or, without a cache, its
    bytes."""
    if cache_dir is None:
        counts.made += 1
        return to_pdf(html)
    key = hashlib.sha256((_tool_key() + html).encode()).hexdigest()
    path = cache_dir / key[:2] / f"{key}.pdf"
    if path.exists():
        counts.reused += 1
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(to_pdf(html))
    temporary.replace(path)
    counts.made += 1
    return path


def documents(
    catalogue: Catalogue, today: date, site_url: str, email: str, languages: list[str]
) -> Iterator[tuple[str, Callable[[], str]]]:
    """(location, how to make its HTML) of every PDF of the site."""
    for period in history(catalogue, today):
        for lang in languages:

            def report(period: object = period, lang: str = lang) -> str:
                assert period is not None
                text = render_report(catalogue, period, today, lang, site_url=site_url)  # type: ignore[arg-type]
                title = report_title(catalogue, period, today, lang)  # type: ignore[arg-type]
                return to_html(text, title=title, lang=lang, secretariat_email=email)

            yield report_pdf(period, lang), report
    for code in states(catalogue):
        for lang in languages:

            def brief(code: str = code, lang: str = lang) -> str:
                text, title = render_brief(catalogue, code, today, lang, site_url=site_url)
                return to_html(text, title=title, lang=lang, secretariat_email=email)

            yield brief_pdf(code, lang), brief


def write_printables(
    catalogue: Catalogue,
    folder: Path,
    *,
    today: date,
    site_url: str,
    email: str,
    cache_dir: Path | None,
    languages: list[str] | None = None,
) -> Counts:
    """Write every report's and brief's PDF into ``folder`` (a site's root)."""
    counts = Counts()
    # Temporary files (WeasyPrint's, and those of the library look-ups of its first import) go
    # into a folder inside ``folder``: a build that stops this work removes ``folder`` whole.
    scratch = folder / ".scratch"
    scratch.mkdir(parents=True, exist_ok=True)
    previous, tempfile.tempdir = tempfile.tempdir, str(scratch)
    try:
        for location, html in documents(
            catalogue, today, site_url, email, languages or list(LANGUAGES)
        ):
            target = folder / location
            target.parent.mkdir(parents=True, exist_ok=True)
            made = cached_pdf(html(), cache_dir, counts)
            if isinstance(made, Path):
                shutil.copyfile(made, target)
            else:
                target.write_bytes(made)
            counts.written.append(location)
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(scratch, ignore_errors=True)
    if cache_dir is not None:  # what the last build did, for people and tests to read
        cache_dir.mkdir(parents=True, exist_ok=True)
        (cache_dir / STATS).write_text(
            json.dumps({"made": counts.made, "reused": counts.reused}) + "\n", encoding="utf-8"
        )
    return counts
