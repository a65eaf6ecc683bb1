"""Process-level settings that the load benchmarks showed matter: where tab state lives, the collector's pace."""

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from parlonsen import gc_tuning, settings

ROOT = Path(__file__).resolve().parents[1]


def state_manager_mode(**env: str) -> str:
    """The mode rxconfig.py gives, read in a fresh process with exactly this environment for Reflex."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("REFLEX_")} | env
    code = "import json, rxconfig; print(json.dumps(str(rxconfig.config.state_manager_mode)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_one_worker_keeps_tab_state_in_memory_never_on_disk() -> None:
    assert state_manager_mode() == "memory"


def test_a_redis_url_switches_to_shared_state() -> None:
    assert state_manager_mode(REFLEX_REDIS_URL="redis://127.0.0.1:6379/9") == "redis"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", settings.GC_THRESHOLDS), ("1000,20,30", (1000, 20, 30)), ("1,2", settings.GC_THRESHOLDS),
     ("a,b,c", settings.GC_THRESHOLDS), ("0,10,10", settings.GC_THRESHOLDS)],
)  # fmt: skip
def test_thresholds_come_from_the_environment_only_when_valid(monkeypatch, value: str, expected: tuple) -> None:
    monkeypatch.setenv("PARLONSEN_GC_THRESHOLDS", value)
    assert settings.current().gc_thresholds == expected


def test_tuning_freezes_what_exists_and_sets_the_thresholds() -> None:
    before = gc.get_threshold()
    try:
        gc_tuning.tune_garbage_collector()
        assert gc.get_threshold() == settings.GC_THRESHOLDS
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
