"""Yearly rollups get their monthly tables' indexes and (SQLite) clustering.

A range's whole years come from the yearly twins (0009), its edge months from the monthly
tables. The twins had only their primary key, so a service or raion filter scanned a whole year
of every service or raion (a year of per-library requests under one service: 25,000 rows read
for 1,300 wanted) where the edge months used an index. The per-ambassador service twin is also
stored in key order on SQLite (``WITHOUT ROWID``), as its monthly table is.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 17:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from data_access.migrations.helpers import MONTHLY_ROLLUPS as MONTHLY

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLUSTERED = "rollup_ambassador_service_year"
KEY = ("service_type_code", "year", "ambassador_id", "activity", "raion_code", "library_kind",
       "ambassador_tier")  # fmt: skip


def year_name(month_table: str) -> str:
    return month_table.removesuffix("_month") + "_year"


def twin_indexes(inspector: sa.Inspector) -> list[tuple[str, str, list[str]]]:
    """(index name, yearly table, columns) for every secondary index of the monthly tables."""
    found = []
    for month_table in MONTHLY:
        twin = year_name(month_table)
        for index in inspector.get_indexes(month_table):
            columns = ["year" if c == "month_key" else str(c) for c in index["column_names"]]
            found.append((str(index["name"]).replace(month_table, twin), twin, columns))
    return found


def cluster_on_sqlite() -> None:
    """Rebuild the table ``WITHOUT ROWID``: its rows stored in key order, read by key range."""
    old = f"{CLUSTERED}_with_rowid"
    op.rename_table(CLUSTERED, old)
    op.create_table(
        CLUSTERED,
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
        sa.PrimaryKeyConstraint(*KEY, name=f"pk_{CLUSTERED}"),
        sqlite_with_rowid=False,
    )
    op.execute(f"INSERT INTO {CLUSTERED} SELECT * FROM {old}")
    op.drop_table(old)


def upgrade() -> None:
    bind = op.get_bind()
    for name, table, columns in twin_indexes(sa.inspect(bind)):
        op.create_index(name, table, columns)
    if bind.dialect.name == "sqlite":
        cluster_on_sqlite()


def downgrade() -> None:
    """Drops the indexes; the clustered table stays as it is (physical layout only)."""
    for name, table, _columns in twin_indexes(sa.inspect(op.get_bind())):
        op.drop_index(name, table_name=table)
