"""The publication's generator: plain, typed functions that MkDocs hooks call.

The packages, in the order a build uses them:

- `content/`: the sources read and validated (data files, front matter,
  the files a build may read), as frozen models; `make check`.
- `render/`: each page rendered from the models (data as HTML, typography,
  links, the article header, the head, the theme's markup).
- `translation/`: the translation units, their lock and state, QA, diffs,
  XLIFF and TMX; `python -m publication.translation`.
- `finish/`: what belongs to the whole site, written once every language is
  built (sitemap, feeds, search indexes, side-by-side pages, preview images).
- `build/`: one MkDocs build per language in its own process, then the
  finishing step (`make build`), and the live-reload server (`make serve`).

`errors.py` is the one error shape every package raises. The MkDocs wiring
is `hooks/mkdocs_hooks.py`, one thin file; loading, validating, modelling and
rendering are tested without a build.
"""
