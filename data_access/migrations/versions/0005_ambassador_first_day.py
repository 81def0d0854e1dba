"""The first activity day of an ambassador in a month (active-ambassador counts at range edges).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from data_access.migrations.helpers import mark_all_months_dirty

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("rollup_ambassador_month") as batch_op:
        batch_op.add_column(sa.Column("first_day", sa.Date(), nullable=True))
    # Recompute every month (init-db does, with the current rollup code).
    mark_all_months_dirty()


def downgrade() -> None:
    with op.batch_alter_table("rollup_ambassador_month") as batch_op:
        batch_op.drop_column("first_day")
