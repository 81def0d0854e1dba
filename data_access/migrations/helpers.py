"""Steps several migrations share (plain SQL only: migrations never import the app)."""

from __future__ import annotations

from alembic import op


def mark_all_months_dirty() -> None:
    """Mark every month with facts as changed: ``init-db`` then (re)computes the rollups of
    those months with the current rollup code."""
    for table, fact in (("info_session", "sessions"), ("service_request", "requests")):
        op.execute(
            f"INSERT INTO rollup_dirty (fact, month_key) SELECT DISTINCT '{fact}', month_key"
            f" FROM {table} WHERE month_key NOT IN"
            f" (SELECT month_key FROM rollup_dirty WHERE fact = '{fact}')"
        )
