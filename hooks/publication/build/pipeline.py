"""`make build`: each language's MkDocs build in its own process, in parallel, then the finishing step, swapped in atomically.

    PYTHONPATH=hooks python -m publication.build.pipeline [--config-file mkdocs.yml] [--site-dir site]

1. One process per language of mkdocs.yml (`--language CODE`, below): a
   full MkDocs build with static-i18n building that language only, into a
   folder of its own inside a fresh temporary folder next to the site
   folder. Each starts from a clean interpreter: no state is shared.
2. Their outputs are put together (the default language's build is the
   site; each other language brings its own `<prefix>/` tree and its search
   index) and the finishing step (site_files.finish_site) writes what
   belongs to the whole site from the manifests the builds left.
3. The finished folder takes the place of the site folder in one
   rename(2) with RENAME_EXCHANGE (Linux), the old one is then removed. Two
   runs at once each build in their own temporary folder and swap in turn:
   the site folder is never missing, and it always holds one whole build.
   A failed build leaves the site folder as it was.

Plain `mkdocs build` builds the same site in one process (static-i18n builds
the languages one after the other; the hooks run the finishing step at the
end), only slower.
"""
from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import errno
import fcntl
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO

from publication.finish.manifest import manifest_path, read_site
from publication.finish.search_index import INDEX_PATH

# Set in each language's build config: the pipeline finishes the site itself.
FINISHED_ELSEWHERE = "publication_finished_elsewhere"
# Where to write the language processes' peak memory (bench/common.py reads it).
STATS_VARIABLE = "PUBLICATION_BUILD_STATS"
_RENAME_EXCHANGE = 2  # linux/fs.h


def configured_languages(config_file: Path) -> list[tuple[str, bool]]:
    """(code, default) of every language of mkdocs.yml's i18n plugin, read
    without loading MkDocs' plugins."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as stream:
        data = yaml_load(stream)
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return [(language["locale"], bool(language.get("default"))) for language in plugin["i18n"]["languages"]]
    raise SystemExit(f"{config_file}: no i18n plugin with languages")


def build_language(config_file: Path, language: str, site_dir: Path) -> int:
    """One MkDocs build of `language` only, as `mkdocs build --strict` runs it."""
    import mkdocs.__main__ as mkdocs_cli
    from click import ClickException
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    state = mkdocs_cli.State()  # MkDocs' own log format on stderr
    # Unwrapped: the pipeline relays these lines, and a wrapped error line
    # is one a contributor (or a test) can no longer search for.
    mkdocs_cli.ColorFormatter.text_wrapper.width = 0
    mkdocs_cli._enable_warnings()
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        i18n = config.plugins["i18n"]
        # static-i18n builds the default language, then, inside that build's
        # on_post_build, each other language, with `current_language` set to
        # it and `building` set so that the nested build nests nothing. Here
        # it builds `language` alone exactly as it would inside that nesting
        # (same folder, URLs, alternates, switcher): the only place where the
        # project sets static-i18n's attributes, and test_pipeline.py checks
        # that the result is byte for byte the site of a plain `mkdocs build`.
        # (static-i18n's own attributes, which its class does not declare)
        i18n.current_language = language  # type: ignore[attr-defined]
        i18n.building = True  # type: ignore[attr-defined]
        config[FINISHED_ELSEWHERE] = True
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except ClickException as error:
        error.show()
        return error.exit_code
    finally:
        del state
    return 0


def build_site(config_file: Path, site_dir: Path) -> int:
    languages = configured_languages(config_file)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Next to the site folder: on the same file system, so the swap is a rename.
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        outputs = {code: work / code for code, _ in languages}
        hooks_dir = str(Path(__file__).resolve().parents[2])
        environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [hooks_dir, os.environ.get("PYTHONPATH")]))}
        processes = {
            code: subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "publication.build.pipeline",
                    "--language",
                    code,
                    "--config-file",
                    str(config_file),
                    "--site-dir",
                    str(outputs[code]),
                ],
                env=environment,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            for code, _ in languages
        }
        logs, peaks = _wait_for(processes)
        failed = [code for code, _ in languages if processes[code].returncode]
        if failed:
            # The first failed build's messages (the default language's
            # first): a contributor's mistake or a bug usually breaks every
            # language alike, and once is what they need to read.
            sys.stderr.write(logs[failed[0]])
            if failed[1:]:
                sys.stderr.write(f"INFO    -  The build of {', '.join(failed[1:])} failed too; fix the error above first.\n")
            return 1
        # In language order; a line another language's build printed already once.
        shown: set[str] = set()
        for code, _ in languages:
            for line in logs[code].splitlines(keepends=True):
                if line.strip() and line in shown:
                    continue
                sys.stderr.write(line)
                shown.add(line)
        finished = _assemble(work, outputs, languages)
        from mkdocs.exceptions import PluginError

        from publication.errors import PublicationError
        from publication.finish.site_files import finish_site

        try:
            finish_site(finished, read_site(finished))
        except PublicationError as error:
            sys.stderr.write(f"ERROR    -  {PluginError(str(error))}\n")
            return 1
        _swap_in(finished, site_dir)
        if os.environ.get(STATS_VARIABLE):
            # For `make bench`: the language processes ran side by side.
            figures = {
                "languages_max_rss_kib": peaks,
                "driver_max_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
            Path(os.environ[STATS_VARIABLE]).write_text(json.dumps(figures), encoding="utf-8")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _wait_for(processes: dict[str, subprocess.Popen[bytes]]) -> tuple[dict[str, str], dict[str, int]]:
    """Each process's output (read as it comes, so no pipe fills up) and peak memory (KiB)."""
    outputs: dict[str, bytes] = {}

    def read(code: str, stream: IO[bytes]) -> None:
        outputs[code] = stream.read()

    readers = [
        threading.Thread(target=read, args=(code, process.stdout)) for code, process in processes.items() if process.stdout
    ]
    for reader in readers:
        reader.start()
    peaks = {}
    for code, process in processes.items():
        # wait4, not wait: it also gives the process's peak memory.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        peaks[code] = usage.ru_maxrss
    for reader in readers:
        reader.join()
    return {code: output.decode("utf-8", errors="replace") for code, output in outputs.items()}, peaks


def _assemble(work: Path, outputs: dict[str, Path], languages: list[tuple[str, bool]]) -> Path:
    """The default language's build, with each other language's pages and search index moved in."""
    default = next(code for code, is_default in languages if is_default)
    site = outputs[default]
    for code, _ in languages:
        if code == default:
            continue
        prefix = _prefix_of(outputs[code], code)
        os.rename(outputs[code] / prefix, site / prefix)
        index = outputs[code] / INDEX_PATH
        if index.is_file():
            (site / prefix / INDEX_PATH).parent.mkdir(parents=True, exist_ok=True)
            os.rename(index, site / prefix / INDEX_PATH)
    return site


def _prefix_of(output: Path, code: str) -> str:
    """The folder where a language's build put its pages: where its manifest is."""
    for candidate in (code, *(entry.name for entry in output.iterdir() if entry.is_dir())):
        if manifest_path(output, candidate).is_file():
            return candidate
    raise RuntimeError(f"the build of '{code}' wrote no manifest in {output}")


def _swap_in(finished: Path, site_dir: Path) -> None:
    """Put `finished` in place of `site_dir` without `site_dir` ever missing."""
    lock_file = site_dir.parent / f".{site_dir.name}.lock"
    with lock_file.open("w") as lock:
        # Runs at once swap one after the other; each keeps its own build.
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not site_dir.exists():
            os.rename(finished, site_dir)
            return
        if _exchange(finished, site_dir):
            shutil.rmtree(finished)  # now the previous site
            return
        # No atomic exchange here: two renames, under the lock.
        old = finished.with_name(finished.name + ".old")
        os.rename(site_dir, old)
        os.rename(finished, site_dir)
        shutil.rmtree(old)


def _exchange(first: Path, second: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EPERM):
        return False  # a file system or kernel without it
    raise OSError(code, os.strerror(code), str(second))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--language", help="build this language only, into --site-dir as it is (a worker of the pipeline)")
    args = parser.parse_args(argv)
    config_file = args.config_file.resolve()
    site_dir = args.site_dir if args.site_dir.is_absolute() else Path.cwd() / args.site_dir
    if args.language:
        return build_language(config_file, args.language, site_dir)
    return build_site(config_file, site_dir)


if __name__ == "__main__":
    sys.exit(main())
