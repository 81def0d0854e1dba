"""Each fact's own latest day in the per-library rollups.

``rollup_library_month.last_day`` is the latest session *or* request of a library in a month.
Under a session format filter, the latest request day could not come from it (the latest
session of the other format would count), so per-library views read the per-service request
rollup instead, ten times more rows. ``last_session_day`` and ``last_request_day`` keep the
two apart; they are filled here from the per-library session and request rollups (exact: those
hold each fact's latest day per library, month and more dimensions).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-26 18:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DAYS = (("last_session_day", "session"), ("last_request_day", "request"))


def fill(grain: str) -> None:
    """Copy each fact's latest day per library and month (``grain`` "month") or year."""
    time = "month_key" if grain == "month" else "year"
    target = f"rollup_library_{grain}"
    for column, fact in DAYS:
        source = f"rollup_{fact}_library_{grain}"
        op.execute(
            f"UPDATE {target} SET {column} = (SELECT max(f.last_day) FROM {source} f"
            f" WHERE f.{time} = {target}.{time} AND f.library_id = {target}.library_id)"
        )


def upgrade() -> None:
    for grain in ("month", "year"):
        with op.batch_alter_table(f"rollup_library_{grain}") as batch_op:
            for column, _fact in DAYS:
                batch_op.add_column(sa.Column(column, sa.Date(), nullable=True))
        fill(grain)


def downgrade() -> None:
    for grain in ("month", "year"):
        with op.batch_alter_table(f"rollup_library_{grain}") as batch_op:
            for column, _fact in DAYS:
                batch_op.drop_column(column)
