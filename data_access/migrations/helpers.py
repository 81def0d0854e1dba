"""Steps several migrations share (plain SQL only: migrations never import the app)."""

from __future__ import annotations

from alembic import op

# the monthly rollups with quarterly and yearly twins (``rollup_x_month`` -> ``rollup_x_quarter``,
# ``rollup_x_year``), as created by 0002–0009
MONTHLY_ROLLUPS = (
    "rollup_request_raion_month", "rollup_request_service_month", "rollup_request_tier_month",
    "rollup_request_month", "rollup_library_month", "rollup_ambassador_month",
    "rollup_request_library_month", "rollup_session_raion_month", "rollup_session_mask_month",
    "rollup_session_service_month", "rollup_session_service_tier_month",
    "rollup_session_tier_month", "rollup_session_month", "rollup_session_library_month",
    "rollup_ambassador_service_month",
)  # fmt: skip


def mark_all_months_dirty() -> None:
    """Mark every month with facts as changed: ``init-db`` then (re)computes the rollups of
    those months with the current rollup code."""
    for table, fact in (("info_session", "sessions"), ("service_request", "requests")):
        op.execute(
            f"INSERT INTO rollup_dirty (fact, month_key) SELECT DISTINCT '{fact}', month_key"
            f" FROM {table} WHERE month_key NOT IN"
            f" (SELECT month_key FROM rollup_dirty WHERE fact = '{fact}')"
        )
