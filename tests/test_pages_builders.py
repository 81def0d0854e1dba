"""The pure builders behind the program pages (no app, no database): the fast grids' numbers and
translated interface, grid rows and exports, "no data" figures in words, the default target and
the slides' order."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from layouts.pages import presentation


@pytest.mark.parametrize("lang", ["ro", "en", "ru"])
def test_fast_table_numbers_read_like_babel(lang: str) -> None:
    from dashboard.i18n import fmt_int, fmt_number
    from layouts.grid import int_text, number_text

    for value in (0, 7, 999, 1234, 1234567, 1_000_000_000):
        assert int_text(value, lang) == fmt_int(value, lang)
        assert number_text(value + 0.25, lang) == fmt_number(value + 0.25, lang)
    assert int_text(float("nan"), lang) == "—"


@pytest.mark.parametrize("lang", ["ro", "en", "ru"])
def test_grid_interface_is_translated(lang: str) -> None:
    from layouts.grid import GRID_TEXT_KEYS, grid_locale

    texts = grid_locale(lang)
    assert all(texts[key] != f"grid.{key}" for key in GRID_TEXT_KEYS)
    assert texts["thousandSeparator"] == {"ro": ".", "en": ",", "ru": "\xa0"}[lang]


def test_grid_rows_export_frame_and_view() -> None:
    import pandas as pd

    from layouts.grid import DATE, INT, LABEL, STATUS, Column, grid_rows, rows_in_view
    from layouts.grid_export import export_frame

    frame = pd.DataFrame({
        "key": [1, 2, 3],
        "tier": ["national", "local", None],
        "status": ["on_track", "behind", "no_target"],
        "day": [dt.date(2026, 11, 2), None, dt.date(2025, 1, 31)],
        "count": [1234, 0, None],
    })  # fmt: skip
    columns = [Column("tier", "directory.col.tier", LABEL, labels="tier"),
               Column("status", "targets.col.status", STATUS, labels="status"),
               Column("day", "common.last_activity", DATE, missing_key="common.never"),
               Column("count", "metric.requests", INT)]  # fmt: skip
    rows = grid_rows(frame, columns, "ro", "key")
    assert rows[0] == {"id": "1", "tier": "Național", "status": "în grafic",
                       "status__code": "on_track", "day": "2026-11-02", "day__text": "02.11.2026",
                       "count": 1234.0, "count__text": "1.234"}  # fmt: skip
    assert rows[1]["day"] is None
    assert rows[1]["day__text"] == "niciodată"
    assert rows[2]["tier"] is None
    assert rows[2]["count__text"] == "—"
    out = export_frame(frame, columns, "en")
    assert out["tier"].tolist()[:2] == ["National", "Local"]
    assert pd.isna(out["tier"].iloc[2])
    assert out["status"].tolist() == ["on track", "behind", "no target"]
    view = rows_in_view(frame, "key", [{"id": "3"}, {"id": "99"}, "junk", {"id": "1"}])
    assert view["key"].tolist() == [3, 1]
    assert rows_in_view(frame, "key", None) is frame


def test_figures_say_no_data_in_words() -> None:
    import pandas as pd

    from layouts.figures.coverage import far_counts_figure, far_map_figure, ranking_figure
    from layouts.figures.targets import cumulative_figure

    def message(figure: dict[str, Any]) -> str:
        return str(figure["layout"]["annotations"][0]["text"])

    assert "Nu există date" in message(ranking_figure(pd.DataFrame(), None, "ro"))
    counts = pd.DataFrame({"raion_name": ["Cahul"], "localities": [55], "far_localities": [0]})
    assert "10 km" in message(far_counts_figure(counts, 10, "ro"))
    empty_far = pd.DataFrame(columns=["lat", "lon", "distance_km", "locality", "raion_name",
                                      "nearest_library_locality"])  # fmt: skip
    assert "10 km" in message(far_map_figure(empty_far, [], ["MD-CA"], 10, "ro", "/g.json"))
    assert "There is no data" in message(cumulative_figure(pd.DataFrame(), {}, "en"))
    later = pd.DataFrame({"month_key": [202701], "actual": [float("nan")], "target_line": [1.0]})
    assert "not started" in message(cumulative_figure(later, {}, "en"))


def test_default_target_and_slides() -> None:
    import pandas as pd

    from layouts.figures.targets import default_target, target_row

    d = dt.date
    frame = pd.DataFrame({
        "target_id": [1, 2, 3],
        "scope_kind": ["raion", "national", "national"],
        "metric": ["requests", "citizens_served", "citizens_served"],
        "period_start": [d(2026, 1, 1), d(2025, 1, 1), d(2026, 1, 1)],
        "period_end": [d(2026, 12, 31), d(2025, 12, 31), d(2026, 12, 31)],
        "scope_value": ["MD-CA", None, None],
    })  # fmt: skip
    assert default_target(frame, d(2026, 5, 1)) == 3
    assert default_target(frame[:2], d(2026, 5, 1)) == 2  # the latest national one
    assert default_target(frame[:1], d(2026, 5, 1)) == 1  # else the first in view
    assert default_target(frame[:0], d(2026, 5, 1)) is None
    assert target_row(frame, 3)["scope_value"] is None  # type: ignore[index]
    assert target_row(frame, True) is None
    assert target_row(frame, "3") is None
    assert presentation.next_slide("top", 1) == "kpis"
    assert presentation.next_slide(None, -1) == "kpis"  # unknown: back to the first
