"""Benchmarks: figures measured side by side against reference implementations."""
