"""The benchmarks' statistics and machine report."""

from __future__ import annotations

from dashboard.bench.stats import machine, percentile, speed_note, summarize


def test_nearest_rank_percentiles() -> None:
    samples = [float(i) for i in range(1, 21)]  # 1..20
    assert percentile(samples, 50) == 10
    assert percentile(samples, 95) == 19
    assert percentile([7.0], 95) == 7
    stats = summarize([5.0, 1.0, 3.0])
    assert (stats["n"], stats["p50_ms"], stats["max_ms"], stats["mean_ms"]) == (3, 3.0, 5.0, 3.0)


def test_the_machine_report_carries_its_speed_before_and_after() -> None:
    info = machine(probe_before=0.123)
    assert info["cpu_probe_before_s"] == 0.123
    assert 0 < info["cpu_probe_after_s"] < 5
    note = speed_note(info)
    assert "0.123 s before" in note
    assert f"{info['cpu_probe_after_s']} s after" in note
