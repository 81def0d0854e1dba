"""Who was active on which service, requests per day by kind and tier, and a yearly twin of
every monthly rollup.

A yearly twin has its monthly table's columns and key with ``year`` in place of
``month_key``: it is created as a copy of that table as it stands at this revision. The upgrade
marks every month dirty; ``init-db`` then fills the new tables.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 01:11:19.441173
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from data_access.migrations.helpers import mark_all_months_dirty

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# the monthly rollups that get a yearly twin (``rollup_x_month`` -> ``rollup_x_year``)
MONTHLY = (
    "rollup_request_raion_month", "rollup_request_service_month", "rollup_request_tier_month",
    "rollup_request_month", "rollup_library_month", "rollup_ambassador_month",
    "rollup_request_library_month", "rollup_session_raion_month", "rollup_session_mask_month",
    "rollup_session_service_month", "rollup_session_service_tier_month",
    "rollup_session_tier_month", "rollup_session_month", "rollup_session_library_month",
    "rollup_ambassador_service_month",
)  # fmt: skip
LIBRARY_SERVICE_INDEX = ["service_type_code", "month_key", "library_id", "ambassador_tier",
                         "raion_code", "library_kind", "requests", "last_day"]  # fmt: skip


def year_name(month_table: str) -> str:
    return month_table.removesuffix("_month") + "_year"


def create_year_twin(month_table: str) -> None:
    inspector = sa.inspect(op.get_bind())

    def renamed(name: str) -> str:
        return "year" if name == "month_key" else name

    columns = [
        sa.Column(renamed(c["name"]), sa.Integer() if c["name"] == "month_key" else c["type"],
                  nullable=c["nullable"])
        for c in inspector.get_columns(month_table)
    ]  # fmt: skip
    key = inspector.get_pk_constraint(month_table)["constrained_columns"]
    name = year_name(month_table)
    op.create_table(name, *columns, sa.PrimaryKeyConstraint(*map(renamed, key), name=f"pk_{name}"))


def upgrade() -> None:
    op.create_table(
        "rollup_ambassador_service_month",
        sa.Column("service_type_code", sa.String(length=40), nullable=False),
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("ambassador_id", sa.Integer(), nullable=False),
        sa.Column("activity", sa.String(length=10), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("ambassador_tier", sa.String(length=10), nullable=False),
        sa.Column("activities", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint(
            "service_type_code",
            "month_key",
            "ambassador_id",
            "activity",
            "raion_code",
            "library_kind",
            "ambassador_tier",
            name=op.f("pk_rollup_ambassador_service_month"),
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "rollup_request_tier_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("ambassador_tier", sa.String(length=10), nullable=False),
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("on_behalf_self", sa.Integer(), nullable=False),
        sa.Column("on_behalf_relative_abroad", sa.Integer(), nullable=False),
        sa.Column("on_behalf_other", sa.Integer(), nullable=False),
        sa.Column("outcome_submitted", sa.Integer(), nullable=False),
        sa.Column("outcome_completed", sa.Integer(), nullable=False),
        sa.Column("outcome_failed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "day",
            "raion_code",
            "library_kind",
            "ambassador_tier",
            name=op.f("pk_rollup_request_tier_day"),
        ),
    )
    with op.batch_alter_table("rollup_request_tier_day", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rollup_request_tier_day_month_key"), ["month_key"], unique=False
        )
    for month_table in MONTHLY:
        create_year_twin(month_table)
    op.create_index(
        "ix_rollup_request_library_month_service",
        "rollup_request_library_month",
        LIBRARY_SERVICE_INDEX,
    )
    mark_all_months_dirty()


def downgrade() -> None:
    op.drop_index("ix_rollup_request_library_month_service", "rollup_request_library_month")
    for month_table in MONTHLY:
        op.drop_table(year_name(month_table))
    with op.batch_alter_table("rollup_request_tier_day", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rollup_request_tier_day_month_key"))
    op.drop_table("rollup_request_tier_day")
    op.drop_table("rollup_ambassador_service_month")
