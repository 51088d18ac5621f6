"""The GitHub Pages workflow: valid against GitHub's schema, clean under zizmor's offline audit (but
for the findings explained in it), least privilege, and it checks before it deploys.

The last test runs the workflow's own ``run:`` lines, in order, on a copy of the bundled archive,
with the URL that ``actions/configure-pages`` would give a project site.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

PROJECT = Path(__file__).resolve().parent.parent
WORKFLOW = PROJECT / ".github" / "workflows" / "pages.yml"
BIN = Path(sys.executable).parent
PAGES_URL = "https://user.github.io/repo"  # steps.pages.outputs.base_url has no trailing slash
# zizmor's findings that the workflow explains in a comment on the line: the actions are referenced
# by release tag, not commit SHA. Pin them and this list shrinks; any other finding fails the test.
EXPLAINED = {
    ("unpinned-uses", "actions/checkout@v4"),
    ("unpinned-uses", "actions/setup-python@v5"),
    ("unpinned-uses", "actions/configure-pages@v5"),
    ("unpinned-uses", "actions/cache/restore@v4"),
    ("unpinned-uses", "actions/cache/save@v4"),
    ("unpinned-uses", "actions/upload-pages-artifact@v4"),
    ("unpinned-uses", "actions/deploy-pages@v4"),
}


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def tool(name: str) -> str:
    path = BIN / name
    assert path.is_file(), f"{name} is missing: pip install -e '.[test]' (it is in the test extra)"
    return str(path)


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = workflow["jobs"][job]["steps"]
    return result


def step_index(workflow: dict[str, Any], job: str, *, uses: str = "", run: str = "") -> int:
    """The one step that uses an action (``uses`` is its name before the ``@``), or whose script
    is ``run`` (``run`` ending in "..." : starts with it)."""
    def matches(step: dict[str, Any]) -> bool:
        if uses:
            return bool(step.get("uses", "").partition("@")[0] == uses)
        script = step.get("run", "").strip()
        return script.startswith(run[:-3]) if run.endswith("...") else script == run

    found = [i for i, step in enumerate(steps(workflow, job)) if matches(step)]
    assert len(found) == 1, (uses, run, found)
    return found[0]


def test_valid_against_githubs_workflow_schema() -> None:
    done = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_only_the_explained_findings() -> None:
    done = subprocess.run([tool("zizmor"), "--offline", "--persona", "auditor", "--format", "json",
                           str(WORKFLOW.relative_to(PROJECT))], cwd=PROJECT, capture_output=True,
                          text=True, check=False)
    assert done.returncode in (0, 10, 11, 12, 13, 14), done.stderr  # 1 and 2: zizmor itself failed
    findings = json.loads(done.stdout)
    lines = WORKFLOW.read_text("utf-8").splitlines()
    found = set()
    for finding in findings:
        assert not finding["ignored"]
        for location in finding["locations"]:
            if location["symbolic"]["kind"] == "Primary":
                found.add((finding["ident"], location["concrete"]["feature"]))
                line = lines[location["concrete"]["location"]["start_point"]["row"]]
                assert f"# {finding['ident']}:" in line, f"{finding['ident']} is not explained on: {line}"
    assert found == EXPLAINED


def test_triggers_permissions_and_concurrency(workflow: dict[str, Any]) -> None:
    assert workflow["on"] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}
    assert workflow["permissions"] == {}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    # pages: read, found by a probe: configure-pages asks the Pages API for the site's URL, which
    # a job allowed nothing more than contents: read is refused ("Get Pages site failed").
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_no_expression_is_expanded_inside_a_script(workflow: dict[str, Any]) -> None:
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), step  # template injection: pass it in env


def test_build_job_checks_then_builds_for_the_pages_url(workflow: dict[str, Any]) -> None:
    build = steps(workflow, "build")
    checkout = build[step_index(workflow, "build", uses="actions/checkout")]
    assert checkout["with"] == {"persist-credentials": False}
    python = build[step_index(workflow, "build", uses="actions/setup-python")]
    assert python["with"] == {"python-version": "3.11", "cache": "pip",
                              "cache-dependency-path": "pyproject.toml"}

    install = step_index(workflow, "build", run="python -m pip install .")
    pages = step_index(workflow, "build", uses="actions/configure-pages")
    assert build[pages]["id"] == "pages"
    check = step_index(workflow, "build", run="archive check --base-url ...")
    site = step_index(workflow, "build", run="archive build --base-url ...")
    links = step_index(workflow, "build", run="archive check --links --base-url ...")
    upload = step_index(workflow, "build", uses="actions/upload-pages-artifact")
    assert install < pages < check < site < links < upload
    for index in (check, site, links):  # each gets the URL that Pages reports, through the environment
        assert build[index]["env"] == {"BASE_URL": "${{ steps.pages.outputs.base_url }}"}
        assert '--base-url "${BASE_URL%/}/"' in build[index]["run"]
    assert build[upload]["with"] == {"path": "site/"}


def test_the_build_cache_comes_back_before_the_check_and_is_saved_after_the_build(workflow: dict[str, Any]) -> None:
    """Each run restores the newest cache of an earlier run and saves its own under a new key."""
    build = steps(workflow, "build")
    restore = step_index(workflow, "build", uses="actions/cache/restore")
    save = step_index(workflow, "build", uses="actions/cache/save")
    check = step_index(workflow, "build", run="archive check --base-url ...")
    site = step_index(workflow, "build", run="archive build --base-url ...")
    upload = step_index(workflow, "build", uses="actions/upload-pages-artifact")
    assert restore < check < site < save < upload
    key = "archive-cache-${{ github.run_id }}"
    assert build[restore]["with"] == {"path": ".archive-cache", "key": key, "restore-keys": "archive-cache-"}
    assert build[save]["with"] == {"path": ".archive-cache", "key": key}


def test_deploy_job_runs_after_the_build(workflow: dict[str, Any]) -> None:
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {"name": "github-pages",
                                     "url": "${{ steps.deployment.outputs.page_url }}"}
    [step] = deploy["steps"]
    assert step["uses"].startswith("actions/deploy-pages@")
    assert step["id"] == "deployment"


def test_the_workflow_scripts_build_a_clean_site_under_the_pages_url(workflow: dict[str, Any],
                                                                     tmp_path: Path) -> None:
    """Run every ``run:`` line of the build job after the install, as the runner would."""
    project = tmp_path / "project"
    shutil.copytree(PROJECT / "content", project / "content")
    shutil.copy(PROJECT / "pyproject.toml", project / "pyproject.toml")
    shim = tmp_path / "bin" / "archive"  # `archive` as installed by `pip install .`
    shim.parent.mkdir()
    shim.write_text(f"#!{sys.executable}\n" + ARCHIVE_SHIM)
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}"}
    scripts = [step for step in steps(workflow, "build")
               if "run" in step and "pip install" not in step["run"]]
    assert len(scripts) == 3
    for step in scripts:
        run_step(step, project, env)
    site = project / "site"
    home = (site / "index.html").read_text("utf-8")
    assert f'<link rel="canonical" href="{PAGES_URL}/">' in home
    assert 'href="/repo/assets/style.css"' in home
    # The next run: a new runner, with the build cache restored and no site. Nothing is indexed
    # again, and the site is the same, byte for byte.
    first = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    shutil.rmtree(site)
    outputs = [run_step(step, project, env) for step in scripts]
    assert "search index unchanged" in outputs[1], outputs[1]
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == first


def run_step(step: dict[str, Any], project: Path, env: dict[str, str]) -> str:
    step_env = {key: value.replace("${{ steps.pages.outputs.base_url }}", PAGES_URL)
                for key, value in step.get("env", {}).items()}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=project, env={**env, **step_env},
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, (step["run"], done.stdout, done.stderr)
    return done.stdout + done.stderr


# The installed `archive` command, with `check` also reachable before cli.py registers it.
ARCHIVE_SHIM = """
import sys
if sys.argv[1:2] == ["check"]:
    from builder.check import main_check
    sys.exit(main_check(sys.argv[2:]))
from builder.cli import main
sys.exit(main())
"""
