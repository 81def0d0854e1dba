"""Rollups by library kind and ambassador tier (the kind and tier filters read small tables).

The upgrade marks every month dirty; ``init-db`` then fills them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 23:05:33.615863
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from data_access.migrations.helpers import mark_all_months_dirty

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rollup_request_tier_month",
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("ambassador_tier", sa.String(length=10), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("on_behalf_self", sa.Integer(), nullable=False),
        sa.Column("on_behalf_relative_abroad", sa.Integer(), nullable=False),
        sa.Column("on_behalf_other", sa.Integer(), nullable=False),
        sa.Column("outcome_submitted", sa.Integer(), nullable=False),
        sa.Column("outcome_completed", sa.Integer(), nullable=False),
        sa.Column("outcome_failed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month_key",
            "raion_code",
            "library_kind",
            "ambassador_tier",
            name=op.f("pk_rollup_request_tier_month"),
        ),
    )
    op.create_table(
        "rollup_session_tier_month",
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("ambassador_tier", sa.String(length=10), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("audience", sa.String(length=30), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month_key",
            "raion_code",
            "library_kind",
            "ambassador_tier",
            "format",
            "audience",
            name=op.f("pk_rollup_session_tier_month"),
        ),
    )
    mark_all_months_dirty()


def downgrade() -> None:
    op.drop_table("rollup_session_tier_month")
    op.drop_table("rollup_request_tier_month")
