"""Requests per day and person (library, ambassador): the edge days of per-library and
per-ambassador views. Filled here from the facts, in one statement.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-26 04:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FILL = """
INSERT INTO rollup_request_person_day (day, library_id, ambassador_key, raion_code,
    library_kind, ambassador_tier, ambassador_id, month_key, requests)
SELECT r.requested_on, r.library_id, coalesce(r.ambassador_id, 0), r.raion_code, l.kind,
    coalesce(a.tier, 'none'), r.ambassador_id, r.month_key, count(*)
FROM service_request r
JOIN library l ON l.id = r.library_id
LEFT OUTER JOIN ambassador a ON a.id = r.ambassador_id
GROUP BY r.requested_on, r.library_id, r.ambassador_id, r.raion_code, l.kind, a.tier,
    r.month_key
"""


def upgrade() -> None:
    op.create_table(
        "rollup_request_person_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("library_id", sa.Integer(), nullable=False),
        sa.Column("ambassador_key", sa.Integer(), nullable=False),
        sa.Column("raion_code", sa.String(length=5), nullable=False),
        sa.Column("library_kind", sa.String(length=10), nullable=False),
        sa.Column("ambassador_tier", sa.String(length=10), nullable=False),
        sa.Column("ambassador_id", sa.Integer(), nullable=True),
        sa.Column("month_key", sa.Integer(), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "day",
            "library_id",
            "ambassador_key",
            "raion_code",
            "library_kind",
            "ambassador_tier",
            name=op.f("pk_rollup_request_person_day"),
        ),
        sqlite_with_rowid=False,
    )
    op.execute(FILL)
    op.create_index(
        op.f("ix_rollup_request_person_day_month_key"),
        "rollup_request_person_day",
        ["month_key"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_rollup_request_person_day_month_key"), table_name="rollup_request_person_day"
    )
    op.drop_table("rollup_request_person_day")
