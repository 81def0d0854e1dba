"""Who was active on which service, requests per day by kind and tier, and a yearly twin of
every monthly rollup.

The upgrade marks every month dirty; ``init-db`` then fills the new tables.

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
        "rollup_ambassador_service_year",
        sa.Column("service_type_code", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
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
            "year",
            "ambassador_id",
            "activity",
            "raion_code",
            "library_kind",
            "ambassador_tier",
            name=op.f("pk_rollup_ambassador_service_year"),
        ),
    )
    op.create_table(
        "rollup_ambassador_year",
        sa.Column("year", sa.Integer(), nullable=False),
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
        sa.Column("first_day", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint(
            "year", "ambassador_id", "library_id", name=op.f("pk_rollup_ambassador_year")
        ),
    )
    op.create_table(
        "rollup_library_year",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("library_id", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("year", "library_id", name=op.f("pk_rollup_library_year")),
    )
    op.create_table(
        "rollup_request_library_year",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("library_id", sa.Integer(), nullable=False),
        sa.Column("service_type_code", sa.String(length=40), nullable=False),
        sa.Column("ambassador_tier", sa.String(length=10), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint(
            "year",
            "library_id",
            "service_type_code",
            "ambassador_tier",
            name=op.f("pk_rollup_request_library_year"),
        ),
    )
    op.create_table(
        "rollup_request_raion_year",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.Column("on_behalf_self", sa.Integer(), nullable=False),
        sa.Column("on_behalf_relative_abroad", sa.Integer(), nullable=False),
        sa.Column("on_behalf_other", sa.Integer(), nullable=False),
        sa.Column("outcome_submitted", sa.Integer(), nullable=False),
        sa.Column("outcome_completed", sa.Integer(), nullable=False),
        sa.Column("outcome_failed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "raion_code", name=op.f("pk_rollup_request_raion_year")),
    )
    op.create_table(
        "rollup_request_service_year",
        sa.Column("year", sa.Integer(), nullable=False),
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
            "year", "raion_code", "service_type_code", name=op.f("pk_rollup_request_service_year")
        ),
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

    op.create_table(
        "rollup_request_tier_year",
        sa.Column("year", sa.Integer(), nullable=False),
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
            "year",
            "raion_code",
            "library_kind",
            "ambassador_tier",
            name=op.f("pk_rollup_request_tier_year"),
        ),
    )
    op.create_table(
        "rollup_request_year",
        sa.Column("year", sa.Integer(), nullable=False),
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
            "year",
            "raion_code",
            "service_type_code",
            "library_kind",
            "ambassador_tier",
            name=op.f("pk_rollup_request_year"),
        ),
    )
    op.create_table(
        "rollup_session_library_year",
        sa.Column("year", sa.Integer(), nullable=False),
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
            "year",
            "library_id",
            "ambassador_tier",
            "format",
            "service_mask",
            name=op.f("pk_rollup_session_library_year"),
        ),
    )
    op.create_table(
        "rollup_session_mask_year",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("service_mask", sa.BigInteger(), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "year", "service_mask", "format", name=op.f("pk_rollup_session_mask_year")
        ),
    )
    op.create_table(
        "rollup_session_raion_year",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("audience", sa.String(length=30), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "year", "raion_code", "format", "audience", name=op.f("pk_rollup_session_raion_year")
        ),
    )
    op.create_table(
        "rollup_session_service_tier_year",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("service_type_code", sa.String(length=40), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("ambassador_tier", sa.String(length=10), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "year",
            "raion_code",
            "service_type_code",
            "library_kind",
            "ambassador_tier",
            "format",
            name=op.f("pk_rollup_session_service_tier_year"),
        ),
    )
    op.create_table(
        "rollup_session_service_year",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("service_type_code", sa.String(length=40), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "year",
            "raion_code",
            "service_type_code",
            "format",
            name=op.f("pk_rollup_session_service_year"),
        ),
    )
    op.create_table(
        "rollup_session_tier_year",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("ambassador_tier", sa.String(length=10), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("audience", sa.String(length=30), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "year",
            "raion_code",
            "library_kind",
            "ambassador_tier",
            "format",
            "audience",
            name=op.f("pk_rollup_session_tier_year"),
        ),
    )
    op.create_table(
        "rollup_session_year",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("ambassador_tier", sa.String(length=10), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("audience", sa.String(length=30), nullable=False),
        sa.Column("service_mask", sa.BigInteger(), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "year",
            "raion_code",
            "library_kind",
            "ambassador_tier",
            "format",
            "audience",
            "service_mask",
            name=op.f("pk_rollup_session_year"),
        ),
    )
    op.create_index(
        "ix_rollup_request_library_month_service",
        "rollup_request_library_month",
        ["service_type_code", "month_key", "library_id", "ambassador_tier", "raion_code",
         "library_kind", "requests", "last_day"],
    )  # fmt: skip
    mark_all_months_dirty()


def downgrade() -> None:
    op.drop_index("ix_rollup_request_library_month_service", "rollup_request_library_month")
    op.drop_table("rollup_session_year")
    op.drop_table("rollup_session_tier_year")
    op.drop_table("rollup_session_service_year")
    op.drop_table("rollup_session_service_tier_year")
    op.drop_table("rollup_session_raion_year")
    op.drop_table("rollup_session_mask_year")
    op.drop_table("rollup_session_library_year")
    op.drop_table("rollup_request_year")
    op.drop_table("rollup_request_tier_year")
    with op.batch_alter_table("rollup_request_tier_day", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rollup_request_tier_day_month_key"))

    op.drop_table("rollup_request_tier_day")
    op.drop_table("rollup_request_service_year")
    op.drop_table("rollup_request_raion_year")
    op.drop_table("rollup_request_library_year")
    op.drop_table("rollup_library_year")
    op.drop_table("rollup_ambassador_year")
    op.drop_table("rollup_ambassador_service_year")
    op.drop_table("rollup_ambassador_service_month")
