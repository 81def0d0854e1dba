"""A plan's prepared statement (one per shape, run with each view's values) answers what the raw
facts give for that view, on both engines, however often it is reused: over edge days alone
(against the raw select built afresh) and over rollup months or quarters with edge days. So
does its SQL text put together from parts compiled once (what the planner runs)."""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.filters import Filters
from data_access.database import Database
from data_access.queries.frames import read_frame, read_text
from data_access.queries.plan_text import plan_text
from data_access.queries.prepared import Source, plan_statement, union_grouped
from data_access.queries.raw import Fact, raw_select
from data_access.queries.service_masks import service_bits
from data_access.queries.sources import filter_dims, pick_cube, twin_cube
from tests.handmade import seed_handmade

D = dt.date
# two views of each shape (other values, other days): the second reuses the first's statement
VALUES = {
    "none": [{}, {}],
    "raions": [{"raions": ("MD-UN",)}, {"raions": ("MD-CU", "MD-CA")}],
    "services": [{"services": ("cazier",)}, {"services": ("pensie", "declaratie_fiscala")}],
    "kinds": [{"library_kinds": ("village",)}, {"library_kinds": ("municipal", "raion")}],
    "tiers": [{"tiers": ("local",)}, {"tiers": ("national",)}],
    "formats": [{"formats": ("online",)}, {"formats": ("in_person",)}],
    "scope": [{"scope": frozenset({"MD-UN"})}, {"scope": frozenset({"MD-CU", "MD-CA"})}],
    "mixed": [{"services": ("cazier", "mpay_utilitati"), "tiers": ("local", "national"),
               "raions": ("MD-UN",)},
              {"services": ("pensie",), "tiers": ("national",), "raions": ("MD-CU",)}],
}  # fmt: skip
SPANS = [
    [(D(2024, 1, 15), D(2024, 1, 31)), (D(2024, 3, 1), D(2024, 3, 5))],
    [(D(2023, 12, 1), D(2024, 1, 20)), (D(2024, 2, 15), D(2024, 3, 10))],
    [(D(2024, 1, 20), D(2024, 2, 1))],
    [(D(2023, 12, 31), D(2024, 2, 29))],
]
GROUPINGS = [(), ("library_id",), ("ambassador_id",), ("raion_code",), ("month_key",)]
MEASURES: dict[Fact, tuple[str, ...]] = {"sessions": ("sessions", "participants", "last_day"),
                                          "requests": ("requests", "last_any_day")}  # fmt: skip


def _rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    """The rows in a fixed order, missing values as None."""
    plain = frame.astype(object).where(frame.notna(), None)
    return sorted(plain.itertuples(index=False, name=None), key=repr)


def test_a_prepared_edge_statement_answers_as_the_raw_select_of_each_view(db: Database) -> None:
    seed_handmade(db)
    compared = nonempty = 0
    with db.session() as s:
        bits = service_bits(s)
        for shape, views in VALUES.items():
            for (fact, measures), by in itertools.product(MEASURES.items(), GROUPINGS):
                for spans_a, spans_b in (SPANS[:2], SPANS[2:]):
                    statements = []
                    for values, spans in zip(views, (spans_a, spans_b), strict=True):
                        filters = Filters(spans[0][0], spans[-1][1], **values)
                        sources = [Source(None, span) for span in spans]
                        statement, params = plan_statement(fact, filters, by, measures, sources,
                                                           bits)  # fmt: skip
                        statements.append(statement)
                        columns = [*by, *measures]
                        fresh = union_grouped([raw_select(fact, filters, by, measures, span)
                                               for span in spans], by, measures)  # fmt: skip
                        got = _rows(read_frame(s, statement, columns, params))
                        assert got == _rows(read_frame(s, fresh, columns)), (shape, fact, by)
                        text = _text_rows(s, fact, filters, by, measures, sources, bits)
                        assert text == got, (shape, fact, by)
                        compared += 1
                        nonempty += bool(got)
                    # one statement per shape, whatever the values: built once, run again
                    assert statements[0] is statements[1]
    assert compared == len(VALUES) * len(MEASURES) * len(GROUPINGS) * 4
    assert nonempty > compared // 2  # the views found rows: the comparison compared something


# whole periods read from a rollup (month keys, or a quarter of the quarterly twin), then edge
# days from the raw facts, against the raw facts over all those days
PERIODS = [("month", (202401, 202402), (D(2024, 3, 1), D(2024, 3, 5)), D(2024, 1, 1)),
           ("quarter", (20241, 20241), (D(2024, 4, 1), D(2024, 4, 10)), D(2024, 1, 1))]  # fmt: skip


def test_a_prepared_plan_of_rollups_and_edges_answers_as_the_raw_facts(db: Database) -> None:
    seed_handmade(db)
    compared = nonempty = 0
    with db.session() as s:
        bits = service_bits(s)
        for shape, views in VALUES.items():
            for (fact, measures), by in itertools.product(MEASURES.items(), GROUPINGS):
                for grain, keys, edge, start in PERIODS:
                    statements = []
                    for values in views:
                        filters = Filters(start, edge[1], **values)
                        dims = filter_dims(fact, filters) | set(by)
                        cube = pick_cube(fact, filters, dims, measures, by)
                        if cube is not None and grain == "quarter":
                            cube = twin_cube(cube, grain, by)
                        if cube is None:  # no rollup answers this shape: the plan reads raw
                            continue
                        sources = [Source(cube, keys), Source(None, edge)]
                        statement, params = plan_statement(fact, filters, by, measures, sources,
                                                           bits)  # fmt: skip
                        statements.append(statement)
                        columns = [*by, *measures]
                        raw = raw_select(fact, filters, by, measures, (start, edge[1]))
                        # a rollup shared by both facts may hold a group with none of this one
                        got = [row for row in _rows(read_frame(s, statement, columns, params))
                               if row[len(by)]]  # fmt: skip
                        text = _text_rows(s, fact, filters, by, measures, sources, bits)
                        assert [row for row in text if row[len(by)]] == got, (shape, fact, by)
                        want = _rows(read_frame(s, raw, columns))
                        if cube.only_when_grouped_by:  # leaves out the facts of no one
                            want = [row for row in want if row[0] is not None]
                        assert got == want, (shape, fact, by, grain)
                        compared += 1
                        nonempty += bool(got)
                    if len(statements) == 2:
                        assert statements[0] is statements[1]
    assert compared > len(VALUES) * len(MEASURES) * len(GROUPINGS)  # most shapes have a rollup
    assert nonempty > compared // 2


def _text_rows(s: Session, fact: Fact, filters: Filters, by: tuple[str, ...],
               measures: tuple[str, ...], sources: list[Source],
               bits: dict[str, int]) -> list[tuple[object, ...]]:  # fmt: skip
    """The rows the plan's SQL text gives."""
    sql, params = plan_text(s.get_bind().dialect, fact, filters, by, measures, sources, bits)
    return _rows(read_text(s, sql, params, [*by, *measures]))


def test_shapes_share_their_common_parts() -> None:
    """A new shape is mostly known parts in a new combination: each part is built once."""
    filters = Filters(D(2023, 12, 1), D(2024, 3, 10), raions=("MD-UN",))
    cube = pick_cube("requests", filters, filter_dims("requests", filters), ("requests",), ())
    assert cube is not None
    months = Source(cube, (202401, 202402))
    march, december = (D(2024, 3, 1), D(2024, 3, 10)), (D(2023, 12, 1), D(2023, 12, 31))
    one_edge = [months, Source(None, march)]
    with_edge, _ = plan_statement("requests", filters, (), ("requests",), one_edge, {})
    two_edges = [*one_edge, Source(None, december)]
    with_edges, _ = plan_statement("requests", filters, (), ("requests",), two_edges, {})
    assert with_edge is not with_edges  # two shapes ...
    first, second = (_union_parts(s) for s in (with_edge, with_edges))
    assert first[0] is second[0]  # ... that share the rollup part
    assert first[1] is second[1]  # and the first edge


def _union_parts(statement: object) -> list[object]:
    union = statement.get_final_froms()[0].element  # type: ignore[attr-defined]
    return list(union.selects)


def test_raw_requests_by_month_group_as_their_stored_month(db: Database) -> None:
    """The raw requests grouped by month give each request's stored month on both engines
    (PostgreSQL computes it from the day, which every day index covers: the read of a
    service's partial month is then an index-only scan)."""
    seed_handmade(db)
    filters = Filters(D(2023, 12, 1), D(2024, 3, 10), services=("cazier", "pensie"))
    select_ = raw_select("requests", filters, ("month_key",), ("requests",),
                         (filters.date_from, filters.date_to))  # fmt: skip
    with db.session() as s:
        got = _rows(read_frame(s, select_, ["month_key", "requests"]))
        want = (
            s.connection()
            .exec_driver_sql(
                "SELECT month_key, count(*) FROM service_request WHERE requested_on BETWEEN "
                "'2023-12-01' AND '2024-03-10' AND service_type_code IN ('cazier', 'pensie') "
                "GROUP BY month_key ORDER BY month_key"
            )
            .all()
        )
        assert got == [tuple(row) for row in want]
        assert len(want) > 1
        if db.dialect == "postgresql":
            sql = select_.compile(dialect=s.get_bind().dialect,
                                  compile_kwargs={"literal_binds": True})  # fmt: skip
            plan = s.connection().exec_driver_sql(f"EXPLAIN {sql}").all()
            assert any("Index Only Scan" in str(row[0]) for row in plan), plan
