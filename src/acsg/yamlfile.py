"""A strict YAML reader for contributed records, and the writer of the package's YAML files.

PyYAML alone silently keeps the last of two duplicate keys, expands aliases (alias bombs),
turns an unquoted ``no`` into ``False`` and accepts tabs in odd places. This reader walks
PyYAML's event stream itself so that every such trap becomes a clear error with a line and
column, and records where every value stands so that later errors can point at it too.

``dump`` writes records (``acsg from-issue``, ``acsg demo-data``) and the issue forms the way
contributors' files are written, quoting whatever the reader would refuse unquoted.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

MAX_BYTES = 256 * 1024
MAX_DIGITS = 18  # years and counts: a longer number is a mistake (and Python refuses > 4,300)
_SEPARATOR = re.compile("[\x85\u2028\u2029]")
MAX_DEPTH = 24

Loc = tuple[str | int, ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.resolver.Resolver()
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?"
    r"([Zz]|[-+][0-9]{2}:?[0-9]{2})?"
)
_DATE_LIKE = re.compile(r"[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([Tt ].*)?")
_BOOL_WORDS = {"true", "false"}
# Plain scalars starting with any other character are text in every YAML version.
_RESOLVED_FIRST = frozenset(
    key for key in yaml.resolver.Resolver.yaml_implicit_resolvers if key is not None
)
_SKIPPED = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class YamlError(Exception):
    """A file that cannot be read as a record, with the place to look at (1-based)."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


@dataclass
class Document:
    """The data of one YAML file and where each of its keys and values stands."""

    data: Any
    # Where each value and key starts: 0-based line and column, as PyYAML marks them (numbers,
    # not marks: lighter to keep, and to send back from `acsg validate`'s processes).
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of ``loc``, or of its nearest enclosing value."""
        place = self.keys.get(loc) if key else None
        for end in range(len(loc), -1, -1):
            if place is not None:
                break
            place = self.values.get(loc[:end])
        return (place[0] + 1, place[1] + 1) if place is not None else (1, 1)


def _decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise YamlError(
            1,
            1,
            f"the file is {len(raw):,} bytes; records are limited to {MAX_BYTES:,} bytes: "
            "move long documents to a linked file",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError(
            line,
            column,
            f"byte 0x{raw[error.start]:02x} is not valid UTF-8: save the file as UTF-8",
        ) from None
    if not text.strip():
        raise YamlError(1, 1, "the file is empty: start from `acsg new KIND ID`")
    separator = _SEPARATOR.search(text)
    if separator:
        preceding = text[: separator.start()]
        raise YamlError(
            preceding.count("\n") + 1,
            separator.start() - (preceding.rfind("\n") + 1) + 1,
            f"the invisible line separator U+{ord(separator.group()):04X} cannot appear in a "
            "record (YAML reads it as a line break): delete it, or press Enter instead",
        )
    for number, line_text in enumerate(text.split("\n"), start=1):
        indent = len(line_text) - len(line_text.lstrip(" \t"))
        if "\t" in line_text[:indent]:
            raise YamlError(
                number,
                line_text.index("\t") + 1,
                "a tab is used for indentation; YAML needs spaces",
            )
    return text


def _scalar(event: yaml.ScalarEvent) -> Any:
    """The value of a scalar, refusing plain scalars whose meaning depends on the YAML version."""
    value = event.value
    if not event.implicit[0]:  # quoted or block scalar: always text
        return value
    if value and value[0] not in _RESOLVED_FIRST:
        return value
    tag = _resolver.resolve(yaml.ScalarNode, value, (True, False))
    line, column = _position(event)
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        if value.lower() in _BOOL_WORDS:
            return value.lower() == "true"
        raise YamlError(
            line,
            column,
            f"unquoted {value!r} is ambiguous (yes/no/on/off are read as true/false by some "
            f'tools): write true or false, or put the text in quotes: "{value}"',
        )
    if tag.endswith(":int"):
        if _DECIMAL.fullmatch(value) and len(value) > MAX_DIGITS:
            raise YamlError(
                line, column, f"a number of {len(value):,} digits is longer than any field takes"
            )
        if _DECIMAL.fullmatch(value):
            return int(value)
        raise YamlError(
            line,
            column,
            f"unquoted {value!r} is ambiguous (read as a number in octal, hex or base 60 by "
            f'some tools): put it in quotes: "{value}"',
        )
    if tag.endswith(":float"):
        if _FLOAT.fullmatch(value):
            return float(value)
        raise YamlError(line, column, f"unquoted {value!r} is ambiguous: put it in quotes")
    if tag.endswith(":merge"):
        raise YamlError(line, column, "YAML merge keys (<<) are not allowed: write the fields out")
    if tag.endswith(":timestamp") or _DATE_LIKE.fullmatch(value):
        if _ISO_DATE.fullmatch(value) or _ISO_DATETIME.fullmatch(value):
            return value
        raise YamlError(
            line,
            column,
            f"{value!r} is an ambiguous date: write dates as YYYY-MM-DD (e.g. 2021-01-05) "
            "and times as YYYY-MM-DDTHH:MM+HH:MM",
        )
    return value


def _position(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    assert mark is not None  # the parser marks every event it makes
    return mark.line + 1, mark.column + 1


def _check_event(event: yaml.NodeEvent, position: tuple[int, int]) -> None:
    """Refuse aliases, anchors and explicit tags, which records never need."""
    if type(event) is yaml.AliasEvent:
        raise YamlError(*position, f"YAML aliases (*{event.anchor}) are not allowed: write it out")
    if event.anchor is not None:
        raise YamlError(*position, f"YAML anchors (&{event.anchor}) are not allowed: write it out")
    if isinstance(event, yaml.ScalarEvent):
        tag, explicit = event.tag, not any(event.implicit)
    elif isinstance(event, yaml.CollectionStartEvent):
        tag, explicit = event.tag, not event.implicit
    else:  # pragma: no cover - the parser makes no other node event
        return
    if tag and explicit:
        raise YamlError(*position, f"YAML tags ({tag}) are not allowed: quote the value instead")


def load_yaml(raw: bytes) -> Document:
    """Parse one record file; raise YamlError for anything a contributor should fix."""
    text = _decode(raw)
    loader = _Loader(text)
    document = Document(data=None)
    keys, values = document.keys, document.values
    # Each frame: [container, loc, pending key (mappings only), is a mapping]
    stack: list[list[Any]] = []
    frame: list[Any] | None = None
    documents = 0
    get_event = loader.get_event
    scalar_event, mapping_start = yaml.ScalarEvent, yaml.MappingStartEvent
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event and frame is not None and frame[3] and frame[2] is None:
                # A mapping key (the commonest event: kept first and short).
                key = event.value
                if not event.implicit[0] or (key and key[0] in _RESOLVED_FIRST):
                    key = _scalar(event)
                    if not isinstance(key, str):
                        raise YamlError(
                            *_position(event), f"the key {event.value!r} must be a name (text)"
                        )
                if event.anchor is not None or event.tag is not None:
                    _check_event(event, _position(event))
                if key in frame[0]:
                    first = keys[(*frame[1], key)]
                    raise YamlError(
                        *_position(event),
                        f"duplicate key {key!r} (first given on line {first[0] + 1}): "
                        "keep one of them",
                    )
                frame[2] = key
                mark = event.start_mark
                keys[(*frame[1], key)] = (mark.line, mark.column)
                continue
            if kind in _ENDS:
                stack.pop()
                frame = stack[-1] if stack else None
                continue
            if kind in _SKIPPED:
                if kind is yaml.StreamEndEvent:
                    break
                continue
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlError(
                        *_position(event), "a record file holds one document: remove '---'"
                    )
                continue
            if event.anchor is not None or event.tag is not None or kind is yaml.AliasEvent:
                _check_event(event, _position(event))
            if frame is not None and frame[3] and frame[2] is None:
                raise YamlError(
                    *_position(event), "a key must be a plain name, not a list or mapping"
                )
            # A value: work out where it goes.
            if frame is None:
                loc: Loc = ()
            elif frame[3]:
                loc = (*frame[1], frame[2])
            else:
                loc = (*frame[1], len(frame[0]))
            if kind is scalar_event:
                value: Any = _scalar(event)
            else:
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(*_position(event), f"nesting deeper than {MAX_DEPTH} levels")
                value = {} if kind is mapping_start else []
            mark = event.start_mark
            values[loc] = (mark.line, mark.column)
            if frame is None:
                document.data = value
            elif frame[3]:
                frame[0][frame[2]] = value
                frame[2] = None
            else:
                frame[0].append(value)
            if kind is not scalar_event:
                frame = [value, loc, None, kind is mapping_start]
                stack.append(frame)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = error.problem or error.context or "malformed YAML"
        raise YamlError(line, column, f"this is not valid YAML: {detail}") from None
    except yaml.reader.ReaderError as error:
        code = error.character if isinstance(error.character, int) else ord(error.character)
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        raise YamlError(
            line,
            column,
            f"the invisible control character U+{code:04X} cannot appear in a record: delete or retype it",
        ) from None
    except yaml.YAMLError as error:
        detail = str(error).splitlines()[0]
        raise YamlError(1, 1, f"this is not valid YAML: {detail}") from None
    finally:
        loader.dispose()
    if document.data is None:
        raise YamlError(1, 1, "the file is empty: start from `acsg new KIND ID`")
    if not isinstance(document.data, dict):
        raise YamlError(1, 1, "a record must be a mapping of fields (name: value), one per line")
    return document


# --- writing -----------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """yaml.safe_dump's representation with the changes records need (see ``dump``)."""

    record = True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, indentless and not self.record)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # a value used twice is written twice: the reader refuses anchors


def _represent_str(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    style: str | None = None
    if _SEPARATOR.search(value):
        style = '"'  # only double quotes escape them (as \N, \L, \P)
    elif dumper.record and _ISO_DATE.fullmatch(value):
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value)  # a plain date
    elif _DATE_LIKE.fullmatch(value) and not _ISO_DATETIME.fullmatch(value):
        style = "'"  # text PyYAML would leave plain, which the reader refuses as a date
    elif dumper.record and "\n" in value:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_day(dumper: _Dumper, value: date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(date, _represent_day)
_Dumper.add_representer(datetime, _represent_day)  # 2026-03-30T09:00:00+01:00


def dump(data: Any, *, width: int = 96, record: bool = True) -> str:
    """``data`` as YAML that ``load_yaml`` reads back the same (dates and times as ISO text).

    Keys in their order, Unicode as typed, block style and no anchors. Scalars the reader
    would refuse unquoted (``no``, ``1:2``, ``01/02/2021``) are quoted, and line separators
    escaped. A record is laid out as ``acsg new`` writes one: lists indented under their key,
    texts of several lines as ``|`` blocks, dates plain (2021-04-14). ``record=False`` keeps
    ``yaml.safe_dump``'s layout (lists flush with their key, texts of several lines and text
    that looks like a date quoted), which the generated issue forms have: GitHub would read an
    unquoted date there as a date, not as the text it wants.
    """
    stream = io.StringIO()
    dumper = _Dumper(stream, allow_unicode=True, width=width, sort_keys=False)
    dumper.record = record
    try:
        dumper.open()
        dumper.represent(data)
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue()
