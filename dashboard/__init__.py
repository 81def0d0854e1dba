"""eAmbasadori Dashboard: the application layer (factory, settings, filters, i18n, CLI).

Importing this package does no I/O; call :func:`dashboard.app_factory.create_app` to build the app.
"""

__version__ = "0.1.0"
