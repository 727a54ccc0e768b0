"""Page weight of the article page: the HTML and what a browser fetches for it.

* Page weight: the last build of each variant of the hooks series; for
  each language's article page, the HTML plus what a browser with JavaScript
  fetches for it (BeautifulSoup; what <noscript> holds is ignored):
  stylesheets, `<script src>`, `<img src>`, the favicon, then Material's
  bundle, its search worker, the language's search index and the lunr files
  that worker imports for the index's `lang` (read from the built worker:
  `lunr.stemmer.support` and `lunr.<lang>` for any language but English,
  `lunr.multi` when the index has several languages; English alone loads
  none). The bundle requests the index and starts the worker as soon as it
  runs, when the page has a search form. Stock Material loads the bundle
  with the page; the project's overrides load it, with Material's full
  stylesheets (listed in `data-md-stylesheets`), at the reader's first
  interaction, so the report gives what loads before any interaction and
  everything. Requests the search's fallback script makes only after a
  search without results (the other language's index) are not counted.
  Sizes are raw and `gzip -9` (Python's gzip module), in kB of 1,000 bytes.

"""

from __future__ import annotations

import gzip
import json
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from bench import overhead
from bench.common import ARTICLE, Context, kb

NAME = "page_weight"
READS = ("overhead",)  # its last build of each variant
# Figures of the stock set-up (one mixed index), to compare page weight with.
STOCK = {"raw_kb": 322, "gzip_kb": 92, "requests": 11, "search_index_kb": 20}
NO_BREAK = "\u00a0"


def run(context: Context) -> list[PageWeight]:
    """The article page in the last build of each variant of the hooks series."""
    hooks: overhead.HooksRun = context.results[overhead.NAME]
    return bench_page_weight(hooks.site_with_hooks, "project") + bench_page_weight(
        hooks.site_without_hooks, "hooks off"
    )


LOAD = "load"
INTERACTION = "first interaction"
BUNDLE = re.compile(r"bundle\.[0-9a-f]+\.min\.js$")
# Material's search worker: assets/javascripts/workers/search.<hash>.min.js
BUNDLE_WORKER = re.compile(r"/workers/search\.[0-9a-f]+\.min\.js$")
BUNDLE_IN_SCRIPT = re.compile(r"\"([^\"]*bundle\.[0-9a-f]+\.min\.js)\"")


@dataclass
class Resource:
    path: str  # inside the site
    kind: str
    raw: int
    gzip: int
    when: str  # LOAD, or INTERACTION: fetched only once the reader first interacts


@dataclass
class PageWeight:
    variant: str  # "project", or "hooks off" (stock Material with static-i18n)
    language: str
    page: str
    load_requests: int  # before any interaction
    load_raw: int
    load_gzip: int
    requests: int  # everything, once the reader has interacted
    raw: int
    gzip: int
    search_index_raw: int
    search_index_gzip: int
    search_lang: list[str]
    bundle_deferred: bool
    resources: list[Resource]
    external: list[str]


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def lunr_scripts(languages: list[str]) -> list[str]:
    """The files Material's search worker imports for an index's `lang`, as its
    setupSearchLanguages does (checked against the built worker below)."""
    scripts: list[str] = []
    for language in languages:
        if language == "ja":
            scripts.append("tinyseg.js")
        elif language in ("hi", "th"):
            scripts.append("wordcut.js")
        if language != "en":
            scripts.append(f"min/lunr.{language}.min.js")
    if len(languages) > 1:
        scripts.append("min/lunr.multi.min.js")
    return ["min/lunr.stemmer.support.min.js", *scripts] if scripts else []


def page_weight(site_dir: Path, page: str, language: str, variant: str) -> PageWeight:
    """`page` ("en/articles/x/") and what a browser with JavaScript fetches for
    it: at load, and once the reader first interacts (when Material's bundle is
    loaded on demand, as the project's overrides/main.html does)."""
    origin = "http://site.invalid/"
    page_url = urljoin(origin, page)
    html_file = site_dir / page / "index.html"
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")

    def loaded(element: Any) -> bool:
        # A browser with JavaScript ignores what <noscript> holds.
        return element.find_parent("noscript") is None

    wanted: list[tuple[str, str, str]] = [(page_url + "index.html", "html", LOAD)]
    for link in soup.find_all("link", href=True):
        rel = {value.lower() for value in link.get("rel", [])}
        if not loaded(link):
            continue
        if "stylesheet" in rel:
            wanted.append((urljoin(page_url, link["href"]), "stylesheet", LOAD))
        elif rel & {"icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}:
            wanted.append((urljoin(page_url, link["href"]), "icon" if "icon" in rel else "preload", LOAD))
    for image in soup.find_all("img", src=True):
        if loaded(image):
            wanted.append((urljoin(page_url, image["src"]), "image", LOAD))
    bundle: tuple[str, str] | None = None
    for script in soup.find_all("script", src=True):
        if not loaded(script):
            continue
        url = urljoin(page_url, script["src"])
        if BUNDLE.search(urlsplit(url).path):
            bundle = (url, LOAD)
        wanted.append((url, "script", LOAD))
    # Material's stylesheets and bundle loaded by an inline loader at the first
    # interaction: the stylesheets it lists, the bundle URL in its code.
    for element in soup.find_all(attrs={"data-md-stylesheets": True}):
        for href in element["data-md-stylesheets"].split():
            wanted.append((urljoin(page_url, href), "stylesheet", INTERACTION))
    if bundle is None:
        for script in soup.find_all("script", src=False):
            match = BUNDLE_IN_SCRIPT.search(script.get_text())
            if match and loaded(script):
                bundle = (urljoin(page_url, json.loads(f'"{match.group(1)}"')), INTERACTION)
                wanted.append((bundle[0], "script", INTERACTION))
                break
    search_lang: list[str] = []
    config_tag = soup.find("script", id="__config")
    has_search = soup.find("form", attrs={"name": "search"}) is not None
    if bundle is not None and config_tag is not None and has_search:
        # The bundle requests the index and starts the worker as soon as it runs.
        when = bundle[1]
        config = json.loads(config_tag.get_text())
        base = urljoin(page_url, config["base"])
        if not base.endswith("/"):
            base += "/"
        worker = urljoin(page_url, config["search"])
        wanted.append((worker, "search worker", when))
        index_url = urljoin(base, "search/search_index.json")
        wanted.append((index_url, "search index", when))
        index = json.loads(_site_file(site_dir, origin, index_url).read_text(encoding="utf-8"))
        search_lang = list(index["config"]["lang"])
        worker_code = _site_file(site_dir, origin, worker).read_text(encoding="utf-8")
        # Material's own worker imports lunr's scripts for the index's
        # languages; the project's (search-worker.js) fetches nothing before a
        # search, whose bytes bench/search.py measures.
        if BUNDLE_WORKER.search(urlsplit(worker).path):
            if "lunr.stemmer.support.min.js" not in worker_code or "lunr.multi.min.js" not in worker_code:
                raise RuntimeError("Material's search worker no longer loads lunr as assumed; update lunr_scripts()")
            lunr_base = urljoin(worker, "../lunr/")
            for script_path in lunr_scripts(search_lang):
                wanted.append((urljoin(lunr_base, script_path), "lunr", when))
    resources: list[Resource] = []
    external: list[str] = []
    seen: set[str] = set()
    for url, kind, when in wanted:
        if not url.startswith(origin):
            external.append(url)
            continue
        file = _site_file(site_dir, origin, url)
        relative = file.relative_to(site_dir).as_posix()
        if relative in seen:
            continue
        seen.add(relative)
        data = file.read_bytes()
        resources.append(Resource(relative, kind, len(data), gzip_size(data), when))
    at_load = [resource for resource in resources if resource.when == LOAD]
    index_resource = next((r for r in resources if r.kind == "search index"), None)
    return PageWeight(
        variant=variant,
        language=language,
        page=page,
        load_requests=len(at_load),
        load_raw=sum(r.raw for r in at_load),
        load_gzip=sum(r.gzip for r in at_load),
        requests=len(resources) + len(external),
        raw=sum(r.raw for r in resources),
        gzip=sum(r.gzip for r in resources),
        search_index_raw=index_resource.raw if index_resource else 0,
        search_index_gzip=index_resource.gzip if index_resource else 0,
        search_lang=search_lang,
        bundle_deferred=bundle is not None and bundle[1] == INTERACTION,
        resources=resources,
        external=external,
    )


def _site_file(site_dir: Path, origin: str, url: str) -> Path:
    path = urlsplit(url).path
    relative = PurePosixPath(path).relative_to(PurePosixPath(urlsplit(origin).path))
    file = site_dir / relative
    if path.endswith("/"):
        file = file / "index.html"
    if not file.is_file():
        raise RuntimeError(f"{url} resolves to {file}, which the build did not write")
    return file


def bench_page_weight(site_dir: Path, variant: str) -> list[PageWeight]:
    return [
        page_weight(site_dir, f"articles/{ARTICLE}/", "fr", variant),
        page_weight(site_dir, f"en/articles/{ARTICLE}/", "en", variant),
    ]


# ---------------------------------------------------------------- report


def report(weights: list[PageWeight], number: int) -> list[str]:
    out: list[str] = []
    out.append(
        f"{number}. Page weight of the article page: the HTML and what a browser with JavaScript fetches for it, "
        "at load and in all (after the reader's first interaction); kB = 1,000 bytes; gzip -9 of each file"
    )
    out.append(
        f"   {'build':<10} {'lang':<4} {'at load: req':>12} {'raw':>9} {'gzip':>8}   {'all: req':>8} {'raw':>9} "
        f"{'gzip':>8}   {'index':>7} {'gzip':>6}  index lang -> lunr files"
    )
    for weight in weights:
        lunr = [PurePosixPath(r.path).name.removesuffix(".min.js") for r in weight.resources if r.kind == "lunr"]
        out.append(
            f"   {weight.variant:<10} {weight.language:<4} {weight.load_requests:>12} {kb(weight.load_raw):>9} "
            f"{kb(weight.load_gzip):>8}   {weight.requests:>8} {kb(weight.raw):>9} {kb(weight.gzip):>8}   "
            f"{kb(weight.search_index_raw):>7} {kb(weight.search_index_gzip):>6}  "
            f"{','.join(weight.search_lang)} -> {', '.join(lunr) or 'none'}"
        )
    ours = [weight for weight in weights if weight.variant == "project"]
    out.append(
        f"   stock figures given: {STOCK['raw_kb']} kB raw / ~{STOCK['gzip_kb']} kB gzip, {STOCK['requests']} "
        f"requests, search index {STOCK['search_index_kb']} kB (both languages mixed); "
        f"our two indexes together: {kb(sum(weight.search_index_raw for weight in ours))}"
    )
    out.append(
        "   'hooks off' = the baseline build of section 1: stock Material + static-i18n, one mixed index. "
        "Files (raw/gzip), * = fetched at the first interaction:"
    )
    for weight in weights:
        # No-break spaces inside an item keep it on one line when wrapped.
        items = ", ".join(
            f"{PurePosixPath(r.path).name}{'*' if r.when == INTERACTION else ''} {kb(r.raw)}/{kb(r.gzip)}".replace(
                " ", NO_BREAK
            )
            for r in weight.resources
        )
        out.extend(
            line.replace(NO_BREAK, " ")
            for line in textwrap.wrap(
                items,
                width=118,
                initial_indent=f"   {weight.variant}, {weight.language}: ",
                subsequent_indent="       ",
                break_on_hyphens=False,
            )
        )
        if weight.external:
            out.append(f"   {weight.variant}, {weight.language}, other origins: {', '.join(weight.external)}")
    out.append("")
    return out
