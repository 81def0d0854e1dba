"""Percentiles and the printed/JSON report of a benchmark."""

from __future__ import annotations

import json
import platform
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation): the value q% of samples are at or below."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered) + 0.4999))
    return ordered[min(rank, len(ordered)) - 1]


def summarize(samples_ms: Sequence[float]) -> dict[str, float]:
    return {
        "n": len(samples_ms),
        "p50_ms": round(percentile(samples_ms, 50), 2),
        "p95_ms": round(percentile(samples_ms, 95), 2),
        "max_ms": round(max(samples_ms), 2) if samples_ms else float("nan"),
        "mean_ms": round(statistics.fmean(samples_ms), 2) if samples_ms else float("nan"),
    }


def table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    """A Markdown table (also readable in a terminal)."""
    widths = {c: max(len(c), *(len(str(r.get(c, ""))) for r in rows)) for c in columns}
    head = "| " + " | ".join(c.ljust(widths[c]) for c in columns) + " |"
    rule = "|" + "|".join("-" * (widths[c] + 2) for c in columns) + "|"
    body = [
        "| " + " | ".join(str(r.get(c, "")).ljust(widths[c]) for c in columns) + " |" for r in rows
    ]
    return "\n".join([head, rule, *body])


def cpu_probe() -> float:
    """Seconds a fixed pure-Python loop takes (median of 5): how fast this machine is right
    now. A virtual machine's CPU speed can drift by tens of percent within minutes; a result
    is read together with the probes taken before and after it."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        sum(i * i for i in range(1_000_000))
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 4)


def machine(probe_before: float | None = None) -> dict[str, Any]:
    """The machine, and its speed (:func:`cpu_probe`) before the run and now."""
    import os

    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "cpu_probe_before_s": probe_before,
        "cpu_probe_after_s": cpu_probe(),
    }


def speed_note(info: dict[str, Any]) -> str:
    """One line on the machine's speed around the run, for the printed report."""
    return (f"machine speed: a fixed Python loop took {info['cpu_probe_before_s']} s before the "
            f"run and {info['cpu_probe_after_s']} s after (lower is faster)")  # fmt: skip


def write_json(path: Path, payload: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
