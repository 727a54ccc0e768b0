"""Tools: make arguments reach the commands without a shell reading them, and
the site's address is validated before it reaches a link.

Every argument of a make target (UNIT, FAIL_ON, ARGS, FILE...) is passed as
an environment variable that the recipe reads in double quotes: quotes, `;`,
backticks or $(...) in it run nothing, and a page named l'avenir.md can be
pinned. SITE_URL must be http or https with a plain host and no query or
fragment.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hostile_inputs import build_of, check_of, project_copy
from publication.content.site import check_site_url
from publication.errors import PublicationError
from sitebuild import PROJECT

VENV = Path(sys.executable).parent.parent  # the environment running the tests, already installed


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = project_copy(tmp_path)
    for part in ("Makefile", "requirements.txt"):
        shutil.copy2(PROJECT / part, project / part)
    return project


def make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", f"VENV={VENV}", *args],
        cwd=project,
        env={key: value for key, value in os.environ.items() if key != "MAKEFLAGS"},
        capture_output=True,
        text=True,
        timeout=300,
    )


HOSTILE = [
    "x'; touch pwned; '",
    'x"; touch pwned; "',
    "$(touch pwned)",
    "$$(touch pwned)",
    "`touch pwned`",
    "x; touch pwned",
    "x && touch pwned",
    "$(shell touch pwned)",
    "x\ntouch pwned",
]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("target,variable", [("translations-ok", "UNIT"), ("translations-diff", "UNIT"), ("check", "FAIL_ON"), ("translations", "ARGS")])
def test_a_make_argument_runs_nothing(project: Path, target: str, variable: str, value: str) -> None:
    result = make(project, target, f"{variable}={value}")
    assert not (project / "pwned").exists(), result.stdout + result.stderr
    assert not (project.parent / "pwned").exists()


def test_the_unit_reaches_the_command_as_written(project: Path) -> None:
    result = make(project, "translations-ok", "UNIT=x'; touch pwned; '")
    assert result.returncode != 0
    assert "x'; touch pwned; '" in result.stdout + result.stderr  # named as given, refused as no unit


def test_a_page_named_with_an_apostrophe_can_be_pinned(project: Path) -> None:
    front = "---\ntitle: L’avenir\ndescription: Ce qui vient.\n---\n\n# L’avenir {#avenir}\n\nTexte.\n"
    (project / "docs/l'avenir.md").write_text(front, encoding="utf-8")
    (project / "docs/l'avenir.en.md").write_text(front.replace("Texte.", "Text."), encoding="utf-8")
    result = make(project, "translations-ok", "UNIT=l'avenir")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "l'avenir" in (project / "data/translations.lock.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://silicium.example.org/?utm=1", "has a query"),
        ("https://silicium.example.org/#top", "has a fragment"),
        ("javascript:alert(1)//x.org/", "must start with https://"),
        ("ftp://silicium.example.org/", "must start with https://"),
        ("//silicium.example.org/", "must start with https://"),
        ("https://user:secret@silicium.example.org/", "no plain host name"),
        ('https://silicium.example.org/"><script>alert(1)</script>', "a character a URL does not hold"),
        ("https://silicium.example.org/a b/", "a character a URL does not hold"),
        ("https://silicium.example.org/\u202e/", "a character a URL does not hold"),
        ("https:///path/", "no plain host name"),
    ],
)
def test_a_site_address_that_links_cannot_carry_is_refused(url: str, problem: str) -> None:
    with pytest.raises(PublicationError) as caught:
        check_site_url(url)
    assert problem in caught.value.problem and caught.value.key == "site_url"


@pytest.mark.parametrize("url", ["https://silicium.example.org/", "http://127.0.0.1:8000/", "https://example.github.io/silicium/", "https://[::1]:8443/a/"])
def test_a_plain_site_address_is_accepted(url: str) -> None:
    check_site_url(url)


def test_site_url_from_the_environment_stops_the_build_and_make_check(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    env = {"SITE_URL": "https://silicium.example.org/?x=1"}
    built = build_of(project, env=env)
    assert not built.ok and "SITE_URL: site_url: the site address 'https://silicium.example.org/?x=1" in built.output
    checked = check_of(project, env=env)
    assert checked.returncode == 1 and checked.stderr.startswith("SITE_URL: site_url:")
