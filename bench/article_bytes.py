"""Bytes written per article of the real article's length: copies of openai-nvidia under new names.

* Article bytes: K copies of the real article (docs/articles/openai-nvidia.md
  and .en.md, data/articles/openai-nvidia.yml, and its translation pins in
  data/translations.lock.yml, so the copies are as up to date as the
  original) under new names, added to a copy of the project and built as
  `make build` builds them. Bytes written per copy are marginal over the
  project as it is ((bytes(K) - bytes(0)) / K), both languages, every file
  included, and split by where they go: the article pages, the side-by-side
  pages, the preview images, and the rest (search indexes, sitemap, feeds,
  front page and lists). Target: at most 150 kB per copy (5,000 articles in
  GitHub Pages' 1 GB with room to spare). kB = 1,000 bytes.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from bench.common import ARTICLE, Context, copy_project, log, run_build

NAME = "article_bytes"
COPIES = {"quick": 2, "full": 10}
TARGET_KB = 150
PARTS = {
    "article pages": re.compile(r"^(en/)?articles/[^/]+/index\.html$"),
    "side-by-side pages": re.compile(r"^(en/)?bilingue/[^/]+/index\.html$"),
    "preview images": re.compile(r"^assets/previews/"),
}


@dataclass
class ArticleBytes:
    copies: int
    per_copy: dict[str, float]  # part -> bytes per copy ("total", "other" included)


def add_copies(project: Path, count: int) -> None:
    docs, data = project / "docs" / "articles", project / "data" / "articles"
    lock = project / "data" / "translations.lock.yml"
    lock_text = lock.read_text(encoding="utf-8")
    pins = re.findall(rf'^  "articles/{re.escape(ARTICLE)}#[^"]+":\n(?:    .*\n)+', lock_text, re.MULTILINE)
    extra = []
    for number in range(1, count + 1):
        name = f"{ARTICLE}-copy-{number:03d}"
        for suffix in (".md", ".en.md"):
            shutil.copy2(docs / f"{ARTICLE}{suffix}", docs / f"{name}{suffix}")
        shutil.copy2(data / f"{ARTICLE}.yml", data / f"{name}.yml")
        extra.extend(pin.replace(f'"articles/{ARTICLE}#', f'"articles/{name}#', 1) for pin in pins)
    lock.write_text(lock_text.rstrip("\n") + "\n" + "".join(extra), encoding="utf-8")


def sizes(site: Path) -> dict[str, int]:
    totals = dict.fromkeys([*PARTS, "other", "total"], 0)
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        relative = path.relative_to(site).as_posix()
        part = next((name for name, pattern in PARTS.items() if pattern.search(relative)), "other")
        totals[part] += size
        totals["total"] += size
    return totals


def run(context: Context) -> ArticleBytes:
    count = COPIES["quick" if context.quick else "full"]
    measured = {}
    for copies in (0, count):
        project = copy_project(context.source, context.work / f"article-bytes-{copies}")
        add_copies(project, copies)
        site = context.work / f"site-article-bytes-{copies}" / "site"
        log(f"  {copies} copies of {ARTICLE}")
        run_build(project, site, pipeline=True)
        measured[copies] = sizes(site)
        shutil.rmtree(project)
        shutil.rmtree(site.parent)
    return ArticleBytes(
        copies=count, per_copy={part: (measured[count][part] - measured[0][part]) / count for part in measured[0]}
    )


def report(result: ArticleBytes, number: int) -> list[str]:
    total = result.per_copy["total"] / 1000
    verdict = "met" if total <= TARGET_KB else f"MISSED by {total - TARGET_KB:.1f} kB"
    parts = ", ".join(f"{part} {value / 1000:.1f} kB" for part, value in result.per_copy.items() if part != "total")
    return [
        (
            f"{number}. Bytes written per copy of the real article ({ARTICLE}, {result.copies} copies, "
            "both languages, `make build`; marginal over the project as it is)"
        ),
        f"   total {total:.1f} kB per copy (target <= {TARGET_KB} kB: {verdict}): {parts}",
        "",
    ]
