"""Search index: Pagefind builds one chunked index per language from the catalogue.

Every record is one search entry per language (its title, kind, countries and other facets, the
names of the organizations it names and its texts), with the filters search can narrow by and
the kind and country that results show; every hand-written page of docs/ is one entry too.
Listings and browse pages are not entries, so they never appear in results. Entries come from
the validated catalogue, not from the built pages, so that ``mkdocs build`` writes the index in
a background process while MkDocs builds the pages.

Pagefind runs as a service (``pagefind --service``: its own process) that speaks
base64-encoded JSON messages ended by commas on stdin/stdout. The client here is synchronous:
the ``pagefind`` package's own asyncio client waits 100 ms per answer.
"""

from __future__ import annotations

import base64
import json
import queue
import re
import subprocess
import threading
from collections.abc import Iterator
from datetime import date
from functools import cache, lru_cache
from io import BufferedReader
from pathlib import Path
from typing import IO, Any

from markdown_it import MarkdownIt
from mkdocs.utils.meta import get_data
from pagefind.service import get_executable

from acsg import locations
from acsg.catalogue import Catalogue
from acsg.fields import texts_of
from acsg.i18n import typography
from acsg.models import Record
from acsg.relations import FACETS, facet_values, organizations_named, relations_for
from acsg.render.context import STATIC_PAGES, PageContext, record_path

STOP_TIMEOUT = 60  # seconds the service may take to stop at the end of its input
Entry = dict[str, Any]  # Pagefind's AddRecord message: url, content, language, meta, filters
# Pagefind's ready-made interfaces and highlighter, which the portal's search page does not
# load (docs/assets/search/search.js uses pagefind.js itself): not published (0.4 MB).
_READY_MADE_UI = re.compile(r"pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


@lru_cache(maxsize=16384)  # a text without a translation is indexed in every language
def plain_text(markdown: str) -> str:
    """The words of contributed Markdown, without its markup (link targets and raw HTML
    left out): what search matches and quotes in its excerpts."""
    words: list[str] = []
    for token in _parser().parse(markdown):
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
        if token.type.endswith("_close") and token.block:
            words.append("\n")
    return " ".join("".join(words).split())


def _facets(c: PageContext, kind: str, record: Record) -> dict[str, list[str]]:
    """The filters a record can be found by, named and valued in the page's language."""
    ids = facet_values(c.catalogue, kind, record)
    filters = {
        c._("Kind"): [c.kind_name(kind, record)],
        c._("Countries"): [c.country(code) for code in c.catalogue.countries(kind, record)],
    }
    for facet, vocab in FACETS.items():
        labels = [typography(vocab.label(value, c.lang), c.lang) for value in ids[facet]]
        filters[c.label("facets", facet)] = labels
    return {name: values for name, values in filters.items() if values}


def record_entry(c: PageContext, kind: str, record: Record, prefix: str) -> Entry:
    """A record's search entry in the language of ``c``, published under ``prefix``."""
    title = c.title_text(kind, record)[0]
    filters = _facets(c, kind, record)
    countries = filters.get(c._("Countries"), [])
    parts = [title]
    parts += [c.named(name, ", ".join(values)) + "." for name, values in filters.items()]
    parts += [c.org_name(org) for org in organizations_named(record)]
    parts += [plain_text(c.shown(text, record)[0]) for _, text in texts_of(record)]
    meta = {"title": title, "kind": c.kind_name(kind, record)}
    if countries:
        meta["country"] = ", ".join(countries)
    return {
        "url": "/" + prefix + locations.page_folder(c.path),
        "content": "\n".join(part for part in dict.fromkeys(parts) if part),
        "language": c.lang,
        "meta": meta,
        "filters": filters,
    }


def static_entry(source: str, name: str, lang: str, prefix: str) -> Entry:
    """The search entry of a hand-written page (its Markdown ``source``, front matter and all)."""
    markdown, _ = get_data(source)
    tokens = _parser().parse(markdown)
    title = next(
        (
            tokens[i + 1].content
            for i, token in enumerate(tokens)
            if token.type == "heading_open" and token.tag == "h1"
        ),
        name,
    )
    return {
        "url": "/" + prefix + locations.page_folder(name),
        "content": plain_text(markdown),
        "language": lang,
        "meta": {"title": title},
    }


def entries(
    catalogue: Catalogue, today: date, docs_dir: Path, languages: dict[str, str]
) -> Iterator[Entry]:
    """Every search entry of the site: records and hand-written pages, in the ``languages``
    built (each with the folder its pages are published in: a one-language preview puts its
    language at the root)."""
    relations = relations_for(catalogue)
    for kind, record in catalogue.all():
        for lang, prefix in languages.items():
            c = PageContext(catalogue, relations, lang, record_path(kind, record.id), today)
            yield record_entry(c, kind, record, prefix)
    for name in sorted(STATIC_PAGES):
        for lang, prefix in languages.items():
            path = docs_dir / (f"{name}.md" if lang == "en" else f"{name}.{lang}.md")
            if path.is_file():
                yield static_entry(path.read_text(encoding="utf-8"), name, lang, prefix)


def write_index(
    catalogue: Catalogue, today: date, docs_dir: Path, languages: dict[str, str], folder: Path
) -> None:
    """Index the site's entries with Pagefind and write the index into ``folder``, one language
    after another: Pagefind indexes each language apart anyway, and its service then holds one
    language's pages and files at a time, not all of them (1.9 GB at 10,000 records). Each
    language's run writes the files every language shares and its own; the entry file that
    lists the languages is written last, for all of them."""
    listed: dict[str, Any] = {}
    for lang, prefix in languages.items():
        index = PagefindService()
        try:
            for entry in entries(catalogue, today, docs_dir, {lang: prefix}):
                index.add(entry)
            index.write(folder)
        finally:
            index.close()
        try:  # what every search starts by reading: never publish it cut short
            written = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise SearchIndexError(f"Pagefind wrote an incomplete index: {error}") from None
        if lang not in written.get("languages", {}):
            raise SearchIndexError(f"Pagefind wrote no index for {lang}")
        listed = written | {"languages": listed.get("languages", {}) | written["languages"]}
    (folder / "pagefind-entry.json").write_text(
        json.dumps(listed, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


class PagefindService:
    """One Pagefind index, filled entry by entry and written once."""

    def __init__(self) -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError("the Pagefind binary is missing: install pagefind[bin]")
        self._process = subprocess.Popen(
            [str(executable), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._answers: dict[int, dict[str, Any]] = {}
        self._answered = threading.Condition()
        self._sent = 0
        # Entries queue up here so that preparing them never waits for Pagefind to read them.
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        for work, stream in (
            (self._read, self._process.stdout),
            (self._write, self._process.stdin),
        ):
            threading.Thread(target=work, args=(stream,), daemon=True).start()
        self._index_id = self._ask({"type": "NewIndex", "config": None}, wait=True)["index_id"]

    def _read(self, stream: BufferedReader) -> None:
        """Collect the service's answers (it blocks if nobody reads them). ``stream``: the
        service's standard output, a pipe with Popen's default buffering."""
        pending: list[bytes] = []  # parts of a message not ended yet (the index is large)
        while chunk := stream.read1(1 << 16):
            *ended, rest = chunk.split(b",")
            if ended:
                messages = [b"".join([*pending, ended[0]]), *ended[1:]]
                pending = []
                with self._answered:
                    for message in messages:
                        answer = json.loads(base64.b64decode(message))
                        self._answers[answer.get("message_id", -1)] = answer["payload"]
                    self._answered.notify_all()
            pending.append(rest)
        with self._answered:
            self._answers[-1] = {"type": "Error", "message": "the Pagefind service stopped"}
            self._answered.notify_all()

    def _write(self, stream: IO[bytes]) -> None:
        try:
            while (message := self._outbox.get()) is not None:
                stream.write(message)
                stream.flush()
            stream.close()  # end of input: the service finishes its work and stops
        except BrokenPipeError:  # the service stopped: _read reports it
            return

    def _ask(self, payload: dict[str, Any], *, wait: bool = False) -> dict[str, Any]:
        self._sent += 1
        message = {"message_id": self._sent, "payload": payload}
        self._outbox.put(base64.b64encode(json.dumps(message).encode()) + b",")
        return self._wait_for(self._sent) if wait else {}

    def _wait_for(self, message_id: int) -> dict[str, Any]:
        with self._answered:
            self._answered.wait_for(lambda: message_id in self._answers or -1 in self._answers)
            answer = self._answers.get(message_id) or self._answers[-1]
        if answer["type"] == "Error":
            raise SearchIndexError(f"Pagefind: {answer.get('message')}")
        return answer

    def add(self, entry: Entry) -> None:
        """Add one entry (answered later: ``write`` checks every answer)."""
        self._ask({"type": "AddRecord", "index_id": self._index_id, **entry})

    def write(self, folder: Path) -> None:
        """Write the index into ``folder`` (the site's /pagefind/)."""
        self._wait_for(self._sent)  # answers come in order: every entry is indexed
        errors = [a for a in self._answers.values() if a.get("type") == "Error"]
        if errors:
            raise SearchIndexError(f"Pagefind: {errors[0].get('message')}")
        # The files are asked for and written here: Pagefind's own WriteFiles answers before
        # its writes are done, and files were found cut short when the service stopped.
        answer = self._ask({"type": "GetFiles", "index_id": self._index_id}, wait=True)
        for file in answer["files"]:
            if _READY_MADE_UI.match(file["path"]):
                continue
            path = folder / file["path"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base64.b64decode(file["content"]))

    def close(self) -> None:
        """Stop the service (end of its input; stopped if it does not end by itself)."""
        self._outbox.put(None)
        try:
            self._process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self._process.terminate()
            self._process.wait()
