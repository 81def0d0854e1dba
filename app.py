"""The WSGI entry point: ``gunicorn app:server``. Everything else lives in packages."""

from dashboard.app_factory import create_app

app = create_app()
server = app.server
