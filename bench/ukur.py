"""Timing helpers: repeated runs reported as median and p95, query counts, peak memory."""
from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def persentil(nilai: list[float], p: float) -> float:
    urut = sorted(nilai)
    if not urut:
        return 0.0
    k = (len(urut) - 1) * p
    bawah = int(k)
    atas = min(bawah + 1, len(urut) - 1)
    return urut[bawah] + (urut[atas] - urut[bawah]) * (k - bawah)


def ulang(fn: Callable[[], object], *, kali: int) -> dict:
    """Run `fn` `kali` times; seconds as median/p95 and the query count of the last run."""
    waktu: list[float] = []
    jejak: dict = {}
    for _ in range(kali):
        waktu.append(_sekali(fn, jejak))
    return _laporan(waktu, jejak, kali)


def ulang_bergantian(fn: Callable[[], object], dasar: Callable[[], object], *, kali: int) -> tuple[dict, dict]:
    """`ulang` of a measured function and its baseline, run in turns (fn, baseline, fn, ...) after a
    garbage collection each: a drift of the machine (another process, the page cache, a collection
    left by the previous run) then weighs on both, not on whichever ran second."""
    waktu: tuple[list[float], list[float]] = ([], [])
    jejak: tuple[dict, dict] = ({}, {})
    for _ in range(kali):
        for i, f in enumerate((fn, dasar)):
            gc.collect()
            waktu[i].append(_sekali(f, jejak[i]))
    return _laporan(waktu[0], jejak[0], kali), _laporan(waktu[1], jejak[1], kali)


def _sekali(fn: Callable[[], object], jejak: dict) -> float:
    with CaptureQueriesContext(connection) as ctx:
        mulai = time.perf_counter()
        fn()
        detik = time.perf_counter() - mulai
    jejak["queries"] = len(ctx.captured_queries)
    jejak["sql"] = [q["sql"][:200] for q in ctx.captured_queries]
    return detik


def _laporan(waktu: list[float], jejak: dict, kali: int) -> dict:
    return {
        "seconds": round(statistics.median(waktu), 5),
        "p50": round(statistics.median(waktu), 5),
        "p95": round(persentil(waktu, 0.95), 5),
        "runs": kali,
        "queries": jejak.get("queries", 0),
        "sql": jejak.get("sql", []),
    }


def memori_puncak(fn: Callable[[], object]) -> tuple[float, float]:
    """(seconds, peak MB of Python allocations) of one run."""
    tracemalloc.start()
    mulai = time.perf_counter()
    fn()
    detik = time.perf_counter() - mulai
    _, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(detik, 4), round(puncak / 1048576, 2)


def dengan_baseline(hasil: dict, baseline: dict) -> dict:
    hasil = dict(hasil)
    hasil["baseline_seconds"] = baseline["seconds"]
    hasil["ratio"] = round(hasil["seconds"] / baseline["seconds"], 2) if baseline["seconds"] else None
    return hasil
