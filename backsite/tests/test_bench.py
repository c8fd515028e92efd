"""`make bench` judges its targets from the rows it measured (bench/run.py)."""

import importlib.util
from pathlib import Path

SPEC = importlib.util.spec_from_file_location(
    "bench_run", Path(__file__).resolve().parents[2] / "bench" / "run.py"
)
bench = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench)


def row(rps, p50=5.0, p99=20.0, **extra):
    return {"rps": rps, "p50": p50, "p99": p99, "non2xx": 0, "socket": "", **extra}


def rows(cached_rps, paired_bare, filtered=None):
    return [
        ("bare Django view", "", row(2000)),
        ("home", "cached", row(cached_rps, bare=paired_bare)),
        ("catalogue, 3 filters", "uncached", filtered or row(300, p50=40, p99=90)),
    ]


def test_a_cached_page_is_judged_against_the_bare_run_just_before_it():
    first_bare = {"rps": 2000}
    assert bench.missed_targets(rows(1500, paired_bare=1800), first_bare) == []  # 0.83
    assert bench.missed_targets(rows(1500, paired_bare=2400), first_bare) == [
        "home (cached) at 0.62 of the bare view"
    ]


def test_slow_filtered_catalogue_and_errors_are_misses():
    slow = row(100, p50=60, p99=200, non2xx=3)
    misses = bench.missed_targets(rows(1900, 2000, filtered=slow), {"rps": 2000})
    assert misses == [
        "catalogue, 3 filters uncached: 3 non-2xx, socket errors none",
        "uncached filtered catalogue p50 60.0 ms, p99 200.0 ms",
    ]


def test_a_page_through_nginx_is_judged_against_nginx_serving_its_bytes():
    proxied = [("home", "nginx micro-cache", row(20000, static=30000))]
    assert bench.missed_targets(proxied, {"rps": 2000}) == []  # 0.67
    slow = [("catalogue", "nginx micro-cache", row(12000, static=30000))]
    missed = bench.missed_targets(slow, {"rps": 2000})
    assert missed == ["catalogue (nginx micro-cache) at 0.40 of nginx static"]


def test_a_slow_uncached_filtered_api_list_is_a_miss():
    fast = [("API exercises, 3 filters", "uncached", row(400, p50=12))]
    assert bench.missed_targets(fast, {"rps": 2000}) == []
    slow = [("API exercises, 3 filters", "uncached", row(40, p50=55))]
    assert bench.missed_targets(slow, {"rps": 2000}) == ["uncached filtered API exercise list p50 55.0 ms"]
    cached = [("API exercises", "cached", row(1000, bare=2000))]
    assert bench.missed_targets(cached, {"rps": 2000}) == ["API exercises (cached) at 0.50 of the bare view"]
