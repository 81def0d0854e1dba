"""The ``eambasadori`` command (also ``python -m dashboard``)."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Callable, Sequence

from dashboard.settings import Settings

Handler = Callable[[argparse.Namespace, Settings], int]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from exc


def cmd_init_db(_args: argparse.Namespace, settings: Settings) -> int:
    from data_access.database import Database
    from data_access.schema import current_revision, init_db

    db = Database(settings.database_url)
    init_db(db)
    print(f"Database ready at revision {current_revision(db)}: {db.url.render_as_string()}")
    return 0


def cmd_refresh_rollups(_args: argparse.Namespace, settings: Settings) -> int:
    from data_access.database import Database
    from data_access.rollups import refresh_dirty

    db = Database(settings.database_url)
    with db.write_session() as session:
        refreshed = refresh_dirty(session)
    print("Rollups refreshed." if refreshed else "Rollups were already current.")
    return 0


def cmd_demo_data(args: argparse.Namespace, settings: Settings) -> int:
    from data_access.demo import run_demo_data

    return run_demo_data(settings.database_url, args.scale, args.seed, args.until)


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from data_access.importing.cli import run_import

    return run_import(settings.database_url, args.file, args.kind, args.dry_run, lang=args.lang)


def cmd_template(args: argparse.Namespace, _settings: Settings) -> int:
    from data_access.importing.cli import run_template

    return run_template(args.kind, args.xlsx, args.output, lang=args.lang)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.app_factory import create_app
    from dashboard.startup import prepare_database

    prepare_database(settings)
    app = create_app(settings)
    host, port = args.host or settings.host, args.port or settings.port
    print(f"eAmbasadori dashboard on http://{host}:{port}  (Ctrl+C to stop)")
    app.run(host=host, port=port, debug=settings.debug)
    return 0


def _engines(value: str) -> tuple[str, ...]:
    return ("sqlite", "postgresql") if value == "both" else (value,)


def cmd_bench_queries(args: argparse.Namespace, _settings: Settings) -> int:
    from dashboard.bench import queries

    return queries.run(args.count, _engines(args.engine), args.scale)


def cmd_bench(args: argparse.Namespace, _settings: Settings) -> int:
    from dashboard.bench import end_to_end

    return end_to_end.run(
        args.count,
        _engines(args.engine),
        args.scale,
        args.naive_count,
        with_browser=not args.no_browser,
    )


def cmd_load(args: argparse.Namespace, _settings: Settings) -> int:
    from dashboard.bench import load

    return load.run(args.users, args.seconds, args.workers, _engines(args.engine), args.scale,
                    think=args.think_seconds)  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eambasadori", description="eAmbasadori dashboard: serve, set up and load data."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the dashboard (creates the database on first start)")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.set_defaults(handler=cmd_serve)

    init = sub.add_parser("init-db", help="apply migrations and load the reference data")
    init.set_defaults(handler=cmd_init_db)

    imp = sub.add_parser("import", help="import an activity report (CSV or XLSX)")
    imp.add_argument("file")
    imp.add_argument("--kind", choices=("sessions", "requests"), default=None)
    imp.add_argument("--dry-run", action="store_true", help="validate only; write nothing")
    imp.add_argument("--lang", choices=("ro", "en", "ru"), default="ro")
    imp.set_defaults(handler=cmd_import)

    template = sub.add_parser("template", help="write an empty import template")
    template.add_argument("kind", choices=("sessions", "requests"))
    template.add_argument("--xlsx", action="store_true")
    template.add_argument("-o", "--output", default=None, help="file to write ('-' = stdout)")
    template.add_argument("--lang", choices=("ro", "en", "ru"), default="ro")
    template.set_defaults(handler=cmd_template)

    refresh = sub.add_parser("refresh-rollups", help="recompute rollups after outside writes")
    refresh.set_defaults(handler=cmd_refresh_rollups)

    demo = sub.add_parser("demo-data", help="fill an empty database with demo data")
    demo.add_argument("--scale", choices=("demo", "national"), default="demo")
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--until", type=_date, default=None, help="last day of data (default today)")
    demo.set_defaults(handler=cmd_demo_data)
    bench_q = sub.add_parser("bench-queries", help="p50/p95 of every query (national scale)")
    _bench_options(bench_q)
    bench_q.set_defaults(handler=cmd_bench_queries)

    bench = sub.add_parser(
        "bench", help="every callback over HTTP vs the naive way, browser, memory"
    )
    _bench_options(bench)
    bench.add_argument("--naive-count", type=int, default=10, help="scenarios for the baseline")
    bench.add_argument("--no-browser", action="store_true")
    bench.set_defaults(handler=cmd_bench)

    load = sub.add_parser("load", help="simulated users against gunicorn on loopback")
    load.add_argument("--users", type=int, default=25)
    load.add_argument("--seconds", type=int, default=60)
    load.add_argument("--workers", type=int, default=3)
    load.add_argument(
        "--think-seconds",
        type=float,
        default=2.0,
        help="average pause between a user's page views (0 = stress test)",
    )
    load.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="sqlite")
    load.add_argument("--scale", choices=("national", "demo"), default="national")
    load.set_defaults(handler=cmd_load)
    return parser


def _bench_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--count", type=int, default=40, help="random filter combinations")
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--scale", choices=("national", "demo"), default="national")


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ValueError as exc:
        print(f"Configuration error: {exc}", file=sys.stderr)
        return 2
    handler: Handler = args.handler
    return handler(args, settings)


if __name__ == "__main__":
    raise SystemExit(main())
