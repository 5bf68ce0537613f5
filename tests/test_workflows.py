"""The GitHub workflows, as OpenSSF Scorecard checks them: pinned actions, least permissions,
no credentials left for a pull request's code. (GitHub itself is not reachable here; these
read the files.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.project import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
WRITES = {("deploy.yml", "deploy"): {"pages", "id-token"}}
"""The only job that writes anything: publishing to Pages."""


def workflow(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    return loaded


def test_there_are_workflows_to_check() -> None:
    assert {path.name for path in WORKFLOWS} == {"deploy.yml", "pull-request.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it(path: Path) -> None:
    uses = [line for line in path.read_text("utf-8").splitlines() if "uses:" in line]
    assert uses
    assert [line for line in uses if not PINNED.match(line)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_jobs_ask_for_the_least_permissions(path: Path) -> None:
    flow = workflow(path)
    assert flow["permissions"] == {}, "no permissions by default"
    for name, job in flow["jobs"].items():
        permissions = job.get("permissions")
        assert isinstance(permissions, dict), f"{name}: say which permissions the job needs"
        writes = {scope for scope, access in permissions.items() if access == "write"}
        assert writes == WRITES.get((path.name, name), set()), name
        assert set(permissions.values()) <= {"read", "write"}, name


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_checkouts_leave_no_credentials_behind(path: Path) -> None:
    steps = [step for job in workflow(path)["jobs"].values() for step in job["steps"]]
    checkouts = [step for step in steps if str(step.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_script_has_an_expression_written_into_it(path: Path) -> None:
    """A `${{ }}` in a `run:` script is pasted in before the shell reads it (a branch name or a
    title could add commands); values reach scripts as environment variables instead."""
    steps = [step for job in workflow(path)["jobs"].values() for step in job["steps"]]
    assert [step.get("name") for step in steps if "${{" in str(step.get("run", ""))] == []


def pull_request_steps() -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = workflow(ROOT / ".github" / "workflows" / "pull-request.yml")["jobs"][
        "check"
    ]["steps"]
    return steps


def test_the_pull_request_summary_says_where_the_preview_is_and_how_to_open_it() -> None:
    steps = pull_request_steps()
    names = [step.get("name") for step in steps]
    upload = steps[names.index("Upload the site to preview")]
    tell = steps[names.index("Say where the preview is")]
    assert names.index("Say where the preview is") == names.index("Upload the site to preview") + 1
    assert tell["if"] == "always()", "say so also when there is no preview"
    assert tell["env"]["UPLOADED"] == f"${{{{ steps.{upload['id']}.outcome }}}}"
    script = tell["run"]
    assert script.count('>> "$GITHUB_STEP_SUMMARY"') == 2
    for words in (
        f"**{upload['with']['name']}**",
        "**Artifacts**",
        "unzip",
        "index.html",
        "python3 -m http.server",
    ):
        assert words in script
    assert "uses" not in tell and "secrets" not in str(tell)


def test_make_check_reports_to_github_and_the_tests_do_not() -> None:
    """`make check` marks problems on the pull request; the tests' own broken plans must not."""
    runs = {step.get("name"): str(step.get("run", "")) for step in pull_request_steps()}
    assert runs["Validate the plans"] == "make check"
    assert runs["Run the tests"] == "env -u GITHUB_ACTIONS -u GITHUB_STEP_SUMMARY make test"


def test_the_published_site_is_built_knowing_its_address() -> None:
    """Downloads give each activity's full address, which opens from a spreadsheet, only when
    the build knows the site's address (`site_url`, from `HANDBOOK_SITE_URL`): the Pages build
    takes it from configure-pages, as a value in `env:`, never written into the script."""
    assert 'site_url: !ENV [HANDBOOK_SITE_URL, ""]' in (ROOT / "mkdocs.yml").read_text("utf-8")
    steps: list[dict[str, Any]] = workflow(ROOT / ".github" / "workflows" / "deploy.yml")["jobs"]["build"][
        "steps"
    ]
    ids = [step.get("id") for step in steps]
    pages = steps[ids.index("pages")]
    assert str(pages["uses"]).startswith("actions/configure-pages@")
    builds = [n for n, step in enumerate(steps) if "make offline build" in str(step.get("run", ""))]
    assert len(builds) == 1 and builds[0] > ids.index("pages")
    assert steps[builds[0]]["env"]["HANDBOOK_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
