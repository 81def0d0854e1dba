"""Operational tables: the import audit trail, the data version and dataset facts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from data_access.models.base import Base, in_values

IMPORT_KINDS = ("sessions", "requests", "demo")
IMPORT_STATUSES = ("imported", "rejected", "duplicate", "failed")
FACT_KINDS = ("sessions", "requests")


class ImportBatch(Base):
    """One attempt to load a file (or a generated data set): who, when, what, and the result."""

    __tablename__ = "import_batch"
    __table_args__ = (
        CheckConstraint(in_values("kind", IMPORT_KINDS), name="kind"),
        CheckConstraint(in_values("status", IMPORT_STATUSES), name="status"),
        CheckConstraint("rows >= 0", name="rows_non_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    rows: Mapped[int] = mapped_column(Integer)
    inserted: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(10))
    message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(120))


class DataState(Base):
    """A single row whose version moves on every data change: the cheap "did anything change?"."""

    __tablename__ = "data_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class RollupDirty(Base):
    """Months whose facts changed since the rollups were last computed (filled by triggers)."""

    __tablename__ = "rollup_dirty"
    __table_args__ = (CheckConstraint(in_values("fact", FACT_KINDS), name="fact"),)

    fact: Mapped[str] = mapped_column(String(10), primary_key=True)
    month_key: Mapped[int] = mapped_column(Integer, primary_key=True)


class DatasetInfo(Base):
    """Facts about the data set as a whole, e.g. ``demo = true`` for generated demo data."""

    __tablename__ = "dataset_info"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
