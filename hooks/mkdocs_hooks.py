"""MkDocs wiring of the publication's generator.

Each event hands off to plain functions in `publication/`, which know
nothing of MkDocs events and are tested without a build. Returning None from
an event means "unchanged".

mkdocs-static-i18n runs the whole build again for each extra language inside
its own on_post_build, so every build event below fires once per language.
The language being built is known only after the plugin's on_config
(priority -100): read it from `config.theme["language"]` in later events.
"""
from __future__ import annotations

import importlib
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import CombinedEvent, event_priority

# MkDocs puts this folder on sys.path only while it executes this file, so the
# package is imported here, at the top, once.
import publication.build_cache as build_cache
import publication.head as head
import publication.pages as pages
import publication.site_files as site_files
import publication.theme_escaping as theme_escaping
from publication.data import load_all
from publication.errors import PublicationError, describe_bug
from publication.html_policy import check_config
from publication.schema import prepare_validators
from publication.sources import check_sources
from publication.site import current_language, is_last_build, site_from_config

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from jinja2 import Environment
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.publication")

def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    # MkDocs keeps hook modules for the life of `mkdocs serve`; reload the
    # package's modules that changed on disk so an edit in hooks/publication/
    # takes effect on the next rebuild without restarting the server.
    with _as_plugin_error("mkdocs.yml"):
        _reload_changed_modules()
        check_config(config, config_file=config.config_file_path or "mkdocs.yml")
    return None


def on_pre_build(*, config: MkDocsConfig) -> None:
    # Every data file is validated, even one that no page uses yet; parsed
    # once per process and reused until it changes on disk.
    site = site_from_config(config)
    with _as_plugin_error("docs/"):
        # Before MkDocs collects docs/, which follows links and reads every
        # page's front matter with its own YAML reader.
        check_sources(site)
    with _as_plugin_error("data/"):
        load_all(site.data_dir)
        site_files.start_build(current_language(config), site)


# After static-i18n (-100), which replaces the file list with the language's own.
@event_priority(-110)
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    from mkdocs.structure.files import File

    site, language = site_from_config(config), current_language(config)
    with _as_plugin_error("docs/"):
        generated = pages.side_by_side_pages(files, site=site, language=language)
    for src_uri, content in generated:
        file = File.generated(config, src_uri, content=content)
        # What static-i18n's language switcher reads from its own files.
        file.locale = file.locale_alternate_of = language
        file.alternates = {
            other.code: File.generated(config, other.prefix + pages.source_name(src_uri, site) + ".md", content="")
            for other in site.languages
        }
        files.append(file)
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
    # The theme's templates are compiled once and reused by later builds.
    with _as_plugin_error("overrides/"):
        env.bytecode_cache = build_cache.template_bytecode_cache(site_from_config(config).project_dir)
        theme_escaping.enable_autoescape(env)
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    with _as_plugin_error(_shown(page, config)):
        return pages.render_page_markdown(
            markdown, page=page, site=site_from_config(config), language=current_language(config), files=files
        )


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    with _as_plugin_error(_shown(page, config)):
        return pages.render_page_html(
            html, page=page, site=site_from_config(config), language=current_language(config), files=files
        )


# Escaping by context (theme_escaping): the title becomes escaped text before
# Material's search (priority 0) indexes it as HTML; the body and the table of
# contents are marked as HTML after every plugin that rewrites the body as a
# string (Material's search does), just before the templates print them.
@event_priority(100)
def _escape_page_title(context: dict[str, Any], *, page: Page, config: MkDocsConfig, **kwargs: Any) -> None:
    with _as_plugin_error(_shown(page, config)):
        theme_escaping.mark_page_title(page)


def _publication_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any] | None:
    with _as_plugin_error(_shown(page, config)):
        context["publication"] = head.head_context(page=page, base_url=context["base_url"], **_site_context(config))
    return context


@event_priority(-1000)
def _mark_page_html(context: dict[str, Any], *, page: Page, config: MkDocsConfig, **kwargs: Any) -> None:
    with _as_plugin_error(_shown(page, config)):
        theme_escaping.mark_page_html(page)


on_page_context = CombinedEvent(_escape_page_title, _publication_context, _mark_page_html)


def on_template_context(context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any] | None:
    # Theme templates without a page (404.html).
    with _as_plugin_error(template_name):
        context["publication"] = head.head_context(page=None, base_url=context["base_url"], **_site_context(config))
    return context


def _site_context(config: MkDocsConfig) -> dict[str, Any]:
    return {
        "site": site_from_config(config),
        "language": current_language(config),
        "site_name": config.site_name,
        "site_description": config.site_description or "",
        "site_author": config.site_author or config.site_name,
    }


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
    if template_name == "404.html":
        with _as_plugin_error(template_name):
            site_files.keep_not_found_page(current_language(config), output_content)
    return None


# After static-i18n (-100), whose on_post_build builds the other languages and
# then rewrites one combined search index.
@event_priority(-110)
def on_post_build(*, config: MkDocsConfig) -> None:
    if not is_last_build(config):
        return
    with _as_plugin_error("the finished site"):
        site_files.finish_site(Path(config.site_dir), site_from_config(config))


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
    # The first build found every data file in the build cache and never
    # needed jsonschema; load it now, so a data edit costs a rebuild no more
    # than a Markdown edit.
    with _as_plugin_error("data/schemas/"):
        prepare_validators(site_from_config(config).data_dir / "schemas")
    return None


def _shown(page: Page, config: MkDocsConfig) -> str:
    """How an error names the page being processed: as contributors see it."""
    source = page.file.abs_src_path
    if source is None:  # generated by the build
        return page.file.src_uri
    try:
        return Path(source).relative_to(Path(config.config_file_path).resolve().parent).as_posix()
    except ValueError:
        return source


class _as_plugin_error:
    """A contributor's mistake becomes a build error without a traceback; any
    other exception is a bug in the generator, reported in one line that
    names `file`, the file being processed (the traceback with
    PUBLICATION_DEBUG=1)."""

    def __init__(self, file: str) -> None:
        self.file = file

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: Any) -> bool:
        if error is None:
            return False
        if isinstance(error, PublicationError):
            raise PluginError(str(error)) from None
        if isinstance(error, MkDocsException) or not isinstance(error, Exception):
            return False  # MkDocs' own errors, Ctrl-C, SystemExit: theirs to report
        if os.environ.get("PUBLICATION_DEBUG") == "1":
            return False
        raise PluginError(describe_bug(error, self.file)) from None


_loaded_at: dict[str, int] = {}


def _reload_changed_modules() -> None:
    modules = [
        (name, module)
        for name, module in sys.modules.items()
        if name.startswith("publication.") and getattr(module, "__file__", None)
    ]
    mtimes = {name: Path(module.__file__).stat().st_mtime_ns for name, module in modules}
    changed = [name for name, mtime in mtimes.items() if _loaded_at.setdefault(name, mtime) != mtime]
    if not changed:
        return
    # The import system moves a module to the end of sys.modules once it has
    # finished executing, so that order puts each module after those it
    # imports: reload them all in it, dependencies first, so no module keeps
    # a stale reference to a class or function of another.
    for name, module in modules:
        importlib.reload(module)
    _loaded_at.update(mtimes)
    log.info("Reloaded the publication's code after a change in %s", ", ".join(changed))
