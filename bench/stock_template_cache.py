"""A MkDocs hook for the benchmark only: stock Material with the same cache
of compiled templates that the project's build keeps.

The project's hooks keep the theme's compiled Jinja templates between builds
(hooks/publication/build/cache.py), which saves stock work too. Giving the
stock build that one cache, and nothing else, shows what the hooks' own work
costs. bench/bench.py adds this file to a copy of the stock configuration.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache


def on_env(env: Environment, *, config, files) -> Environment:
    folder = Path(config.config_file_path).parent / ".cache" / "stock-templates"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
