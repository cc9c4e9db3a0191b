"""The sitemap index (acsg.sitemap): every page in exactly one sitemap file, each file under
the protocol's limits, hreflang alternates kept, robots.txt naming the index."""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from lxml import etree

from acsg import sitemap

SITE = "https://portal.example.org/"
NS = {"s": sitemap.NS, "x": sitemap.XHTML}
LANGS = {"en": "", "fr": "fr/", "es": "es/"}


def _urlset(pages: list[str]) -> str:
    """A sitemap as static-i18n's template writes it: every page of every language, each with
    its alternates (an ampersand in one address, escaped)."""
    entries = []
    for prefix in LANGS.values():
        for page in pages:
            links = "".join(
                f'<xhtml:link rel="alternate" hreflang="{other}" href="{escape(SITE + folder + page)}"/>'
                for other, folder in LANGS.items()
            )
            entries.append(
                f"<url><loc>{escape(SITE + prefix + page)}</loc><lastmod>2026-11-2{len(page) % 10}</lastmod>"
                f"<changefreq>daily</changefreq>{links}</url>"
            )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="{sitemap.NS}" xmlns:xhtml="{sitemap.XHTML}">{"".join(entries)}</urlset>'
    )


PAGES = ["", "about/", "pledges/", *(f"pledges/p-{n}/" for n in range(11)), "a/?x=1&y=2"]


def _site(tmp_path: Path, pages: list[str] = PAGES) -> Path:
    (tmp_path / "sitemap.xml").write_text(_urlset(pages), encoding="utf-8")
    (tmp_path / "sitemap.xml.gz").write_bytes(b"old")
    return tmp_path


def read_index(site: Path) -> dict[str, dict[str, dict[str, str]]]:
    """Each sitemap file of site/sitemap.xml (its address) and its pages with their
    alternates; parsed with lxml, every file must be a well-formed sitemap of its kind."""
    index = etree.parse(str(site / "sitemap.xml")).getroot()
    assert index.tag == f"{{{sitemap.NS}}}sitemapindex"
    found = {}
    for loc in index.findall("s:sitemap/s:loc", NS):
        assert loc.text.startswith(SITE) or loc.text.startswith("http://127.0.0.1:8000/")
        path = site / loc.text.split("/", 3)[3]
        data = gzip.decompress(path.read_bytes())  # gzip-compressed, as the protocol allows
        root = etree.fromstring(data)
        assert root.tag == f"{{{sitemap.NS}}}urlset"
        assert len(data) <= sitemap.MAX_BYTES
        found[loc.text] = {
            url.findtext("s:loc", namespaces=NS): {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
            }
            for url in root.findall("s:url", NS)
        }
        assert len(found[loc.text]) <= sitemap.MAX_URLS
    return found


def test_the_sitemap_becomes_an_index_of_files_by_language(tmp_path: Path) -> None:
    site = _site(tmp_path)
    written = sitemap.split_sitemap(site, SITE)
    assert written == ["sitemaps/en-1.xml.gz", "sitemaps/fr-1.xml.gz", "sitemaps/es-1.xml.gz"]
    files = read_index(site)
    assert list(files) == [SITE + name for name in written]
    assert not (site / "sitemap.xml.gz").exists()
    for name, pages in files.items():
        lang = name.rsplit("/", 1)[1].split("-")[0]
        assert len(pages) == len(PAGES)
        for page, alternates in pages.items():
            assert alternates[lang] == page
            assert set(alternates) == set(LANGS)
    assert f"{SITE}a/?x=1&y=2" in files[SITE + "sitemaps/en-1.xml.gz"]


@pytest.mark.parametrize(("max_urls", "max_bytes"), [(4, sitemap.MAX_BYTES), (1000, 3000)])
def test_every_page_is_in_exactly_one_file_under_the_limits(
    tmp_path: Path, max_urls: int, max_bytes: int
) -> None:
    site = _site(tmp_path)
    written = sitemap.split_sitemap(site, SITE, max_urls=max_urls, max_bytes=max_bytes)
    assert len(written) > 3  # every language is cut in several files
    every = []
    for name in written:
        data = gzip.decompress((site / name).read_bytes())
        urls = etree.fromstring(data).findall("s:url", NS)
        assert 0 < len(urls) <= max_urls
        assert len(data) <= max_bytes
        every += [url.findtext("s:loc", namespaces=NS) for url in urls]
        assert all(len(url.findall("x:link", NS)) == 3 for url in urls)
    expected = [f"{SITE}{prefix}{page}" for prefix in LANGS.values() for page in PAGES]
    assert sorted(every) == sorted(expected)  # each once
    assert [line for line in written if line.startswith("sitemaps/en-")] == [
        f"sitemaps/en-{n}.xml.gz" for n in range(1, len(written) // 3 + 1)
    ]


def test_files_of_an_earlier_split_are_replaced(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "sitemaps").mkdir()
    (site / "sitemaps" / "en-9.xml").write_text("stale", encoding="utf-8")
    (site / "sitemaps" / "en-8.xml.gz").write_text("stale", encoding="utf-8")
    sitemap.split_sitemap(site, SITE, max_urls=100)
    assert sorted(p.name for p in (site / "sitemaps").iterdir()) == [
        "en-1.xml.gz",
        "es-1.xml.gz",
        "fr-1.xml.gz",
    ]


def test_a_site_without_a_sitemap_is_left_alone(tmp_path: Path) -> None:
    assert sitemap.split_sitemap(tmp_path, SITE) == []
    assert list(tmp_path.iterdir()) == []


def test_robots_txt_names_the_index_unless_the_site_has_its_own(tmp_path: Path) -> None:
    sitemap.write_robots(tmp_path, SITE.rstrip("/"))
    lines = (tmp_path / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {SITE}sitemap.xml" in lines and "User-agent: *" in lines
    (tmp_path / "robots.txt").write_text("own", encoding="utf-8")
    sitemap.write_robots(tmp_path, SITE)
    assert (tmp_path / "robots.txt").read_text(encoding="utf-8") == "own"
