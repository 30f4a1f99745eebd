"""Benchmarks for the briefing-site generator: synthetic dossiers and timings."""
