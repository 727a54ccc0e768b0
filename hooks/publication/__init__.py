"""The publication's generator: plain, typed functions that MkDocs hooks call.

Nothing in this package imports MkDocs except `site.py`, which reads the
MkDocs configuration; loading, validating, modelling and rendering are tested
without a build. See `hooks/mkdocs_hooks.py` for how MkDocs events reach them.
"""
