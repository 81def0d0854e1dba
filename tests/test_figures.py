"""Figure builders and components are pure: checked on their output, without a server."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from layouts import ids
from layouts.components import change_badge, kpi_card, kpi_value
from layouts.figures.breakdowns import raion_rank_figure, service_figure, share_figure
from layouts.figures.common import hbar_figure, message_figure
from layouts.figures.raion_map import (
    MARKER_CLASSES,
    map_figure,
    map_updates,
    marker_colorscale,
    marker_sizes,
)
from layouts.figures.theme import separators
from layouts.figures.trend import trend_figure


def _raions() -> pd.DataFrame:
    rows = [
        ("MD-UN", "Ungheni", 75_804, 10, 100, 300),
        ("MD-CU", "Chișinău", 720_128, 50, 900, 2000),
        ("MD-BD", "Bender", None, 0, 0, 0),
        ("MD-SN", "Stînga Nistrului", None, 0, 0, 0),
    ]
    frame = pd.DataFrame(rows, columns=["raion_code", "name_ro", "population", "sessions",
                                        "participants", "requests"])  # fmt: skip
    frame["citizens_served"] = frame["participants"] + frame["requests"]
    population = pd.to_numeric(frame["population"])
    for column in ("sessions", "participants", "requests", "citizens_served"):
        frame[f"{column}_per_10k"] = frame[column] / population * 10_000
    return frame


def _libraries() -> pd.DataFrame:
    return pd.DataFrame({
        "library_id": [1, 2, 3], "name": ["B1", "B2", "B3"], "locality": ["A", "B", "C"],
        "lat": [47.2, 47.0, 46.9], "lon": [27.8, 28.8, 28.9], "sessions": [5, 0, 1],
        "participants": [50, 0, 3], "requests": [100, 0, 1], "citizens_served": [150, 0, 4],
        "days_since_activity": [3, np.nan, 90], "marker_class": ["national", "none", "dormant"],
        "visible": [True, True, False],
    })  # fmt: skip


def test_message_figure_says_why_in_words() -> None:
    figure = message_figure("Nu există date")
    assert figure["data"] == []
    assert figure["layout"]["annotations"][0]["text"] == "Nu există date"


def test_trend_has_one_bar_per_month_with_translated_months() -> None:
    frame = pd.DataFrame({"month_key": [202401, 202402], "sessions": [3, 4]})
    figure = trend_figure(frame, "sessions", "ro")
    assert figure["data"][0]["x"] == ["ian. 2024", "feb. 2024"]
    assert figure["data"][0]["y"] == [3, 4]
    assert figure["data"][0]["name"] == "Sesiuni ținute"
    assert trend_figure(frame, "sessions", "ru")["data"][0]["name"] == "Проведённые сессии"
    assert trend_figure(frame.iloc[0:0], "sessions", "en")["data"] == []


def test_hbar_puts_the_largest_on_top() -> None:
    figure = hbar_figure(["a", "b", "c"], [30, 20, 10], lang="en")
    assert figure["data"][0]["y"] == ["c", "b", "a"]  # plotly draws the last category on top


def test_service_names_follow_the_language() -> None:
    frame = pd.DataFrame({"name_ro": ["Cazier judiciar"], "name_en": ["Criminal record"],
                          "name_ru": ["Справка"], "requests": [5]})  # fmt: skip
    assert service_figure(frame, "en")["data"][0]["y"] == ["Criminal record"]


def test_share_figure_with_no_data_is_a_message() -> None:
    assert share_figure(["a", "b"], [0, 0], "ro")["layout"]["meta"] == {"empty": True}


def test_raion_ranking_skips_units_without_population() -> None:
    figure = raion_rank_figure(_raions(), "citizens_served", "ro", ascending=True)
    assert set(figure["data"][0]["y"]) == {"Ungheni", "Chișinău"}


def test_separators_follow_the_language() -> None:
    assert separators("ro") == ",."
    assert separators("en") == ".,"


def test_map_per_capita_shows_missing_population_as_no_data_never_zero() -> None:
    figure = map_figure(
        _raions(), _libraries(), "requests", True, "ro", "/assets/geo/raions.geojson"
    )
    choropleth, no_population, markers = figure["data"]
    assert choropleth["geojson"] == "/assets/geo/raions.geojson"  # a URL: geometry sent once
    assert choropleth["locations"] == ["MD-UN", "MD-CU"]
    assert 0 not in choropleth["z"]
    assert no_population["locations"] == ["MD-BD", "MD-SN"]
    assert "fără date despre populație" in no_population["text"][0]
    assert markers["lat"] == [47.2, 47.0, 46.9]
    assert len(json.dumps(figure)) < 20_000


def test_map_absolute_values_include_every_unit() -> None:
    updates = map_updates(_raions(), _libraries(), "requests", False, "en")
    assert updates["choropleth"]["locations"] == ["MD-UN", "MD-CU", "MD-BD", "MD-SN"]
    assert updates["no_population"]["locations"] == []


def test_map_markers_encode_activity_class_and_visibility() -> None:
    markers = map_updates(_raions(), _libraries(), "citizens_served", True, "ro")["libraries"]
    assert markers["color"] == [MARKER_CLASSES.index(c) for c in ("national", "none", "dormant")]
    assert markers["opacity"][2] == 0.0
    assert markers["opacity"] == [0.8, 0.8, 0.0]
    # sessions, participants, requests, days since activity; never active: no "days since"
    assert markers["customdata"] == [[5, 50, 100, 3], [0, 0, 0, None], [1, 3, 1, 90]]
    assert all(type(v) is int for row in markers["customdata"] for v in row if v is not None)
    sizes = marker_sizes(pd.Series([0, 25, 100]))
    assert sizes == [3.0, 9.5, 16.0]  # area ∝ activity: 3 + 13·√(25/100) = 9.5
    assert marker_sizes(pd.Series([0, 0])) == [3.0, 3.0]
    scale = marker_colorscale()
    assert scale[0][0] == 0.0
    assert scale[-1][0] == 1.0


def test_change_badge() -> None:
    assert change_badge(110, 100, "en").children == "▲ 10%"
    assert "down" in change_badge(90, 100, "en").className
    assert change_badge(0, 0, "en").children == "—"


@pytest.mark.parametrize("lang", ["ro", "en", "ru"])
def test_kpi_card_frame_and_value(lang: str) -> None:
    card = kpi_card("requests", lang, definition="def")
    assert card.id == {"type": "kpi", "metric": "requests"}
    slots = [child.id for child in card.children.children[1:]]
    assert slots == [ids.kpi_part("requests", p) for p in ("value", "change", "note", "target")]
    number = kpi_value(12345, lang)
    assert number.className == "kpi-value"
    assert number.to_plotly_json()["props"]["data-value"] == "12345"


@pytest.mark.parametrize("ascending", [False, True])
def test_raion_ranking_with_all_zero_says_no_data_both_ways(ascending: bool) -> None:
    zero = _raions()
    for column in [c for c in zero.columns if c.startswith(("sessions", "participants",
                                                             "requests", "citizens"))]:  # fmt: skip
        zero[column] = zero[column] * 0
    figure = raion_rank_figure(zero, "citizens_served", "en", ascending=ascending)
    assert figure["data"] == []
    assert figure["layout"]["annotations"][0]["text"] == "There is no data for the chosen filters."


def test_bottom_raions_keep_real_zeros_when_others_have_data() -> None:
    frame = _raions()
    frame.loc[frame["raion_code"] == "MD-UN", "citizens_served_per_10k"] = 0.0
    # the bottom one is a real zero (Chișinău has data): a bar of zero, not "no data"
    figure = raion_rank_figure(frame, "citizens_served", "ro", ascending=True, count=1)
    assert figure["data"][0]["y"] == ["Ungheni"]
    assert figure["data"][0]["x"] == [0.0]


@pytest.mark.parametrize("per_capita", [True, False])
def test_map_with_no_data_says_so_in_the_current_language(per_capita: bool) -> None:
    empty = _raions()
    for column in [c for c in empty.columns if c not in ("raion_code", "name_ro", "population")]:
        empty[column] = empty[column] * 0
    figure = map_figure(empty, _libraries(), "requests", per_capita, "ru", "/geo.json")
    assert [a["text"] for a in figure["layout"]["annotations"]] == [
        "Нет данных для выбранных фильтров."
    ]
    assert map_updates(empty, _libraries(), "requests", per_capita, "en")["annotations"]
    with_data = map_figure(_raions(), _libraries(), "requests", per_capita, "ru", "/geo.json")
    assert with_data["layout"]["annotations"] == []
