"""`make bench`: the benchmark and its synthetic ten-year archive (`python -m planner.bench.run`)."""
