"""Derived files are written only when their bytes change: unchanged ones keep their time."""

from __future__ import annotations

from pathlib import Path

from conftest import OLD, aged

from acsg.files import write_if_changed


def test_a_file_is_written_once_then_left_alone_until_its_bytes_change(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "file.json"
    assert write_if_changed(path, b"one") is True
    assert path.read_bytes() == b"one"
    aged(tmp_path)
    assert write_if_changed(path, b"one") is False
    assert path.stat().st_mtime_ns == OLD
    assert write_if_changed(path, b"two") is True
    assert path.read_bytes() == b"two" and path.stat().st_mtime_ns != OLD
    assert write_if_changed(path, b"") is True and path.read_bytes() == b""
