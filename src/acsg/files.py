"""Files the portal derives (pages, schemas, issue forms, data files, demo records) are written
only when their bytes change: an unchanged file keeps its time, so that editors, ``make``, rsync
and whatever else watches the folder see no change where there is none."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` (making its folder) unless it already holds exactly that;
    return whether it was written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
