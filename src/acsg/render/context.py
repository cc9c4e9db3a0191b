"""What templates may call: labels, names, links and dates in the page's language.

A ``PageContext`` belongs to one page in one language; everything it returns is already in
that language and escaped for the page's format (Markdown, or HTML for the pages the portal
writes in HTML from ``*.html.j2`` templates), so templates hold layout only.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from markdown.extensions.toc import slugify, unique
from markupsafe import Markup

from acsg import locations
from acsg.catalogue import Catalogue
from acsg.fields import Text, term_of
from acsg.i18n import (
    format_count,
    format_day,
    format_moment,
    format_month,
    translations,
    typography,
)
from acsg.markup import FILE_TARGET, FILES_PREFIX
from acsg.models import (
    KINDS,
    Document,
    Event,
    Match,
    Organization,
    Pledge,
    Record,
    Session,
    Timeframe,
    kind_of,
)
from acsg.progress import cutoff, is_stale, last_news, stale_after_months
from acsg.relations import FACETS as FACET_VOCABULARIES
from acsg.relations import Relations
from acsg.render.text import html_text, markdown, markdown_html, plain, safe_link_target
from acsg.vocab import LANGUAGES, country_name, regions, sort_key, vocabulary

# Generated pages sit in this folder of docs_dir, beside the hand-written STATIC_PAGES; MkDocs
# publishes them at the site root (hooks strip the prefix from their destination).
GENERATED = "_generated"
# Pages write this where the Secretariat's address goes; the hooks put in the address set in
# mkdocs.yml (`extra.secretariat_email`), e.g. `<{{ secretariat_email }}>` for a mailto link.
SECRETARIAT_EMAIL = "{{ secretariat_email }}"
# Pages write this where the repository's address goes (its issue forms); the hooks put in
# MkDocs' `repo_url` (ACSG_REPO_URL).
REPOSITORY_URL = "{{ repo_url }}"
STATIC_PAGES = frozenset({"about", "how-it-works", "dialogue-platform", "contribute", "submit"})


def record_path(kind: str, record_id: str) -> str:
    return f"{KINDS[kind].folder}/{record_id}"


def country_path(code: str) -> str:
    return f"countries/{code.lower()}"


@lru_cache(maxsize=65536)
def relative_path(folder: str, target: str) -> str:
    """``target`` relative to ``folder`` (both relative to the same root, normalized, posix):
    what posixpath.relpath returns, without its work on absolute paths (pages hold thousands
    of links)."""
    start = folder.split("/") if folder else []
    parts = target.split("/")
    common = 0
    while common < min(len(start), len(parts) - 1) and start[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:])


@lru_cache(maxsize=2 * len(LANGUAGES))  # the newest catalogues only, as relations_for
def _kind_labels(catalogue: Catalogue, lang: str) -> dict[tuple[str, str], str]:
    """What each record is (``PageContext.kind_label``) in ``lang``, as worked out so far."""
    return {}


def _title_of(record: Record) -> Text | None:
    """A record's title; None for an organization (it has a name) or an untitled match."""
    title = getattr(record, "title", None)
    return title if isinstance(title, Text) else None


@dataclass
class PageContext:
    catalogue: Catalogue
    relations: Relations
    lang: str
    path: str
    today: date
    # The page is written in HTML (MkDocs publishes it as it is), not in Markdown.
    html: bool = False
    fallback_used: set[str] = field(default_factory=set)
    _anchors: set[str] = field(default_factory=set)  # the ids of an HTML page's headings

    # --- words -------------------------------------------------------------------------------
    def _(self, message: str, **values: object) -> str:
        text = translations(self.lang).gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, number: int, **values: object) -> str:
        text = translations(self.lang).ngettext(singular, plural, number)
        return text % {"num": format_count(number, self.lang), **values}

    def sentence(self, translated: str, **links: Markup) -> Markup:
        """A translated sentence with links in its places (``%(name)s``), its words as plain
        text: ``c.sentence(_("Write to %(address)s."), address=c.secretariat())``."""
        parts = re.split(r"%\((\w+)\)s", translated)
        return Markup("").join(
            links[part] if index % 2 else self.escaped(part) for index, part in enumerate(parts)
        )

    def escaped(self, value: object) -> Markup:
        """Any value as literal text in the page: no markup, no emphasis, no links."""
        return html_text(value) if self.html else plain(value)

    def anchor(self, label: Markup, target: str, external: bool = False) -> Markup:
        """A link in the page's format; ``label`` is already escaped. In Markdown, an
        ``external`` target (a contributed or built address) is written between ``<>``."""
        if self.html:
            return Markup('<a href="%s">') % target + label + Markup("</a>")
        return Markup(f"[{label}](<{target}>)" if external else f"[{label}]({target})")

    def heading(self, level: int, text: str | Markup) -> Markup:
        """A heading of a page written in HTML, with the id Markdown's ``toc`` would give it
        (its words as a slug, unique in the page)."""
        label = text if isinstance(text, Markup) else self.escaped(text)
        anchor = unique(slugify(label.striptags(), "-"), self._anchors)
        return Markup(f'<h{level} id="{anchor}">') + label + Markup(f"</h{level}>")

    def strong(self, text: str) -> Markup:
        label = self.escaped(text)
        return Markup(f"<strong>{label}</strong>" if self.html else f"**{label}**")

    def named(self, name: str, value: str) -> str:
        """``name: value`` as the page's language writes it: "Topics: Registration",
        "Thèmes : Enregistrement" (a narrow no-break space before the colon in French)."""
        return typography(self._("%(name)s: %(value)s", name=name, value=value), self.lang)

    def secretariat(self) -> Markup:
        """The ACSG Secretariat's address, as a link that opens an email to it."""
        if self.html:
            return Markup(f'<a href="mailto:{SECRETARIAT_EMAIL}">{SECRETARIAT_EMAIL}</a>')
        return Markup(f"<{SECRETARIAT_EMAIL}>")

    def no_news_since(self, record: Record) -> str:
        """For a pledge or match under way that has gone quiet (``acsg.progress``): "No news
        since <its last news>" in the page language; else an empty string."""
        if not isinstance(record, Pledge | Match) or not is_stale(record, cutoff(self.today)):
            return ""
        news = last_news(record)
        if len(news) == 10:  # a day ("since 1 June 2024"; French "depuis le", Spanish "desde el")
            return self._("No news since %(day)s", day=self.partial_date(news))
        return self._("No news since %(period)s", period=self.partial_date(news))

    def stale_after_months(self) -> int:
        return stale_after_months()

    def progress_form(self, text: str, record: Record) -> Markup:
        """A link to the repository's progress report form, the record already filled in."""
        target = (
            f"{REPOSITORY_URL}/issues/new?template=progress-report.yml"
            f"&record={record_path(kind_of(record).name, record.id)}"
        )
        return self.anchor(self.escaped(text), target, external=True)

    def label(self, vocabulary_name: str, term: str) -> str:
        return typography(vocabulary(vocabulary_name).label(term, self.lang), self.lang)

    def region(self, region_id: str) -> str:
        return typography(regions().vocabulary.label(region_id, self.lang), self.lang)

    def country(self, code: str) -> str:
        return country_name(code, self.lang)

    def countries_by_name(self, codes: list[str]) -> list[str]:
        """Country codes in the order of their names in the page language."""
        return sorted(codes, key=lambda code: sort_key(self.country(code)))

    def orgs_by_name(self, ids: list[str]) -> list[str]:
        """Organization ids in the order of their names in the page language."""
        return sorted(ids, key=lambda org: sort_key(self.org_name(org)))

    def records_by_title(self, keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """(kind, id) keys in the order of the records' titles in the page language."""
        records = self.catalogue.records
        return sorted(
            keys,
            key=lambda key: (sort_key(self.title_text(key[0], records[key[0]][key[1]])[0]), key),
        )

    def number(self, value: int) -> str:
        return format_count(value, self.lang)

    def day(self, value: date) -> str:
        return format_day(value, self.lang)

    def moment(self, value: date | datetime) -> str:
        """A session bound: a day, or a time shown in UTC with the date."""
        if not isinstance(value, datetime):
            return format_day(value, self.lang)
        return format_moment(value, self.lang) + " UTC"

    def local_moment(self, value: datetime, timezone: str) -> str:
        return f"{format_moment(value, self.lang, timezone)} ({timezone})"

    def partial_date(self, value: str) -> str:
        """2021 / 2021-04 / 2021-04-14 / tbc / ongoing, in the page language."""
        if value == "tbc":
            return self._("to be confirmed")
        if value == "ongoing":
            return self._("ongoing")
        parts = [int(part) for part in value.split("-")]
        if len(parts) == 1:
            return str(parts[0])
        if len(parts) == 2:
            return format_month(parts[0], parts[1], self.lang)
        return format_day(date(*parts), self.lang)

    def timeframe(self, timeframe: Timeframe | None) -> str:
        """A timeframe as a phrase: "2019 - 2022" (with an en dash), "From April 2021, ongoing", "To be
        confirmed"."""
        if timeframe is None:
            return ""
        start = timeframe.start if timeframe.start != "tbc" else None
        end = timeframe.end if timeframe.end != "tbc" else None
        if start is None and end is None:
            return self._("To be confirmed") if "tbc" in (timeframe.start, timeframe.end) else ""
        if start is None:
            assert end is not None
            if timeframe.start == "tbc":
                return self._("Until %(end)s; start to be confirmed", end=self.partial_date(end))
            return self._("Until %(end)s", end=self.partial_date(end))
        if end == "ongoing":
            return self._("From %(start)s, ongoing", start=self.partial_date(start))
        if end is None:
            if timeframe.end == "tbc":
                return self._("From %(start)s; end to be confirmed", start=self.partial_date(start))
            return self._("From %(start)s", start=self.partial_date(start))
        if start == end:
            return self.partial_date(start)
        return f"{self.partial_date(start)} \N{EN DASH} {self.partial_date(end)}"

    def pledge_kind(self, pledge: Pledge) -> str:
        """Commitment, request or offer, or "Not stated" where the source does not say."""
        return self.label("pledge_kinds", pledge.kind) if pledge.kind else self._("Not stated")

    def stage(self, record: Match | Pledge) -> str:
        """The stage, with the public portal's "under discussion" flag beside it."""
        words = [self.label("match_stages", record.stage)] if record.stage else []
        if isinstance(record, Match) and record.under_discussion:
            words.append(self._("under discussion") if words else self._("Under discussion"))
        return " · ".join(words)

    def contributors(self, entities: list[str]) -> str:
        """Who pledged or took part, as the public portal says it: States, other
        stakeholders, or both (from the organizations' types)."""
        types = {self.catalogue.organizations[org].type for org in entities}
        states, others = "state" in types, bool(types - {"state"})
        if states and others:
            return self._("States and other stakeholders")
        return self._("States") if states else self._("Other stakeholders")

    # --- texts -------------------------------------------------------------------------------
    def shown(self, value: Text, record: Record) -> tuple[str, str]:
        """A contributed text in the page language or, where it has none, in the record's
        original language; with the language it is in."""
        own = value.get(self.lang)
        if own:
            return own, self.lang
        return value.get(record.language) or "", record.language

    def _localized(
        self, value: Text | None, record: Record, render: Callable[[str], Markup], block: bool
    ) -> Markup:
        """A contributed text in the page language, or its original with its language marked
        (``lang`` on the element, for screen readers) and noted for the page's notice."""
        if value is None:
            return Markup("")
        text, lang = self.shown(value, record)
        if lang == self.lang:
            return render(text)
        self.fallback_used.add(lang)
        start, end = (
            (f'<div lang="{lang}">\n', "\n</div>")
            if block and self.html
            else (f'<div lang="{lang}" markdown="1">\n\n', "\n\n</div>")
            if block
            else (f'<span lang="{lang}">', "</span>")
        )
        return Markup(start) + render(text) + Markup(end)

    def text(self, value: Text | None, record: Record) -> Markup:
        """A block of contributed Markdown; its links and images to ``files/NAME`` lead to the
        file of content/files/ where it is published."""
        files = self.file_href("")
        convert = markdown_html if self.html else markdown
        return self._localized(
            value,
            record,
            lambda text: convert(FILE_TARGET.sub(lambda m: m.group(1) + files + m.group(2), text)),
            block=True,
        )

    def line(self, value: Text | None, record: Record) -> Markup:
        """A one-line text: a title or a name."""
        return self._localized(value, record, self.escaped, block=False)

    def title_text(self, kind: str, record: Record) -> tuple[str, str]:
        """A record's title as unescaped text (for feeds and calendars), with its language."""
        if isinstance(record, Match) and record.title is None:
            sides = [
                ", ".join(self.org_name(org) for org in self.orgs_by_name(side.entities))
                for side in (record.supporting, record.requesting)
            ]
            return " \N{EN DASH} ".join(sides), self.lang
        if isinstance(record, Organization):
            own = record.name is None or record.name.get(self.lang)
            return self.org_name(record.id), self.lang if own else record.language
        title = _title_of(record)
        if title is not None:
            return self.shown(title, record)
        # An untitled record about an organization (a roster entry): its name and first topics.
        org, topics = getattr(record, "organization", None), getattr(record, "topics", [])
        if isinstance(org, str):
            about = ", ".join(self.label("topics", topic) for topic in topics[:2])
            about += " …" if len(topics) > 2 else ""  # the page lists them all
            return self._("%(name)s: %(topics)s", name=self.org_name(org), topics=about), self.lang
        return record.id, self.lang

    def title(self, kind: str, record: Record) -> Markup:
        """A record's title (or name) in the page language, marked with its own language
        where it is shown in its original."""
        if isinstance(record, Organization) and record.name is not None:
            return self.line(record.name, record)
        if _title_of(record) is None:
            return self.escaped(self.title_text(kind, record)[0])
        return self.line(_title_of(record), record)

    def kind_title(self, kind: str) -> str:
        """What a list of records of one kind is called (listing, feed and data titles)."""
        return self.label("record_lists", kind)

    def kind_name(self, kind: str, record: Record) -> str:
        """What kind of record it is: 'Offer of support', 'Match', 'Webinar' ... (the label of
        the field its kind is named by, else the kind's own label)."""
        spec = KINDS[kind]
        value = getattr(record, spec.named_by) if spec.named_by else None
        if value is None:
            return self.label("record_kinds", kind)
        term = term_of(spec.model, spec.named_by or "")
        return typography(term.vocabulary.label(value, self.lang), self.lang)

    def kind_label(self, kind: str, record_id: str) -> str:
        """What a record is, in a few words, for lists (kind, stage, first country): worked
        out once per language, as lists, reports and feeds name the same records again and
        again."""
        known = _kind_labels(self.catalogue, self.lang)
        words = known.get((kind, record_id))
        if words is None:
            words = known[(kind, record_id)] = self._kind_label(kind, record_id)
        return words

    def _kind_label(self, kind: str, record_id: str) -> str:
        record = self.catalogue.records[kind][record_id]
        words = self.kind_name(kind, record)
        if isinstance(record, Match | Pledge) and (stage := self.stage(record)):
            words += " · " + stage
        countries = self.countries_by_name(self.catalogue.countries(kind, record))
        if countries and kind != "organization":
            words += " · " + ", ".join(self.country(code) for code in countries[:3])
            if len(countries) > 3:
                words += " …"
        return words

    def roles(self, roles: list[str]) -> str:
        return ", ".join(self.role(role) for role in roles)

    def role(self, role: str) -> str:
        return self.label("roles", role)

    def session(self, session: Session, record: Record) -> Markup:
        """A session's time in UTC (and in its own time zone), format and place."""
        start, end = session.start, session.end
        text = self.moment(start)
        if end is not None and end != start:
            text += " \N{EN DASH} " + self.moment(end)
        if isinstance(start, datetime) and session.timezone:
            text += " · " + self._(
                "local time: %(time)s", time=self.local_moment(start, session.timezone)
            )
        parts = [self.escaped(text)]
        if session.format:
            parts.append(self.escaped(self.label("session_formats", session.format)))
        if session.place:
            parts.append(self.line(session.place, record))
        return Markup(" · ").join(parts)

    def event_when(self, event: Event) -> str:
        first = event.sessions[0]
        text = self.moment(first.start)
        if len(event.sessions) > 1:
            text += " " + self.ngettext(
                "(%(num)s session)", "(%(num)s sessions)", len(event.sessions)
            )
        return text

    def file_href(self, name: str) -> str:
        """A link to a document of content/files/: in Markdown, to where MkDocs finds it (it
        writes the link to where it is published); in HTML, to where it is published."""
        if self.html:
            return self.data_href(FILES_PREFIX) + "/" + name
        return relative_path(
            posixpath.dirname(f"{GENERATED}/{self.path}"), f"{GENERATED}/{FILES_PREFIX}{name}"
        )

    def document_link(self, document: Document, record: Record) -> Markup:
        title = (
            self.line(document.title, record)
            if document.title
            else self.escaped(self.label("document_kinds", document.kind or "document"))
        )
        language = self.label("languages", document.language)
        target = document.url if document.url else self.file_href(document.file or "")
        link = self.anchor(title, safe_link_target(target), external=True)
        return link + Markup(" (") + self.escaped(language) + Markup(")")

    def kind_files(self, kind: str) -> list[tuple[str, str]]:
        """(label, location) of the data files holding every record of a kind."""
        files = [
            ("CSV", locations.table(kind)),
            ("JSON", locations.api_records(kind)),
            (self._("Atom feed"), locations.kind_feed(self.lang, kind)),
        ]
        if kind == "event":
            files.append((self._("Calendar (iCalendar)"), locations.ALL_EVENTS))
        return files

    def record_files(self, record: Record) -> list[tuple[str, str]]:
        """(label, location) of the data files of one record."""
        files = [("JSON", locations.api_record(kind_of(record).name, record.id))]
        if isinstance(record, Event):
            files.append((self._("Calendar (iCalendar)"), locations.event_calendar(record.id)))
        return files

    def org_name(self, org_id: str) -> str:
        return self.catalogue.organization_name(org_id, self.lang)

    # --- links -------------------------------------------------------------------------------
    def href(self, target: str) -> str:
        """A Markdown link target from this page to the page ``target`` (a page path)."""
        here = posixpath.dirname(f"{GENERATED}/{self.path}")
        full = target if target in STATIC_PAGES else f"{GENERATED}/{target}"
        return relative_path(here, f"{full}.md")

    def link(self, text: str | Markup, target: str) -> Markup:
        label = text if isinstance(text, Markup) else self.escaped(text)
        return self.anchor(label, self.page_url(target) if self.html else self.href(target))

    def page_url(self, target: str) -> str:
        """The published address of the page ``target`` relative to this page's, for links in
        raw HTML and SVG (MkDocs rewrites only Markdown links): ``../countries/fra/``."""
        # Both are folders: the target's name is the empty one after its last "/".
        relative = relative_path(self._folder(), locations.page_location(target, self.lang))
        return relative or "./"

    def _folder(self) -> str:
        """The folder this page is published in, in its language (no final "/")."""
        return locations.page_location(self.path, self.lang).rstrip("/")

    def link_to(self, text: str, target: str, fragment: str) -> Markup:
        """A link to a place in a page (``submit`` and ``offer-support``: its Offer form)."""
        where = self.page_url(target) if self.html else self.href(target)
        return self.anchor(self.escaped(text), f"{where}#{fragment}")

    def figure(self, number: str, label: str) -> Markup:
        """A large number and what it counts, for the text of a link."""
        return self.strong(number) + Markup(" ") + self.escaped(label)

    def data_href(self, location: str) -> str:
        """A link target from this page, as published in its language, to a data file."""
        return relative_path(self._folder(), location.rstrip("/"))

    def data_link(self, text: str, location: str) -> Markup:
        """A link to a data file, in HTML: MkDocs accepts Markdown links to pages only."""
        return (
            Markup('<a href="%s">') % self.data_href(location) + self.escaped(text) + Markup("</a>")
        )

    def downloads(self, files: list[tuple[str, str]]) -> Markup:
        """A "Download:" line of links to data files, from (label, location) pairs."""
        links = Markup(" · ").join(self.data_link(label, location) for label, location in files)
        # Translators place the colon (French: " :").
        return self.strong(self._("Download:")) + Markup(" ") + links

    def external(self, url: str, text: str | None = None) -> Markup:
        return self.anchor(self.escaped(text or url), safe_link_target(url), external=True)

    def record_link(self, kind: str, record_id: str) -> Markup:
        record = self.catalogue.records[kind][record_id]
        return self.link(self.title(kind, record), record_path(kind, record_id))

    def org_link(self, org_id: str) -> Markup:
        return self.record_link("organization", org_id)

    def facet_link(self, facet: str, value: str) -> Markup:
        """A vocabulary term linked to its browse page (a good practice's tag, say)."""
        return self.link(
            typography(FACET_VOCABULARIES[facet].label(value, self.lang), self.lang),
            f"browse/{facet}/{value}/index",
        )

    def country_link(self, code: str) -> Markup:
        return self.link(self.country(code), country_path(code))

    # --- lists of values, comma-separated, in the order of their names where they link --------
    def labels(self, vocabulary_name: str, terms: list[str]) -> Markup:
        return Markup(", ").join(self.escaped(self.label(vocabulary_name, t)) for t in terms)

    def region_names(self, ids: list[str]) -> Markup:
        return Markup(", ").join(self.escaped(self.region(region)) for region in ids)

    def org_links(self, ids: list[str]) -> Markup:
        return Markup(", ").join(self.org_link(org) for org in self.orgs_by_name(ids))

    def country_links(self, codes: list[str]) -> Markup:
        return Markup(", ").join(self.country_link(code) for code in self.countries_by_name(codes))

    def facet_links(self, facet: str, ids: list[str]) -> Markup:
        return Markup(", ").join(self.facet_link(facet, value) for value in ids)
