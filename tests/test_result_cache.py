"""The filesystem result cache stays bounded and fast however many views it has seen."""

from __future__ import annotations

import datetime as dt
import pickle
import time
from pathlib import Path

import pandas as pd
from flask import Flask

from dashboard.cache import ResultCache, count_files
from dashboard.cache_codec import MIN_ROWS, PackedFrame, pack, unpack
from dashboard.settings import Settings


def test_filesystem_cache_is_bounded_and_writes_stay_fast(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    settings = Settings(cache_type="FileSystemCache", cache_dir=str(folder), cache_max_files=200)
    cache = ResultCache(Flask(__name__), settings)
    timings = []
    for i in range(1000):
        start = time.perf_counter()
        assert cache.get_or_compute("view", (i,), lambda i=i: {"value": i}) == {"value": i}
        timings.append(time.perf_counter() - start)
        assert count_files(str(folder)) <= 200 + 200 // 20
    assert cache.get_or_compute("view", (999,), lambda: "recomputed") == {"value": 999}
    # no write pays for reading the whole folder (cachelib's pruning did, at every write)
    assert sorted(timings)[int(len(timings) * 0.99)] < 0.05


def _table() -> pd.DataFrame:
    """A grid table as the pages build them: dates as date objects (None: none); as many rows
    as packing starts at."""
    return pd.DataFrame({
        "name": pd.array(["Ana", "Ion", "Maria"], dtype="str"),
        "certified_on": [dt.date(2019, 3, 1), dt.date(2016, 1, 1), dt.date(2024, 12, 31)],
        "last_activity": [None, dt.date(2023, 5, 2), None],
        "stamp": [dt.datetime(2024, 1, 1, 9, 30), None, None],  # a time: never packed
        "mixed": [dt.date(2024, 1, 1), "2024-01-02", None],  # not only dates: as is
        "never": [None, None, None],
        "requests": [3, 0, 12],
    }).sample(MIN_ROWS, replace=True, random_state=1).reset_index(drop=True)  # fmt: skip


def test_tables_are_stored_with_their_dates_packed_and_read_back_identical() -> None:
    table = _table()
    packed = pack(table)
    assert isinstance(packed, PackedFrame)
    assert packed.dates == ("certified_on", "last_activity")
    assert packed.frame["last_activity"].dtype.kind == "M"
    restored = unpack(pickle.loads(pickle.dumps(packed)))
    pd.testing.assert_frame_equal(restored, table)
    assert set(restored["last_activity"]) == {None, dt.date(2023, 5, 2)}
    assert type(restored["certified_on"].iloc[0]) is dt.date
    assert list(restored.columns) == list(table.columns)
    assert isinstance(pack(table.iloc[: MIN_ROWS - 1]), pd.DataFrame)  # small: as it is
    # pairs of tables (the map's raions and libraries) too; anything else untouched
    raions, libraries = unpack(pack((table.iloc[:0], table)))
    pd.testing.assert_frame_equal(libraries, table)
    pd.testing.assert_frame_equal(raions, table.iloc[:0])
    for value in ({"value": 1}, [table.iloc[:1]], "text", None):
        assert pack(value) is value


def test_a_cached_table_comes_back_from_the_filesystem_equal(tmp_path: Path) -> None:
    settings = Settings(cache_type="FileSystemCache", cache_dir=str(tmp_path / "cache"))
    cache = ResultCache(Flask(__name__), settings)
    table = _table()
    assert cache.get_or_compute("grid", ("view",), lambda: table) is table
    again = cache.get_or_compute("grid", ("view",), lambda: pd.DataFrame())  # a hit
    pd.testing.assert_frame_equal(again, table)


def test_a_value_kept_on_reuse_is_stored_the_second_time_it_is_asked_for(tmp_path: Path) -> None:
    settings = Settings(cache_type="FileSystemCache", cache_dir=str(tmp_path / "cache"))
    cache = ResultCache(Flask(__name__), settings)
    computed: list[int] = []

    def table() -> pd.DataFrame:
        computed.append(1)
        return _table()

    for _ in range(3):
        got = cache.get_or_compute("grid", ("view",), table, on_reuse=True)
        pd.testing.assert_frame_equal(got, _table())
    assert len(computed) == 2  # asked, asked again (now stored), then read
    assert cache.lookup("grid", ("view",)) is not None
    assert cache.lookup("grid", ("other view",)) is None
    cache.get_or_compute("grid", ("other view",), table, on_reuse=True)
    assert cache.lookup("grid", ("other view",)) is None  # asked once: only its mark is kept
    assert cache.lookup("grid.asked", ("other view",)) is True


def _server_with_cache(tmp_path: Path) -> tuple[Flask, ResultCache, list[int]]:
    """A Flask app whose one route computes a table through the cache, counting computations."""
    server = Flask(__name__)
    settings = Settings(cache_type="FileSystemCache", cache_dir=str(tmp_path / "cache"))
    cache = ResultCache(server, settings)
    computed: list[int] = []

    def table() -> pd.DataFrame:
        computed.append(1)
        return _table()

    @server.post("/view/<name>")
    def view(name: str) -> dict[str, object]:
        first = cache.get_or_compute("grid", (name,), table)
        again = cache.get_or_compute("grid", (name,), table)  # the same request: not written yet
        first["changed"] = 0  # the caller's table is its own: the kept one does not change
        return {
            "rows": len(again),
            "written": cache._cache.get(cache.key("grid", name)) is not None,
        }

    return server, cache, computed


def test_a_table_is_written_once_the_answer_is_sent(tmp_path: Path) -> None:
    server, cache, computed = _server_with_cache(tmp_path)
    client = server.test_client()
    response = client.post("/view/a")
    assert response.get_json() == {"rows": len(_table()), "written": False}
    assert computed == [1]  # the request found its own table before it was written
    assert cache.lookup("grid", ("a",)) is None  # answered, not yet closed
    response.close()  # what a server does once the answer is sent
    kept = cache.lookup("grid", ("a",))
    pd.testing.assert_frame_equal(kept, _table())  # as computed: the later change is not in it
    client.post("/view/a").close()
    assert computed == [1]  # read back


def test_a_table_whose_answer_was_never_closed_is_written_before_the_next_request(
    tmp_path: Path,
) -> None:
    server, cache, computed = _server_with_cache(tmp_path)
    client = server.test_client()
    client.post("/view/a")  # never closed (a test client's way)
    client.post("/view/b").close()
    pd.testing.assert_frame_equal(cache.lookup("grid", ("a",)), _table())
    client.post("/view/a").close()
    assert computed == [1, 1]  # a and b once each


def test_values_other_than_tables_and_values_outside_a_request_are_written_at_once(
    tmp_path: Path,
) -> None:
    server, cache, _ = _server_with_cache(tmp_path)
    with server.test_request_context("/"):
        cache.store("count", ("a",), {"value": 1})
        assert cache._cache.get(cache.key("count", "a")) == {"value": 1}
    cache.store("grid", ("b",), _table())
    pd.testing.assert_frame_equal(cache.lookup("grid", ("b",)), _table())
