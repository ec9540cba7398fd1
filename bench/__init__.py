"""Reproducible benchmarks at province scale. `python -m bench run --help`."""
