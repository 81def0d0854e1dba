"""Index of each ambassador's months with their last days (latest activity by index seeks).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_rollup_ambassador_month_person",
        "rollup_ambassador_month",
        ["ambassador_id", "month_key", "last_session_day", "last_request_day"],
    )


def downgrade() -> None:
    op.drop_index("ix_rollup_ambassador_month_person", table_name="rollup_ambassador_month")
