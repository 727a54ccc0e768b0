"""Supply chain: every Python package installed by hash, every GitHub Action pinned by commit.

requirements.txt is generated from requirements.in (`make requirements`); these
tests read the files only, so they need no network: the lock pins exactly what
requirements.in asks for, every pin carries hashes, the Makefile installs with
--require-hashes, and the workflow names every action by a full commit SHA and
grants each job only the permissions it needs.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[2]
REQUIREMENTS_IN = PROJECT / "requirements.in"
REQUIREMENTS_TXT = PROJECT / "requirements.txt"
MAKEFILE = PROJECT / "Makefile"
WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))

_PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)")
_USES = re.compile(r"^(?P<action>[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+)@(?P<ref>\S+)$")
_SHA = re.compile(r"^[0-9a-f]{40}$")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements_in() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in REQUIREMENTS_IN.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        pin = _PIN.match(line)
        assert pin, f"requirements.in: {line!r} is not pinned with ==; pin what the project uses directly"
        pins[canonical(pin["name"])] = pin["version"]
    return pins


def locked_requirements() -> list[tuple[str, str, list[str]]]:
    """(name, version, hashes) for each requirement of requirements.txt, continuation lines joined."""
    text = REQUIREMENTS_TXT.read_text(encoding="utf-8").replace("\\\n", " ")
    entries = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        pin = _PIN.match(line)
        assert pin, f"requirements.txt: {line!r} is not an exact pin; regenerate it with `make requirements`"
        entries.append((canonical(pin["name"]), pin["version"], re.findall(r"--hash=sha256:([0-9a-f]{64})", line)))
    return entries


def test_every_locked_requirement_carries_hashes() -> None:
    entries = locked_requirements()
    assert len(entries) > 30
    unhashed = [name for name, _, hashes in entries if not hashes]
    assert not unhashed, f"requirements.txt pins these without a hash: {unhashed}; run `make requirements`"


def test_the_lock_pins_what_requirements_in_asks_for() -> None:
    locked: dict[str, set[str]] = {}
    for name, version, _ in locked_requirements():
        locked.setdefault(name, set()).add(version)
    for name, version in requirements_in().items():
        assert locked.get(name) == {version}, (
            f"requirements.in pins {name}=={version}, requirements.txt has {sorted(locked.get(name, set()))}: "
            "run `make requirements` and commit both files"
        )


def test_the_lock_keeps_the_tools_the_project_runs() -> None:
    locked = {name for name, _, _ in locked_requirements()}
    assert {"uv", "pytest", "mkdocs", "mkdocs-material", "mkdocs-static-i18n"} <= locked


def test_the_makefile_installs_with_require_hashes() -> None:
    installs = [line for line in MAKEFILE.read_text(encoding="utf-8").splitlines() if "pip install" in line]
    assert installs, "the Makefile installs nothing with pip"
    for line in installs:
        assert "--require-hashes" in line and "--requirement requirements.txt" in line, line


def test_the_makefile_regenerates_the_lock_with_hashes() -> None:
    makefile = MAKEFILE.read_text(encoding="utf-8")
    rule = re.search(r"^requirements:.*\n\t(?P<recipe>.+)$", makefile, re.MULTILINE)
    assert rule, "the Makefile has no `requirements` target"
    recipe = rule["recipe"]
    assert "pip compile requirements.in" in recipe and "--generate-hashes" in recipe
    assert "--output-file requirements.txt" in recipe


def workflow_jobs(workflow: Path) -> dict[str, dict]:
    return yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]


def test_every_action_is_pinned_by_commit_sha_with_its_release_named() -> None:
    assert WORKFLOWS
    for workflow in WORKFLOWS:
        lines = workflow.read_text(encoding="utf-8").splitlines()
        for job_name, job in workflow_jobs(workflow).items():
            for step in job.get("steps", []):
                if "uses" not in step:
                    continue
                uses = _USES.match(step["uses"])
                assert uses, f"{workflow.name}: job {job_name}: {step['uses']!r} is not owner/repo@ref"
                if uses["action"].startswith("./"):
                    continue
                assert _SHA.match(uses["ref"]), (
                    f"{workflow.name}: job {job_name}: {step['uses']} is pinned by a tag or branch, "
                    "which its owner can move; pin the release's full commit SHA"
                )
                line = next(line for line in lines if step["uses"] in line)
                assert re.search(r"#\s*v\d", line), f"{workflow.name}: {step['uses']}: name the release in a comment"


def test_each_job_gets_only_the_permissions_it_needs() -> None:
    for workflow in WORKFLOWS:
        document = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        assert document.get("permissions") == {}, f"{workflow.name}: the default permissions must be none (`{{}}`)"
        for job_name, job in document["jobs"].items():
            permissions = job.get("permissions")
            assert isinstance(permissions, dict), f"{workflow.name}: job {job_name} must list its permissions"
            assert "write-all" not in str(permissions) and "read-all" not in str(permissions)
            writes = {scope for scope, level in permissions.items() if level == "write"}
            deploys = any("deploy-pages" in step.get("uses", "") for step in job.get("steps", []))
            allowed = {"pages", "id-token"} if deploys else set()
            assert writes <= allowed, f"{workflow.name}: job {job_name} may write {sorted(writes - allowed)}"


def test_checkouts_keep_no_credentials() -> None:
    for workflow in WORKFLOWS:
        for job_name, job in workflow_jobs(workflow).items():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step.get("with", {}).get("persist-credentials") is False, (
                        f"{workflow.name}: job {job_name}: checkout must set persist-credentials: false"
                    )
