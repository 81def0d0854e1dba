"""The schema contract: migrations, database-enforced constraints, no citizen data, rollups."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, insert, inspect, text
from sqlalchemy.exc import IntegrityError

from data_access.database import Database
from data_access.models import TWINS, Base, InfoSession, ServiceRequest
from data_access.rollups import rebuild_all, refresh_dirty
from data_access.schema import alembic_config, current_revision, head_revision, upgrade
from tests.handmade import seed_handmade

CONTRACT = {
    "raion": {"code", "name_ro", "kind", "population", "population_year"},
    "library": {"id", "code", "name", "locality", "raion_code", "kind", "lat", "lon",
                "accredited_on"},
    "ambassador": {"id", "code", "display_name", "library_id", "tier", "trained_by_id",
                   "certified_on", "left_on"},
    "service_type": {"code", "name_ro", "name_en", "name_ru", "category"},
    "info_session": {"id", "held_on", "ambassador_id", "library_id", "raion_code", "format",
                     "audience", "participants", "source_ref", "month_key"},
    "info_session_service_type": {"session_id", "service_type_code"},
    "service_request": {"id", "requested_on", "library_id", "ambassador_id", "raion_code",
                        "service_type_code", "on_behalf_of", "outcome", "source_ref", "month_key"},
    "target": {"id", "metric", "scope_kind", "scope_value", "period_start", "period_end", "value"},
    "import_batch": {"id", "file_name", "sha256", "kind", "rows", "status", "created_at",
                     "created_by"},
}  # fmt: skip
CITIZEN_IDENTIFIERS = re.compile(
    r"idnp|personal|citizen|first_?name|last_?name|surname|full_?name|phone|e_?mail|address|"
    r"birth|passport|application_?(no|number)|comment|note|free_?text",
    re.IGNORECASE,
)


def test_migrations_reach_head_and_match_the_models(db: Database) -> None:
    assert current_revision(db) == head_revision(db)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sqlite_stores_clustered_rollups_in_key_order(db: Database) -> None:
    """What ``compare_metadata`` does not see: the models' ``WITHOUT ROWID`` tables are so."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite storage option")
    clustered = {t.name for t in Base.metadata.tables.values()
                 if t.dialect_options["sqlite"]["with_rowid"] is False}  # fmt: skip
    assert "rollup_ambassador_service_year" in clustered
    with db.engine.connect() as conn:
        created = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
        assert {name for name, sql in created if "WITHOUT ROWID" in sql} == clustered


def test_contract_tables_and_columns_exist(db: Database) -> None:
    inspector = inspect(db.engine)
    for table, columns in CONTRACT.items():
        present = {c["name"] for c in inspector.get_columns(table)}
        assert columns <= present, f"{table} lacks {columns - present}"


def test_no_column_can_identify_a_citizen(db: Database) -> None:
    inspector = inspect(db.engine)
    for table in ("service_request", "info_session", "info_session_service_type", "import_batch"):
        for column in inspector.get_columns(table):
            assert not CITIZEN_IDENTIFIERS.search(column["name"]), f"{table}.{column['name']}"


def test_reference_data_is_loaded(db: Database) -> None:
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM raion")).scalar() == 37
        missing = s.execute(text("SELECT code FROM raion WHERE population IS NULL ORDER BY code"))
        assert [r[0] for r in missing] == ["MD-BD", "MD-SN"]
        assert s.execute(text("SELECT count(*) FROM raion WHERE population = 0")).scalar() == 0
        total = s.execute(text("SELECT sum(population) FROM raion")).scalar()
        assert total == 2_409_207  # the published 2024 census total
        assert s.execute(text("SELECT count(*) FROM locality")).scalar() == 1682


def _session_row(**overrides: object) -> dict[str, object]:
    row: dict[str, object] = dict(held_on=dt.date(2024, 5, 1), ambassador_id=1, library_id=2,
                                  raion_code="MD-UN", format="in_person", audience="citizens",
                                  participants=5)  # fmt: skip
    row.update(overrides)
    return row


@pytest.mark.parametrize(
    "overrides",
    [
        {"participants": -1},
        {"format": "hybrid"},
        {"audience": "everyone"},
        {"raion_code": "MD-CU"},  # library 2 is in Ungheni: the raion must match the library
        {"library_id": 999},
    ],
)
def test_the_database_enforces_constraints(db: Database, overrides: dict) -> None:
    seed_handmade(db)
    with pytest.raises(IntegrityError), db.write_session() as s:
        s.execute(insert(InfoSession), [_session_row(**overrides)])


def test_duplicate_source_ref_is_rejected(db: Database) -> None:
    seed_handmade(db)
    with pytest.raises(IntegrityError), db.write_session() as s:
        s.execute(insert(InfoSession), [_session_row(source_ref="S1")])


def _rollup_totals(db: Database) -> tuple[int, ...]:
    with db.session() as s:
        return tuple(
            int(s.execute(text(sql)).scalar() or 0)
            for sql in (
                "SELECT sum(requests) FROM rollup_request_month",
                "SELECT sum(requests) FROM rollup_request_library_month",
                "SELECT sum(sessions) FROM rollup_session_month",
                "SELECT sum(participants) FROM rollup_session_library_month",
                "SELECT sum(sessions) FROM rollup_ambassador_month",
                "SELECT sum(requests) FROM rollup_request_year",
                "SELECT sum(requests) FROM rollup_request_person_day",
                "SELECT sum(sessions) FROM rollup_session_year",
                "SELECT sum(activities) FROM rollup_ambassador_service_month"
                " WHERE activity = 'request' AND service_type_code <> '*'",
                "SELECT sum(activities) FROM rollup_ambassador_service_month"
                " WHERE activity = 'request' AND service_type_code = '*'",
                "SELECT sum(activities) FROM rollup_ambassador_service_month"
                " WHERE activity <> 'request' AND service_type_code = '*'",
            )
        )


def _direct_totals(db: Database) -> tuple[int, ...]:
    with db.session() as s:
        requests = s.execute(text("SELECT count(*) FROM service_request")).scalar()
        sessions = s.execute(text("SELECT count(*) FROM info_session")).scalar()
        participants = s.execute(text("SELECT sum(participants) FROM info_session")).scalar()
        with_ambassador = s.execute(
            text("SELECT count(*) FROM service_request WHERE ambassador_id IS NOT NULL")
        ).scalar()
    return (requests, requests, sessions, participants, sessions, requests, requests, sessions,
            with_ambassador, with_ambassador, sessions)  # fmt: skip


PERSON_DAYS = (
    "SELECT day, library_id, ambassador_id, sum(requests) FROM rollup_request_person_day"
    " GROUP BY day, library_id, ambassador_id",
    "SELECT requested_on, library_id, ambassador_id, count(*) FROM service_request"
    " GROUP BY requested_on, library_id, ambassador_id",
)


def _person_days_match(db: Database) -> bool:
    """The person-day rollup holds exactly the facts' requests per day, library, ambassador."""
    with db.session() as s:
        rollup, facts = (s.execute(text(sql)).all() for sql in PERSON_DAYS)
    key = lambda row: (str(row[0]), row[1], row[2] or 0)  # noqa: E731
    return sorted(map(tuple, rollup), key=key) == sorted(map(tuple, facts), key=key)


def _summary(column: Column) -> str:  # type: ignore[type-arg]
    """How rows of a rollup combine: days by min/max, counts by sum, text (fixed by the key)
    by max."""
    if column.name == "first_day":
        return "min(first_day)"
    if column.name.startswith("last_") or column.type.python_type is str:
        return f"max({column.name})"
    return f"sum({column.name})"


PERIOD_OF_MONTH = {"year": "month_key / 100",
                   "quarter": "(month_key / 100) * 10 + (month_key % 100 + 2) / 3"}  # fmt: skip


def _twins_differing_from_months(db: Database) -> list[str]:
    """Quarterly and yearly tables whose rows differ from their monthly table summed by
    quarter or year."""
    differing = []
    with db.session() as s:
        for grain, twins in TWINS.items():
            period = PERIOD_OF_MONTH[grain]
            for month_name, twin in twins.items():
                keys = [c.name for c in twin.primary_key.columns if c.name != grain]
                listed = ", ".join(
                    [*keys, *(_summary(c) for c in twin.columns if not c.primary_key)]
                )
                group = ", ".join(keys)
                by_months = s.execute(
                    text(f"SELECT {period}, {listed} FROM {month_name}"
                         f" GROUP BY {period}, {group}")
                ).all()  # fmt: skip
                by_twin = s.execute(
                    text(f"SELECT {grain}, {listed} FROM {twin.name} GROUP BY {grain}, {group}")
                ).all()
                if not by_twin or sorted(map(tuple, by_months)) != sorted(map(tuple, by_twin)):
                    differing.append(twin.name)
    return differing


def test_rollups_equal_direct_aggregation_after_every_write_path(db: Database) -> None:
    seed_handmade(db)  # the app's write path (writes.add_*)
    assert _rollup_totals(db) == _direct_totals(db)
    # Another tool writing plain SQL: triggers mark the month, refresh_dirty catches up.
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO service_request (requested_on, library_id, ambassador_id, raion_code,"
                " service_type_code, on_behalf_of, outcome) VALUES"
                " ('2024-07-03', 1, 2, 'MD-UN', 'cazier', 'self', 'completed')"
            )
        )
        conn.execute(text("DELETE FROM info_session WHERE source_ref = 'S3'"))
    with db.session() as s:
        dirty = s.execute(text("SELECT fact, month_key FROM rollup_dirty ORDER BY 1, 2")).all()
    assert [tuple(r) for r in dirty] == [("requests", 202407), ("sessions", 202402)]
    with db.write_session() as s:
        assert refresh_dirty(s) is True
    assert _rollup_totals(db) == _direct_totals(db)
    assert _twins_differing_from_months(db) == []
    assert _person_days_match(db)
    with db.write_session() as s:
        rebuild_all(s)
    assert _rollup_totals(db) == _direct_totals(db)
    assert _twins_differing_from_months(db) == []


def test_a_write_moves_the_data_version(db: Database) -> None:
    with db.session() as s:
        before = s.execute(text("SELECT version FROM data_state")).scalar()
    seed_handmade(db)
    with db.session() as s:
        after = s.execute(text("SELECT version FROM data_state")).scalar()
    assert after > before


def test_downgrade_and_upgrade_again(db: Database) -> None:
    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert "service_request" not in inspect(db.engine).get_table_names()
    upgrade(db)
    assert current_revision(db) == head_revision(db)
    assert ServiceRequest.__tablename__ in inspect(db.engine).get_table_names()


LIBRARY_DAYS = (
    "SELECT month_key, library_id, last_session_day, last_request_day FROM rollup_library_month",
    "SELECT month_key, library_id, max(s), max(r) FROM ("
    " SELECT month_key, library_id, held_on AS s, NULL AS r FROM info_session UNION ALL"
    " SELECT month_key, library_id, NULL, requested_on FROM service_request)"
    " AS facts GROUP BY month_key, library_id",
)


def _library_days(db: Database) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Each fact's latest day per library and month: the rollup's, and the facts'."""
    with db.session() as s:
        rollup, facts = (sorted(tuple(map(str, row)) for row in s.execute(text(sql)))
                         for sql in LIBRARY_DAYS)  # fmt: skip
    return rollup, facts


def test_library_rollup_keeps_each_facts_latest_day(db: Database) -> None:
    seed_handmade(db)
    rollup, facts = _library_days(db)
    assert rollup == facts
    assert any(r[2] == "None" for r in facts)  # months with requests only
    assert any(r[3] == "None" for r in facts)  # and with sessions only
    # the migration that added the columns filled them from the other rollups alike
    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0012")
    assert "last_request_day" not in {c["name"] for c in inspect(db.engine).get_columns(
        "rollup_library_month")}  # fmt: skip
    upgrade(db)
    assert _library_days(db) == (rollup, facts)
    assert _twins_differing_from_months(db) == []
