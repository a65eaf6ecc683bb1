"""Hardening figures (issue 15): a held database and the other tabs; memory under a flood of quick-exit beacons.

1. A held database. In headless Chromium, a student answers questions (« Passer cette question », the next
   question on screen) on our server: first with nothing else going on (the floor), then while another tab's
   database read waits on an exclusive lock of the SQLite file for HELD seconds. Prints the median and the
   slowest step, the slowest one's ratio to the floor, and how long the held read waited. Before
   `state/off_loop.py` the step that came while the read waited waited with it (issue 15 measured 5 s).
2. 10,000 `POST /sortie` with made-up tab tokens (the quick exit's beacon), 20 at a time: the server's memory
   (RSS of the whole process tree) before, after, and after 10,000 more. Before the fix each one created an
   empty tab state kept for an hour (issue 15: tens of MB for 2,000).

Usage: `make build`, then `python bench/hardening.py` (starts its own servers on ports 3000 and 3100, which must
be free; about 2 minutes). Prints figures; never fails on time. `bench/report.py` runs it too.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from playwright.sync_api import sync_playwright

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

import load  # noqa: E402
import scale  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.e2e.flows import answer_on_screen, wait_until_ready  # noqa: E402

HELD = 4.0  # seconds, under SQLite's 5 s busy timeout
STEPS = 4  # questions skipped per round
ROUNDS = 3
BEACONS = 10_000
BROWSER_PORT = 3000  # the frontend build's websocket port


def _steps(page, base: str) -> list[float]:
    page.goto(f"{base}/questionnaire/eleve")
    wait_until_ready(page)
    times = []
    for _ in range(STEPS):
        start = time.perf_counter()
        answer_on_screen(page, {})
        times.append((time.perf_counter() - start) * 1000)
    return times


def held_database(base: str, database: Path) -> dict:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        student, waiting = browser.new_page(), browser.new_page()
        _steps(student, base)  # warm-up
        floor = [t for _ in range(ROUNDS) for t in _steps(student, base)]
        during, waits = [], []
        for _ in range(ROUNDS):
            student.goto(f"{base}/questionnaire/eleve")
            wait_until_ready(student)
            lock = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
            lock.execute("BEGIN EXCLUSIVE")
            timer = threading.Timer(HELD, lambda lock=lock: lock.execute("COMMIT"))
            held_at = time.perf_counter()
            timer.start()
            waiting.goto(f"{base}/etablissement/0593233U")
            for _ in range(STEPS):
                start = time.perf_counter()
                answer_on_screen(student, {})
                during.append((time.perf_counter() - start) * 1000)
            wait_until_ready(waiting)
            waits.append((time.perf_counter() - held_at) * 1000)
            timer.join()
            lock.close()
        browser.close()
    figures = {
        "floor_ms": statistics.median(floor),
        "during_ms": statistics.median(during),
        "during_max_ms": max(during),
        "held_read_ms": statistics.median(waits),
        "steps": len(during),
    }
    figures["ratio"] = figures["during_max_ms"] / figures["floor_ms"]
    print(
        f"  a question step: {figures['floor_ms']:.0f} ms alone; while another tab's read waited "
        f"{figures['held_read_ms']:.0f} ms on a locked database, {figures['during_ms']:.0f} ms (median) and "
        f"{figures['during_max_ms']:.0f} ms (slowest): ×{figures['ratio']:.1f} the floor"
    )
    return figures


def _beacon(url: str) -> None:
    request = urllib.request.Request(url, data=uuid.uuid4().hex.encode(), method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()


def beacons(server: scale.Server) -> dict:
    url = f"http://127.0.0.1:{server.port}/sortie"
    rss = [load.rss_kib(server.pids())]
    started = time.perf_counter()
    for _ in range(2):
        with ThreadPoolExecutor(max_workers=20) as pool:
            list(pool.map(lambda _: _beacon(url), range(BEACONS)))
        rss.append(load.rss_kib(server.pids()))
    seconds = time.perf_counter() - started
    figures = {
        "before_kib": rss[0],
        "after_kib": rss[1],
        "after_twice_kib": rss[2],
        "per_second": 2 * BEACONS / seconds,
    }
    print(
        f"  {BEACONS:,} made-up quick-exit beacons: RSS {load.mib(rss[0])} → {load.mib(rss[1])}, "
        f"then {load.mib(rss[2])} after {BEACONS:,} more ({figures['per_second']:.0f} a second)"
    )
    return figures


def probes(server: scale.Server, calls: int = 300) -> dict:
    """What a load balancer's health and readiness checks cost: each path called `calls` times in a row."""
    figures = {}
    for path in ("/healthz", "/readyz"):
        started = time.perf_counter()
        for _ in range(calls):
            with urllib.request.urlopen(f"http://127.0.0.1:{server.port}{path}", timeout=10) as response:
                response.read()
        figures[path] = (time.perf_counter() - started) * 1000 / calls
    print(f"  /healthz {figures['/healthz']:.2f} ms, /readyz {figures['/readyz']:.2f} ms a call ({calls} in a row)")
    return figures


def main() -> dict:
    database = ROOT / ".web" / "bench.db"
    scale.prepare_database(f"sqlite:///{database}")
    server = scale.ours()
    with server:
        figures = {"beacons": beacons(server), "probes": probes(server)}
    if scale.answers("127.0.0.1", BROWSER_PORT):
        print(f"  port {BROWSER_PORT} is busy (make run?): the held-database figure needs its own server there")
        return figures
    browser_server = scale.ours()
    browser_server.port = BROWSER_PORT
    browser_server.command[browser_server.command.index("--port") + 1] = str(BROWSER_PORT)
    with browser_server:
        figures["held_database"] = held_database(f"http://localhost:{BROWSER_PORT}", database)
    return figures


if __name__ == "__main__":
    main()
