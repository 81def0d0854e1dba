"""Query results as small DataFrames."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session


def read_frame(session: Session, stmt: Any, columns: Sequence[str]) -> pd.DataFrame:
    """Run ``stmt`` and return its rows as a DataFrame with ``columns``.

    Rows are turned into plain tuples first: pandas probes each SQLAlchemy ``Row`` for several
    attributes, which costs more than the query itself on a few thousand rows.
    """
    rows = [tuple(row) for row in session.execute(stmt)]
    return pd.DataFrame.from_records(rows, columns=list(columns))
