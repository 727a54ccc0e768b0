"""Every source file checked before MkDocs reads one: links, sizes, the front matter's cost."""
from __future__ import annotations

import os
from pathlib import Path

from publication.content.files import check_tree
from publication.content.frontmatter import FRONT_MATTER_PATTERN
from publication.content.site import Site
from publication.content.yamlfile import parse_yaml

# What can make YAML expensive: anchors, aliases and merges.
_ALIAS_SIGNS = ("&", "*", "<<")


def check_sources(site: Site) -> None:
    """Raise PublicationError for a link out of the repository, a file too
    large, or a page whose front matter would cost MkDocs' own YAML reader
    without bound (an alias bomb): MkDocs reads every page's front matter
    before the generator sees it, expanding merges (`<<: *name`) as it goes."""
    check_tree(site.docs_dir, project_dir=site.project_dir)
    check_tree(site.data_dir, project_dir=site.project_dir)
    for parent, _, files in os.walk(site.docs_dir):
        for name in sorted(files):
            if name.endswith(".md"):
                _check_front_matter_cost(Path(parent, name), site)


def _check_front_matter_cost(file: Path, site: Site) -> None:
    source = file.read_text(encoding="utf-8-sig", errors="replace")
    match = FRONT_MATTER_PATTERN.match(source)
    text = match.group("yaml") if match else None
    if text and any(sign in text for sign in _ALIAS_SIGNS):
        # The project's reader counts before it expands, and names the line.
        parse_yaml("\n" + text, path=file.relative_to(site.project_dir).as_posix())
