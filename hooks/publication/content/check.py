"""`make check`: validate data and pages in about a second, without a build.

Loads every data file against its schema, then reads every page of docs/
and renders its markers in its language, so a contributor (or pre-commit)
sees the same errors the build would give. Prints `path:line: message` and
exits 1 on the first error.

    python -m publication.content.check [mkdocs.yml]
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from publication.content.data import load_all, load_masthead
from publication.content.fact_check import article_fact_findings
from publication.content.frontmatter import page_body, read_front_matter
from publication.content.site import ARTICLES_DIR, Site, check_site_url, site_from_config
from publication.content.sources import check_sources
from publication.errors import PublicationError, describe_bug, processing
from publication.render.catalogue import article_byline
from publication.render.pages import render_markers, source_name
from publication.translation.status import read_exceptions, read_lock


def check(site: Site) -> int:
    """The number of pages checked; raises PublicationError on the first mistake."""
    with processing("docs/"):
        check_sources(site)
    with processing("data/"):
        load_all(site.data_dir)
    with processing("data/translations.lock.yml"):
        read_lock(site.data_dir)
    with processing("data/translations.exceptions.yml"):
        read_exceptions(site.data_dir)
    for data_file in sorted((site.data_dir / ARTICLES_DIR).glob("*.yml")):
        page = site.docs_dir / ARTICLES_DIR / f"{data_file.stem}.md"
        if not page.is_file():
            raise PublicationError(
                "this data file belongs to no article",
                file=str(data_file.relative_to(site.project_dir)),
                fix=f"name it after an article in docs/{ARTICLES_DIR}/, or delete it",
            )
    codes = {language.code: language for language in site.languages}
    pages = sorted(site.docs_dir.rglob("*.md"))
    for file in pages:
        src_uri = file.relative_to(site.docs_dir).as_posix()
        suffix = Path(file.stem).suffix.lstrip(".")
        language = suffix if suffix in codes else site.default_language.code
        path = str(file.relative_to(site.project_dir))
        with processing(path):
            source = file.read_text(encoding="utf-8-sig")
            if src_uri.startswith(f"{ARTICLES_DIR}/"):
                article_byline(read_front_matter(source, path=path), load_masthead(site.data_dir))
            render_markers(
                page_body(source),
                source=source,
                path=path,
                name=source_name(src_uri, site),
                site=site,
                language=language,
                front_page=str,
            )
    return len(pages)


def main(argv: list[str]) -> int:
    # Imported here so the rest of the package never needs MkDocs.
    from mkdocs.config import load_config

    config_file = Path(argv[0] if argv else "mkdocs.yml").resolve()
    config = load_config(str(config_file))
    site = site_from_config(config)
    try:
        check_site_url(config.site_url)
        count = check(site)
    except PublicationError as error:
        print(error, file=sys.stderr)
        return 1
    except Exception as error:
        if os.environ.get("PUBLICATION_DEBUG") == "1":
            raise
        print(describe_bug(error, getattr(error, "publication_file", None)), file=sys.stderr)
        return 1
    # Figures of the prose that contradict the articles' facts: each a
    # finding with its file and line, and the check fails.
    stale = article_fact_findings(site.project_dir, site.docs_dir, site.data_dir)
    for finding in stale:
        print(finding, file=sys.stderr)
    if stale:
        print(f"{len(stale)} figure(s) of the text disagree with the data (see above).", file=sys.stderr)
        return 1
    data_files = len(list(site.data_dir.rglob("*.yml")))
    print(f"OK: {data_files} data files and {count} pages are valid.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
