"""``acsg from-issue`` and the GitHub issue forms it reads: sample issues (complete, incomplete,
malicious), round trips of every submitted kind, and the committed forms' agreement with it."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import REPO, Content, listing
from helpers import issue_body, record_sections, update_sections
from hostile import REFUSED
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from acsg.cli import main
from acsg.fields import Text
from acsg.forms import FORMS, ISSUE_FORMS, NO_RESPONSE, derived_texts, trilingual
from acsg.intake import (
    MAX_BODY,
    IntakeError,
    code_span,
    detect_form,
    from_issue,
    parse_body,
    report,
    set_top_level,
    slug,
)
from acsg.models import KINDS, Match, MatchUpdate, Pledge, PledgeUpdate

ISSUES = Path(__file__).parent / "fixtures" / "issues"
TODAY = date(2024, 7, 1)


def issue(name: str) -> str:
    return (ISSUES / f"{name}.md").read_text(encoding="utf-8")


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def convert(content: Content, name: str, form: str | None = None):
    return from_issue(
        issue(name),
        content.root,
        form=FORMS[form or name],
        today=TODAY,
        schemas=content.root.parent / "schemas",
    )


def assert_valid(content: Content) -> None:
    problems = content.problems()
    assert not problems, listing(problems)


# --- complete submissions ---------------------------------------------------------------------


def test_request_becomes_a_valid_pledge(content: Content) -> None:
    result = convert(content, "request-support")
    assert result.created and result.kind == "pledge"
    assert (
        result.path
        == content.root / "pledges" / "appui-a-l-enregistrement-des-demandes-d-asile.yaml"
    )
    assert_valid(content)
    catalogue, _ = content.load()
    pledge = catalogue.pledges[result.record_id]
    assert pledge.kind == "request" and pledge.language == "fr"
    assert pledge.title.fr == "Appui à l'enregistrement des demandes d'asile"
    assert (
        "**renforcer**" in pledge.description.fr
        and "- formation des agents ;" in pledge.description.fr
    )
    assert pledge.entities == ["georgia"]  # "Géorgie", the State's name in French
    assert pledge.countries == ["GEO"]
    assert pledge.support_types == ["technical", "material"]
    assert pledge.topics == ["registration", "case-management-digitalization"]
    assert pledge.areas == ["procedures-systems"]  # its label holds commas
    assert (pledge.stage, pledge.forum, pledge.year, pledge.grf_pledge) == (
        "planning",
        "acsg",
        2025,
        None,
    )
    assert pledge.created == pledge.updated == TODAY
    text = result.path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/pledge.schema.json\n")
    assert "description:\n  fr: |-\n    La Géorgie" in text  # multi-line text as a literal block


def test_offer_with_acronyms_names_and_an_explicit_id(content: Content) -> None:
    result = convert(content, "offer-support")
    assert result.record_id == "ofpra-interview-training"
    assert_valid(content)
    pledge = content.load()[0].pledges["ofpra-interview-training"]
    assert pledge.kind == "offer"
    assert pledge.entities == ["ofpra", "france"]
    assert pledge.topics == ["training", "age-gender-diversity"]
    assert pledge.quality_dimensions == ["fairness", "integrity"]
    assert pledge.grf_pledge is True and pledge.forum == "grf-2023"
    assert pledge.gcr_url == "https://globalcompactrefugees.org/pledges-contributions/example"


def test_good_practice_with_documents_timeframe_and_tags(content: Content) -> None:
    result = convert(content, "good-practice")
    assert result.record_id == "registro-movil-en-zonas-fronterizas"
    assert_valid(content)
    practice = content.load()[0].good_practices[result.record_id]
    assert practice.language == "es" and practice.kind == "tool"
    assert practice.countries == ["GEO", "FRA"]
    assert practice.categories == ["procedures-design"]
    assert practice.tags == ["registration", "decentralization"]
    assert (practice.timeframe.start, practice.timeframe.end) == ("2021-04", "ongoing")
    assert practice.shared_by == ["georgia"] and practice.stakeholders == ["ofpra"]
    assert [(d.url, d.title and d.title.es, d.language) for d in practice.documents] == [
        ("https://www.example.org/guia.pdf", "Guía práctica", "es"),
        ("https://www.example.org/anexo.pdf", None, "es"),
    ]


def test_an_existing_id_is_not_overwritten(content: Content) -> None:
    first = convert(content, "offer-support")
    before = first.path.read_bytes()
    second = convert(content, "offer-support")
    assert second.record_id == "ofpra-interview-training-2"
    assert first.path.read_bytes() == before
    assert_valid(content)


def test_progress_on_a_pledge_edits_the_record_and_keeps_the_rest(content: Content) -> None:
    path = content.path("pledge", "georgia-request")
    before = path.read_text(encoding="utf-8")
    result = convert(content, "progress-report-pledge", "progress-report")
    assert not result.created and result.path == path
    assert_valid(content)
    pledge = content.load()[0].pledges["georgia-request"]
    assert pledge.stage == "fulfilled"
    assert pledge.updates[-1].date == date(2024, 5, 2)
    assert pledge.updates[-1].text.fr.startswith("La nouvelle unité")
    assert pledge.updated == TODAY
    assert pledge.sources == ["https://www.example.org/request", "https://www.example.org/coi-unit"]
    after = path.read_text(encoding="utf-8")
    # Untouched blocks stay exactly as written.
    for line in ("title:\n  en: Support for country-of-origin information\n", "support_types:\n"):
        assert line in before and line in after
    assert after.splitlines()[0] == before.splitlines()[0]


def test_progress_on_a_match_without_stage_or_sources(content: Content) -> None:
    convert(content, "progress-report-match", "progress-report")
    assert_valid(content)
    match = content.load()[0].matches["france-georgia"]
    assert match.stage == "in-progress"
    assert [(u.date, u.text.en) for u in match.updates] == [
        (date(2024, 6, 15), "A first study visit took place in Paris.")
    ]


# --- incomplete and hostile submissions -------------------------------------------------------


def test_incomplete_issue_lists_every_problem_and_writes_nothing(content: Content) -> None:
    before = files(content.root)
    with pytest.raises(IntakeError) as raised:
        convert(content, "incomplete", "request-support")
    problems = raised.value.problems
    text = "\n".join(problems)
    assert "Title / Titre / Título: required, but left empty" in problems
    assert any(p.startswith("What support is requested?") and "left empty" in p for p in problems)
    assert any(
        p.startswith("States or organizations") and "missing from the issue" in p for p in problems
    )
    assert "'Moral support' is not one of the choices" in text
    assert "expected a year such as 2023, got 'next year'" in text
    assert any(p.startswith("Sources (links)") for p in problems)
    assert files(content.root) == before


def test_malicious_issue_is_refused_with_reasons_and_writes_nothing(content: Content) -> None:
    before = files(content.root)
    with pytest.raises(IntakeError) as raised:
        convert(content, "malicious", "request-support")
    text = "\n".join(raised.value.problems)
    assert "is not a valid short name" in text  # the path-like id
    assert files(content.root) == before
    assert not (content.root.parent / ".github").exists()
    # With a clean id, the same answers still fail validation: HTML and bad links.
    body = issue("malicious").replace("../../../.github/workflows/evil", "evil")
    with pytest.raises(IntakeError) as raised:
        from_issue(body, content.root, form=FORMS["request-support"], today=TODAY)
    text = "\n".join(raised.value.problems)
    assert "raw HTML" in text
    assert "'javascript:alert(1)' is not an http, https or mailto link" in text
    assert "file:///etc/passwd" in text
    assert files(content.root) == before


@pytest.mark.parametrize("hostile", REFUSED)
def test_hostile_text_in_an_issue_is_refused_and_writes_nothing(
    content: Content, hostile: str
) -> None:
    body = issue("request-support").replace(
        "- formation des agents ;", "- formation des agents ;\n\n" + hostile
    )
    assert hostile in body
    before = files(content.root)
    with pytest.raises(IntakeError) as raised:
        from_issue(body, content.root, form=FORMS["request-support"], today=TODAY)
    assert raised.value.problems
    assert files(content.root) == before


def test_a_heading_repeated_inside_an_answer_stays_in_that_answer() -> None:
    answers = parse_body(issue("malicious"), FORMS["request-support"])
    assert answers["title"] == "<img src=x onerror=alert(1)> Free support"
    assert "### Title / Titre / Título\n\nA second title heading" in answers["description"]


# --- what the bot writes on GitHub quotes the submitter only as code --------------------------

HOSTILE = (
    "@org/team ![x](https://evil.example/p.png) <img src=x onerror=alert(1)> "
    "[link](https://evil.example/) `tick` ``double`` ``` fence"
)


def inline_tokens(markdown: str) -> list[Token]:
    """Every inline token of ``markdown`` as CommonMark (GitHub's Markdown) reads it."""
    found = []
    for token in MarkdownIt("commonmark").parse(markdown):
        assert token.type not in ("html_block", "fence", "code_block"), token
        found.extend(token.children or [])
    return found


def assert_only_code_quotes(markdown: str, *values: str) -> None:
    """Nothing in ``markdown`` is a link, image or HTML; text outside code spans mentions no one
    and names no address; each value appears inside one code span."""
    tokens = inline_tokens(markdown)
    kinds = {token.type for token in tokens}
    assert kinds <= {"text", "code_inline", "softbreak", "strong_open", "strong_close"}, kinds
    text = "".join(token.content for token in tokens if token.type == "text")
    assert "@" not in text and "evil.example" not in text and "<" not in text, text
    spans = [token.content for token in tokens if token.type == "code_inline"]
    for value in values:
        assert any(value in span for span in spans), (value, spans)


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "`",
        "``",
        "a ` b",
        "```",
        "`starts and ends`",
        "ends with a backslash \\",
        "\\`escaped`",
        "two\n\n```\n<script>alert(1)</script>\n```\n# heading",
        "- [ ] @org/team",
        "",
    ],
)
def test_a_code_span_shows_any_text_literally(text: str) -> None:
    markdown = f"- {code_span(text)}\n\nSee {code_span(text)} here."
    tokens = inline_tokens(markdown)
    spans = [token for token in tokens if token.type == "code_inline"]
    one_line = " ".join(text.splitlines())
    assert [span.content.strip() for span in spans] == [one_line.strip()] * 2
    assert {token.type for token in tokens} <= {"text", "code_inline"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("`\\ \n\r\t<>@![]()#-*_:/ab"), max_size=40))
def test_a_code_span_holds_any_text_whole(text: str) -> None:
    tokens = inline_tokens(f"- {code_span(text)}")
    assert [token.type for token in tokens] == ["code_inline"], tokens
    # The text on one line, its spaces at either end kept (CommonMark takes one space off each
    # end of a code span that has text between: the span is padded for it).
    assert tokens[0].content == (" ".join(text.splitlines()) or " ")


def hostile_request() -> str:
    body = issue("request-support")
    body = body.replace("Appui à l'enregistrement des demandes d'asile", HOSTILE)
    body = body.replace("Géorgie\n", f"{HOSTILE}\n")
    body = body.replace("\nGEO\n", f"\nGEO, {HOSTILE}\n")
    body = body.replace("Efficiency / Efficacité / Eficiencia", "```\n@org/team\n```")
    return body.replace("2025", "<img src=x>")


def test_the_comment_listing_problems_quotes_the_submitter_only_as_code(
    content: Content,
) -> None:
    with pytest.raises(IntakeError) as raised:
        from_issue(hostile_request(), content.root, form=FORMS["request-support"], today=TODAY)
    problems = raised.value.problems
    assert len(problems) == 4, problems
    comment = report(None, problems, "12")
    assert_only_code_quotes(comment, HOSTILE, "@org/team", "<img src=x>")
    assert comment.count("\n- ") == 4  # one list item per problem
    # The validator's own messages quote values too (here the title's raw HTML).
    body = issue("request-support").replace(
        "Appui à l'enregistrement des demandes d'asile", HOSTILE
    )
    with pytest.raises(IntakeError) as raised:
        from_issue(body, content.root, form=FORMS["request-support"], today=TODAY)
    (problem,) = raised.value.problems
    assert "raw HTML ('<img src=x" in problem
    assert_only_code_quotes(report(None, [problem], "12"), "<img src=x")


def test_the_pull_request_text_quotes_the_submitter_only_as_code(content: Content) -> None:
    # HTML and images from other sites are refused anyway: the rest is a valid title.
    title = HOSTILE.replace(" <img src=x onerror=alert(1)>", "").replace(
        " ![x](https://evil.example/p.png)", ""
    )
    body = issue("offer-support").replace("Interview training for caseworkers", title)
    body = body.replace("ofpra-interview-training", NO_RESPONSE)
    result = from_issue(body, content.root, form=FORMS["offer-support"], today=TODAY)
    assert result.record_id.startswith("org-team-link-https-evil-example")  # the title's slug
    text = report(result, [], "12")
    assert_only_code_quotes(text, result.record_id)
    assert text.endswith("Closes #12.\n")
    assert "Closes" not in report(result, [], "12 @org/team")  # only a number is an issue


def test_the_pull_request_says_what_it_adds_or_updates_and_from_which_issue(
    content: Content,
) -> None:
    created = convert(content, "offer-support")
    text = report(created, [], "12")
    assert text == (
        "This pull request adds the offer `ofpra-interview-training`, submitted with the form "
        f'"{FORMS["offer-support"].title["en"]}" in issue #12.\n\n'
        "File: `content/pledges/ofpra-interview-training.yaml`\n\n"
        "It passed `acsg validate`. Reviewers: follow the checklist of the pull request template "
        "(sources, accuracy, duplicates, personal data, languages). Pull requests opened by a "
        "workflow do not start the pull-request checks by themselves: close and reopen this one "
        "to run them.\n\nCloses #12.\n"
    )
    assert report(created, [], "x12").endswith("to run them.\n\n")  # not an issue number
    updated = convert(content, "progress-report-pledge", "progress-report")
    text = report(updated, [], None)  # run by hand, from no issue
    assert text.startswith(
        "This pull request updates the pledge `georgia-request` with the reported progress, "
        f'submitted with the form "{FORMS["progress-report"].title["en"]}".\n\n'
    ), text
    assert "issue" not in text.split("\n")[0] and "Closes" not in text


def test_the_comment_listing_problems_says_what_to_do_in_three_languages() -> None:
    assert report(None, ["Title: required", "Year: 'x'"], "12") == (
        "Thank you for your submission. It cannot become a proposed change yet; please edit the "
        "issue to fix the following, and it will be checked again:\n\n"
        "- `Title: required`\n- `Year: 'x'`\n\n"
        "Merci ! Modifiez le ticket pour corriger ces points ; il sera vérifié de nouveau. / "
        "¡Gracias! Edite la incidencia para corregir estos puntos; se volverá a comprobar.\n"
    )


def test_unknown_organization_is_named_with_what_to_do(content: Content) -> None:
    with pytest.raises(IntakeError) as raised:
        convert(content, "unknown-organization", "offer-support")
    (problem,) = raised.value.problems
    assert "no State or organization 'Atlantis Interpreting Service'" in problem
    assert "the Secretariat will add it" in problem


def test_progress_in_the_wrong_language_or_stage_or_future(content: Content) -> None:
    body = issue("progress-report-pledge")
    body = body.replace("The new country-of-origin unit is staffed.", NO_RESPONSE)
    body = body.replace("Fulfilled / Réalisé / Cumplido", "Closed / Clôturé / Cerrado")
    body = body.replace("2024-05-02", "2031-01-01")
    before = files(content.root)
    with pytest.raises(IntakeError) as raised:
        from_issue(body, content.root, form=FORMS["progress-report"], today=TODAY)
    text = "\n".join(raised.value.problems)
    assert "2031-01-01 is in the future" in text
    body = body.replace("2031-01-01", "2024-05-02")
    with pytest.raises(IntakeError) as raised:
        from_issue(body, content.root, form=FORMS["progress-report"], today=TODAY)
    text = "\n".join(raised.value.problems)
    assert "in the language of this pledge (English)" in text
    assert "'Closed / Clôturé / Cerrado'" in text  # no longer a stage of the portal
    assert files(content.root) == before


def test_progress_on_a_missing_record(content: Content) -> None:
    body = issue("progress-report-match").replace("matches/france-georgia", "matches/nowhere")
    with pytest.raises(IntakeError, match="no pledge or match 'matches/nowhere'"):
        from_issue(body, content.root, form=FORMS["progress-report"], today=TODAY)


def test_oversized_issue_is_refused(content: Content) -> None:
    with pytest.raises(IntakeError, match="longer than"):
        from_issue("x" * (MAX_BODY + 1), content.root, form=FORMS["request-support"])
    long_answer = issue("offer-support").replace(
        "OFPRA offers a two-week course on interviewing techniques.", "word " * 5000
    )
    with pytest.raises(IntakeError, match="longer than 20,000 characters"):
        from_issue(long_answer, content.root, form=FORMS["offer-support"], today=TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Appui à l'enregistrement", "appui-a-l-enregistrement"),
        ("../../etc/passwd", "etc-passwd"),
        ("  Ça -- va?  ", "ca-va"),
        ("Ελληνικά", ""),
        ("a" * 100, "a" * 60),
    ],
)
def test_slug_is_always_a_safe_id(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_a_title_without_latin_letters_still_gets_an_id(content: Content) -> None:
    body = issue("offer-support").replace("Interview training for caseworkers", "Ελληνικά")
    body = body.replace("ofpra-interview-training", NO_RESPONSE)
    result = from_issue(body, content.root, form=FORMS["offer-support"], today=TODAY)
    assert result.record_id == "offer-2024-07-01"


# --- which form -------------------------------------------------------------------------------


def test_form_from_labels_then_from_headings() -> None:
    assert detect_form("", ["submission", "offer-support"]).name == "offer-support"
    assert detect_form(issue("good-practice")).name == "good-practice"
    assert detect_form(issue("progress-report-match")).name == "progress-report"
    assert detect_form(issue("request-support")).name == "request-support"
    assert detect_form(issue("offer-support")).name == "offer-support"
    with pytest.raises(IntakeError, match="which form"):
        detect_form("### Something else\n\nhello\n", ["bug"])


# --- round trips: record -> issue body -> from-issue -> the same record ---------------------


@pytest.mark.parametrize(
    ("form_name", "kind", "record_id"),
    [
        ("request-support", "pledge", "georgia-request"),
        ("offer-support", "pledge", "france-offer"),
        ("good-practice", "good-practice", "coi-training"),
    ],
)
def test_new_record_round_trip(content: Content, form_name: str, kind: str, record_id: str) -> None:
    catalogue, _ = content.load()
    original = catalogue.records[kind][record_id]
    # What a form can express: no updates, and the record's own dates.
    if isinstance(original, Pledge):  # the forms ask for a description
        description = Text.model_validate({"en": "What is asked or offered,\n\nin *detail*."})
        original = original.model_copy(
            update={"updates": [], "stage": None, "description": description}
        )
    original = original.model_copy(update={"created": TODAY, "updated": TODAY})
    form = FORMS[form_name]
    body = issue_body(form, record_sections(form, original))
    content.path(kind, record_id).unlink()
    if kind == "pledge":  # the match refers to it: keep references resolvable
        content.path("match", "france-georgia").unlink()
    result = from_issue(body, content.root, form=form, today=TODAY)
    assert result.record_id == record_id
    assert_valid(content)
    assert content.load()[0].records[kind][record_id] == original


def test_round_trip_of_a_rich_record(content: Content) -> None:
    """Every field of the request form filled, through a body, back to the same pledge."""
    first = convert(content, "request-support")
    catalogue, _ = content.load()
    pledge = catalogue.pledges[first.record_id]
    body = issue_body(FORMS["request-support"], record_sections(FORMS["request-support"], pledge))
    first.path.unlink()
    second = from_issue(body, content.root, form=FORMS["request-support"], today=TODAY)
    assert content.load()[0].pledges[second.record_id] == pledge


@pytest.mark.parametrize(
    ("kind", "record_id"), [("pledge", "georgia-request"), ("match", "france-georgia")]
)
def test_progress_round_trip(content: Content, kind: str, record_id: str) -> None:
    catalogue, _ = content.load()
    original = catalogue.records[kind][record_id]
    update_type = PledgeUpdate if kind == "pledge" else MatchUpdate
    stage = "fulfilled"
    update = update_type.model_validate(
        {"date": "2024-06-30", "stage": stage, "text": {"en": "Done.", "es": "Hecho."}}
    )
    expected = original.model_copy(
        update={
            "updates": [*original.updates, update],
            "stage": stage,
            "updated": TODAY,
            "sources": [*original.sources, "https://www.example.org/report"],
        }
    )
    body = issue_body(
        FORMS["progress-report"],
        update_sections(kind, original, update, ["https://www.example.org/report"]),
    )
    from_issue(body, content.root, today=TODAY)  # the form found from its headings
    assert_valid(content)
    assert content.load()[0].records[kind][record_id] == expected


def test_an_older_update_is_put_in_date_order(content: Content) -> None:
    body = issue("progress-report-pledge").replace("2024-05-02", "2024-02-15")
    body = body.replace("Fulfilled / Réalisé / Cumplido", NO_RESPONSE)
    from_issue(body, content.root, form=FORMS["progress-report"], today=TODAY)
    assert_valid(content)
    pledge = content.load()[0].pledges["georgia-request"]
    assert [u.date.isoformat() for u in pledge.updates] == [
        "2024-02-01",
        "2024-02-15",
        "2024-03-01",
    ]
    assert pledge.stage == "in-progress"  # the latest staged update still decides


def test_set_top_level_replaces_or_adds_one_block() -> None:
    text = "# schema\nid: x\n# the stage\nstage: planning\nupdates: []\n# sources come last\nsources:\n  - https://a.org\n"
    changed = set_top_level(text, "stage", "in-progress")
    assert changed == text.replace("stage: planning", "stage: in-progress")
    added = set_top_level(
        "# schema\nid: x\nsources:\n  - https://a.org\n", "stage", "done", before=("sources",)
    )
    assert added == "# schema\nid: x\nstage: done\nsources:\n  - https://a.org\n"
    listed = set_top_level(text, "updates", [{"date": date(2024, 1, 2), "text": {"en": "a\nb"}}])
    assert (
        "updates:\n  - date: 2024-01-02\n    text:\n      en: |-\n        a\n        b\n# sources"
        in listed
    )


# --- the command ------------------------------------------------------------------------------


def test_command_writes_the_record_and_a_report(
    content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    report = content.root.parent / "report.md"
    code = main(
        [
            "from-issue",
            str(ISSUES / "offer-support.md"),
            "--labels",
            "submission,offer-support",
            "--date",
            "2024-07-01",
            "--issue",
            "12",
            "--report",
            str(report),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert out.strip() == "wrote content/pledges/ofpra-interview-training.yaml"
    text = report.read_text(encoding="utf-8")
    assert "`ofpra-interview-training`" in text and "Closes #12." in text
    assert main(["validate"]) == 0


def test_command_lists_problems_from_stdin(
    content: Content, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(issue("incomplete")))
    report = content.root.parent / "report.md"
    code = main(["from-issue", "--form", "request-support", "--report", str(report)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "- Title / Titre / Título: required, but left empty" in out.splitlines()
    assert "problem(s)" in err
    assert "please edit the issue" in report.read_text(encoding="utf-8")


# --- the committed issue forms ----------------------------------------------------------------


def test_committed_issue_forms_and_submit_assets_are_up_to_date() -> None:
    stale = [
        str(path)
        for path, text in derived_texts().items()
        if not (REPO / path).is_file() or (REPO / path).read_text(encoding="utf-8") != text
    ]
    assert not stale, f"run `acsg schemas`: {', '.join(stale)} out of date"
    committed = {path.name for path in (REPO / ISSUE_FORMS).iterdir()}
    assert committed == {f"{name}.yml" for name in FORMS} | {"config.yml"}


def test_form_labels_come_from_the_catalogues_as_typed_and_only_when_read() -> None:
    """Importing the forms (as every `acsg` command does) loads no catalogue; the issue forms
    keep the French spaces typed in the catalogue, the pages' typography is theirs."""
    code = (
        "import sys; import acsg.cli; from acsg.forms import FORMS; "
        "label = FORMS['request-support'].field('entities').help; "
        "assert label['en'].startswith('One per line'); assert 'acsg.i18n' not in sys.modules; "
        "print(label['fr'])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Un par ligne : ")
    assert dict(FORMS["progress-report"].field("text_fr").label) == {
        "en": "Update in French",
        "fr": "Mise à jour en français",
        "es": "Actualización en francés",
    }


@pytest.mark.parametrize("name", list(FORMS))
def test_issue_form_is_valid_and_has_the_fields_the_converter_reads(name: str) -> None:
    form = FORMS[name]
    data = yaml.safe_load((REPO / ISSUE_FORMS / f"{name}.yml").read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= set(data)
    assert data["labels"] == ["submission", name]
    elements = [element for element in data["body"] if element["type"] != "markdown"]
    ids = [element["id"] for element in elements]
    labels = [element["attributes"]["label"] for element in elements]
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)
    assert all(all(c.isalnum() or c in "-_" for c in element_id) for element_id in ids)
    by_id = {element["id"]: element for element in elements}
    for form_field in form.fields:
        element = by_id[form_field.id]
        assert element["type"] == form_field.widget
        assert element["attributes"]["label"] == form_field.heading == trilingual(form_field.label)
        assert element["validations"]["required"] == form_field.required
        if element["type"] == "dropdown":
            options = element["attributes"]["options"]
            assert len(set(options)) == len(options) and "None" not in options
            assert len(options) == len(form_field.options())
    # A body as GitHub renders it is read back field by field.
    body = "\n\n".join(f"### {label}\n\nx" for label in labels)
    assert set(parse_body(body, form)) == {form_field.id for form_field in form.fields}


def test_dropdowns_offer_every_vocabulary_term() -> None:
    from acsg.vocab import vocabulary

    request = FORMS["request-support"]
    assert list(request.field("topics").options()) == list(vocabulary("topics").ids)
    assert set(FORMS["progress-report"].field("stage").options()) == set(
        vocabulary("pledge_stages").ids
    ) | set(vocabulary("match_stages").ids)


def test_each_kind_names_the_forms_that_write_it() -> None:
    """The registry says which kinds people submit through forms (pledges, good practices);
    organizations, matches, events, news and the roster are added by the Secretariat through
    pull requests (matches receive progress reports)."""
    for name, kind in KINDS.items():
        assert {form.name for form in FORMS.values() if form.kind == name} == set(kind.forms)
    assert {name for name, kind in KINDS.items() if not kind.forms} == {
        "organization",
        "match",
        "event",
        "news",
        "roster",
    }
    assert Match


def test_github_none_choice_of_an_optional_dropdown_is_empty(content: Content) -> None:
    body = issue("request-support").replace("Planning / Planification / Planificación", "None")
    result = from_issue(body, content.root, form=FORMS["request-support"], today=TODAY)
    assert content.load()[0].pledges[result.record_id].stage is None
