"""The sitemap as an index of sitemap files, each under the protocol's limits.

MkDocs writes one ``sitemap.xml`` with every page (static-i18n's template adds each page's
hreflang alternates); a 15,000-record portal passes the 50,000 URLs a sitemap file may hold.
Once every language is built, :func:`split_sitemap` reads that file and writes its entries,
alternates kept, into ``sitemaps/<language>-<n>.xml.gz`` (one language per file, at most
:data:`MAX_URLS` URLs and :data:`MAX_BYTES` bytes each before compression), then replaces
``sitemap.xml`` with a ``<sitemapindex>`` pointing to them
(https://www.sitemaps.org/protocol.html#index). The files are gzip-compressed, as the
protocol allows: a tenth of their size (18 MB less at 10,000 records).
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

# The protocol's limits for one sitemap file (sitemaps.org): 50,000 URLs, 50 MB uncompressed.
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
FOLDER = "sitemaps"
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
_HEAD = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}" xmlns:xhtml="{XHTML}">\n'
_TAIL = "</urlset>\n"


@dataclass(frozen=True)
class Entry:
    """One ``<url>`` of a sitemap: the page, its date and its versions in other languages."""

    loc: str
    lastmod: str | None
    changefreq: str | None
    alternates: tuple[tuple[str, str], ...]  # (hreflang, href), in the order given

    @property
    def language(self) -> str:
        """The page's own language: the alternate that is the page itself ("" if none is)."""
        return next((lang for lang, href in self.alternates if href == self.loc), "")

    def xml(self) -> str:
        lines = [f"  <url>\n    <loc>{escape(self.loc)}</loc>\n"]
        if self.lastmod:
            lines.append(f"    <lastmod>{escape(self.lastmod)}</lastmod>\n")
        if self.changefreq:
            lines.append(f"    <changefreq>{escape(self.changefreq)}</changefreq>\n")
        for lang, href in self.alternates:
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(href)}/>\n'
            )
        lines.append("  </url>\n")
        return "".join(lines)


def read_urlset(path: Path) -> list[Entry]:
    """The entries of a ``<urlset>`` sitemap file, in its order."""
    entries = []
    for url in ET.parse(path).getroot().iter(f"{{{NS}}}url"):
        alternates = tuple(
            (link.get("hreflang", ""), link.get("href", ""))
            for link in url.iter(f"{{{XHTML}}}link")
            if link.get("rel") == "alternate"
        )
        entries.append(
            Entry(
                loc=(url.findtext(f"{{{NS}}}loc") or "").strip(),
                lastmod=url.findtext(f"{{{NS}}}lastmod"),
                changefreq=url.findtext(f"{{{NS}}}changefreq"),
                alternates=alternates,
            )
        )
    return entries


def parts(
    entries: list[Entry], max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES
) -> dict[str, list[Entry]]:
    """The sitemap files' names (``<language>-<n>.xml.gz``) and entries: each language's pages in
    their order, cut so that no file holds more than ``max_urls`` entries or ``max_bytes``
    bytes. Each entry is in exactly one file."""
    by_language: dict[str, list[Entry]] = {}
    for entry in entries:
        by_language.setdefault(entry.language or "pages", []).append(entry)
    budget = max_bytes - len(_HEAD.encode()) - len(_TAIL.encode())
    files: dict[str, list[Entry]] = {}
    for language, group in by_language.items():
        cut: list[list[Entry]] = [[]]
        size = 0
        for entry in group:
            length = len(entry.xml().encode())
            if length > budget:
                raise ValueError(f"a sitemap entry is larger than {max_bytes} bytes: {entry.loc}")
            if cut[-1] and (len(cut[-1]) >= max_urls or size + length > budget):
                cut.append([])
                size = 0
            cut[-1].append(entry)
            size += length
        for number, part in enumerate(cut, 1):
            if part:
                files[f"{language}-{number}.xml.gz"] = part
    return files


def split_sitemap(
    site_dir: Path,
    site_url: str,
    max_urls: int = MAX_URLS,
    max_bytes: int = MAX_BYTES,
    more: Sequence[str] = (),
) -> list[str]:
    """Replace ``site_dir/sitemap.xml`` (one ``<urlset>``) by a ``<sitemapindex>`` of files in
    ``site_dir/sitemaps/``; return their paths relative to the site. ``more``: names of other
    ``<urlset>`` files in ``site_dir`` whose entries follow, in that order (the languages built
    in processes of their own), removed once read; so is MkDocs' gzipped copy of the single
    file, ``sitemap.xml.gz``. Writes nothing if there is no sitemap."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return []
    entries = read_urlset(sitemap)
    for name in more:
        entries.extend(read_urlset(site_dir / name))
        (site_dir / name).unlink()
    folder = site_dir / FOLDER
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.xml*"):
        old.unlink()
    base = site_url if not site_url or site_url.endswith("/") else site_url + "/"
    index = ['<?xml version="1.0" encoding="UTF-8"?>\n', f'<sitemapindex xmlns="{NS}">\n']
    written = []
    for name, group in parts(entries, max_urls, max_bytes).items():
        text = _HEAD + "".join(entry.xml() for entry in group) + _TAIL
        (folder / name).write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
        written.append(f"{FOLDER}/{name}")
        index.append(f"  <sitemap>\n    <loc>{escape(base + FOLDER + '/' + name)}</loc>\n")
        dates = [entry.lastmod for entry in group if entry.lastmod]
        if dates:
            index.append(f"    <lastmod>{escape(max(dates))}</lastmod>\n")
        index.append("  </sitemap>\n")
    index.append("</sitemapindex>\n")
    sitemap.write_text("".join(index), encoding="utf-8")
    (site_dir / "sitemap.xml.gz").unlink(missing_ok=True)
    return written


def write_robots(site_dir: Path, site_url: str) -> None:
    """A ``robots.txt`` that allows every page and names the sitemap index, unless the site
    has one of its own (a hand-written ``docs/robots.txt``)."""
    robots = site_dir / "robots.txt"
    if robots.exists() or not site_url:
        return
    base = site_url if site_url.endswith("/") else site_url + "/"
    robots.write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8")
