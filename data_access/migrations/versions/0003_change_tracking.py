"""Change tracking: triggers mark the months whose facts changed, and the data version row.

Every writer, including tools other than this app that write with plain SQL, leaves its months in
``rollup_dirty``; ``data_access.rollups.refresh_dirty`` recomputes exactly those months. SQLite
uses row triggers; PostgreSQL uses statement triggers with transition tables (cheap for bulk loads).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FACT_TABLES = {"info_session": "sessions", "service_request": "requests"}


def _sqlite_triggers() -> list[str]:
    statements = []
    for table, fact in FACT_TABLES.items():
        mark_new = f"INSERT OR IGNORE INTO rollup_dirty (fact, month_key) VALUES ('{fact}', NEW.month_key);"
        mark_old = f"INSERT OR IGNORE INTO rollup_dirty (fact, month_key) VALUES ('{fact}', OLD.month_key);"
        statements += [
            f"CREATE TRIGGER trg_{table}_ins AFTER INSERT ON {table} BEGIN {mark_new} END",
            f"CREATE TRIGGER trg_{table}_upd AFTER UPDATE ON {table} BEGIN {mark_old} {mark_new} END",
            f"CREATE TRIGGER trg_{table}_del AFTER DELETE ON {table} BEGIN {mark_old} END",
        ]
    for event, row in (("INSERT", "NEW"), ("DELETE", "OLD")):
        statements.append(
            f"CREATE TRIGGER trg_info_session_service_type_{event.lower()[:3]} AFTER {event}"
            " ON info_session_service_type BEGIN"
            " INSERT OR IGNORE INTO rollup_dirty (fact, month_key)"
            f" SELECT 'sessions', month_key FROM info_session WHERE id = {row}.session_id; END"
        )
    return statements + _sqlite_dimension_triggers()


def _sqlite_dimension_triggers() -> list[str]:
    """A library changing kind, or an ambassador changing tier or library, re-files its facts."""
    mark_library = (
        "INSERT OR IGNORE INTO rollup_dirty (fact, month_key)"
        " SELECT DISTINCT 'sessions', month_key FROM info_session WHERE library_id = NEW.id;"
        " INSERT OR IGNORE INTO rollup_dirty (fact, month_key)"
        " SELECT DISTINCT 'requests', month_key FROM service_request WHERE library_id = NEW.id;"
    )
    mark_ambassador = (
        "INSERT OR IGNORE INTO rollup_dirty (fact, month_key)"
        " SELECT DISTINCT 'sessions', month_key FROM info_session WHERE ambassador_id = NEW.id;"
        " INSERT OR IGNORE INTO rollup_dirty (fact, month_key)"
        " SELECT DISTINCT 'requests', month_key FROM service_request WHERE ambassador_id = NEW.id;"
    )
    return [
        "CREATE TRIGGER trg_library_kind_upd AFTER UPDATE OF kind ON library"
        f" WHEN OLD.kind IS NOT NEW.kind BEGIN {mark_library} END",
        "CREATE TRIGGER trg_ambassador_upd AFTER UPDATE OF tier, library_id ON ambassador"
        " WHEN OLD.tier IS NOT NEW.tier OR OLD.library_id IS NOT NEW.library_id"
        f" BEGIN {mark_ambassador} END",
    ]


POSTGRES_FUNCTIONS = [
    """
    CREATE FUNCTION eamb_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO rollup_dirty (fact, month_key)
            SELECT DISTINCT TG_ARGV[0], month_key FROM new_rows
            ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            INSERT INTO rollup_dirty (fact, month_key)
            SELECT DISTINCT TG_ARGV[0], month_key FROM old_rows
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION eamb_mark_dirty_session_services() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO rollup_dirty (fact, month_key)
            SELECT DISTINCT 'sessions', s.month_key FROM new_rows n
            JOIN info_session s ON s.id = n.session_id
            ON CONFLICT DO NOTHING;
        ELSE
            INSERT INTO rollup_dirty (fact, month_key)
            SELECT DISTINCT 'sessions', s.month_key FROM old_rows o
            JOIN info_session s ON s.id = o.session_id
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE FUNCTION eamb_mark_dirty_dimension() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO rollup_dirty (fact, month_key)
        SELECT DISTINCT 'sessions', month_key FROM info_session
        WHERE (TG_TABLE_NAME = 'library' AND library_id = NEW.id)
           OR (TG_TABLE_NAME = 'ambassador' AND ambassador_id = NEW.id)
        ON CONFLICT DO NOTHING;
        INSERT INTO rollup_dirty (fact, month_key)
        SELECT DISTINCT 'requests', month_key FROM service_request
        WHERE (TG_TABLE_NAME = 'library' AND library_id = NEW.id)
           OR (TG_TABLE_NAME = 'ambassador' AND ambassador_id = NEW.id)
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END $$
    """,
]


def _postgres_triggers() -> list[str]:
    statements = [s.strip() for s in POSTGRES_FUNCTIONS]
    transitions = {
        "INSERT": "REFERENCING NEW TABLE AS new_rows",
        "UPDATE": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "DELETE": "REFERENCING OLD TABLE AS old_rows",
    }
    for table, fact in FACT_TABLES.items():
        for event, referencing in transitions.items():
            statements.append(
                f"CREATE TRIGGER trg_{table}_{event.lower()[:3]} AFTER {event} ON {table}"
                f" {referencing} FOR EACH STATEMENT EXECUTE FUNCTION eamb_mark_dirty('{fact}')"
            )
    for event in ("INSERT", "DELETE"):
        statements.append(
            f"CREATE TRIGGER trg_info_session_service_type_{event.lower()[:3]} AFTER {event}"
            f" ON info_session_service_type {transitions[event]}"
            " FOR EACH STATEMENT EXECUTE FUNCTION eamb_mark_dirty_session_services()"
        )
    statements += [
        "CREATE TRIGGER trg_library_kind_upd AFTER UPDATE OF kind ON library FOR EACH ROW"
        " WHEN (OLD.kind IS DISTINCT FROM NEW.kind)"
        " EXECUTE FUNCTION eamb_mark_dirty_dimension()",
        "CREATE TRIGGER trg_ambassador_upd AFTER UPDATE OF tier, library_id ON ambassador"
        " FOR EACH ROW WHEN (OLD.tier IS DISTINCT FROM NEW.tier"
        " OR OLD.library_id IS DISTINCT FROM NEW.library_id)"
        " EXECUTE FUNCTION eamb_mark_dirty_dimension()",
    ]
    return statements


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    statements = _sqlite_triggers() if dialect == "sqlite" else _postgres_triggers()
    for statement in statements:
        op.execute(statement)
    op.execute("INSERT INTO data_state (id, version, updated_at) VALUES (1, 0, CURRENT_TIMESTAMP)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute("DELETE FROM data_state")
    names = [f"trg_{t}_{e}" for t in FACT_TABLES for e in ("ins", "upd", "del")]
    names += ["trg_info_session_service_type_ins", "trg_info_session_service_type_del"]
    tables = {n: n[4:].rsplit("_", 1)[0] for n in names}
    tables |= {"trg_library_kind_upd": "library", "trg_ambassador_upd": "ambassador"}
    for name, table in tables.items():
        on_table = "" if dialect == "sqlite" else f" ON {table}"
        op.execute(f"DROP TRIGGER IF EXISTS {name}{on_table}")
    if dialect != "sqlite":
        for function in (
            "eamb_mark_dirty",
            "eamb_mark_dirty_session_services",
            "eamb_mark_dirty_dimension",
        ):
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
