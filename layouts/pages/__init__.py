"""One layout module per page (DESIGN.md 6)."""
