"""``generate_demo_data``: fill an empty database with a deterministic, realistic demo data set."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from data_access.database import Database
from data_access.demo.ambassadors import NEVER, Network, build_network
from data_access.demo.facts import RequestChunk, SessionChunk, request_chunks, session_chunks
from data_access.demo.libraries import Libraries, build_libraries
from data_access.demo.rates import compute_rates
from data_access.demo.spec import DemoDataError, DemoSummary, NationalSize, Plan, make_plan
from data_access.demo.sqlite_bulk import facts_unindexed
from data_access.demo.targets import Actuals, build_targets
from data_access.demo.timeline import Timeline, build_timeline
from data_access.demo.writer import FactWriter, bulk_load, check_references, reset_sequences
from data_access.models import (
    Ambassador,
    DatasetInfo,
    ImportBatch,
    InfoSession,
    Library,
    ServiceRequest,
    Target,
)
from data_access.rollups import rebuild_all

CREATED_BY = "eambasadori demo-data"
PROGRAM_TABLES = (Library, Ambassador, InfoSession, ServiceRequest, Target)
STREAMS = ("libraries", "network", "rates", "requests", "sessions", "targets")


def _ensure_empty(session: Session) -> None:
    found = {
        m.__tablename__: session.scalar(select(func.count()).select_from(m)) or 0
        for m in PROGRAM_TABLES
    }
    if any(found.values()):
        held = ", ".join(f"{n:,} {t}" for t, n in found.items() if n)
        raise DemoDataError(
            f"the database already holds program data ({held}); demo data is only generated"
            " into an empty database"
        )


def _description(plan: Plan, seed: int) -> str:
    return f"eAmbasadori demo data; scale={plan.scale}; seed={seed}; until={plan.until}"


def _library_rows(libs: Libraries, net: Network, tl: Timeline) -> list[dict[str, object]]:
    text_columns = ("code", "name", "locality", "raion_code", "kind")
    columns = {c: libs.column(c).tolist() for c in (*text_columns, "lat", "lon")}
    return [
        {
            "id": i + 1,
            **{c: values[i] for c, values in columns.items()},
            "accredited_on": tl.day(int(net.accredited[i])) if net.accredited[i] >= 0 else None,
        }
        for i in range(libs.n)
    ]


def _ambassador_rows(net: Network, tl: Timeline) -> list[dict[str, object]]:
    return [
        {
            "id": a + 1,
            "code": f"AMB-{a + 1:04d}",
            "display_name": net.names[a],
            "library_id": int(net.library[a]) + 1,
            "tier": "national" if net.national[a] else "local",
            "trained_by_id": int(net.trainer[a]) + 1 if net.trainer[a] >= 0 else None,
            "certified_on": tl.day(int(net.certified[a])),
            "left_on": tl.day(int(net.left[a])) if net.left[a] != NEVER else None,
        }
        for a in range(net.n)
    ]


def refresh_statistics(db: Database) -> None:
    """Give the query planner fresh statistics after a bulk load: PostgreSQL's autovacuum may
    take a while to notice, and SQLite keeps none until asked. Without them a plan can be 100x
    slower (SQLite would read a raw edge month through every session of a service in ten
    years instead of through the month's days)."""
    if db.is_sqlite:
        with db.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
        return
    # VACUUM too: it marks the freshly written pages all-visible, which lets the planner read
    # rollups by index-only scans instead of visiting ~one heap page per row.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")


def generate_demo_data(
    db: Database,
    *,
    scale: str = "demo",
    seed: int = 42,
    until: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
    national_size: NationalSize | None = None,
) -> DemoSummary:
    """Fill an empty database (schema and reference data in place) with generated demo data.

    Same ``seed`` and ``until`` (default: today) give identical rows on SQLite and PostgreSQL.
    ``national_size`` overrides the sizes of the ``national`` scale. Raises
    :class:`DemoDataError` when the database already holds libraries, ambassadors, facts or
    targets. Ends with the rollups rebuilt and the data version moved.
    """
    started = time.perf_counter()

    def say(message: str) -> None:
        if progress is not None:
            progress(f"[{time.perf_counter() - started:6.1f} s] {message}")

    plan = make_plan(scale, until or dt.date.today(), national_size)
    seeds = np.random.SeedSequence(seed).spawn(len(STREAMS))
    rngs = {name: np.random.default_rng(s) for name, s in zip(STREAMS, seeds, strict=True)}
    with db.write_session() as session:
        _ensure_empty(session)
        tl = build_timeline(plan)
        libs = build_libraries(rngs["libraries"], plan.libraries)
        net = build_network(rngs["network"], plan, tl, libs)
        rates = compute_rates(rngs["rates"], plan, tl, libs, net)
        say(f"planned {libs.n:,} libraries, {net.n:,} ambassadors ({plan.start} .. {plan.until})")
        batch_id = _write_batch(session, plan, seed)
        session.execute(insert(Library), _library_rows(libs, net, tl))
        session.execute(insert(Ambassador), _ambassador_rows(net, tl))
        stream = _Stream.open(session, tl, libs, net, batch_id, say)
        with facts_unindexed(session):
            with bulk_load(session) as unchecked:
                if unchecked:
                    say("PostgreSQL bulk load: per-row triggers off, keys are checked afterwards")
                requests = stream.requests(request_chunks(rngs["requests"], plan, tl, net, rates))
                sessions, links, participants = stream.sessions(
                    session_chunks(rngs["sessions"], plan, tl, net, rates)
                )
            if unchecked and (orphans := check_references(session)):
                raise DemoDataError(f"{orphans} generated rows reference missing rows")
            stream.count_access_points(plan.until)
            targets = build_targets(rngs["targets"], stream.actuals, plan.start, plan.until)
            session.execute(insert(Target), targets)
            _finish(session, plan, seed, batch_id, facts=requests + sessions)
            say("rebuilding the rollups")
            if session.get_bind().dialect.name == "postgresql":
                session.execute(text("SET LOCAL work_mem = '256MB'"))  # big GROUP BYs in memory
            rebuild_all(session)
            if db.is_sqlite:
                say("indexing the facts")
        say("committing")
    refresh_statistics(db)
    say("done")
    return DemoSummary(
        scale=plan.scale, seed=seed, until=plan.until, libraries=libs.n,
        access_points=int(np.sum(net.accredited >= 0)), ambassadors=net.n,
        national_ambassadors=int(net.national.sum()), sessions=sessions,
        session_service_types=links, participants=participants, requests=requests,
        targets=len(targets), seconds=time.perf_counter() - started,
    )  # fmt: skip


def _write_batch(session: Session, plan: Plan, seed: int) -> int:
    """The audit-trail row of this load (facts point at it); counts are filled in at the end."""
    batch_id = (session.scalar(select(func.max(ImportBatch.id))) or 0) + 1
    description = _description(plan, seed)
    session.execute(
        insert(ImportBatch),
        [{
            "id": batch_id, "file_name": f"demo-data (scale={plan.scale}, seed={seed})",
            "sha256": hashlib.sha256(description.encode()).hexdigest(), "kind": "demo",
            "rows": 0, "inserted": 0, "status": "imported", "message": description,
            "created_at": dt.datetime.now(dt.UTC), "created_by": CREATED_BY,
        }],
    )  # fmt: skip
    return batch_id


def _finish(session: Session, plan: Plan, seed: int, batch_id: int, *, facts: int) -> None:
    session.execute(
        update(ImportBatch).where(ImportBatch.id == batch_id).values(rows=facts, inserted=facts)
    )
    info = {
        "demo": "true",
        "demo_scale": plan.scale,
        "demo_seed": str(seed),
        "generated_until": plan.until.isoformat(),
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    session.execute(delete(DatasetInfo).where(DatasetInfo.key.in_(list(info))))
    session.execute(insert(DatasetInfo), [{"key": k, "value": v} for k, v in info.items()])
    reset_sequences(session)


@dataclass
class _Stream:
    """Writes the fact chunks and gathers the yearly actuals the targets are set from."""

    tl: Timeline
    net: Network
    writer: FactWriter
    actuals: Actuals
    unit_of_library: np.ndarray
    say: Callable[[str], None]

    @classmethod
    def open(
        cls, session: Session, tl: Timeline, libs: Libraries, net: Network, batch_id: int,
        say: Callable[[str], None],
    ) -> _Stream:  # fmt: skip
        units = sorted(set(libs.frame["raion_code"]))
        raion_of_library = libs.column("raion_code")
        writer = FactWriter(
            session, iso_days=tl.iso, library_units=raion_of_library.astype(object),
            batch_id=batch_id,
        )  # fmt: skip
        years = list(range(tl.dates[0].year, tl.dates[-1].year + 1))
        actuals = Actuals(years=years, units=units, ambassadors=net.n)
        return cls(tl, net, writer, actuals, np.searchsorted(units, raion_of_library), say)

    def count_access_points(self, until: dt.date) -> None:
        for i, year in enumerate(self.actuals.years):
            end = self.tl.index(min(dt.date(year, 12, 31), until))
            accredited = self.net.accredited
            self.actuals.access_points[i] = int(np.sum((accredited >= 0) & (accredited <= end)))

    def requests(self, chunks: Iterable[RequestChunk]) -> int:
        total, reported = 0, 0
        a = self.actuals
        for chunk in chunks:
            self.writer.requests(chunk)
            year = self.tl.year[chunk.day]
            a.add(a.requests, year, self.unit_of_library[chunk.library])
            known = chunk.ambassador >= 0
            a.active[year[known] - a.years[0], chunk.ambassador[known]] = True
            total += len(chunk.day)
            if total - reported >= 500_000:
                reported = total
                self.say(f"requests: {total:,}")
        self.say(f"requests written: {total:,}")
        return total

    def sessions(self, chunks: Iterable[SessionChunk]) -> tuple[int, int, int]:
        total = links = participants = 0
        a = self.actuals
        for chunk in chunks:
            self.writer.sessions(chunk)
            year, unit = self.tl.year[chunk.day], self.unit_of_library[chunk.library]
            a.add(a.sessions, year, unit)
            a.add(a.participants, year, unit, chunk.participants)
            a.active[year - a.years[0], chunk.ambassador] = True
            total += len(chunk.day)
            links += len(chunk.link_row)
            participants += int(chunk.participants.sum())
        self.say(f"sessions written: {total:,} ({links:,} session service types)")
        return total, links, participants
