"""Callbacks, one module per page, each with ``register(app, ctx)`` (STYLE.md 5)."""
