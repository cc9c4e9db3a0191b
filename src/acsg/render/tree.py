"""Write the generated pages (and content files) into a folder, touching only what changed
(``acsg render DIR``; MkDocs builds read the pages from memory).

Writing only changed bytes leaves file times, and whatever watches the folder, alone when
nothing changed; files of pages that no longer exist are removed, so a deleted record leaves
no page behind.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from acsg.files import write_if_changed
from acsg.render.pages import Page
from acsg.validation import FILES_FOLDER
from acsg.vocab import LANGUAGES


def write_tree(pages: Iterable[Page], folder: Path, content_root: Path) -> int:
    """Write every page in every language under ``folder``; return how many files changed."""
    wanted: set[Path] = set()
    changed = 0
    for page in pages:
        for lang in LANGUAGES:
            path = folder / page.file_name(lang)
            wanted.add(path)
            changed += write_if_changed(path, page.texts[lang].encode("utf-8"))
    files = content_root / FILES_FOLDER
    if files.is_dir():
        for source in sorted(p for p in files.rglob("*") if p.is_file()):
            target = folder / FILES_FOLDER / source.relative_to(files)
            wanted.add(target)
            changed += write_if_changed(target, source.read_bytes())
    if folder.is_dir():
        for stale in [p for p in folder.rglob("*") if p.is_file() and p not in wanted]:
            stale.unlink()
            changed += 1
        for directory in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
            if not any(directory.iterdir()):
                shutil.rmtree(directory)
    return changed
