"""``acsg check-links``: are the links the records cite still there?

Every http(s) link of the catalogue (sources, websites, documents, registration pages, GCR
pledge pages and links written in texts) is checked once, with HEAD and, when HEAD fails, GET
(many servers refuse or mishandle HEAD). Requests have a bounded timeout, a bounded number run
at once (and at most two per host), and nothing is downloaded past the first bytes. Broken
links are reported as Markdown, with the record files that cite them, for the weekly issue.
"""

from __future__ import annotations

import re
import socket
import ssl
import threading
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel

from acsg.catalogue import Catalogue
from acsg.fields import texts_of

# Fields whose values are links (models.py: every `Link` field).
LINK_FIELDS = frozenset({"sources", "website", "url", "gcr_url", "registration"})
_TEXT_LINK = re.compile(r"\]\(\s*<?(https?://[^)\s>]+)|<(https?://[^<>\s]+)>")
USER_AGENT = "acsg-portal-link-check/1.0 (+https://github.com/acsg-portal/acsg-portal)"
# Answers that say "not for robots" or "slow down" rather than "gone": reported apart.
UNVERIFIED = frozenset({401, 403, 429, 999})
PER_HOST = 2


@dataclass(frozen=True)
class Result:
    url: str
    status: int | None  # the HTTP status finally obtained, None when no answer came
    problem: str | None  # None when the link works

    @property
    def broken(self) -> bool:
        return self.problem is not None and self.status not in UNVERIFIED

    @property
    def unverified(self) -> bool:
        return self.problem is not None and self.status in UNVERIFIED


def _links_in(value: Any, field: str | None = None) -> Iterator[str]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _links_in(getattr(value, name), name)
    elif isinstance(value, list):
        for item in value:
            yield from _links_in(item, field)
    elif isinstance(value, str) and field in LINK_FIELDS:
        yield value


def collect_links(catalogue: Catalogue) -> dict[str, list[str]]:
    """Every http(s) link of the catalogue -> the record files (relative paths) citing it."""
    found: dict[str, list[str]] = defaultdict(list)
    for kind, record in catalogue.all():
        where = catalogue.files.get((kind, record.id), record.id)
        links = list(_links_in(record))
        for _, text in texts_of(record):
            for lang in ("en", "fr", "es"):
                for match in _TEXT_LINK.finditer(text.get(lang) or ""):
                    links.append(match.group(1) or match.group(2))
        for url in links:
            if urlsplit(url).scheme in ("http", "https") and where not in found[url]:
                found[url].append(where)
    return {url: sorted(files) for url, files in sorted(found.items())}


def _request(opener: urllib.request.OpenerDirector, url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(
        url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)  # the first bytes only
            return response.status
    except urllib.error.HTTPError as error:
        error.close()
        return error.code


def _describe(error: BaseException) -> str:
    reason = getattr(error, "reason", error)
    if isinstance(reason, socket.timeout | TimeoutError):
        return "no answer in time"
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return f"TLS problem ({reason.__class__.__name__})"
    if isinstance(reason, socket.gaierror):
        return "the host name does not resolve"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    text = str(reason).strip() or reason.__class__.__name__
    return text if len(text) <= 80 else text[:77] + "..."


def check_url(url: str, timeout: float = 15.0, opener: Any = None) -> Result:
    """HEAD, then GET when HEAD does not give a success (some servers refuse HEAD)."""
    opener = opener or urllib.request.build_opener()
    status: int | None = None
    problem: str | None = None
    for method in ("HEAD", "GET"):
        try:
            status = _request(opener, url, method, timeout)
        except (urllib.error.URLError, OSError, ValueError) as error:
            status, problem = None, _describe(error)
            continue
        if status < 400:
            return Result(url, status, None)
        problem = f"HTTP {status}"
    return Result(url, status, problem)


def check_links(
    urls: Iterable[str], *, timeout: float = 15.0, workers: int = 8, per_host: int = PER_HOST
) -> list[Result]:
    """Check every URL, ``workers`` at once and at most ``per_host`` per host; keep the order."""
    urls = list(urls)
    opener = urllib.request.build_opener()
    hosts: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(per_host))
    lock = threading.Lock()

    def one(url: str) -> Result:
        with lock:
            gate = hosts[urlsplit(url).netloc.lower()]
        with gate:
            return check_url(url, timeout, opener)

    if not urls:
        return []
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls)))) as pool:
        return list(pool.map(one, urls))


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _rows(results: list[Result], citing: dict[str, list[str]]) -> list[str]:
    rows = ["| Link | Problem | Cited by |", "| --- | --- | --- |"]
    for result in results:
        files = ", ".join(f"`{file}`" for file in citing.get(result.url, []))
        rows.append(f"| <{_cell(result.url)}> | {_cell(result.problem or '')} | {files} |")
    return rows


def report(results: list[Result], citing: dict[str, list[str]], day: date) -> str:
    """The Markdown report: broken links first, then those the servers would not let us check."""
    broken = [result for result in results if result.broken]
    unverified = [result for result in results if result.unverified]
    lines = [
        "# Broken links in the portal's records",
        "",
        f"Checked {len(results)} link(s) cited by the records on {day.isoformat()}: "
        f"{len(broken)} broken, {len(unverified)} could not be checked.",
        "",
    ]
    if broken:
        lines += [
            "## Broken",
            "",
            "Fix each record: replace the link with the document's new address, or with an "
            "archived copy (for example on the Internet Archive), then open a pull request.",
            "",
            *_rows(broken, citing),
            "",
        ]
    else:
        lines += ["No broken link.", ""]
    if unverified:
        lines += [
            "## Could not be checked",
            "",
            "These servers refused an automated check (access denied or too many requests): "
            "open them in a browser to be sure.",
            "",
            *_rows(unverified, citing),
            "",
        ]
    return "\n".join(lines)
