"""Garbage-collector settings for the server process: keep a crowded worker's pauses short.

Measured with `bench/scale.py` (1,000 students on one worker, Python 3.11's default thresholds 700/10/10):
44 full collections in 34 s, each walking every session's state objects for ≈ 200 ms while the event loop
waited, so step latency p95 was ≈ 180 ms although the worker was 15 % busy. Fewer young collections promote
far fewer short-lived objects (event payloads, deltas) to the old generation, so full collections become
rare: p95 ≈ 7–10 ms, same memory. `gc.freeze()` moves what the app built at import (pages, content,
components) out of the collector's sight for good: it is never garbage.
"""

import gc

from parlonsen import settings


def tune_garbage_collector() -> None:
    """Apply once per worker, after the app module is built."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*settings.current().gc_thresholds)  # PARLONSEN_GC_THRESHOLDS overrides
