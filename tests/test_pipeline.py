"""`make build`'s pipeline (one MkDocs build per language in parallel, then
the finishing step) against plain `mkdocs build`, and two builds at once."""
from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
import time
from pathlib import Path

from publication.content.languages import Language
from publication.content.site import Site as SiteModel
from publication.finish.feeds import FeedEntry
from publication.finish.manifest import MANIFEST_FILE, LanguageManifest, Preview
from publication.render.seo import Alternate, SitemapEntry
from sitebuild import PROJECT, Site, build, copy_project, mkdocs_build

EPOCH = {"SOURCE_DATE_EPOCH": "1764201600"}


def file_hashes(root: Path) -> dict[str, str]:
    return {
        file.relative_to(root).as_posix(): hashlib.sha256(file.read_bytes()).hexdigest()
        for file in sorted(root.rglob("*"))
        if file.is_file()
    }


def test_the_pipeline_builds_the_site_of_a_plain_mkdocs_build(tmp_path: Path) -> None:
    """Same files, same bytes: each language built alone in its own process
    is what static-i18n builds of it inside the default language's build."""
    pipeline = build(PROJECT, tmp_path / "pipeline" / "site", env=EPOCH)
    plain = mkdocs_build(PROJECT, tmp_path / "plain", env=EPOCH)
    assert pipeline.ok and plain.ok, pipeline.output + plain.output
    ours, theirs = file_hashes(pipeline.site_dir), file_hashes(plain.site_dir)
    assert sorted(ours) == sorted(theirs)
    # static-i18n leaves the last page's language links in the English 404
    # of a one-process build (it renders the 404 after the French pages);
    # built on its own, the English 404 links to the language roots.
    different = {path for path in ours if ours[path] != theirs[path]}
    assert different <= {"en/404.html"}, different
    links = [a["href"] for a in Site(pipeline.site_dir).page("en/404.html").select("a.language-switch__link")]
    assert links == ["/"], links
    assert not any(path.endswith(MANIFEST_FILE) for path in ours), "a manifest was published"
    english = Site(pipeline.site_dir).page("en/articles/openai-nvidia/")
    assert english.html["lang"] == "en" and "The deal of the century" in english.get_text(), (
        "the English article does not carry the English text"
    )


def test_a_failed_language_build_stops_the_pipeline_with_its_error(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "data/articles/openai-nvidia.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("    gigawatts: 10\n", "    gigawatts: ten\n"), encoding="utf-8")
    result = build(project, tmp_path / "out" / "site")
    assert result.returncode == 1
    assert result.output.count("facts.power.gigawatts: expected a number, found 'ten'") == 1, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "site").exists()
    assert [path.name for path in (tmp_path / "out").iterdir() if path.name != ".site.lock"] == []


def test_two_builds_at_once_never_leave_the_site_missing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site_dir = project / "site"
    first = build(project, site_dir)
    assert first.ok, first.output
    missing: list[float] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if not (site_dir / "index.html").is_file():
                missing.append(time.monotonic())
            time.sleep(0.001)

    watcher = threading.Thread(target=watch)
    watcher.start()
    command = [sys.executable, "-m", "publication.build.pipeline", "--site-dir", "site"]
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks")}
    try:
        runs = [subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(2)]
        outputs = [run.communicate(timeout=600)[0].decode() for run in runs]
    finally:
        done.set()
        watcher.join()
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert not missing, f"site/ was missing {len(missing)} times"
    assert file_hashes(site_dir) == file_hashes(first.site_dir)
    leftovers = [path.name for path in project.iterdir() if path.name.startswith(".site.building-")]
    assert leftovers == []


def test_a_manifest_survives_its_json() -> None:
    site = SiteModel(
        project_dir=Path("/p"),
        docs_dir=Path("/p/docs"),
        data_dir=Path("/p/data"),
        site_url="https://example.org/",
        languages=(Language(code="fr", name="Français", link="/", default=True),),
    )
    manifest = LanguageManifest(
        language="fr",
        site=site,
        feed_title="Silicium",
        feed_subtitle="« Puces » & <IA>",
        pages=[SitemapEntry(url="https://example.org/", alternates=(Alternate(hreflang="fr", href="https://example.org/"),), lastmod=None)],
        feed_entries=[FeedEntry(url="u", title="t", summary="s", published="2026-01-02", updated=None, author="a")],
        previews=[Preview(path="assets/previews/x.fr.png", title="T", kicker="K", site_name="S")],
        side_by_side=["x"],
        not_found_html="<html></html>",
    )
    assert LanguageManifest.from_json(manifest.to_json()) == manifest


# Memos of pure functions, keyed by their inputs (file, mtime, size, content):
# they hold no build's results, only what the same inputs give again.
MEMOS = {"hooks/publication/content/data.py": {"_cache"}, "hooks/publication/translation/status.py": {"_findings", "_last_changes"}}


def test_no_module_of_the_generator_keeps_build_state() -> None:
    """No empty dict, list or set at module level that a build could fill
    (but MEMOS): what a build collects lives on its config (the manifest),
    and the finishing step reads it from the built site. Nor does the hook
    read static-i18n's `building` flag or reload modules."""
    import ast

    offenders = []
    for module in sorted((PROJECT / "hooks").rglob("*.py")):
        for node in ast.parse(module.read_text(encoding="utf-8")).body:
            value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
            empty_literal = isinstance(value, (ast.List, ast.Set)) and not value.elts
            empty_literal |= isinstance(value, ast.Dict) and not value.keys
            empty_call = (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Name)
                and value.func.id in {"dict", "list", "set", "defaultdict", "OrderedDict"}
                and not value.args
            )
            path = module.relative_to(PROJECT).as_posix()
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            names = {target.id for target in targets if isinstance(target, ast.Name)}
            if (empty_literal or empty_call) and not names <= MEMOS.get(path, set()):
                offenders.append(f"{path}:{node.lineno}")
    assert offenders == []
    hooks = (PROJECT / "hooks/mkdocs_hooks.py").read_text(encoding="utf-8")
    assert ".building" not in hooks and "importlib" not in hooks
