"""Rollup rows in primary-key order on disk (PostgreSQL).

Rollups were written by ``INSERT ... SELECT ... GROUP BY``; PostgreSQL's hash aggregates emit
groups in no order, so the rows of one month or day were spread over the whole table and a
range read touched a page per row (a 15-day edge of the per-service day rollup: 4,854 pages for
5,998 rows, 9.3 ms; clustered: 2.7 ms). Rebuilds now insert in key order
(:func:`data_access.rollup_order.rebuild_table`); this reorders what is already there once.
SQLite needs nothing: its GROUP BY sorts by the key, so rows were inserted in key order.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 10:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    tables = sa.inspect(bind).get_table_names()
    for table in sorted(t for t in tables if t.startswith("rollup_") and t != "rollup_dirty"):
        op.execute(f'CLUSTER "{table}" USING "pk_{table}"')
        op.execute(f'ANALYZE "{table}"')


def downgrade() -> None:
    """Physical order only: nothing to undo."""
