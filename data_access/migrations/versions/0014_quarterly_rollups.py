"""A quarterly twin of every monthly rollup, filled from it.

A range was read as whole years and months: two years from an August read 13 months of each
group (5 before the whole year, 7 after). With quarters between them it reads 7 rows (2 months,
a quarter, the year, 2 quarters, a month); a per-ambassador view under a service filter then
sorts half the rows. The key ``quarter`` is ``year * 10 + quarter`` (20243: July–September 2024).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-26 18:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from data_access.migrations.helpers import MONTHLY_ROLLUPS as MONTHLY

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLUSTERED = ("rollup_ambassador_service_month",)  # stored WITHOUT ROWID on SQLite
QUARTER_OF_MONTH = "(month_key / 100) * 10 + (month_key % 100 + 2) / 3"


def quarter_name(month_table: str) -> str:
    return month_table.removesuffix("_month") + "_quarter"


def renamed(column: str) -> str:
    return "quarter" if column == "month_key" else column


def create_twin(inspector: sa.Inspector, month_table: str) -> None:
    name = quarter_name(month_table)
    columns = [
        sa.Column(renamed(c["name"]), sa.Integer() if c["name"] == "month_key" else c["type"],
                  nullable=c["nullable"])
        for c in inspector.get_columns(month_table)
    ]  # fmt: skip
    key = inspector.get_pk_constraint(month_table)["constrained_columns"]
    op.create_table(
        name,
        *columns,
        sa.PrimaryKeyConstraint(*map(renamed, key), name=f"pk_{name}"),
        sqlite_with_rowid=month_table not in CLUSTERED,
    )
    fill(inspector, month_table, key)
    for index in inspector.get_indexes(month_table):
        op.create_index(str(index["name"]).replace(month_table, name), name,
                        [renamed(str(c)) for c in index["column_names"]])  # fmt: skip


def fill(inspector: sa.Inspector, month_table: str, key: list[str]) -> None:
    """The quarter's rows from its months: counts summed, first days the earliest, last days
    the latest; the key and the text columns (which follow from it) grouped by."""
    names, values, groups = [], [], []
    for column in inspector.get_columns(month_table):
        name = column["name"]
        names.append(renamed(name))
        if name == "month_key":
            values.append(QUARTER_OF_MONTH)
            groups.append(QUARTER_OF_MONTH)
        elif name in key or isinstance(column["type"], sa.String):
            values.append(name)
            groups.append(name)
        elif name == "first_day":
            values.append(f"min({name})")
        elif name.startswith("last_"):
            values.append(f"max({name})")
        else:
            values.append(f"sum({name})")
    order = ", ".join(str(names.index(renamed(k)) + 1) for k in key)  # in key order on disk
    op.execute(
        f"INSERT INTO {quarter_name(month_table)} ({', '.join(names)})"
        f" SELECT {', '.join(values)} FROM {month_table}"
        f" GROUP BY {', '.join(groups)} ORDER BY {order}"
    )


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    for month_table in MONTHLY:
        create_twin(inspector, month_table)
    if op.get_bind().dialect.name == "postgresql":
        for month_table in MONTHLY:
            op.execute(f"ANALYZE {quarter_name(month_table)}")


def downgrade() -> None:
    for month_table in MONTHLY:
        op.drop_table(quarter_name(month_table))
