"""A throwaway local PostgreSQL cluster for tests and benchmarks (never for production).

PostgreSQL refuses to run as root, so when we are root the server runs as the ``postgres``
system user (``runuser``) in a folder that user owns.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "eamb"


def find_pg_bin() -> Path | None:
    """The folder holding initdb/pg_ctl, or None when PostgreSQL server binaries are missing."""
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgCluster:
    """Start with :meth:`start`, stop with :meth:`stop`; :meth:`url` gives a SQLAlchemy URL."""

    base_dir: Path | None = None
    port: int = field(default_factory=free_port)
    bin_dir: Path | None = field(default_factory=find_pg_bin)
    shared_buffers: str = "256MB"

    def __post_init__(self) -> None:
        if self.bin_dir is None:
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) were not found")
        if self.base_dir is None:
            self.base_dir = Path(tempfile.mkdtemp(prefix="eamb-pg-"))
        self.data_dir = self.base_dir / "data"
        self.log_file = self.base_dir / "server.log"

    def _run_as_owner(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True)

    def init(self) -> None:
        assert self.base_dir is not None
        assert self.bin_dir is not None
        if (self.data_dir / "PG_VERSION").exists():
            return
        self.base_dir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.base_dir, "postgres", "postgres")
        self._run_as_owner(
            str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", SUPERUSER,
            "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
        )  # fmt: skip

    def start(self) -> PgCluster:
        assert self.bin_dir is not None
        self.init()
        options = (
            f"-p {self.port} -k {self.base_dir} -c listen_addresses=127.0.0.1"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            f" -c max_connections=200 -c shared_buffers={self.shared_buffers} -c jit=off"
        )
        self._run_as_owner(
            str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.log_file),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"PostgreSQL did not start; see {self.log_file}")

    def stop(self, mode: str = "fast") -> None:
        assert self.bin_dir is not None
        if not (self.data_dir / "postmaster.pid").exists():
            return
        self._run_as_owner(
            str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", mode, "-w", "stop"
        )

    def is_running(self) -> bool:
        """Whether a server runs on this data directory (``pg_ctl status``), whatever its port."""
        assert self.bin_dir is not None
        if not (self.data_dir / "postmaster.pid").exists():
            return False
        status = self._run_as_owner(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir),
                                    "status", check=False)  # fmt: skip
        return status.returncode == 0  # 3: not running

    def stop_leftover(self) -> bool:
        """Stop a server left running on this data directory by an earlier process that was
        killed before it could stop it (``pg_ctl start`` would refuse to start a second one).
        True when there was one."""
        if not self.is_running():
            return False
        self.stop()
        return True

    def destroy(self) -> None:
        self.stop("immediate")
        assert self.base_dir is not None
        shutil.rmtree(self.base_dir, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create a database (optionally from a template) and return its URL."""
        import psycopg

        with psycopg.connect(self.url().replace("+psycopg", ""), autocommit=True) as conn:
            sql = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
            conn.execute(sql)
        return self.url(name)
