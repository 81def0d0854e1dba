"""Settings.from_env: the dormant threshold (and its neighbours) read from the environment."""

from __future__ import annotations

import pytest

from dashboard.settings import Settings


def test_dormant_days_from_the_environment() -> None:
    assert Settings.from_env({"DORMANT_DAYS": "45"}).dormant_days == 45
    assert Settings.from_env({"DORMANT_DAYS": " 90 "}).dormant_days == 90
    assert Settings.from_env({}).dormant_days == 60  # unset: the documented default
    assert Settings.from_env({"DORMANT_DAYS": ""}).dormant_days == 60


@pytest.mark.parametrize("raw", ["0", "-30"])
def test_dormant_days_below_one_day_become_one(raw: str) -> None:
    assert Settings.from_env({"DORMANT_DAYS": raw}).dormant_days == 1


@pytest.mark.parametrize("raw", ["sixty", "45.5", "45 zile"])
def test_a_dormant_days_that_is_not_a_whole_number_is_a_clear_error(raw: str) -> None:
    with pytest.raises(ValueError, match=f"DORMANT_DAYS must be an integer, got '{raw}'"):
        Settings.from_env({"DORMANT_DAYS": raw})


def test_from_env_reads_only_the_mapping_it_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DORMANT_DAYS", "7")
    assert Settings.from_env({}).dormant_days == 60
    assert Settings.from_env().dormant_days == 7  # None: the process environment
