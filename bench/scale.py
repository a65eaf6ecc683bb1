"""The questionnaire at scale: starts its own servers, loads them with `load.py`'s websocket students.

In one run, on this machine:
1. the framework's floor: a blank Reflex app (`bench/blank_app`, one trivial state-changing event) and ours,
   each fresh, one worker: server memory per connected session and saturated throughput, measured the same way;
2. one worker (SQLite, Reflex's in-memory state): N students with 2–5 s think time, N = 100, 500, 1,000, 2,000,
   each step's latency as a ratio to the interleaved no-op; bursts (a whole class clicking in the same second)
   of 30, 300 and 1,000;
3. PostgreSQL + Redis: throughput with 1, 2 and 4 workers, and the N students on 2 workers.

Ports 3100 (ours) and 3201 (blank app); skips the PostgreSQL + Redis part, saying so, when they don't answer.
Prints everything, returns the figures to `bench/report.py`; never fails on time.

    .venv/bin/python bench/scale.py              # everything (≈ 15 min)
    .venv/bin/python bench/scale.py --quick      # smaller N, shorter phases (≈ 4 min)
"""

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sqlalchemy import create_engine, text

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import load  # noqa: E402

from parlonsen.gc_tuning import tune_garbage_collector  # noqa: E402

OURS_PORT, BLANK_PORT = 3100, 3201
POSTGRES = os.environ.get("PARLONSEN_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BENCH_DATABASE = "parlonsen_bench"
REDIS_URL = "redis://127.0.0.1:6379/8"
BLANK_STATE = f"{load.ROOT_STATE}.blank_app___blank_app____state"
LOGS = ROOT / ".web" / "bench-logs"


def answers(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, port)) == 0


class Server:
    """A server in its own process group: started fresh, measured (RSS of the whole tree), stopped."""

    def __init__(self, name: str, command: list[str], cwd: Path, env: dict[str, str], port: int) -> None:
        self.name, self.command, self.cwd, self.env, self.port = name, command, cwd, env, port
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        if answers("127.0.0.1", self.port):
            raise SystemExit(f"port {self.port} is busy: stop what runs there first")
        LOGS.mkdir(parents=True, exist_ok=True)
        log = (LOGS / f"{self.name}.log").open("a")
        self.process = subprocess.Popen(
            self.command, cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} stopped (exit {self.process.returncode}): see {log.name}")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/ping", timeout=2):
                    time.sleep(1.0)  # every worker up, not just the first
                    return self
            time.sleep(0.3)
        raise SystemExit(f"{self.name} did not answer on port {self.port} within 120 s")

    def __exit__(self, *exc: object) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        deadline = time.monotonic() + 20
        while answers("127.0.0.1", self.port) and time.monotonic() < deadline:
            time.sleep(0.2)

    def pids(self) -> list[int]:
        return load.server_pids([self.process.pid], self.port) if self.process else []


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REFLEX_", "GRANIAN_"))}
    env.update(REFLEX_TELEMETRY_ENABLED="false", REFLEX_LOGLEVEL="warning")
    return env


def ours(workers: int = 1, db_url: str | None = None, redis_url: str | None = None) -> Server:
    env = base_env()
    env.update(REFLEX_DB_URL=db_url or f"sqlite:///{ROOT / '.web' / 'bench.db'}")
    env.update(PARLONSEN_SECRETS_DIR=str(ROOT / ".web" / "bench-secrets"), GRANIAN_WORKERS=str(workers))
    if redis_url:
        env["REFLEX_REDIS_URL"] = redis_url
    name = f"parlonsen-{workers}w" + ("-redis" if redis_url else "")
    command = [sys.executable, "-m", "parlonsen.serve", "--port", str(OURS_PORT), "--host", "127.0.0.1"]
    return Server(name, command, ROOT, env, OURS_PORT)


def blank() -> Server:
    reflex = str(Path(sys.executable).with_name("reflex"))
    command = [reflex, "run", "--env", "prod", "--backend-only", "--backend-port", str(BLANK_PORT)]
    # The same state manager as ours on one worker (in memory), so that the comparison is like for like.
    env = base_env() | {"REFLEX_STATE_MANAGER_MODE": "memory"}
    return Server("blank", [*command, "--loglevel", "warning"], BENCH / "blank_app", env, BLANK_PORT)


def prepare_database(db_url: str) -> None:
    """Migrations and the demo seed, as `make run` does (`reflex db migrate` once, before any worker)."""
    env = base_env() | {"REFLEX_DB_URL": db_url}
    reflex = str(Path(sys.executable).with_name("reflex"))
    for command in ([reflex, "db", "migrate"], [sys.executable, "-m", "parlonsen.cli", "seed"]):
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


def fresh_postgres() -> str | None:
    """A database of the bench's own on the local PostgreSQL, or None (said) when none answers."""
    if not answers("127.0.0.1", 5432) or not answers("127.0.0.1", 6379):
        return None
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {BENCH_DATABASE}"))
    admin.dispose()
    url = POSTGRES.rsplit("/", 1)[0] + f"/{BENCH_DATABASE}"
    prepare_database(url)
    return url


def flush_redis() -> None:
    subprocess.run(["redis-cli", "-n", REDIS_URL.rsplit("/", 1)[1], "flushdb"], check=False, capture_output=True)


def plan_for(port: int, state: str, clock: str, boot: tuple) -> load.Plan:
    hashes, schema = boot
    return load.Plan("127.0.0.1", port, "/_event", load.reflex_version(), state, clock, hashes, schema, (2, 5), False)


# ---- 1. the floor: memory per session and throughput, ours beside a blank app -----------------------------


async def floor_run(plan: load.Plan, server: Server, count: int, clients: int, seconds: float, app: str) -> dict:
    """Connect `count` tabs, a few state-changing events each, RSS per session; then saturate with `clients`."""
    await asyncio.sleep(1.0)
    before = load.rss_kib(server.pids())
    students, failed = await load.connect_students(plan, count)
    await asyncio.sleep(1.0)
    hydrated = load.rss_kib(server.pids())
    touched = load.touches(plan.questionnaire)
    if app == "ours":
        start = load.routed(f"{plan.questionnaire}.start", {"profile": "eleve"}, "/")
        forward = load.questionnaire_cycle(plan.questionnaire)[4:]
        tick = {"question_id": "concern", "option_id": "harcelement"}
        first_answers = [
            *forward[:2],
            load.routed(f"{plan.questionnaire}.choose", tick, "/questionnaire"),
            *forward[2:],
        ]
        events = [start, *first_answers]
    else:
        events = [load.routed(f"{plan.questionnaire}.increment", {}, "/")] * 5
    errors = 0

    async def walk(student: load.Student) -> None:
        nonlocal errors
        for event in events:
            try:
                await student.call(event, touched, load.EVENT_TIMEOUT)
            except Exception:
                errors += 1
                return

    gate = asyncio.Semaphore(100)

    async def gated(student: load.Student) -> None:
        async with gate:
            await walk(student)

    await asyncio.gather(*(gated(s) for s in students))
    await asyncio.sleep(1.0)
    used = load.rss_kib(server.pids())
    result: dict = {"sessions": len(students), "connect_failed": failed, "walk_errors": errors}
    if before and hydrated and used and students:
        result["kib_hydrated"] = (hydrated - before) / len(students)
        result["kib_used"] = (used - before) / len(students)
        result["rss_mib"] = {"before": before / 1024, "hydrated": hydrated / 1024, "used": used / 1024}
    pool = students[:clients]
    result["clients"] = len(pool)
    if app == "ours":
        noop = [load.routed(f"{plan.clock}.refresh", {}, "/questionnaire")]
        result["noop"] = await load.saturate(pool, seconds, noop, load.touches(plan.clock))
        cycle = load.questionnaire_cycle(plan.questionnaire)
        result["step"] = await load.saturate(pool, seconds, cycle, touched)
    else:
        result["noop"] = await load.saturate(pool, seconds, events[:1], touched)
    await asyncio.gather(*(s.close() for s in students), return_exceptions=True)
    return result


def print_floor(name: str, figures: dict) -> None:
    memory = (
        f"{figures['kib_hydrated']:.1f} KiB/session hydrated, {figures['kib_used']:.1f} KiB after events"
        if "kib_hydrated" in figures
        else "memory n/a"
    )
    print(f"{name}: {figures['sessions']} sessions ({figures['connect_failed']} failed), {memory}")
    for key in ("noop", "step"):
        if key in figures:
            f = figures[key]
            print(
                f"  saturated {key:4s}: {f['rate']:7.0f} events/s, p50 {f.get('p50', 0):.1f} ms, "
                f"p99 {f.get('p99', 0):.1f} ms, {f['errors']} errors"
            )


# ---- the whole run ---------------------------------------------------------------------------------------------


def run(quick: bool = False) -> dict:
    counts = [100, 500] if quick else [100, 500, 1000, 2000]
    bursts = [30, 300] if quick else [30, 300, 1000]
    memory_sessions, clients, seconds = (300, 50, 5.0) if quick else (1000, 50, 10.0)
    questionnaire, clock = load.event_names()
    boot = load.compiled_boot()
    tune_garbage_collector()  # keep the load generator's own pauses out of the latencies
    prepare_database(f"sqlite:///{ROOT / '.web' / 'bench.db'}")
    results: dict = {"quick": quick, "one_worker": {}, "bursts": {}, "multiworker": {}, "floor": {}}

    print(f"== floor: {memory_sessions} sessions then {clients} clients saturating {seconds:g} s, fresh servers")
    with blank() as server:
        results["floor"]["blank"] = asyncio.run(
            floor_run(plan_for(BLANK_PORT, BLANK_STATE, BLANK_STATE, (None, None)), server, memory_sessions,
                      clients, seconds, "blank")
        )  # fmt: skip
    print_floor("blank Reflex app", results["floor"]["blank"])
    with ours() as server:
        plan = plan_for(OURS_PORT, questionnaire, clock, boot)
        results["floor"]["ours"] = asyncio.run(floor_run(plan, server, memory_sessions, clients, seconds, "ours"))
    print_floor("Parlons-en", results["floor"]["ours"])
    print()

    for count in counts:
        with ours() as server:
            plan = plan_for(OURS_PORT, questionnaire, clock, boot)
            results["one_worker"][count] = asyncio.run(load.run_once(plan, count, 180, server.pids(), 100))
    for count in bursts:
        with ours() as server:
            plan = plan_for(OURS_PORT, questionnaire, clock, boot)
            plan.burst = True
            results["bursts"][count] = asyncio.run(load.run_once(plan, count, 180, server.pids(), 100))

    db_url = fresh_postgres()
    if db_url is None:
        print("PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) not answering: multi-worker part skipped")
        results["multiworker"] = None
        return results
    throughput: dict = {}
    for workers in (1, 2, 4):
        flush_redis()
        with ours(workers, db_url, REDIS_URL) as server:
            plan = plan_for(OURS_PORT, questionnaire, clock, boot)
            figures = asyncio.run(floor_run(plan, server, clients * workers, clients * workers, seconds, "ours"))
        print_floor(f"PostgreSQL + Redis, {workers} worker(s)", figures)
        throughput[workers] = figures
    results["multiworker"]["throughput"] = throughput
    runs: dict = {}
    for count in counts:
        flush_redis()
        with ours(2, db_url, REDIS_URL) as server:
            plan = plan_for(OURS_PORT, questionnaire, clock, boot)
            runs[count] = asyncio.run(load.run_once(plan, count, 180, server.pids(), 100))
    results["multiworker"]["two_workers"] = runs
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller N and shorter phases")
    args = parser.parse_args()
    run(args.quick)


if __name__ == "__main__":
    main()
