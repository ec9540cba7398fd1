"""Reproducible benchmarks at province scale (issue I). `python -m bench run --help`."""
