"""Build benchmarks of the publication against a stock build: one module per benchmark, run by bench/run.py."""
