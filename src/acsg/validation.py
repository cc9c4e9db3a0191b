"""Load content files into a validated catalogue, reporting every problem of every file.

Problems stay structured (file, location in the record, message) until the very end, where
they become ``path:line:column: message`` lines pointing at the YAML that needs fixing.
"""

from __future__ import annotations

import difflib
import gc
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from acsg.catalogue import Catalogue
from acsg.fields import IsFile, describe, marked, models_in, texts_of, values_at
from acsg.markup import FILE_TARGET
from acsg.models import (
    KIND_BY_FOLDER,
    KINDS,
    Event,
    Kind,
    Match,
    Organization,
    Pledge,
    Record,
    Timeframe,
)
from acsg.problems import Problem
from acsg.schemas import SCHEMA_COMMENT, schema_comment, schema_file_name
from acsg.yamlfile import Document, Loc, YamlError, load_yaml

FILES_FOLDER = "files"
MAX_FILE_BYTES = 20 * 1024 * 1024  # a document or image; larger ones belong on another site
PARALLEL_FROM = 1000  # below this, starting processes costs more than it saves
MAX_WORKERS = 4
ACCEPTED_OTHER = {".md"}


def content_root() -> Path:
    """The content folder: ``$ACSG_CONTENT`` or ``content/``."""
    return Path(os.environ.get("ACSG_CONTENT") or "content")


@dataclass
class Finding:
    """A problem inside one record, before it is placed on a line."""

    loc: Loc
    message: str
    on_key: bool = False


@dataclass
class Loaded:
    kind: Kind
    path: Path
    record: Record
    document: Document

    def problem(self, finding: Finding) -> Problem:
        return _place(display_path(self.path), self.document, finding)


def display_path(path: Path) -> str:
    """A path as people and GitHub annotations want it: relative to the working folder."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


# --- pydantic errors in people's words --------------------------------------------------------


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel]:
    """The model class found at ``loc`` inside ``model``: pydantic reports unknown fields and
    values that are not a mapping only where a model is expected, so there is one."""
    for part in loc:
        if isinstance(part, str):  # list positions lead to the list's items: the same model
            model = next(models_in(model.model_fields[part].annotation))
    return model


def _field_name(loc: Loc) -> str:
    parts = [f"[{part + 1}]" if isinstance(part, int) else f".{part}" for part in loc]
    return "".join(parts).lstrip(".")  # the reader refuses a record that is not a mapping


def _translate(model: type[BaseModel], error: ErrorDetails) -> Finding:
    loc: Loc = tuple(error["loc"])
    kind, given = error["type"], error.get("input")
    where = _field_name(loc)
    if kind == "acsg":
        return Finding(loc, f"{where}: {error['ctx']['message']}")
    if kind == "missing":
        return Finding(loc[:-1], f"the required field {loc[-1]!r} is missing ({where})")
    # The models are strict: a value of another type is a "..._type" error, never parsed.
    if kind == "extra_forbidden":
        allowed = list(_model_at(model, loc[:-1]).model_fields)
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else "."
        return Finding(
            loc,
            f"unknown field {loc[-1]!r}{hint} Allowed here: {', '.join(allowed)}",
            on_key=True,
        )
    if kind == "list_type":
        return Finding(
            loc, f"{where}: expected a list (one '- item' per line), got {describe(given)}"
        )
    if kind == "model_type":
        fields = ", ".join(_model_at(model, loc).model_fields)
        return Finding(
            loc, f"{where}: expected a mapping with the fields {fields}, got {describe(given)}"
        )
    if kind == "bool_type":
        return Finding(loc, f"{where}: expected true or false, got {describe(given)}")
    if kind == "int_type":
        return Finding(loc, f"{where}: expected a whole number, got {describe(given)}")
    if kind == "too_short":
        return Finding(loc, f"{where}: give at least {error['ctx']['min_length']} item(s)")
    return Finding(loc, f"{where}: {error['msg']}, got {describe(given)}")


# --- checks inside one record -----------------------------------------------------------------


def _check_languages(record: Record) -> Iterator[Finding]:
    present: set[str] = set()
    for loc, text in texts_of(record):
        languages = {lang for lang in ("en", "fr", "es") if text.get(lang)}
        present |= languages
        if record.language not in languages:
            yield Finding(
                loc,
                f"{_field_name(loc)}: the text in the record's language ({record.language!r}) "
                "is missing; other languages are optional",
            )
    for index, lang in enumerate(record.unreviewed):
        if lang == record.language:
            yield Finding(
                ("unreviewed", index),
                f"unreviewed: {lang!r} is the record's own language, not a translation",
            )
        elif lang not in present:
            yield Finding(("unreviewed", index), f"unreviewed: the record has no {lang!r} text")


def _check_dates(record: Record) -> Iterator[Finding]:
    if record.updated < record.created:
        yield Finding(
            ("updated",), f"updated ({record.updated}) is before created ({record.created})"
        )
    updates = record.updates if isinstance(record, Pledge | Match) else []
    for index, update in enumerate(updates):
        if update.date > record.updated:
            yield Finding(
                ("updates", index, "date"),
                f"updates[{index + 1}].date ({update.date}) is after the record's 'updated' "
                f"date ({record.updated}): set updated to {update.date} or later",
            )
        if index and update.date < updates[index - 1].date:
            yield Finding(
                ("updates", index, "date"),
                f"updates[{index + 1}].date ({update.date}) is before the update above it: "
                "list updates from oldest to newest",
            )
    timeframe: Timeframe | None = getattr(record, "timeframe", None)
    if timeframe and timeframe.start and timeframe.end:
        start, end = timeframe.start, timeframe.end
        if start[0].isdigit() and end[0].isdigit() and end < start[: len(end)]:
            yield Finding(
                ("timeframe", "end"), f"timeframe: the end ({end}) is before the start ({start})"
            )
    for index, session in enumerate(record.sessions if isinstance(record, Event) else []):
        if session.end is None:
            continue
        if type(session.start) is not type(session.end):
            yield Finding(
                ("sessions", index, "end"),
                f"sessions[{index + 1}]: start and end must both be days or both be times",
            )
        elif session.end < session.start:
            yield Finding(
                ("sessions", index, "end"), f"sessions[{index + 1}]: the end is before the start"
            )


def _check_stage(record: Record) -> Iterator[Finding]:
    if not isinstance(record, Pledge | Match):
        return
    staged = [update for update in record.updates if update.stage]
    stage = record.stage
    if not staged or stage == staged[-1].stage:
        return
    latest = staged[-1]
    if stage is None:
        yield Finding(
            (),
            f"stage is missing, but the latest update with a stage ({latest.date}) says "
            f"{latest.stage!r}: add `stage: {latest.stage}`",
        )
    else:
        yield Finding(
            ("stage",),
            f"stage is {stage!r} but the latest update with a stage ({latest.date}) says "
            f"{latest.stage!r}: make them agree",
        )


def _check_time_zones(record: Record) -> Iterator[Finding]:
    """A session's UTC offsets must be those of its named time zone on that day."""
    for index, session in enumerate(record.sessions if isinstance(record, Event) else []):
        if session.timezone is None:
            continue
        zone = ZoneInfo(session.timezone)
        for part, moment in (("start", session.start), ("end", session.end)):
            if not isinstance(moment, datetime):
                continue
            expected = moment.astimezone(zone).utcoffset()
            if expected != moment.utcoffset():
                yield Finding(
                    ("sessions", index, part),
                    f"sessions[{index + 1}].{part}: the UTC offset {_offset(moment.utcoffset())} "
                    f"is not that of {session.timezone} on {moment.date()} "
                    f"({_offset(expected)}): correct the offset or the time zone",
                )


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _check_sides(record: Record) -> Iterator[Finding]:
    if not isinstance(record, Match):
        return
    both = [org for org in record.supporting.entities if org in record.requesting.entities]
    for org in both:
        yield Finding(
            ("supporting", "entities", record.supporting.entities.index(org)),
            f"supporting.entities: {org!r} is also on the requesting side: a match is support "
            "given by one side to another",
        )


def _check_organization(record: Record) -> Iterator[Finding]:
    if not isinstance(record, Organization):
        return
    if record.type == "state" and record.country is None:
        yield Finding((), "a State needs its 'country' (ISO 3166-1 alpha-3, e.g. 'FRA')")
    if record.type != "state" and record.name is None:
        yield Finding(
            (), "the required field 'name' is missing (only a State is named by its country)"
        )


def check_record(record: Record) -> Iterator[Finding]:
    """Rules that need only the record itself."""
    yield from _check_languages(record)
    yield from _check_dates(record)
    yield from _check_stage(record)
    yield from _check_time_zones(record)
    yield from _check_sides(record)
    yield from _check_organization(record)


# --- checks across records --------------------------------------------------------------------


def _check_references(
    loaded: Loaded, index: dict[str, dict[str, Loaded]], root: Path, broken: dict[str, set[str]]
) -> Iterator[Finding]:
    for path, target in loaded.kind.references:
        for loc, ref in values_at(loaded.record, path):
            if ref not in index[target] and ref not in broken[target]:
                close = difflib.get_close_matches(ref, list(index[target]), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                folder = KINDS[target].folder
                yield Finding(
                    loc, f"{_field_name(loc)}: no {KINDS[target].label} {ref!r} in {folder}/{hint}"
                )
    record = loaded.record
    if isinstance(record, Match):
        sides = (
            ("requesting", record.requesting, {"commitment", "request"}),
            ("supporting", record.supporting, {"offer"}),
        )
        for side, taking, allowed in sides:
            for position, ref in enumerate(taking.pledges):
                other = index["pledge"].get(ref)
                pledge = other.record if other else None
                if isinstance(pledge, Pledge) and pledge.kind not in allowed:
                    yield Finding(
                        (side, "pledges", position),
                        f"{side}.pledges[{position + 1}]: {ref!r} is "
                        + (
                            f"{'an' if pledge.kind[0] in 'aeiou' else 'a'} {pledge.kind}"
                            if pledge.kind
                            else "a pledge whose kind is not stated"
                        )
                        + f", but the {side} side takes {' or '.join(sorted(allowed))} pledges",
                    )
    for loc, name in files_named(record):
        yield from _check_file(root, loc, name)


# Where each kind's records name files of content/files/ (documents, images), from the types.
FILE_FIELDS = {
    kind.model: [path for path, _ in marked(kind.model, IsFile)] for kind in KINDS.values()
}


def files_named(record: Record) -> Iterator[tuple[Loc, str]]:
    """The files of content/files/ a record names: its documents, its image, and the
    ``files/NAME`` links and images of its texts."""
    for path in FILE_FIELDS[type(record)]:
        yield from values_at(record, path)
    for loc, text in texts_of(record):
        for lang in ("en", "fr", "es"):
            for target in FILE_TARGET.finditer(text.get(lang) or ""):
                yield (*loc, lang), target.group(2)


def _check_file(root: Path, loc: Loc, name: str) -> Iterator[Finding]:
    path = root / FILES_FOLDER / name
    if not path.is_file() or path.is_symlink():
        yield Finding(loc, f"{_field_name(loc)}: there is no file {FILES_FOLDER}/{name} in {root}/")


def _check_files_folder(root: Path, named: set[str]) -> Iterator[Problem]:
    """content/files/ holds only real files that a record names, none too large, no two names
    that differ only by case (they would be one file on some computers and hosts)."""
    folder = root / FILES_FOLDER
    if folder.is_symlink():
        yield Problem(display_path(folder), 1, 1, "is a symbolic link: make it a real folder")
        return
    seen: dict[str, str] = {}
    for parent, folders, files in os.walk(folder):  # not into linked folders (followlinks)
        for entry in sorted(folders + files):
            path = Path(parent, entry)
            name = path.relative_to(folder).as_posix()
            shown = display_path(path)
            if path.is_symlink():
                yield Problem(shown, 1, 1, "is a symbolic link: put the file itself here")
                continue
            other = seen.setdefault(name.casefold(), name)
            if other != name:
                yield Problem(
                    shown, 1, 1, f"differs from {FILES_FOLDER}/{other} only by case: rename one"
                )
            if entry in files and path.stat().st_size > MAX_FILE_BYTES:
                yield Problem(
                    shown, 1, 1, f"is over {MAX_FILE_BYTES // 2**20} MB: link it from its own site"
                )
            elif entry in files and name not in named:
                yield Problem(
                    shown, 1, 1, "no record names this file: link it from a record, or remove it"
                )


def _check_part_of(index: dict[str, dict[str, Loaded]]) -> Iterator[tuple[Loaded, Finding]]:
    """An organization may not end up part of itself (a -> b -> a)."""
    organizations = {
        key: loaded.record
        for key, loaded in index["organization"].items()
        if isinstance(loaded.record, Organization)
    }
    for key, loaded in index["organization"].items():
        chain = [key]
        parent = organizations[key].part_of
        while parent in organizations and parent not in chain:
            chain.append(parent)
            parent = organizations[parent].part_of
        if parent == key:
            yield (
                loaded,
                Finding(
                    ("part_of",),
                    f"part_of: {' -> '.join([*chain, key])} makes {key!r} part of itself",
                ),
            )


def _check_states(index: dict[str, dict[str, Loaded]]) -> Iterator[tuple[Loaded, Finding]]:
    seen: dict[str, Loaded] = {}
    for loaded in index["organization"].values():
        org = loaded.record
        assert isinstance(org, Organization)
        if org.type != "state" or org.country is None:
            continue
        first = seen.setdefault(org.country, loaded)
        if first is not loaded:
            yield (
                loaded,
                Finding(
                    ("country",),
                    f"{display_path(first.path)} is already the State {org.country}: "
                    "refer to it instead of adding a second one",
                ),
            )


# --- loading ----------------------------------------------------------------------------------


def _schema_line(raw: bytes, path: Path, kind: Kind) -> Problem | None:
    """The first line must point editors at the record's JSON Schema."""
    first_line = raw.split(b"\n", 1)[0].decode("utf-8", "replace").removeprefix("\ufeff").strip()
    expected = schema_file_name(kind.name)
    if first_line.startswith(SCHEMA_COMMENT) and first_line.endswith(expected):
        return None
    comment = schema_comment(kind.name, path.parent, Path("schemas"))
    return Problem(
        display_path(path), 1, 1, f"the first line must point editors at the schema: {comment}"
    )


def _id_matches_file(data: dict, path: Path) -> Iterator[Finding]:
    given = data.get("id")
    if isinstance(given, str) and given != path.stem:
        yield Finding(
            ("id",),
            f"id {given!r} must equal the file name {path.stem!r}: rename the file "
            f"to {given}.yaml or change the id",
        )


def load_file(path: Path, kind: Kind) -> tuple[Loaded | None, list[Problem]]:
    """Read and validate one record file on its own; file-level checks run in any case."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
        document = load_yaml(raw)
    except YamlError as error:
        return None, [Problem(shown, error.line, error.column, error.message)]
    except OSError as error:
        return None, [Problem(shown, 1, 1, f"cannot read the file: {error.strerror}")]
    problems = [problem for problem in [_schema_line(raw, path, kind)] if problem]
    findings = list(_id_matches_file(document.data, path))
    try:
        record = kind.model.model_validate(document.data)
    except ValidationError as error:
        findings += [_translate(kind.model, item) for item in error.errors(include_url=False)]
        return None, problems + [_place(shown, document, finding) for finding in findings]
    # Its data is the record now: only where each key and value stands is kept (less memory,
    # and less for `acsg validate`'s processes to send back).
    loaded = Loaded(kind, path, record, replace(document, data=None))
    findings += check_record(record)
    return loaded, problems + [loaded.problem(finding) for finding in findings]


def _place(shown: str, document: Document, finding: Finding) -> Problem:
    line, column = document.locate(finding.loc, key=finding.on_key)
    return Problem(shown, line, column, finding.message)


def _record_files(root: Path) -> tuple[list[tuple[Path, Kind]], list[Problem]]:
    found: list[tuple[Path, Kind]] = []
    problems: list[Problem] = []
    if not root.is_dir():
        return [], [Problem(display_path(root), 1, 1, "no such content folder")]
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.name == FILES_FOLDER:
            continue
        kind = KIND_BY_FOLDER.get(entry.name)
        if not entry.is_dir() or kind is None:
            if entry.suffix in ACCEPTED_OTHER and entry.is_file():
                continue
            close = difflib.get_close_matches(entry.name, list(KIND_BY_FOLDER), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(
                Problem(
                    display_path(entry),
                    1,
                    1,
                    f"not a record folder{hint}: records go in "
                    f"{', '.join(KIND_BY_FOLDER)} or {FILES_FOLDER}/ for documents",
                )
            )
            continue
        for path in sorted(entry.rglob("*"), key=str):  # str keys: sorting Paths is slow
            if path.is_dir() or path.name.startswith(".") or path.suffix in ACCEPTED_OTHER:
                continue
            if path.suffix != ".yaml":
                problems.append(
                    Problem(
                        display_path(path),
                        1,
                        1,
                        f"records are .yaml files: rename it to {path.stem}.yaml"
                        if path.suffix == ".yml"
                        else "only .yaml records belong in this folder",
                    )
                )
                continue
            found.append((path, kind))
    return found, problems


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Loading creates many small objects and no reference cycles: the cyclic garbage
    collector would walk them again and again (a quarter of the time at 10,000 files)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_files(files: list[tuple[Path, Kind]]) -> list[tuple[Loaded | None, list[Problem]]]:
    with _without_cycle_collection():
        return [load_file(path, kind) for path, kind in files]


def _load_in_parallel(
    files: list[tuple[Path, Kind]], workers: int
) -> list[tuple[Loaded | None, list[Problem]]]:
    """Per-file work split over processes, results in file order (for stable reports)."""
    size = -(-len(files) // workers)
    chunks = [files[start : start + size] for start in range(0, len(files), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(chunks) - 1, mp_context=context) as pool:
        pending = [pool.submit(_load_files, chunk) for chunk in chunks[1:]]
        results = _load_files(chunks[0])
        for future in pending:
            results.extend(future.result())
    return results


def load_catalogue(root: Path, *, parallel: bool = False) -> tuple[Catalogue, list[Problem]]:
    """Load and check every record under ``root``; return the catalogue and all problems.

    The catalogue holds only the records that passed their own checks, so that one broken
    file does not hide the problems of the others. ``parallel`` spreads the per-file work
    over the machine's cores for large folders (the command line uses it; builds do not,
    as forking a process that runs other threads is not safe).
    """
    with _without_cycle_collection():
        return _load_catalogue(root, parallel)


def _load_catalogue(root: Path, parallel: bool) -> tuple[Catalogue, list[Problem]]:
    files, problems = _record_files(root)
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if parallel and workers > 1 and len(files) >= PARALLEL_FROM:
        results = _load_in_parallel(files, workers)
    else:
        results = _load_files(files)
    index: dict[str, dict[str, Loaded]] = {name: {} for name in KINDS}
    # Records that failed their own checks: references to them are not "missing" as well.
    broken: dict[str, set[str]] = {name: set() for name in KINDS}
    for (path, kind), (loaded, found) in zip(files, results, strict=True):
        problems.extend(found)
        if loaded is None:
            broken[kind.name].add(path.stem)
            continue
        kind = loaded.kind
        earlier = index[kind.name].get(loaded.record.id)
        if earlier is not None:
            problems.append(
                loaded.problem(
                    Finding(
                        ("id",),
                        f"the id {loaded.record.id!r} is already used by "
                        f"{display_path(earlier.path)}: ids must be unique",
                    )
                )
            )
            continue
        index[kind.name][loaded.record.id] = loaded
    for records in index.values():
        for loaded in records.values():
            problems.extend(
                loaded.problem(finding)
                for finding in _check_references(loaded, index, root, broken)
            )
    problems.extend(loaded.problem(finding) for loaded, finding in _check_states(index))
    problems.extend(loaded.problem(finding) for loaded, finding in _check_part_of(index))
    named = {
        name
        for records in index.values()
        for item in records.values()
        for _, name in files_named(item.record)
    }
    problems.extend(_check_files_folder(root, named))
    catalogue = Catalogue(
        root=root,
        records={
            kind: {key: item.record for key, item in items.items()} for kind, items in index.items()
        },
        files={
            (kind, key): os.path.relpath(item.path, root).replace(os.sep, "/")
            for kind, items in index.items()
            for key, item in items.items()
        },
    )
    return catalogue, sorted(set(problems))


class InvalidContent(Exception):
    """The content has problems; the site is not built from it."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the content:\n{lines}")


def _fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(
        sorted(
            (str(path), stat.st_mtime_ns, stat.st_size)
            for path in root.rglob("*")
            if path.is_file() and (stat := path.stat())
        )
    )


@lru_cache(maxsize=2)
def _valid_catalogue(
    root: Path, fingerprint: tuple[tuple[str, int, int], ...], parallel: bool
) -> Catalogue:
    catalogue, problems = load_catalogue(root, parallel=parallel)
    if problems:
        raise InvalidContent(problems)
    return catalogue


def current_catalogue(root: Path, *, parallel: bool = False) -> Catalogue:
    """The validated catalogue of ``root`` as it is now, built once per content state and
    shared by every language build and output (``mkdocs serve`` reloads it after an edit).
    ``parallel``: see ``load_catalogue``."""
    root = root.resolve()
    return _valid_catalogue(root, _fingerprint(root), parallel)
