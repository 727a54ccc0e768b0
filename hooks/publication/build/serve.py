"""`make serve`: MkDocs' live-reload server over the pipeline, each rebuild a fresh `make build` in new processes.

    PYTHONPATH=hooks python -m publication.build.serve [--config-file mkdocs.yml] [--dev-addr 127.0.0.1:8000]

Plain `mkdocs serve` rebuilds inside one long-lived process, which imports
the hooks once: an edit in hooks/ needs a restart there. Here every rebuild
is publication.build.pipeline in new processes (each language in parallel, then
the finishing step), so an edit anywhere (pages, data, templates, the
generator's own code) shows on the next rebuild, and no build inherits
anything from the one before. The server is MkDocs' own (its file watcher,
its 0.1 s debounce, the live-reload script it injects into every page); the
site it serves is swapped in whole once a rebuild succeeded, so a reader
never gets a half-built page. After a failed rebuild the errors are printed
and the server holds the page's requests until the next good build, as
`mkdocs serve` does.
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

log = logging.getLogger("mkdocs.publication.build.serve")

# What a rebuild watches besides the docs folder and mkdocs.yml (its `watch:` list).
DEFAULT_ADDRESS = "127.0.0.1:8000"


def watched_paths(config_file: Path) -> list[Path]:
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as stream:
        data = yaml_load(stream)
    folder = config_file.parent
    return [config_file, folder / data.get("docs_dir", "docs"), *(folder / item for item in data.get("watch") or [])]


def serve(config_file: Path, host: str, port: int) -> int:
    import mkdocs.__main__ as mkdocs_cli
    from mkdocs.exceptions import Abort
    from mkdocs.livereload import LiveReloadServer

    state = mkdocs_cli.State()  # MkDocs' log format
    work = Path(tempfile.mkdtemp(prefix="silicium-serve-"))
    site_dir = work / "site"
    serve_url = f"http://{host}:{port}/"
    environment = {
        **os.environ,
        # Canonical links, alternates and the sitemap point at this server.
        "SITE_URL": serve_url,
        # The server injects a live-reload script into every page; the pages'
        # Content-Security-Policy lets it run (hooks/publication/render/csp.py).
        "PUBLICATION_LIVE_RELOAD": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH")])),
    }

    def builder() -> None:
        log.info("Building documentation...")
        result = subprocess.run(
            [sys.executable, "-m", "publication.build.pipeline", "--config-file", str(config_file), "--site-dir", str(site_dir)],
            env=environment,
            cwd=config_file.parent,
        )
        if result.returncode != 0:
            raise Abort("Aborted with a BuildError!")

    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site_dir), mount_path="/")

    def error_page(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        try:
            builder()
        except Abort as error:
            log.error(str(error))
            return 1
        for path in watched_paths(config_file):
            server.watch(str(path))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)
        del state
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--dev-addr", default=DEFAULT_ADDRESS, metavar="HOST:PORT")
    args = parser.parse_args(argv)
    host, _, port = args.dev_addr.rpartition(":")
    if not host or not port.isdigit():
        parser.error(f"--dev-addr: expected HOST:PORT, got {args.dev_addr!r}")
    return serve(args.config_file.resolve(), host, int(port))


if __name__ == "__main__":
    sys.exit(main())
