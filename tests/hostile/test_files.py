"""Files: no link out of the repository is followed, no error prints a file.

A page, data file or folder that is a symbolic link leading outside the
repository (or into its hidden folders, nowhere, or round in a loop) stops
the build and `make check`; an error message quotes at most one short line of
a file; a bug of the generator itself is one line naming the file.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hostile_inputs import build_of, check_of, fails_with, project_copy, replace_in
from publication.content.files import check_tree
from publication.content.yamlfile import parse_yaml
from publication.errors import QUOTE_LIMIT, PublicationError, quote

SECRET = "".join(f"secret line {n}: do not publish\n" for n in range(200))


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the project copy, outside its repository."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.md").write_text("---\ntitle: Secret\n---\n\n" + SECRET, encoding="utf-8")
    (folder / "secret.yml").write_text(SECRET, encoding="utf-8")
    return folder


def test_a_page_linked_outside_the_repository_is_refused(tmp_path: Path, outside: Path) -> None:
    project = project_copy(tmp_path)
    (project / "docs/leak.md").symlink_to(outside / "secret.md")
    output = fails_with(project, "docs/leak.md: this is a symbolic link that leads outside the repository")
    assert "secret line" not in output
    assert not (tmp_path / "site" / "leak").exists()


def test_a_folder_linked_outside_the_repository_is_refused(tmp_path: Path, outside: Path) -> None:
    project = project_copy(tmp_path)
    (project / "docs/more").symlink_to(outside, target_is_directory=True)
    fails_with(project, "docs/more: this is a symbolic link that leads outside the repository")


def test_a_data_file_linked_outside_is_refused_without_its_content(tmp_path: Path, outside: Path) -> None:
    project = project_copy(tmp_path)
    (project / "data/articles/leak.yml").symlink_to(outside / "secret.yml")
    output = fails_with(project, "data/articles/leak.yml: this is a symbolic link that leads outside the repository")
    assert "secret line" not in output


@pytest.mark.parametrize(
    "make_link",
    [
        pytest.param(lambda docs: (docs / "git.md").symlink_to(docs.parent / ".git-config"), id="hidden-file"),
        pytest.param(lambda docs: (docs / "gone.md").symlink_to(docs / "nowhere.md"), id="dangling"),
        pytest.param(lambda docs: (docs / "articles/loop").symlink_to(docs, target_is_directory=True), id="loop"),
        pytest.param(lambda docs: (docs / "assets/x.css").symlink_to("/etc/hostname"), id="asset"),
    ],
)
def test_every_kind_of_bad_link_in_docs_is_refused(tmp_path: Path, make_link) -> None:
    project = project_copy(tmp_path)
    (project / ".git-config").write_text("[remote]\n", encoding="utf-8")
    make_link(project / "docs")
    with pytest.raises(PublicationError) as caught:
        check_tree(project / "docs", project_dir=project)
    assert caught.value.file.startswith("docs/") and "link" in caught.value.problem


def test_a_link_that_stays_inside_the_repository_is_read(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    (project / "shared").mkdir()
    (project / "shared/extra.md").write_text("---\ntitle: Extra\ndescription: An extra page.\n---\n\nText.\n", "utf-8")
    (project / "docs/extra.md").symlink_to(project / "shared/extra.md")
    check_tree(project / "docs", project_dir=project)  # no error


def test_an_error_quotes_one_short_line_of_a_data_file(tmp_path: Path) -> None:
    """A data file that is another file (here a text of many lines where a
    block of keys is expected) is reported with one short line of it."""
    project = project_copy(tmp_path)
    (project / "data/ui.yml").write_text(SECRET.replace(": ", " - "), encoding="utf-8")
    checked = check_of(project)
    assert checked.returncode == 1
    # YAML folds the lines into one value: at most QUOTE_LIMIT characters of it.
    assert "secret line 2" not in checked.stderr, checked.stderr
    first = checked.stderr.splitlines()[0]
    assert first.startswith("data/ui.yml:1: expected a block of keys, found 'secret line 0 - do not publish")
    assert len(first) < 200


@given(st.text(min_size=0, max_size=400))
@settings(max_examples=300, deadline=None)
def test_quote_is_one_short_line_for_any_text(text: str) -> None:
    quoted = quote(text)
    assert "\n" not in quoted and "\r" not in quoted and len(quoted.splitlines()) <= 1
    assert len(quoted) <= QUOTE_LIMIT + 3 or "\\u" in quoted


@given(st.text(min_size=1, max_size=300).filter(lambda t: t.strip()))
@settings(max_examples=200, deadline=None)
def test_a_yaml_error_or_value_error_never_prints_more_than_one_line_of_the_file(text: str) -> None:
    """Whatever a file holds, its error is `file:line: problem` + `Fix:`, two lines."""
    try:
        parse_yaml(f"key: {text}\nother: [{text}\n", path="data/x.yml")
    except PublicationError as error:
        assert len(str(error).splitlines()) <= 2, str(error)


def _break_the_generator(project: Path) -> None:
    """A bug in the generator: the page-rendering function raises."""
    hooks = project / "hooks" / "mkdocs_hooks.py"
    hooks.write_text(
        hooks.read_text(encoding="utf-8")
        + "\n\nimport sys\n\n\ndef _broken(*args, **kwargs):\n    raise ZeroDivisionError('the generator divided by zero')\n\n\n"
        "for _module in list(sys.modules.values()):\n"
        "    if getattr(_module, '__name__', '').startswith('publication.') and hasattr(_module, 'render_page_html'):\n"
        "        _module.render_page_html = _broken\n",
        encoding="utf-8",
    )


def test_a_bug_in_the_generator_is_one_line_naming_the_file(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    _break_the_generator(project)
    built = build_of(project)
    assert not built.ok
    assert "Traceback" not in built.output, built.output
    lines = [line for line in built.output.splitlines() if "a bug in the generator" in line]
    assert len(lines) == 1, built.output
    assert "docs/" in lines[0] and ".md" in lines[0] and "ZeroDivisionError" in lines[0] and "PUBLICATION_DEBUG=1" in lines[0]


def test_publication_debug_shows_the_traceback(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    _break_the_generator(project)
    built = build_of(project, env={"PUBLICATION_DEBUG": "1"})
    assert not built.ok
    assert "Traceback" in built.output and "the generator divided by zero" in built.output


def test_a_bug_in_make_check_is_one_line_naming_the_file(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    replace_in(
        project / "hooks/publication/content/check.py",
        "def check(site: Site) -> int:\n",
        "def check(site: Site) -> int:\n    globals()['render_markers'] = lambda *args, **kwargs: 1 / 0\n",
    )
    checked = check_of(project)
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr
    assert checked.stderr.count("\n") == 1, checked.stderr
    assert "a bug in the generator" in checked.stderr and ".md" in checked.stderr
