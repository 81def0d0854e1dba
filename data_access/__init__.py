"""Data access layer: models, migrations, the database handle, queries, writers and generators.

Nothing here touches a database at import time; everything takes a :class:`Database` or a session.
"""
