"""The Submit page: its script's record-building logic, run under Node.js with form answers, must
write files that `acsg validate` accepts; the page itself is built in three languages."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import REPO, Content
from helpers import issue_body
from hostile import REFUSED

from acsg.cli import main
from acsg.forms import FORMS, SUBMIT_ASSETS
from acsg.intake import from_issue

ASSETS = REPO / SUBMIT_ASSETS
TODAY = "2024-07-01"
RUNNER = """
import { readFileSync } from "node:fs";
import { buildRecord, toYaml, newFileUrl, mailtoUrl } from "./record.mjs";
const assets = process.argv[2];
const data = JSON.parse(readFileSync(`${assets}/forms.json`, "utf8"));
const cases = JSON.parse(readFileSync(0, "utf8"));
const results = cases.map((item) => {
  const form = data.forms.find((candidate) => candidate.name === item.form);
  const schema = JSON.parse(readFileSync(`${assets}/${form.schema}`, "utf8"));
  const result = buildRecord(form, schema, item.values, { lang: item.lang || "en", today: item.today });
  const yaml = toYaml(result.record, form.kind, data.schemaComment);
  return {
    id: result.id,
    folder: form.folder,
    problems: result.problems,
    yaml,
    github: newFileUrl("https://github.com/acsg/portal/", form.folder, result.id, yaml),
    mailto: mailtoUrl("secretariat@example.org", "Submission", yaml),
  };
});
process.stdout.write(JSON.stringify(results));
"""


@pytest.fixture(scope="module")
def node_runner(tmp_path_factory: pytest.TempPathFactory) -> Path:
    node = shutil.which("node")
    assert node, "Node.js is needed to test the Submit page's script: install nodejs"
    folder = tmp_path_factory.mktemp("submit-js")
    # record.js has no imports: as .mjs, Node.js runs it as the module browsers load.
    shutil.copy(ASSETS / "record.js", folder / "record.mjs")
    (folder / "run.mjs").write_text(RUNNER, encoding="utf-8")
    return folder


def run_form(node_runner: Path, *cases: dict) -> list[dict]:
    result = subprocess.run(
        ["node", str(node_runner / "run.mjs"), str(ASSETS)],
        input=json.dumps([{"today": TODAY, **case} for case in cases]),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def write_and_validate(content: Content, result: dict, capsys: pytest.CaptureFixture[str]) -> Path:
    assert result["problems"] == []
    path = content.root / result["folder"] / f"{result['id']}.yaml"
    path.write_text(result["yaml"], encoding="utf-8")
    code = main(["validate"])
    out, err = capsys.readouterr()
    assert code == 0, out + err + "\n" + result["yaml"]
    return path


REQUEST = {
    "form": "request-support",
    "values": {
        "language": "en",
        "title": 'Yes: registration support — "phase 1" #2',
        "description": (
            "Georgia asks for:\n\n- training of **registration** staff;\n- new scanners, see "
            "[the plan](https://www.example.org/plan).\n\nContact: <mailto:asylum@example.org>"
        ),
        "entities": "georgia\nFrance",
        "countries": "geo, fra",
        "support_types": ["technical", "material"],
        "topics": ["registration"],
        "areas": ["procedures-systems"],
        "quality_dimensions": [],
        "stage": "planning",
        "grf_pledge": "false",
        "forum": "acsg",
        "year": "2024",
        "gcr_url": "",
        "sources": "https://www.example.org/a\nhttps://www.example.org/b?x=1&y=2#part",
        "id": "",
    },
}
OFFER = {
    "form": "offer-support",
    "lang": "fr",
    "values": {
        "language": "fr",
        "title": "Formation à l'entretien : «module 1»",
        "description": "  Deux semaines de formation.\n\n    Un bloc indenté\n",
        "entities": "ofpra",
        "sources": "https://www.ofpra.gouv.fr",
        "support_types": [],
        "grf_pledge": "true",
        "year": "2023",
        "gcr_url": "https://globalcompactrefugees.org/pledges-contributions/x",
        "id": "ofpra-interview-offer",
    },
}
PRACTICE = {
    "form": "good-practice",
    "lang": "es",
    "values": {
        "language": "es",
        "kind": "tool",
        "title": "Registro móvil",
        "narrative": "Equipos móviles.\nTrailing text: ok",
        "countries": "GEO",
        "topics": ["registration", "documentation"],
        "categories": ["procedures-design"],
        "tags": ["registration", "decentralization"],
        "timeframe_start": "2021-04",
        "timeframe_end": "ongoing",
        "shared_by": "georgia",
        "stakeholders": "ofpra\nfrance",
        "website": "https://www.example.org/registro",
        "documents": "https://www.example.org/guia.pdf Guía: práctica\nhttps://www.example.org/anexo.pdf",
        "sources": "https://www.example.org/fuente",
    },
}


def test_filled_request_validates(content: Content, node_runner: Path, capsys) -> None:
    (result,) = run_form(node_runner, REQUEST)
    assert result["id"] == "yes-registration-support-phase-1-2"
    path = write_and_validate(content, result, capsys)
    assert result["yaml"].startswith(
        "# yaml-language-server: $schema=../../schemas/pledge.schema.json\nid: "
    )
    pledge = content.load()[0].pledges[result["id"]]
    assert pledge.title.en == REQUEST["values"]["title"]
    assert pledge.description.en == REQUEST["values"]["description"]
    assert pledge.entities == ["georgia", "france"] and pledge.countries == ["GEO", "FRA"]
    assert pledge.grf_pledge is False and pledge.year == 2024 and pledge.kind == "request"
    assert pledge.sources[1] == "https://www.example.org/b?x=1&y=2#part"
    assert str(pledge.created) == str(pledge.updated) == TODAY
    assert path.name == "yes-registration-support-phase-1-2.yaml"


def test_filled_offer_in_french_validates(content: Content, node_runner: Path, capsys) -> None:
    (result,) = run_form(node_runner, OFFER)
    write_and_validate(content, result, capsys)
    pledge = content.load()[0].pledges["ofpra-interview-offer"]
    assert pledge.language == "fr" and pledge.kind == "offer"
    assert pledge.title.fr == "Formation à l'entretien : «module 1»"
    assert pledge.description.fr == "Deux semaines de formation.\n\n    Un bloc indenté"


def test_filled_good_practice_validates(content: Content, node_runner: Path, capsys) -> None:
    (result,) = run_form(node_runner, PRACTICE)
    write_and_validate(content, result, capsys)
    practice = content.load()[0].good_practices["registro-movil"]
    assert practice.categories == ["procedures-design"]
    assert practice.tags == ["registration", "decentralization"]
    assert practice.stakeholders == ["ofpra", "france"]
    assert (practice.timeframe.start, practice.timeframe.end) == ("2021-04", "ongoing")
    assert (
        practice.documents[0].title.es == "Guía: práctica" and practice.documents[1].title is None
    )


def test_the_page_and_an_issue_form_give_the_same_record(
    content: Content, node_runner: Path, capsys
) -> None:
    """One form definition, two ways in: the same answers give the same record."""
    (result,) = run_form(node_runner, REQUEST)
    path = write_and_validate(content, result, capsys)
    from_page = content.load()[0].pledges[result["id"]]
    path.unlink()
    form = FORMS["request-support"]
    sections = {key: value for key, value in REQUEST["values"].items() if isinstance(value, str)}
    for field in form.fields:
        if field.widget == "dropdown":
            chosen = REQUEST["values"].get(field.id)
            chosen = chosen if isinstance(chosen, list) else [chosen] if chosen else []
            labels = [" / ".join(dict.fromkeys(field.options()[c].values())) for c in chosen]
            sections[field.id] = ", ".join(labels)
    from datetime import date

    from_issue(issue_body(form, sections), content.root, form=form, today=date.fromisoformat(TODAY))
    assert content.load()[0].pledges[result["id"]] == from_page


def test_problems_are_listed_per_field_in_the_page_language(node_runner: Path) -> None:
    bad = {
        "form": "request-support",
        "lang": "fr",
        "values": {
            "language": "en",
            "title": "Two\nlines",
            "description": "<b>bold</b> and [x](javascript:alert(1))",
            "entities": "",
            "countries": "XXX",
            "year": "1999",
            "sources": "ftp://example.org/file",
            "topics": ["not-a-topic"],
            "id": "../escape",
        },
    }
    (result,) = run_form(node_runner, bad)
    problems = {problem["field"]: problem["message"] for problem in result["problems"]}
    assert problems == {
        "title": "écrivez-le sur une seule ligne",
        "description": problems["description"],
        "entities": "obligatoire",
        "countries": '"XXX" n\'est pas un code ISO 3166-1 alpha-3 (p. ex. FRA)',
        "topics": '"not-a-topic" ne fait pas partie des choix',
        "year": "une année entre 2000 et 2100 est attendue",
        "sources": '"ftp://example.org/file" n\'est pas un lien commençant par https://, http:// ou mailto:',
        "id": '"../escape" n\'est pas valide\u202f: lettres minuscules, chiffres et tirets simples',
    }
    assert "HTML" in problems["description"]
    link_only = dict(bad, values={**REQUEST["values"], "description": "[x](javascript:alert(1))"})
    (result,) = run_form(node_runner, link_only)
    assert [problem["field"] for problem in result["problems"]] == ["description"]
    assert "javascript:alert(1" in result["problems"][0]["message"]


def test_three_ways_on_carry_the_file(node_runner: Path) -> None:
    (result,) = run_form(node_runner, PRACTICE)
    url = urlsplit(result["github"])
    assert (url.scheme, url.netloc, url.path) == (
        "https",
        "github.com",
        "/acsg/portal/new/main/content/good-practices",
    )
    query = parse_qs(url.query)
    assert query["filename"] == ["registro-movil.yaml"]
    assert query["value"] == [result["yaml"]]
    mail = urlsplit(result["mailto"])
    assert mail.scheme == "mailto" and mail.path == "secretariat@example.org"
    assert unquote(parse_qs(mail.query)["body"][0]) == result["yaml"] or parse_qs(mail.query)[
        "body"
    ] == [result["yaml"]]


# --- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "prefix"),
    [("submit.md", "../"), ("submit.fr.md", "../../"), ("submit.es.md", "../../")],
)
def test_page_holds_the_form_container_and_loads_only_local_files(name: str, prefix: str) -> None:
    text = (REPO / "docs" / name).read_text(encoding="utf-8")
    assert '<div id="acsg-submit"' in text
    assert 'data-secretariat-email="{{ secretariat_email }}"' in text
    assert 'role="status" aria-live="polite"' in text
    assert f'<script type="module" src="{prefix}assets/submit/submit.js"></script>' in text
    assert "<noscript>" in text
    assert "http" not in text.split("<script", 1)[1].split("</script>")[0]


def test_submit_page_is_in_the_navigation_and_contribute_pages_mention_it() -> None:
    assert "  - submit.md\n" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for name in ("contribute.md", "contribute.fr.md", "contribute.es.md"):
        assert "(submit.md)" in (REPO / "docs" / name).read_text(encoding="utf-8"), name


def test_page_script_and_its_data_are_served_by_the_site() -> None:
    for name in ("submit.js", "record.js", "submit.css", "forms.json"):
        assert (ASSETS / name).is_file(), name
    data = json.loads((ASSETS / "forms.json").read_text(encoding="utf-8"))
    assert [form["name"] for form in data["forms"]] == [
        "request-support",
        "offer-support",
        "good-practice",
    ]
    for form in data["forms"]:
        assert (ASSETS / form["schema"]).is_file()
        for field in form["fields"]:
            assert set(field["label"]) == {"en", "fr", "es"}
    assert "import " not in (ASSETS / "record.js").read_text(encoding="utf-8")
    script = (ASSETS / "submit.js").read_text(encoding="utf-8")
    assert 'from "./record.js"' in script and "https://" not in script.replace(
        "https://, http://", ""
    )


def test_script_files_parse(node_runner: Path) -> None:
    for name in ("submit.js", "record.js"):
        copy = node_runner / f"check-{name.replace('.js', '.mjs')}"
        shutil.copy(ASSETS / name, copy)
        subprocess.run(["node", "--check", str(copy)], check=True, timeout=60)


TRICKY = [
    "No",
    "yes",
    "Null",
    "Off",
    "True",
    "Costa Rica, México",
    "O'Neil (2021).",
    "A - b",
    "Note: colon",
    "hash #1",
    "- dash first",
    "[brackets] and {braces}",
    "'quoted'",
    "%percent",
    "@at",
    "2021",
    "0o17",
    "1e3",
    "tab\there",
    "trailing space ",
    "émoji 🎉 ok",
]


def test_tricky_texts_survive_the_yaml(content: Content, node_runner: Path, capsys) -> None:
    cases = [
        {
            **REQUEST,
            "values": {**REQUEST["values"], "title": title, "id": f"tricky-{index}"},
        }
        for index, title in enumerate(TRICKY)
    ]
    multi = "Line one\n\n  indented: yes\n# not a comment\n- not a list"
    cases.append({**REQUEST, "values": {**REQUEST["values"], "description": multi, "id": "multi"}})
    results = run_form(node_runner, *cases)
    for result in results:
        assert result["problems"] == []
        path = content.root / result["folder"] / f"{result['id']}.yaml"
        path.write_text(result["yaml"], encoding="utf-8")
    code = main(["validate"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    pledges = content.load()[0].pledges
    for index, title in enumerate(TRICKY):
        assert pledges[f"tricky-{index}"].title.en == title.strip()
    assert pledges["multi"].description.en == multi


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_line_separators_typed_into_the_page_add_no_field(
    content: Content, node_runner: Path, capsys, separator: str
) -> None:
    # Typed into a multi-line field, a separator followed by "grf_pledge: true" must stay text.
    injected = f"Our needs.{separator}grf_pledge: true{separator}stage: fulfilled"
    values = {**REQUEST["values"], "description": injected, "grf_pledge": "", "stage": ""}
    title = {**REQUEST["values"], "title": f'Support{separator}!!! danger "x"'}
    described, titled = run_form(
        node_runner,
        {**REQUEST, "values": {**values, "id": "separated"}},
        {**REQUEST, "values": {**title, "id": "titled"}},
    )
    assert [p["field"] for p in titled["problems"]] == ["title"]  # one line asked: refused
    assert separator not in described["yaml"]
    path = write_and_validate(content, described, capsys)
    pledge = content.load()[0].pledges["separated"]
    assert pledge.grf_pledge is None and pledge.stage is None, path.read_text(encoding="utf-8")
    assert "grf_pledge: true" in pledge.description.en


def test_control_characters_typed_into_the_page_are_refused(node_runner: Path) -> None:
    (result,) = run_form(
        node_runner, {**REQUEST, "values": {**REQUEST["values"], "description": "Needs\x1b[31m"}}
    )
    assert [p["field"] for p in result["problems"]] == ["description"]
    assert "control" in result["problems"][0]["message"]


@pytest.mark.parametrize("hostile", REFUSED)
def test_hostile_text_typed_into_the_page_is_refused_or_made_harmless(
    content: Content, node_runner: Path, capsys, hostile: str
) -> None:
    """The page refuses it, or the file it makes fails `acsg validate` (the judge); line
    separators alone become the line breaks they look like, and add no field."""
    values = {**REQUEST["values"], "description": "Our needs.\n\n" + hostile, "id": "hostile"}
    (result,) = run_form(node_runner, {**REQUEST, "values": values})
    if result["problems"]:
        assert [p["field"] for p in result["problems"]] == ["description"]
        return
    (content.root / result["folder"] / "hostile.yaml").write_text(result["yaml"], encoding="utf-8")
    if main(["validate"]) == 1:
        assert "description" in capsys.readouterr().out
        return
    assert any(separator in hostile for separator in "\u2028\u2029\x85"), "published as is"
    pledge = content.load()[0].pledges["hostile"]
    assert (pledge.stage, pledge.grf_pledge) == ("planning", False)  # as the form gave them
