"""The WSGI entry point: ``gunicorn app:server``. Everything else lives in packages."""

import data_access.geo  # noqa: F401  (geopandas, loaded before gunicorn --preload forks: shared)
from dashboard.app_factory import create_app

app = create_app()
server = app.server
