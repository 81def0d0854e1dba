"""Monthly rollup tables (DESIGN.md 10).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rollup_ambassador_month",
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("ambassador_id", sa.Integer(), nullable=False),
        sa.Column("library_id", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("ambassador_tier", sa.String(length=10), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("last_session_day", sa.Date(), nullable=True),
        sa.Column("last_request_day", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint(
            "month_key", "ambassador_id", "library_id", name=op.f("pk_rollup_ambassador_month")
        ),
    )
    with op.batch_alter_table("rollup_ambassador_month", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rollup_ambassador_month_raion", ["raion_code", "month_key"], unique=False
        )

    op.create_table(
        "rollup_request_library_month",
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("library_id", sa.Integer(), nullable=False),
        sa.Column("service_type_code", sa.String(length=40), nullable=False),
        sa.Column("ambassador_tier", sa.String(length=10), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month_key",
            "library_id",
            "service_type_code",
            "ambassador_tier",
            name=op.f("pk_rollup_request_library_month"),
        ),
    )
    with op.batch_alter_table("rollup_request_library_month", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rollup_request_library_month_raion", ["raion_code", "month_key"], unique=False
        )

    op.create_table(
        "rollup_request_month",
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("service_type_code", sa.String(length=40), nullable=False),
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
            "service_type_code",
            "library_kind",
            "ambassador_tier",
            name=op.f("pk_rollup_request_month"),
        ),
    )
    with op.batch_alter_table("rollup_request_month", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rollup_request_month_raion", ["raion_code", "month_key"], unique=False
        )

    op.create_table(
        "rollup_session_library_month",
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("library_id", sa.Integer(), nullable=False),
        sa.Column("ambassador_tier", sa.String(length=10), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("service_mask", sa.BigInteger(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month_key",
            "library_id",
            "ambassador_tier",
            "format",
            "service_mask",
            name=op.f("pk_rollup_session_library_month"),
        ),
    )
    with op.batch_alter_table("rollup_session_library_month", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rollup_session_library_month_raion", ["raion_code", "month_key"], unique=False
        )

    op.create_table(
        "rollup_session_month",
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("ambassador_tier", sa.String(length=10), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("audience", sa.String(length=30), nullable=False),
        sa.Column("service_mask", sa.BigInteger(), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month_key",
            "raion_code",
            "library_kind",
            "ambassador_tier",
            "format",
            "audience",
            "service_mask",
            name=op.f("pk_rollup_session_month"),
        ),
    )
    with op.batch_alter_table("rollup_session_month", schema=None) as batch_op:
        batch_op.create_index(
            "ix_rollup_session_month_raion", ["raion_code", "month_key"], unique=False
        )


def downgrade() -> None:
    op.drop_table("rollup_session_month")
    op.drop_table("rollup_session_library_month")
    op.drop_table("rollup_request_month")
    op.drop_table("rollup_request_library_month")
    op.drop_table("rollup_ambassador_month")
