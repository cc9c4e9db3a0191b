"""The ``acsg`` command as contributors and CI use it: exit codes and what it prints."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BODIES, FRANCE, OFPRA, Content, aged, line_of, sub, times

from acsg.cli import main
from acsg.models import KINDS
from acsg.schemas import schema_texts

TEXT_LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>[0-9]+):(?P<column>[0-9]+): (?P<message>.+)$")
GITHUB_LINE = re.compile(
    r"^::error file=(?P<path>[^,]+),line=(?P<line>[0-9]+),col=(?P<column>[0-9]+)::(?P<message>.+)$"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines(), err


def break_two_files(content: Content) -> tuple[Path, Path]:
    # Nothing refers to these two records, so their problems stay in their own files.
    commitment = content.write(
        "pledge",
        "france-commitment",
        sub(BODIES["france-commitment"], "kind: commitment", "kind: comitment"),
    )
    event = content.write(
        "event", "dialogue-2025", sub(BODIES["dialogue-2025"], "  - france", "  - frnace")
    )
    return commitment, event


def test_valid_content_exits_0(content: Content, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate")
    assert code == 0
    assert out == []
    assert "9 record(s)" in err


def test_valid_content_given_as_a_path_exits_0(
    content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "validate", "content")[0] == 0


def test_problems_exit_1_as_path_line_column_message(
    content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    commitment, event = break_two_files(content)
    code, out, err = run(capsys, "validate")
    assert code == 1
    parsed = [TEXT_LINE.match(line) for line in out]
    assert all(parsed), out
    found = {(m["path"], int(m["line"]), int(m["column"])) for m in parsed if m}
    assert found == {
        ("content/pledges/france-commitment.yaml", line_of(commitment, "comitment"), 7),
        ("content/events/dialogue-2025.yaml", line_of(event, "frnace"), 5),
    }
    assert "2 problem(s) in 2 file(s)" in err


UNREADABLE = {
    "control-character": b"id: control-character\nlanguage: en\nname: a\x01b\n",
    "latin-1": "id: latin-1\nlanguage: fr\nname: R\xe9fugi\xe9s\n".encode("latin-1"),
    "tab": b"id: tab\ntitle:\n\ten: x\n",
    "duplicate": b"id: duplicate\nid: duplicate\n",
    "malformed": b"id: malformed\ntitle: a: b\n",
    "alias": b"id: alias\nsources: *x\n",
}


@pytest.mark.parametrize("output", ["text", "github"])
def test_every_output_line_is_one_problem_whatever_the_file_holds(
    content: Content, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    folder = content.root / "pledges"
    for name, raw in UNREADABLE.items():
        (folder / f"{name}.yaml").write_bytes(raw)
    code, out, _ = run(capsys, "validate", "--format", output)
    assert code == 1
    pattern = TEXT_LINE if output == "text" else GITHUB_LINE
    assert [line for line in out if not pattern.match(line)] == []
    paths = {pattern.match(line)["path"] for line in out}  # type: ignore[index]
    assert paths == {f"content/pledges/{name}.yaml" for name in UNREADABLE}
    lines = {(pattern.match(line)["path"], int(pattern.match(line)["line"])) for line in out}  # type: ignore[index]
    assert ("content/pledges/control-character.yaml", 3) in lines
    assert ("content/pledges/latin-1.yaml", 3) in lines
    assert ("content/pledges/tab.yaml", 3) in lines
    assert ("content/pledges/duplicate.yaml", 2) in lines


def test_github_format_prints_annotations(
    content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    commitment, _ = break_two_files(content)
    code, out, _ = run(capsys, "validate", "--format", "github")
    assert code == 1
    parsed = [GITHUB_LINE.match(line) for line in out]
    assert all(parsed) and len(parsed) == 2, out
    first = next(m for m in parsed if m and m["path"] == "content/pledges/france-commitment.yaml")
    assert (int(first["line"]), int(first["column"])) == (line_of(commitment, "comitment"), 7)
    assert "'comitment'" in first["message"] and "did you mean 'commitment'?" in first["message"]


def test_validating_one_file_reports_only_that_file(
    content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    commitment, event = break_two_files(content)
    code, out, _ = run(capsys, "validate", "content/events/dialogue-2025.yaml")
    assert code == 1
    assert len(out) == 1 and out[0].startswith(
        f"content/events/dialogue-2025.yaml:{line_of(event, 'frnace')}:"
    )
    code, out, _ = run(capsys, "validate", str(commitment))  # an absolute path works too
    assert code == 1
    assert len(out) == 1 and out[0].startswith("content/pledges/france-commitment.yaml:")


def test_validating_a_valid_file_next_to_a_broken_one_exits_0(
    content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    break_two_files(content)
    code, out, _ = run(capsys, "validate", "content/pledges/georgia-request.yaml")
    assert (code, out) == (0, [])


def test_validating_one_kind_folder(content: Content, capsys: pytest.CaptureFixture[str]) -> None:
    break_two_files(content)
    code, out, _ = run(capsys, "validate", "content/pledges")
    assert code == 1
    assert [line.split(":")[0] for line in out] == ["content/pledges/france-commitment.yaml"]
    assert run(capsys, "validate", "content/matches")[0] == 0


def test_validating_a_file_in_a_nested_folder(
    content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    content.path("pledge", "france-offer").unlink()
    nested = content.write("pledge", "france-offer", BODIES["france-offer"], subfolder="2024")
    code, out, err = run(capsys, "validate", str(nested.relative_to(content.root.parent)))
    assert (code, out) == (0, []), err
    content.write(
        "pledge",
        "france-offer",
        sub(BODIES["france-offer"], "kind: offer", "kind: ofer"),
        subfolder="2024",
    )
    code, out, _ = run(capsys, "validate", "content/pledges/2024/france-offer.yaml")
    assert code == 1
    assert len(out) == 1 and out[0].startswith("content/pledges/2024/france-offer.yaml:")


def test_nonexistent_folder_is_reported_without_traceback(
    empty_content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "validate", "no-such-folder")
    assert code == 1
    assert any("no-such-folder" in line for line in out + err.splitlines())


def test_nonexistent_content_from_the_environment(
    empty_content: Content, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ACSG_CONTENT", str(empty_content.root.parent / "elsewhere"))
    code, out, err = run(capsys, "validate")
    assert code == 1
    assert any("elsewhere" in line for line in out + err.splitlines())


# --- acsg new -------------------------------------------------------------------------------


@pytest.fixture
def two_organizations(empty_content: Content) -> Content:
    empty_content.write("organization", "france", FRANCE)
    empty_content.write("organization", "ofpra", OFPRA)
    return empty_content


@pytest.mark.parametrize("kind", list(KINDS))
def test_new_record_of_every_kind_validates(
    two_organizations: Content, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    assert run(capsys, "schemas")[0] == 0
    code, out, err = run(capsys, "new", kind, "my-new-record")
    assert code == 0, err
    path = two_organizations.path(kind, "my-new-record")
    assert path.is_file()
    assert any("my-new-record.yaml" in line for line in out)
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    target = first_line.split("$schema=", 1)[1]
    assert (path.parent / target).resolve() == (
        two_organizations.root.parent / "schemas" / f"{kind}.schema.json"
    ).resolve()
    code, out, err = run(capsys, "validate")
    assert (code, out) == (0, []), err
    code, out, err = run(capsys, "validate", str(path))
    assert (code, out) == (0, []), err


def test_new_refuses_an_existing_id(
    two_organizations: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    path = two_organizations.path("organization", "france")
    before = path.read_bytes()
    code, _, err = run(capsys, "new", "organization", "france")
    assert code == 1
    assert "france" in err and "exists" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "bad_id", ["My_Record", "double--hyphen", "trailing-", "ünïcode", "a/b", "../escape"]
)
def test_new_refuses_an_invalid_id(
    two_organizations: Content, capsys: pytest.CaptureFixture[str], bad_id: str
) -> None:
    before = sorted(p for p in two_organizations.root.parent.rglob("*"))
    code, _, err = run(capsys, "new", "pledge", bad_id)
    assert code == 1
    assert repr(bad_id) in err or bad_id in err
    assert "not a valid id" in err
    assert sorted(p for p in two_organizations.root.parent.rglob("*")) == before


# --- acsg schemas ---------------------------------------------------------------------------


def test_schemas_writes_one_schema_per_kind(
    empty_content: Content, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_dir = tmp_path / "out" / "schemas"
    root = tmp_path / "out"
    code, out, _ = run(capsys, "schemas", "--out", str(out_dir), "--root", str(root))
    assert code == 0
    files = sorted(out_dir.iterdir())
    assert [p.name for p in files] == sorted(f"{kind}.schema.json" for kind in KINDS)
    derived = sorted(p for p in root.rglob("*") if p.is_file() and p.parent != out_dir)
    assert len(out) == len(KINDS) + len(derived)
    assert root / ".github" / "ISSUE_TEMPLATE" / "request-support.yml" in derived
    assert root / "docs" / "assets" / "submit" / "forms.json" in derived
    for path in files:
        assert json.loads(path.read_text(encoding="utf-8"))["$schema"].startswith(
            "https://json-schema.org/"
        )
        assert path.read_text(encoding="utf-8") == schema_texts()[path.name]
    before = aged(root)
    code, out, _ = run(capsys, "schemas", "--out", str(out_dir), "--root", str(root))
    assert code == 0 and len(out) == 1 and "up to date" in out[0]
    assert times(root) == before


# --- the installed command ------------------------------------------------------------------


def console_script() -> str:
    beside = Path(sys.executable).parent / "acsg"
    found = str(beside) if beside.exists() else shutil.which("acsg")
    assert found, "the acsg console script is not installed (pip install -e .)"
    return found


def test_console_script_end_to_end(content: Content) -> None:
    env = {**os.environ, "ACSG_CONTENT": str(content.root)}

    def acsg(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [console_script(), *argv],
            capture_output=True,
            text=True,
            cwd=content.root.parent,
            env=env,
            timeout=60,
            check=False,
        )

    valid = acsg("validate")
    assert valid.returncode == 0, valid.stderr
    assert "Traceback" not in valid.stderr
    break_two_files(content)
    broken = acsg("validate")
    assert broken.returncode == 1
    assert "Traceback" not in broken.stderr
    assert len(broken.stdout.splitlines()) == 2
    assert all(TEXT_LINE.match(line) for line in broken.stdout.splitlines())
    missing = acsg("validate", "no-such-folder")
    assert missing.returncode == 1
    assert "Traceback" not in missing.stderr
    usage = acsg("new", "unicorn", "x")
    assert usage.returncode == 2
    assert "Traceback" not in usage.stderr
