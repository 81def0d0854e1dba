"""The WSGI entry point: ``gunicorn app:server``. Everything else lives in packages."""

import gc

import data_access.geo  # noqa: F401  (geopandas, loaded before gunicorn --preload forks: shared)
from dashboard.app_factory import create_app
from data_access.queries.warm import warm_before_fork

app = create_app()
server = app.server
# gunicorn --preload forks the workers from this process: tables held in memory read now are
# shared by all of them (until the data changes) instead of read again by each.
warm_before_fork(server.extensions["eambasadori"].db)
# Everything built so far lives as long as the process. Moved out of the collector's reach, its
# pages stay shared with the forked workers (a collection would write to every object and copy
# them into each worker): ~12 MB less per worker, measured with --preload.
gc.freeze()
