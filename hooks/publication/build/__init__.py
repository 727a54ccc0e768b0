"""Running the builds: one MkDocs build per language in its own process, the finishing step, the live-reload server."""
