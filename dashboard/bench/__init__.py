"""National-scale benchmarks (``eambasadori bench-queries | bench | load``). Not run by tests
except as a small smoke version; results are printed as tables and written as JSON."""
