"""Filter parsing and validation, presets, the previous period and the URL round trip."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.filters import MAX_LIST_ITEMS, Filters, Vocabulary
from dashboard.periods import DEFAULT_PERIOD, Period, period_range, shift_months
from dashboard.url_state import parse_filters, query_params, to_query

D = dt.date
TODAY = D(2026, 11, 25)
VOCAB = Vocabulary(
    raions=frozenset({"MD-UN", "MD-CU", "MD-CA", "MD-BD"}),
    services=frozenset({"cazier", "mpay_utilitati"}),
)


def parse(search: str, scope: frozenset[str] | None = None) -> tuple[Filters, list]:
    return parse_filters(query_params(search), VOCAB, TODAY, scope)


def test_the_default_view_is_the_last_twelve_months() -> None:
    filters, notices = parse("")
    assert notices == []
    assert filters.period is DEFAULT_PERIOD
    assert (filters.date_from, filters.date_to) == (D(2025, 12, 1), TODAY)
    assert filters.effective_raions is None


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (Period.LAST_30_DAYS, (D(2026, 10, 27), TODAY)),
        (Period.THIS_QUARTER, (D(2026, 10, 1), TODAY)),
        (Period.THIS_YEAR, (D(2026, 1, 1), TODAY)),
        (Period.LAST_12_MONTHS, (D(2025, 12, 1), TODAY)),
        (Period.PROGRAM_TO_DATE, (D(2016, 1, 1), TODAY)),
    ],
)
def test_presets_are_relative_to_today(period: Period, expected: tuple[dt.date, dt.date]) -> None:
    assert period_range(period, TODAY) == expected
    filters, _ = parse(f"?perioada={period.value}")
    assert (filters.date_from, filters.date_to) == expected


def test_a_full_url_is_parsed_and_canonicalised() -> None:
    search = "?raion=MD-UN,MD-CU&serviciu=cazier&de=2024-01-01&pana=2024-12-31&tip=village"
    filters, notices = parse(search)
    assert notices == []
    assert filters.raions == ("MD-CU", "MD-UN")
    assert filters.services == ("cazier",)
    assert filters.library_kinds == ("village",)
    assert (filters.date_from, filters.date_to) == (D(2024, 1, 1), D(2024, 12, 31))
    assert to_query(filters) == (
        "?raion=MD-CU,MD-UN&serviciu=cazier&tip=village&de=2024-01-01&pana=2024-12-31"
    )


@pytest.mark.parametrize(
    "search",
    [
        "",
        "?perioada=an",
        "?raion=MD-UN&nivel=national&format=online&perioada=30-zile",
        "?serviciu=cazier,mpay_utilitati&de=2020-02-03&pana=2021-04-05",
        "?raion=MD-CA&limba=ru",
    ],
)
def test_url_round_trip(search: str) -> None:
    filters, _ = parse(search)
    language = query_params(search).get("limba")
    again, notices = parse(to_query(filters, language))
    assert again == filters
    assert notices == []


@pytest.mark.parametrize(
    ("search", "code"),
    [
        ("?raion=MD-XX", "unknown_raion"),
        ("?serviciu=drop%20table", "unknown_service"),
        ("?tip=castle", "unknown_library_kind"),
        ("?nivel=king", "unknown_tier"),
        ("?format=fax", "unknown_format"),
        ("?de=2024-13-01", "bad_date"),
        ("?perioada=forever", "bad_period"),
        ("?colour=red", "unknown_parameter"),
        ("?de=2024-12-31&pana=2024-01-01", "dates_swapped"),
    ],
)
def test_invalid_values_are_dropped_with_a_notice(search: str, code: str) -> None:
    filters, notices = parse(search)
    assert code in [n.code for n in notices]
    assert filters.date_from <= filters.date_to


def test_values_of_the_wrong_type_are_rejected() -> None:
    filters, notices = parse_filters({"raion": {"$ne": 1}, "de": 5}, VOCAB, TODAY)
    assert filters.raions == ()
    assert {n.code for n in notices} == {"unknown_raion", "bad_date"}


def test_huge_lists_are_cut() -> None:
    raw = ",".join(["MD-UN"] * (MAX_LIST_ITEMS * 10))
    filters, notices = parse(f"?raion={raw}")
    assert filters.raions == ("MD-UN",)
    assert "too_many_values" in [n.code for n in notices]


def test_dates_stay_inside_the_program() -> None:
    filters, _ = parse("?de=2001-01-01&pana=2099-01-01")
    assert (filters.date_from, filters.date_to) == (D(2016, 1, 1), TODAY)
    before, _ = parse("?de=2015-01-01&pana=2015-12-31")  # entirely before the program
    assert (before.date_from, before.date_to) == (D(2016, 1, 1), D(2016, 1, 1))


def test_scope_is_intersected_and_cannot_be_widened() -> None:
    scope = frozenset({"MD-UN"})
    assert parse("", scope)[0].effective_raions == ("MD-UN",)
    assert parse("?raion=MD-UN,MD-CU", scope)[0].effective_raions == ("MD-UN",)
    assert parse("?raion=MD-CU", scope)[0].effective_raions == ()


def test_cache_keys_differ_by_scope_and_by_filter() -> None:
    base = Filters(D(2024, 1, 1), D(2024, 12, 31))
    keys = {
        base.cache_key(),
        Filters(D(2024, 1, 1), D(2024, 12, 31), scope=frozenset({"MD-UN"})).cache_key(),
        Filters(D(2024, 1, 1), D(2024, 12, 31), scope=frozenset({"MD-CU"})).cache_key(),
        Filters(D(2024, 1, 1), D(2024, 12, 31), raions=("MD-UN",)).cache_key(),
    }
    assert len(keys) == 4


@pytest.mark.parametrize(
    ("current", "previous"),
    [
        ((D(2025, 12, 1), D(2026, 11, 25)), (D(2024, 12, 1), D(2025, 11, 25))),
        ((D(2024, 1, 1), D(2024, 12, 31)), (D(2023, 1, 1), D(2023, 12, 31))),
        ((D(2024, 3, 1), D(2024, 3, 31)), (D(2024, 2, 1), D(2024, 2, 29))),
        ((D(2026, 10, 27), D(2026, 11, 25)), (D(2026, 9, 27), D(2026, 10, 26))),
    ],
)
def test_previous_period(current: tuple, previous: tuple) -> None:
    shifted = Filters(*current).previous_period()
    assert (shifted.date_from, shifted.date_to) == previous
    assert shifted.date_to < current[0]


def test_shift_months_clamps_to_the_month_end() -> None:
    assert shift_months(D(2024, 3, 31), -1) == D(2024, 2, 29)
    assert shift_months(D(2023, 3, 31), -1) == D(2023, 2, 28)
    assert shift_months(D(2026, 11, 25), -12) == D(2025, 11, 25)


@pytest.mark.parametrize("lang", ["ro", "en", "ru"])
def test_raion_options_are_grouped_by_kind(lang: str) -> None:
    from dashboard.filter_options import FilterOptions, RaionOption
    from dashboard.i18n import t
    from data_access.reference import raion_infos
    from layouts.filter_panel import RAION_KIND_ORDER, raion_options

    raions = tuple(RaionOption(r.code, r.name_ro, r.kind) for r in raion_infos())
    options = raion_options(FilterOptions(raions=raions, services=()), lang)
    headings = [o for o in options if o["value"].startswith("group:")]
    kinds = [h["value"].removeprefix("group:") for h in headings]
    assert kinds == [k for k in RAION_KIND_ORDER if any(r.kind == k for r in raions)]
    assert len(kinds) == 4  # municipalities, raions, the ATU and the territorial unit
    assert all(h["disabled"] for h in headings)  # a heading cannot be picked
    assert [h["label"] for h in headings] == [f"— {t(f'raion_kind.{k}', lang)} —" for k in kinds]
    codes = [o["value"] for o in options if not o["value"].startswith("group:")]
    assert sorted(codes) == sorted(r.code for r in raions)  # every raion, exactly once
    assert len(codes) == len(set(codes)) == 37
    kind_of = {r.code: r.kind for r in raions}
    group = None
    for option in options:  # each raion sits under the heading of its own kind
        if option["value"].startswith("group:"):
            group = option["value"].removeprefix("group:")
        else:
            assert kind_of[option["value"]] == group, option
            assert not option.get("disabled")
