"""Application settings, read once from the environment in the factory (STYLE.md 2)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA_DIR = Path.home() / ".local" / "share" / "eambasadori"


def default_sqlite_url(data_dir: Path = DEFAULT_DATA_DIR) -> str:
    """The embedded default database: one SQLite file in the user's data folder."""
    return f"sqlite:///{data_dir / 'eambasadori.sqlite3'}"


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from exc


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    return raw in {"1", "true", "yes", "on"}


def _cache_type(env: Mapping[str, str], redis_url: str) -> str:
    if _bool(env, "EAMBASADORI_NAIVE_BASELINE", False):
        return "NullCache"
    return "RedisCache" if redis_url else env.get("CACHE_TYPE", "FileSystemCache")


@dataclass(frozen=True)
class Settings:
    """Everything configurable about one running app. Tests build their own instance."""

    database_url: str = field(default_factory=default_sqlite_url)
    refresh_seconds: int = 30
    dormant_days: int = 60
    cache_type: str = "FileSystemCache"
    cache_dir: str = str(DEFAULT_DATA_DIR / "cache")
    redis_url: str = ""
    cache_timeout_seconds: int = 3600
    cache_max_files: int = 5000  # filesystem cache: emptied when it grows past this
    max_upload_bytes: int = 10 * 1024 * 1024
    default_language: str = "ro"
    debug: bool = False
    demo_data_on_first_start: bool = True
    pool_size: int = 5
    host: str = "127.0.0.1"
    port: int = 8050
    today: dt.date | None = None  # pin "today" (reproducible demos and tests); None = the clock
    naive_baseline: bool = False  # benchmark only: see dashboard/baseline.py

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build settings from environment variables (documented in the README)."""
        env = os.environ if env is None else env
        data_dir = Path(env.get("EAMBASADORI_DATA_DIR", str(DEFAULT_DATA_DIR)))
        redis_url = env.get("REDIS_URL", "").strip()
        today = env.get("EAMBASADORI_TODAY", "").strip()
        return cls(
            database_url=env.get("DATABASE_URL", "").strip() or default_sqlite_url(data_dir),
            refresh_seconds=max(2, _int(env, "REFRESH_SECONDS", 30)),
            dormant_days=max(1, _int(env, "DORMANT_DAYS", 60)),
            cache_type=_cache_type(env, redis_url),
            cache_dir=env.get("CACHE_DIR", str(data_dir / "cache")),
            redis_url=redis_url,
            cache_timeout_seconds=_int(env, "CACHE_TIMEOUT_SECONDS", 3600),
            cache_max_files=max(10, _int(env, "CACHE_MAX_FILES", 5000)),
            max_upload_bytes=_int(env, "MAX_UPLOAD_MB", 10) * 1024 * 1024,
            default_language=env.get("DEFAULT_LANGUAGE", "ro"),
            debug=_bool(env, "DASH_DEBUG", False),
            demo_data_on_first_start=_bool(env, "DEMO_DATA_ON_FIRST_START", True),
            pool_size=max(1, _int(env, "DB_POOL_SIZE", 5)),
            host=env.get("HOST", "127.0.0.1"),
            port=_int(env, "PORT", 8050),
            today=dt.date.fromisoformat(today) if today else None,
            naive_baseline=_bool(env, "EAMBASADORI_NAIVE_BASELINE", False),
        )
