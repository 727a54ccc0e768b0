"""MkDocs wiring of the publication's generator.

Each event hands off to plain functions in `publication/`, which know
nothing of MkDocs events and are tested without a build. Returning None from
an event means "unchanged".

One MkDocs build builds one language (the language is known only after
mkdocs-static-i18n's on_config, priority -100: read it from
`config.theme["language"]` in later events). Under `make build`
(publication.build.pipeline) each language is built in its own process, and the
pipeline runs the finishing step once they are all done. Under plain `mkdocs
build` and `mkdocs serve`, static-i18n runs the other languages' builds
inside the default language's on_post_build, so every build event below
fires once per language, nested; the finishing step then runs when the
outermost build ends.

What a build collects for the finishing step (its manifest) lives on that
build's config object, never in a module: every build, and every rebuild of
`mkdocs serve`, starts from a fresh config. MkDocs imports this file once per
process: after editing hooks/, restart `mkdocs serve` (`make serve`).
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import CombinedEvent, event_priority

# MkDocs puts this folder on sys.path only while it executes this file, so the
# package is imported here, at the top, once.
import publication.build.cache as build_cache
import publication.build.page_cache as page_cache
import publication.render.csp as csp
import publication.render.head as head
import publication.render.pages as pages
import publication.render.theme_escaping as theme_escaping
import publication.render.theme_markup as theme_markup
from publication.build.pipeline import FINISHED_ELSEWHERE
from publication.content.data import load_all
from publication.content.html_policy import check_config
from publication.content.schema import prepare_validators
from publication.content.site import Site, check_site_url, current_language, site_from_config
from publication.content.sources import check_sources
from publication.errors import PublicationError, describe_bug
from publication.finish.manifest import LanguageManifest, write_manifest
from publication.finish.site_files import finish_site

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.publication")

# Keys of the build's config under which the hooks keep what one build
# collects; the config object lives for one build (one rebuild under serve).
SITE = "publication_site"  # the Site, read once from the config
MANIFESTS = "publication_manifests"  # language -> LanguageManifest being collected
CATALOGUES = "publication_catalogues"  # language -> its articles, newest first (on_files)
OPEN_BUILDS = "publication_open_builds"  # languages whose build has started and not ended, innermost last
PAGE_CACHES = "publication_page_caches"  # language -> its PageCache (on_files)

# The MkDocs command this process runs: not build state, but what the pages
# are for. `mkdocs serve` injects an inline live-reload script that the
# Content-Security-Policy must let run (csp.py); `mkdocs build` never does.
# `make serve` builds in other processes and says so in the environment.
_command = "build"


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


def _live_reload() -> bool:
    return _command == "serve" or os.environ.get("PUBLICATION_LIVE_RELOAD") == "1"


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    with _as_plugin_error("mkdocs.yml"):
        check_site_url(config.site_url)
        check_config(config, config_file=config.config_file_path or "mkdocs.yml")
    return None


def on_pre_build(*, config: MkDocsConfig) -> None:
    # Every data file is validated, even one that no page uses yet; parsed
    # once per process and reused until it changes on disk.
    site = _site(config)
    with _as_plugin_error("docs/"):
        # Before MkDocs collects docs/, which follows links and reads every
        # page's front matter with its own YAML reader.
        check_sources(site)
    with _as_plugin_error("data/"):
        memo = build_cache.ValidationMemo.open(site.project_dir, site.data_dir)
        load_all(site.data_dir, passed_before=memo.passed_before, passed=memo.passed)
    language = current_language(config)
    config.setdefault(MANIFESTS, {})[language] = LanguageManifest(
        language=language, site=site, feed_title=config.site_name, feed_subtitle=config.site_description or ""
    )
    config.setdefault(OPEN_BUILDS, []).append(language)


# After static-i18n (-100), which replaces the file list with the language's own.
@event_priority(-110)
def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    from mkdocs.structure.files import File

    site, language = _site(config), current_language(config)
    with _as_plugin_error("docs/"):
        generated = pages.side_by_side_pages(files, site=site, language=language)
        catalogue = config.setdefault(CATALOGUES, {})[language] = pages.article_catalogue(files, site=site)
        generated += pages.generated_listing_pages(catalogue, site=site, language=language, site_name=config.site_name)
    for src_uri, content in generated:
        file = File.generated(config, src_uri, content=content)
        # What static-i18n's language switcher reads from its own files.
        file.locale = file.locale_alternate_of = language  # type: ignore[attr-defined]
        file.alternates = {  # type: ignore[attr-defined]
            other.code: File.generated(config, other.prefix + pages.source_name(src_uri, site) + ".md", content="")
            for other in site.languages
        }
        files.append(file)
        _manifest(config).side_by_side.append(PurePosixPath(src_uri).stem)
    with _as_plugin_error("the build cache"):
        inputs = page_cache.BuildInputs(
            config_file=Path(config.config_file_path),
            settings=_build_settings(config, language),
            page_uris=tuple(file.src_uri for file in files.documentation_pages()),
            nav_uris=tuple(_nav_uris(config.nav)),
            catalogue=catalogue,
        )
        config.setdefault(PAGE_CACHES, {})[language] = page_cache.open_page_cache(site, inputs)
    return files


def _build_settings(config: MkDocsConfig, language: str) -> dict[str, Any]:
    """What a page's HTML depends on in the configuration as MkDocs resolved
    it, beyond mkdocs.yml's bytes (command-line options, an INHERIT file,
    environment variables, static-i18n's per-language overrides)."""
    def shown(value: Any) -> str:
        # Objects in the config (the slugify function) print their address.
        return re.sub(r" at 0x[0-9a-f]+", "", repr(value))

    return {
        "language": language,
        "live_reload": _live_reload(),
        "site_url": config.site_url,
        "use_directory_urls": config.use_directory_urls,
        "theme": shown(sorted(config.theme.items())),  # its options, as resolved
        "theme_name": config.theme.name,
        "markdown": shown((config.markdown_extensions, config.mdx_configs)),
        "nav": shown(config.nav),
        "extra": shown(config.extra),
        "site": shown((config.site_name, config.site_description, config.site_author, config.copyright, config.repo_url)),
        "extra_css": shown((config.extra_css, config.extra_javascript)),
        "plugins": shown({name: getattr(plugin, "config", None) for name, plugin in config.plugins.items()}),
    }


def _nav_uris(nav: Any) -> list[str]:
    """Every page of mkdocs.yml's nav, at any depth."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [uri for value in nav.values() for uri in _nav_uris(value)]
    if isinstance(nav, list):
        return [uri for item in nav for uri in _nav_uris(item)]
    return []


# A page whose inputs have not changed since a build stored it is not
# rendered again (build/page_cache.py): its Markdown is emptied, MkDocs'
# findings about it (title, anchors, links) and its log lines are restored,
# and its stored HTML is what MkDocs writes. Any other page is rendered and
# recorded, from its first event to its last.
@event_priority(1000)
def on_pre_page(page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
    cache = _page_cache(config)
    with _as_plugin_error(_shown(page, config)):
        if cache.look_up(page.file.src_uri, page.file.content_string, generated=page.file.abs_src_path is None) is None:
            cache.start_recording(page.file.src_uri, "read")
    return None


def _cached(page: Page, config: MkDocsConfig) -> page_cache.CachedPage | None:
    return _page_cache(config).hits.get(page.file.src_uri)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
    # The theme's templates are compiled once and reused by later builds.
    with _as_plugin_error("overrides/"):
        env.bytecode_cache = build_cache.template_bytecode_cache(_site(config).project_dir)
        theme_escaping.enable_autoescape(env)
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if _cached(page, config) is not None:
        page.meta["template"] = page_cache.CACHED_TEMPLATE
        return ""
    with _as_plugin_error(_shown(page, config)):
        return pages.render_page_markdown(
            markdown, page=page, site=_site(config), language=current_language(config), files=files
        )


def _render_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    entry = _cached(page, config)
    if entry is not None:
        if entry.title is not None:
            page.title = entry.title
        page.present_anchor_ids = set(entry.anchors)
        page.links_to_anchors = {
            linked: anchors
            for uri, anchors in entry.links_to_anchors.items()
            if (linked := files.get_file_from_path(uri)) is not None
        }
        page_cache.replay(entry, "read")
        return None
    with _as_plugin_error(_shown(page, config)):
        language = current_language(config)
        return pages.render_page_html(
            html, page=page, site=_site(config), language=language, files=files,
            catalogue=config.get(CATALOGUES, {}).get(language),
        )


@event_priority(-1000)
def _record_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> None:
    cache = _page_cache(config)
    if not cache.is_recorded(page.file.src_uri):
        return
    cache.stop_recording()
    cache.record_read(
        page.file.src_uri,
        title=page.title,
        anchors=page.present_anchor_ids or (),
        links_to_anchors={linked.src_uri: dict(anchors) for linked, anchors in (page.links_to_anchors or {}).items()},
    )


on_page_content = CombinedEvent(_render_page_content, _record_page_content)


@event_priority(1000)
def _record_page_context(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> None:
    _page_cache(config).start_recording(page.file.src_uri, "write")


# Escaping by context (theme_escaping): the title becomes escaped text before
# Material's search (priority 0) indexes it as HTML; the body and the table of
# contents are marked as HTML after every plugin that rewrites the body as a
# string (Material's search does), just before the templates print them.
@event_priority(100)
def _escape_page_title(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> None:
    if _cached(page, config) is not None:
        return
    with _as_plugin_error(_shown(page, config)):
        theme_escaping.mark_page_title(page)


# Before Material's search (0), which must find the page excluded
# (_hide_from_material_search); after static-i18n's context (50, registered first).
@event_priority(50)
def _publication_context(
    context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, **kwargs: Any
) -> dict[str, Any] | None:
    entry = _cached(page, config)
    if entry is not None:
        with _as_plugin_error(_shown(page, config)):
            contribution = head.PageContribution.from_dict(entry.contribution)
        page_cache.replay(entry, "write")
    else:
        site_context = _site_context(config)
        with _as_plugin_error(_shown(page, config)):
            context["publication"] = head.head_context(page=page, base_url=context["base_url"], **site_context)
            contribution = head.page_contribution(page=page, **site_context)
        _page_cache(config).record_contribution(page.file.src_uri, contribution.to_dict())
    manifest = _manifest(config)
    manifest.pages.append(contribution.sitemap)
    if contribution.feed is not None:
        manifest.feed_entries.append(contribution.feed)
    if contribution.preview is not None:
        manifest.previews.append(contribution.preview)
    return context


@event_priority(40)
def _hide_from_material_search(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> None:
    head.hide_from_material_search(page)


@event_priority(-1000)
def _mark_page_html(context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, **kwargs: Any) -> None:
    if _cached(page, config) is not None:
        return
    with _as_plugin_error(_shown(page, config)):
        theme_escaping.mark_page_html(page)


on_page_context = CombinedEvent(
    _record_page_context, _escape_page_title, _publication_context, _hide_from_material_search, _mark_page_html
)


def on_template_context(context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any] | None:
    # Theme templates without a page (404.html).
    with _as_plugin_error(template_name):
        context["publication"] = head.head_context(page=None, base_url=context["base_url"], **_site_context(config))
    return context


def _site_context(config: MkDocsConfig) -> dict[str, Any]:
    return {
        "site": _site(config),
        "language": current_language(config),
        "site_name": config.site_name,
        "site_description": config.site_description or "",
        "site_author": config.site_author or config.site_name,
    }


# Last, once every other hook and plugin has finished the page's HTML: the
# policy holds the hashes of the inline scripts and styles it ends up with.
@event_priority(-1000)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    entry = _cached(page, config)
    with _as_plugin_error(_shown(page, config)):
        if entry is not None:
            output = _page_cache(config).output(page.file.src_uri)
        else:
            output = csp.page_with_policy(theme_markup.valid_toggles(output), live_reload=_live_reload())
            _page_cache(config).store(page.file.src_uri, output)
    # Written next: what MkDocs read and made of the page is not needed any
    # more (its title and anchors stay), and 5,000 pages of it cost hundreds
    # of megabytes held until the build's end.
    page.markdown = page.content = ""
    return output


@event_priority(-1000)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
    if template_name != "404.html":
        return None
    with _as_plugin_error(template_name):
        output_content = csp.page_with_policy(theme_markup.valid_toggles(output_content), live_reload=_live_reload())
    # Every language's build writes its 404 to the same file: the
    # finishing step puts each where its language's readers get it.
    _manifest(config).not_found_html = output_content
    return output_content


# After static-i18n (-100): its on_post_build runs the other languages'
# builds (plain `mkdocs build`/`serve`), whose own on_post_build comes first.
@event_priority(-110)
def on_post_build(*, config: MkDocsConfig) -> None:
    site = _site(config)
    # The language of the build ending here: after the nested builds,
    # config.theme["language"] is the last one built, not this one.
    language = config[OPEN_BUILDS].pop()
    cache = config[PAGE_CACHES][language]
    if cache.folder is not None:
        log.info("%s: %d of %d pages from the build cache", language, cache.served, cache.looked_up)
    with _as_plugin_error("the build cache"):
        cache.close()
    with _as_plugin_error("the finished site"):
        write_manifest(Path(config.site_dir), site.language(language).prefix, config[MANIFESTS][language])
        if config[OPEN_BUILDS] or config.get(FINISHED_ELSEWHERE):
            return
        finish_site(Path(config.site_dir), site)


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
    # The first build found every data file in the build cache and never
    # needed jsonschema; load it now, so a data edit costs a rebuild no more
    # than a Markdown edit.
    with _as_plugin_error("data/schemas/"):
        prepare_validators(_site(config).data_dir / "schemas")
    return None


def _site(config: MkDocsConfig) -> Site:
    site = config.get(SITE)
    if site is None:
        site = config[SITE] = site_from_config(config)
    return site


def _page_cache(config: MkDocsConfig) -> page_cache.PageCache:
    return config[PAGE_CACHES][current_language(config)]


def _manifest(config: MkDocsConfig) -> LanguageManifest:
    return config[MANIFESTS][current_language(config)]


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

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: Any) -> Literal[False]:
        if error is None:
            return False
        if isinstance(error, PublicationError):
            raise PluginError(str(error)) from None
        if isinstance(error, MkDocsException) or not isinstance(error, Exception):
            return False  # MkDocs' own errors, Ctrl-C, SystemExit: theirs to report
        if os.environ.get("PUBLICATION_DEBUG") == "1":
            return False
        raise PluginError(describe_bug(error, self.file)) from None

