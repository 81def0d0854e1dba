"""Sessions per service type by kind and tier (the per-service breakdown under those filters).

The upgrade marks every month dirty; ``init-db`` then fills it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 23:27:48.492304
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from data_access.migrations.helpers import mark_all_months_dirty

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rollup_session_service_tier_month",
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("service_type_code", sa.String(length=40), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("ambassador_tier", sa.String(length=10), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month_key",
            "raion_code",
            "service_type_code",
            "library_kind",
            "ambassador_tier",
            "format",
            name=op.f("pk_rollup_session_service_tier_month"),
        ),
    )
    mark_all_months_dirty()


def downgrade() -> None:
    op.drop_table("rollup_session_service_tier_month")
