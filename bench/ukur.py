"""Timing helpers: repeated runs reported as median and p95, query counts, peak memory."""
from __future__ import annotations

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
    waktu = []
    queries, sql = 0, []
    for _ in range(kali):
        with CaptureQueriesContext(connection) as ctx:
            mulai = time.perf_counter()
            fn()
            waktu.append(time.perf_counter() - mulai)
        queries = len(ctx.captured_queries)
        sql = [q["sql"][:200] for q in ctx.captured_queries]
    return {
        "seconds": round(statistics.median(waktu), 5),
        "p50": round(statistics.median(waktu), 5),
        "p95": round(persentil(waktu, 0.95), 5),
        "runs": kali,
        "queries": queries,
        "sql": sql,
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
