"""Coarser rollups: raion, service, day, library and service-set grains (DESIGN.md 10).

Each query reads the smallest table that can answer it; these make the common ones small.
The upgrade marks every month dirty; ``init-db`` then fills them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 22:34:38.387976
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from data_access.migrations.helpers import mark_all_months_dirty

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rollup_library_month",
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("library_id", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("month_key", "library_id", name=op.f("pk_rollup_library_month")),
    )
    with op.batch_alter_table("rollup_library_month", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rollup_library_month_library", ["library_id", "month_key"], unique=False
        )

    op.create_table(
        "rollup_request_raion_month",
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("on_behalf_self", sa.Integer(), nullable=False),
        sa.Column("on_behalf_relative_abroad", sa.Integer(), nullable=False),
        sa.Column("on_behalf_other", sa.Integer(), nullable=False),
        sa.Column("outcome_submitted", sa.Integer(), nullable=False),
        sa.Column("outcome_completed", sa.Integer(), nullable=False),
        sa.Column("outcome_failed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month_key", "raion_code", name=op.f("pk_rollup_request_raion_month")
        ),
    )
    op.create_table(
        "rollup_request_service_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("service_type_code", sa.String(length=40), nullable=False),
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("on_behalf_self", sa.Integer(), nullable=False),
        sa.Column("on_behalf_relative_abroad", sa.Integer(), nullable=False),
        sa.Column("on_behalf_other", sa.Integer(), nullable=False),
        sa.Column("outcome_submitted", sa.Integer(), nullable=False),
        sa.Column("outcome_completed", sa.Integer(), nullable=False),
        sa.Column("outcome_failed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "day", "raion_code", "service_type_code", name=op.f("pk_rollup_request_service_day")
        ),
    )
    with op.batch_alter_table("rollup_request_service_day", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rollup_request_service_day_month_key"), ["month_key"], unique=False
        )

    op.create_table(
        "rollup_request_service_month",
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("service_type_code", sa.String(length=40), nullable=False),
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
            "service_type_code",
            name=op.f("pk_rollup_request_service_month"),
        ),
    )
    with op.batch_alter_table("rollup_request_service_month", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rollup_request_service_month_service",
            ["service_type_code", "month_key"],
            unique=False,
        )

    op.create_table(
        "rollup_session_mask_month",
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("service_mask", sa.BigInteger(), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month_key", "service_mask", "format", name=op.f("pk_rollup_session_mask_month")
        ),
    )
    op.create_table(
        "rollup_session_raion_month",
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("audience", sa.String(length=30), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month_key",
            "raion_code",
            "format",
            "audience",
            name=op.f("pk_rollup_session_raion_month"),
        ),
    )
    op.create_table(
        "rollup_session_service_month",
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("service_type_code", sa.String(length=40), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month_key",
            "raion_code",
            "service_type_code",
            "format",
            name=op.f("pk_rollup_session_service_month"),
        ),
    )
    _backfill()


def _backfill() -> None:
    """Mark every month with facts dirty: ``init-db`` then fills the new tables from the facts
    with the current rollup code (a migration must not import the application)."""
    mark_all_months_dirty()


def downgrade() -> None:
    op.drop_table("rollup_session_service_month")
    op.drop_table("rollup_session_raion_month")
    op.drop_table("rollup_session_mask_month")
    with op.batch_alter_table("rollup_request_service_month", schema=None) as batch_op:
        batch_op.drop_index("ix_rollup_request_service_month_service")

    op.drop_table("rollup_request_service_month")
    with op.batch_alter_table("rollup_request_service_day", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rollup_request_service_day_month_key"))

    op.drop_table("rollup_request_service_day")
    op.drop_table("rollup_request_raion_month")
    with op.batch_alter_table("rollup_library_month", schema=None) as batch_op:
        batch_op.drop_index("ix_rollup_library_month_library")

    op.drop_table("rollup_library_month")
