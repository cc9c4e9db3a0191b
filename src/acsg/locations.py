"""Where every page and data file of the portal is published, as paths from the site root.

Pages link data files and data files link pages: both take their addresses from here, so that
a file moves in one place. Paths have no leading slash; ``absolute`` prefixes the site address.
"""

from __future__ import annotations

from acsg.i18n import DEFAULT_LANGUAGE
from acsg.models import KINDS
from acsg.schemas import schema_file_name

API_VERSION = "1"
API = f"api/v{API_VERSION}"
API_INDEX = f"{API}/index.json"
OPENAPI = f"{API}/openapi.json"
DATAPACKAGE = "data/datapackage.json"
ALL_EVENTS = "calendar/events.ics"
SITEMAP = "sitemap.xml"
UPDATES_FEED = "updates"
SUGGESTIONS = f"{API}/suggestions.json"
PROGRESS_FEED = "progress"  # progress updates of pledges and matches (acsg.outputs.progress)

# The licence of the portal's data and pages, stated on the Data page, in feeds and packages.
CONTENT_LICENCE = "CC-BY-4.0"
CONTENT_LICENCE_TITLE = "Creative Commons Attribution 4.0 International"
CONTENT_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CODE_LICENCE = "MIT"


def language_prefix(lang: str) -> str:
    """The folder of a language's pages: English at the root, the others under /fr/, /es/."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def page_folder(path: str) -> str:
    """A page's folder under its language's (``pledges/x`` -> ``pledges/x/``; ``index`` -> ````)."""
    if path == "index":
        return ""
    if path.endswith("/index"):
        return path.removesuffix("index")
    return f"{path}/"


def page_location(path: str, lang: str) -> str:
    """The published folder of a page (``pledges/x`` -> ``fr/pledges/x/``; ``index`` -> ````)."""
    return language_prefix(lang) + page_folder(path)


def absolute(site_url: str, location: str) -> str:
    """A location as a full address on the published site (root-relative when none is known)."""
    return site_url.rstrip("/") + "/" + location


def schema(kind: str) -> str:
    return f"schemas/{schema_file_name(kind)}"


def api_records(kind: str) -> str:
    return f"{API}/{KINDS[kind].folder}.json"


def api_record(kind: str, record_id: str) -> str:
    return f"{API}/{KINDS[kind].folder}/{record_id}.json"


def table(kind: str) -> str:
    return f"data/{KINDS[kind].folder}.csv"


def event_calendar(event_id: str) -> str:
    return f"calendar/events/{event_id}.ics"


def workstream_calendar(workstream: str) -> str:
    return f"calendar/workstreams/{workstream}.ics"


def feed(lang: str, name: str) -> str:
    """An Atom feed in one language: ``updates``, a kind's folder or ``countries/<iso3>``."""
    return f"{language_prefix(lang)}feeds/{name}.xml"


def kind_feed(lang: str, kind: str) -> str:
    return feed(lang, KINDS[kind].folder)


def country_feed_name(code: str) -> str:
    return f"countries/{code.lower()}"


def country_feed(lang: str, code: str) -> str:
    return feed(lang, country_feed_name(code))


def brief_pdf(code: str, lang: str) -> str:
    """Where a State's country brief is published (acsg.briefs), in ``lang``."""
    return f"briefs/acsg-brief-{code.lower()}-{lang}.pdf"
