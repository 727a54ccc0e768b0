"""The translations: units, their lock and state, QA, diffs, and the exchange with CAT tools (XLIFF, TMX)."""
