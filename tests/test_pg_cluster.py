"""The throwaway PostgreSQL cluster: a server left running by a killed run is stopped, not
fatal (the benchmark keeps its cluster between runs)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import psycopg
import pytest

from data_access.pg_cluster import PgCluster, find_pg_bin

pytestmark = pytest.mark.skipif(find_pg_bin() is None, reason="PostgreSQL binaries not found")


def test_a_leftover_server_is_stopped_and_a_new_one_starts() -> None:
    # a folder the postgres user can enter (pytest's tmp_path is not, when tests run as root)
    folder = Path(tempfile.mkdtemp(prefix="eamb-pg-"))
    earlier = PgCluster(base_dir=folder).start()  # as a run killed before it could stop it
    later = PgCluster(base_dir=folder)  # the next run: another port, the same directory
    try:
        assert later.is_running()
        assert later.stop_leftover()
        assert not later.is_running()
        later.start()
        with psycopg.connect(later.url().replace("+psycopg", ""), connect_timeout=5) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
        assert later.is_running()
    finally:
        later.destroy()
        earlier.destroy()


def test_nothing_to_stop_on_a_fresh_directory(tmp_path: Path) -> None:  # nothing started
    cluster = PgCluster(base_dir=tmp_path / "fresh")
    assert not cluster.is_running()
    assert not cluster.stop_leftover()
