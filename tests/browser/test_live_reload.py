"""`make serve` as a contributor runs it: the open page reloads by itself
after an edit in docs/, data/ or hooks/, with no restart; and plain `mkdocs
serve`, as MkDocs users run it, after an edit in docs/ or data/."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from sitebuild import MKDOCS, copy_project

ARTICLE = "articles/openai-nvidia/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# What `make serve` runs (each rebuild the pipeline in new processes), and
# plain `mkdocs serve` (no --livereload flag).
SERVERS = {
    "make serve": lambda port: [sys.executable, "-m", "publication.build.serve", "--dev-addr", f"127.0.0.1:{port}"],
    "mkdocs serve": lambda port: [MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
}


@pytest.fixture(params=list(SERVERS))
def served_project(request: pytest.FixtureRequest, tmp_path: Path):
    """A copy of the project under each server."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen(
        SERVERS[request.param](port),
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + ARTICLE, timeout=2).read()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                output = server.stderr.read()
                server.stderr.close()
                pytest.fail(f"mkdocs serve did not start:\n{output}")
            time.sleep(0.3)
    yield project, url, request.param
    server.terminate()
    server.wait(timeout=20)
    server.stderr.close()


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def wait_for_text(page, text: str) -> None:
    page.wait_for_function("(text) => document.body.innerText.includes(text)", arg=text, timeout=30_000)


def test_the_page_reloads_after_edits_in_docs_data_and_hooks(browser, served_project) -> None:
    project, url, server = served_project
    page = browser.new_page()
    page.goto(url + ARTICLE)
    wait_for_text(page, "seconde moitié de 2026")

    edit(project / "docs/articles/openai-nvidia.md", "Oubliez les simples accords commerciaux.", "Oubliez les accords ordinaires.")
    wait_for_text(page, "Oubliez les accords ordinaires.")

    # A data text, not a figure: a figure the prose states would become a
    # fact-check finding, which rightly stops a strict build (test_facts.py).
    edit(
        project / "data/articles/openai-nvidia.yml",
        "        fr: Déploiement de {power} de systèmes Nvidia\n",
        "        fr: Mise en service de {power} de systèmes Nvidia\n",
    )
    wait_for_text(page, "Mise en service de 10\u00a0GW")

    if server == "make serve":
        # Each rebuild runs in new processes, which import the edited code
        # (plain `mkdocs serve` imports hooks once: restart it after such an edit).
        edit(project / "hooks/publication/render/formatting.py", '2: "seconde moitié de {year}"', '2: "second semestre {year}"')
        wait_for_text(page, "second semestre 2026")
    page.close()
