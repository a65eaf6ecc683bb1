"""Load benchmark of the questionnaire against the running production server (`make run`).

Each simulated student is a real websocket client speaking Reflex's event protocol as the browser's
`.web/utils/state.js` does: Socket.IO (Engine.IO v4) at path `/_event`, transport websocket only, query
`token=<uuid>`, subprotocol = Reflex version, and the `hydrate_and_load` boot event riding in the
CONNECT packet's `auth` (with the compiled state hashes and state schema). Each event is then
`emit("event", {name, payload, router_data})`; the server answers with `"event"` messages
`{delta, events}`. A student never has two events in flight, so the first `"event"` message after an
emit is that event's answer: its latency is emit -> first delta.

The path, in the UI's order (parlonsen/content/questionnaire.yaml), one page per question: hydrate (+ the
page's on_load the server queues back, forwarded like the browser does), the link « Je suis élève » (the
client-side navigation to /questionnaire/eleve and its on_load), who=moi, danger=non, self_harm=non,
concern: two ticks then next, where: one tick then next (the result). Each answer that moves to another
question's page (or the result's) comes with a redirect: the browser navigates client-side and runs the
new page's on_load through on_load_internal, and so does the student here.
Between two steps a no-op event is interleaved: `ClockState.refresh` (parlonsen/state/clock.py: it
recomputes which channels are open; cheap, changes nothing meaningful), as many as questionnaire
steps, in the same run, as the baseline.

No extra dependency: python-socketio's client needs aiohttp, which the app does not install, so the
websocket is spoken with wsproto (installed with the server) and the Engine.IO/Socket.IO framing by
hand. Loopback only; each run is bounded by --duration; always exits 0 and prints what it measured.

    .venv/bin/python bench/load.py --url http://localhost:3000 --students 100,500 --think 2-5
    .venv/bin/python bench/load.py --students 300 --burst
"""

import argparse
import asyncio
import contextlib
import ipaddress
import json
import math
import os
import random
import re
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wsproto import ConnectionType, WSConnection
from wsproto.events import (
    AcceptConnection,
    BytesMessage,
    CloseConnection,
    Ping,
    RejectConnection,
    Request,
    TextMessage,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parlonsen.gc_tuning import tune_garbage_collector  # noqa: E402  (a plain module: no Reflex)

ROOT_STATE = "reflex___state____state"
# Fallbacks if the app cannot be imported; normally read from the state classes (see event_names()).
QUESTIONNAIRE = f"{ROOT_STATE}.parlonsen___state___questionnaire____questionnaire_state"
CLOCK = f"{ROOT_STATE}.parlonsen___state___clock____clock_state"
HYDRATE = f"{ROOT_STATE}.hydrate_and_load"
ON_LOAD_INTERNAL = f"{ROOT_STATE}.reflex___state____on_load_internal_state.on_load_internal"
NOOP_STEP = "no-op (ClockState.refresh)"
HYDRATE_STEP = "hydrate (connect -> first delta)"
EVENT_TIMEOUT = 60.0  # an answer later than this counts as an error ("timeout")
GRACE = 15.0  # after --duration, answers still awaited get this long before the run stops


def event_names() -> tuple[str, str]:
    """Full state names, from the app's own classes in a separate process (the bench stays light)."""
    code = (
        "import json, parlonsen.state.questionnaire as q, parlonsen.state.clock as c;"
        "print(json.dumps([q.QuestionnaireState.get_full_name(), c.ClockState.get_full_name()]))"
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
        )
        questionnaire, clock = json.loads(out.stdout.strip().splitlines()[-1])
        return questionnaire, clock
    except (OSError, subprocess.SubprocessError, ValueError, IndexError) as error:
        print(f"(state names not read from the app: {error}; using the built-in names)")
        return QUESTIONNAIRE, CLOCK


def compiled_boot() -> tuple[list[str] | None, str | None]:
    """The initial state hashes and state schema the compiled frontend sends with its first hydrate."""
    try:
        text = (ROOT / ".web" / "utils" / "context.jsx").read_text()
    except OSError:
        return None, None
    hashes = re.search(r"initialStateHashes = (\[.*?\])", text)
    schema = re.search(r'stateSchema = "([^"]*)"', text)
    return (json.loads(hashes.group(1)) if hashes else None), (schema.group(1) if schema else None)


def reflex_version() -> str:
    try:
        return json.loads((ROOT / ".web" / "reflex.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return ""


class ProtocolError(Exception):
    pass


def has_delta(update: dict) -> bool:
    return bool(update.get("delta"))


def touches(state: str) -> Callable[[dict], bool]:
    """An answer of an event of `state` carries that substate's delta (an update has no event id)."""
    return lambda update: state in (update.get("delta") or {})


def hydrated(update: dict) -> bool:
    """The end of a hydrate or a page's on_load chain: the root state's is_hydrated turns true."""
    return (update.get("delta") or {}).get(ROOT_STATE, {}).get("is_hydrated_rx_state_") is True


def redirect_target(update: dict) -> str | None:
    for event in update.get("events") or []:
        if isinstance(event, dict) and event.get("name") == "_redirect":
            return (event.get("payload") or {}).get("path")
    return None


class Student:
    """One browser tab: a websocket speaking Engine.IO v4 / Socket.IO v5 to the Reflex backend."""

    def __init__(self, host: str, port: int, path: str, subprotocol: str):
        self.host, self.port, self.path, self.subprotocol = host, port, path, subprotocol
        # socket.io-client takes the namespace from the URL's path too: `io("ws://host/_event", {path: "/_event"})`.
        self.namespace = path
        self.token = str(uuid.uuid4())
        self.ws = WSConnection(ConnectionType.CLIENT)
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.task: asyncio.Task | None = None
        self.opened: asyncio.Future | None = None  # Engine.IO open, then Socket.IO CONNECT ack
        self.joined: asyncio.Future | None = None
        self.waiter: asyncio.Future | None = None  # the answer awaited for the one event in flight
        self.expect: Callable[[dict], bool] | None = None  # which update is that answer
        self.inbox: list[tuple[float, dict]] = []  # updates received since the last emit, not yet claimed
        self.sent_at = 0.0
        self.text: list[str] = []
        self.extra = 0  # "event" messages that arrived with no event in flight
        self.closed = False

    def _send(self, data: bytes) -> None:
        if self.writer is not None and not self.writer.is_closing():
            self.writer.write(data)

    def _send_text(self, text: str) -> None:
        self._send(self.ws.send(TextMessage(data=text)))

    def _fail(self, error: Exception) -> None:
        self.closed = True
        for future in (self.opened, self.joined, self.waiter):
            if future is not None and not future.done():
                future.set_exception(error)

    async def connect(self, boot_event: dict, schema: str | None, timeout: float) -> tuple[float, dict]:
        """Open the socket and join with the hydrate in the CONNECT packet; (latency, first update)."""
        loop = asyncio.get_running_loop()
        self.opened, self.joined = loop.create_future(), loop.create_future()
        self.reader, self.writer = await asyncio.wait_for(asyncio.open_connection(self.host, self.port), timeout)
        query = urllib.parse.urlencode({"token": self.token, "EIO": "4", "transport": "websocket"})
        request = Request(
            host=f"{self.host}:{self.port}",
            target=f"{self.path}/?{query}",
            subprotocols=[self.subprotocol] if self.subprotocol else [],
        )
        self._send(self.ws.send(request))
        self.task = asyncio.create_task(self._read())
        await asyncio.wait_for(asyncio.shield(self.opened), timeout)
        auth = {"event": boot_event, "state_schema": schema} if schema else {"event": boot_event}
        sent = self._emit(f"40{self.namespace}," + json.dumps(auth, separators=(",", ":")))
        await asyncio.wait_for(asyncio.shield(self.joined), timeout)
        return await self.answer(has_delta, max(0.1, timeout - (time.perf_counter() - sent)))

    def _emit(self, packet: str) -> float:
        if self.closed:
            raise ProtocolError("disconnected")
        self.extra += len(self.inbox)
        self.inbox = []
        self.sent_at = time.perf_counter()
        self._send_text(packet)
        return self.sent_at

    async def call(self, event: dict, expect: Callable[[dict], bool], timeout: float) -> tuple[float, dict]:
        """Emit one event as the browser does; (latency to the first delta answering it, that update)."""
        self._emit(f"42{self.namespace}," + json.dumps(["event", event], separators=(",", ":")))
        return await self.answer(expect, timeout)

    async def answer(self, expect: Callable[[dict], bool], timeout: float) -> tuple[float, dict]:
        """The first update since the last emit that `expect` recognises; (seconds since that emit, update)."""
        for index, (received, update) in enumerate(self.inbox):
            if expect(update):
                del self.inbox[index]
                return received - self.sent_at, update
        self.waiter, self.expect = asyncio.get_running_loop().create_future(), expect
        try:
            received, update = await asyncio.wait_for(self.waiter, timeout)
        finally:
            self.waiter = self.expect = None
        return received - self.sent_at, update

    async def close(self) -> None:
        if not self.closed:
            self.closed = True
            with contextlib.suppress(Exception):
                self._send_text(f"41{self.namespace},")
                self._send(self.ws.send(CloseConnection(code=1000)))
        if self.writer is not None:
            with contextlib.suppress(Exception):
                self.writer.close()
                await asyncio.wait_for(self.writer.wait_closed(), 2)
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(BaseException):
                await self.task

    async def _read(self) -> None:
        assert self.reader is not None
        try:
            while True:
                data = await self.reader.read(65536)
                if not data:
                    raise ProtocolError("connection closed by the server")
                self.ws.receive_data(data)
                for event in self.ws.events():
                    self._on_ws(event)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            self._fail(error if isinstance(error, ProtocolError) else ProtocolError(repr(error)))

    def _on_ws(self, event: object) -> None:
        if isinstance(event, AcceptConnection):
            return
        if isinstance(event, RejectConnection):
            raise ProtocolError(f"websocket rejected: HTTP {event.status_code}")
        if isinstance(event, Ping):
            self._send(self.ws.send(event.response()))
        elif isinstance(event, CloseConnection):
            self._send(self.ws.send(event.response()))
            raise ProtocolError(f"websocket closed by the server ({event.code})")
        elif isinstance(event, TextMessage):
            self.text.append(event.data)
            if event.message_finished:
                packet, self.text = "".join(self.text), []
                self._on_engineio(packet)
        elif isinstance(event, BytesMessage):
            raise ProtocolError("unexpected binary frame")

    def _on_engineio(self, packet: str) -> None:
        kind, body = packet[:1], packet[1:]
        if kind == "0":  # open
            if self.opened is not None and not self.opened.done():
                self.opened.set_result(json.loads(body))
        elif kind == "2":  # ping: the server checks liveness
            self._send_text("3" + body)
        elif kind == "1":
            raise ProtocolError("engine.io close")
        elif kind == "4":
            self._on_socketio(body)

    def _on_socketio(self, packet: str) -> None:
        kind, body = packet[:1], packet[1:]
        if body.startswith("/"):
            namespace, _, body = body.partition(",")
            if namespace != self.namespace:
                return
        if kind == "0":  # CONNECT ack
            if self.joined is not None and not self.joined.done():
                self.joined.set_result(True)
        elif kind == "4":
            raise ProtocolError(f"connect refused: {body[:200]}")
        elif kind == "1":
            raise ProtocolError("disconnected by the server")
        elif kind == "2":
            name, *args = json.loads(body[body.index("[") :])
            if name != "event":
                return  # new_token, state mismatch: nothing to measure
            received, update = time.perf_counter(), (args[0] if args and isinstance(args[0], dict) else {})
            if self.waiter is not None and not self.waiter.done() and self.expect is not None and self.expect(update):
                self.waiter.set_result((received, update))
            else:
                self.inbox.append((received, update))


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, dict[str, int]] = field(default_factory=dict)
    first_emit: dict[str, float] = field(default_factory=dict)
    last_answer: dict[str, float] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    skipped: int = 0  # students stopped by --duration before finishing

    def _step(self, step: str) -> None:
        if step not in self.latencies:
            self.latencies[step], self.errors[step] = [], {}
            self.order.append(step)

    def ok(self, step: str, start: float, latency: float) -> None:
        self._step(step)
        self.latencies[step].append(latency)
        self.first_emit[step] = min(self.first_emit.get(step, start), start)
        self.last_answer[step] = max(self.last_answer.get(step, 0.0), start + latency)

    def error(self, step: str, error: BaseException) -> None:
        self._step(step)
        kind = "timeout" if isinstance(error, TimeoutError | asyncio.TimeoutError) else type(error).__name__
        if isinstance(error, ProtocolError):
            kind = str(error)[:60]
        self.errors[step][kind] = self.errors[step].get(kind, 0) + 1


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def routed(name: str, payload: dict, path: str) -> dict:
    return {"name": name, "payload": payload, "router_data": {"pathname": path, "asPath": path}}


@dataclass
class Plan:
    host: str
    port: int
    ws_path: str
    subprotocol: str
    questionnaire: str
    clock: str
    hashes: list[str] | None
    schema: str | None
    think: tuple[float, float]
    burst: bool
    deadline: float = 0.0
    arrival: float = 100.0  # students starting the questionnaire per second (0: all within one think time)
    students: int = 0


START_STEP = "open /questionnaire/eleve (on_load)"


def questionnaire_steps(q: str) -> list[tuple[str, str, dict, bool]]:
    """(step label, event name, payload, moves to another page) in the UI's order for a student answering for
    herself. The first step is the link « Je suis élève »: a navigation, whose on_load begins the questionnaire."""

    def choose(question: str, option: str) -> dict:
        return {"question_id": question, "option_id": option}

    return [
        (START_STEP, ON_LOAD_INTERNAL, {}, False),
        ("who=moi", f"{q}.choose", choose("who", "moi"), True),
        ("danger=non", f"{q}.choose", choose("danger", "non"), True),
        ("self_harm=non", f"{q}.choose", choose("self_harm", "non"), True),
        ("concern+harcelement", f"{q}.choose", choose("concern", "harcelement"), False),
        ("concern+cyberviolence", f"{q}.choose", choose("concern", "cyberviolence"), False),
        ("concern next", f"{q}.next", {}, True),
        ("where+ecole", f"{q}.choose", choose("where", "ecole"), False),
        ("where next (result)", f"{q}.next", {}, True),
    ]


def time_left(plan: Plan) -> float:
    """Per-answer timeout: EVENT_TIMEOUT, but never past the run's deadline plus a grace period."""
    return max(1.0, min(EVENT_TIMEOUT, plan.deadline + GRACE - time.perf_counter()))


async def timed(plan, student: Student, stats: Stats, step: str, event: dict | None, expect) -> dict | None:
    """Emit `event` (or, if None, wait for a further answer to the last one) and record the latency."""
    start = time.perf_counter() if event is not None else student.sent_at
    try:
        if event is None:
            latency, update = await student.answer(expect, time_left(plan))
        else:
            latency, update = await student.call(event, expect, time_left(plan))
    except Exception as error:
        stats.error(step, error)
        return None
    stats.ok(step, start, latency)
    return update


async def pause(plan: Plan, wake: float | None, first: bool = False) -> bool:
    """Think time (random) or, in burst mode, sleep until the shared instant; False once past the deadline.

    Two pauses per step (before the step, before its no-op): half a think time each, so a student answers
    every 2–5 s. Before the first step, the student's arrival: `plan.arrival` students start per second, so
    a crowd of N arrives over N / arrival seconds (all N are connected from the beginning).
    """
    now = time.perf_counter()
    delay = (wake - now) if wake is not None else random.uniform(*plan.think) / 2
    if first and wake is None and plan.arrival:
        delay += random.uniform(0, plan.students / plan.arrival)
    if now + max(0.0, delay) > plan.deadline:
        return False
    await asyncio.sleep(max(0.0, delay))
    return True


async def student_run(plan: Plan, stats: Stats, connect_gate: asyncio.Semaphore, ready, go, schedule) -> Student:
    """ready(): signal connected; go: set once every student is connected; schedule: burst instants."""
    student = Student(plan.host, plan.port, plan.ws_path, plan.subprotocol)
    path = "/"
    payload: dict = {"hashes": plan.hashes} if plan.hashes is not None else {}
    try:
        async with connect_gate:
            start = time.perf_counter()
            latency, _ = await student.connect(routed(HYDRATE, payload, path), plan.schema, time_left(plan))
            stats.ok(HYDRATE_STEP, start, latency)
            await timed(plan, student, stats, "hydrate > on_load done (is_hydrated)", None, hydrated)
    except Exception as error:
        stats.error(HYDRATE_STEP, error)
        ready()
        return student
    ready()
    await go.wait()
    questionnaire, clock = touches(plan.questionnaire), touches(plan.clock)
    for index, (label, name, payload, moves) in enumerate(questionnaire_steps(plan.questionnaire)):
        if not await pause(plan, schedule[2 * index] if plan.burst else None, first=index == 0):
            stats.skipped += 1
            return student
        if name == ON_LOAD_INTERNAL:  # a link followed: the new page's on_load chain, to is_hydrated
            path = "/questionnaire/eleve"
            await timed(plan, student, stats, label, routed(name, payload, path), hydrated)
        else:
            update = await timed(plan, student, stats, label, routed(name, payload, path), questionnaire)
            if update is not None and moves:
                # rx.redirect arrives in a second update; the browser then navigates client-side and the new
                # page's on_load (open_question, or open_result and ClockState.refresh) runs through
                # on_load_internal.
                redirect = await timed(
                    plan, student, stats, f"{label} > _redirect", None, lambda u: bool(redirect_target(u))
                )
                if redirect is not None:
                    path = redirect_target(redirect) or path
                    load = routed(ON_LOAD_INTERNAL, {}, path)
                    step = "result page (on_load)" if path.endswith("resultat") else "question page (on_load)"
                    await timed(plan, student, stats, step, load, hydrated)
        if not await pause(plan, schedule[2 * index + 1] if plan.burst else None):
            stats.skipped += 1
            return student
        await timed(plan, student, stats, NOOP_STEP, routed(f"{plan.clock}.refresh", {}, path), clock)
        if student.closed:
            return student
    return student


# ---- server memory ------------------------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                tree.setdefault(ppid, []).append(int(entry))
    return tree


def server_pids(given: list[int], port: int) -> list[int]:
    """The given pids, or the `parlonsen.serve` processes serving this port; with their descendants."""
    roots = list(given)
    if not roots:
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            with contextlib.suppress(OSError):
                argv = Path(f"/proc/{entry}/cmdline").read_bytes().decode(errors="replace").split("\0")
                if "parlonsen.serve" not in argv:
                    continue
                served = argv[argv.index("--port") + 1] if "--port" in argv[:-1] else "3000"
                if served == str(port):
                    roots.append(int(entry))
    tree, pids, todo = _children(), set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid not in pids:
            pids.add(pid)
            todo.extend(tree.get(pid, []))
    return sorted(pids)


def rss_kib(pids: list[int]) -> int | None:
    total, found = 0, False
    for pid in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
                    found = True
    return total if found else None


def mib(kib: int | None) -> str:
    return "n/a" if kib is None else f"{kib / 1024:.1f} MiB"


# ---- one run ------------------------------------------------------------------------------------------------


async def run_once(plan: Plan, students: int, duration: float, pids: list[int], connect_concurrency: int) -> dict:
    """One run of `students` completing the questionnaire; prints its table and returns its figures."""
    stats = Stats()
    plan.students = students
    began = time.perf_counter()
    plan.deadline = began + duration
    rss_before = rss_kib(pids)
    connected = 0
    all_ready, go = asyncio.Event(), asyncio.Event()

    def ready() -> None:
        nonlocal connected
        connected += 1
        if connected >= students:
            all_ready.set()

    schedule: list[float] = []
    lags: list[float] = []
    monitor = asyncio.create_task(loop_lag(lags))
    gate = asyncio.Semaphore(connect_concurrency)
    tasks = [asyncio.create_task(student_run(plan, stats, gate, ready, go, schedule)) for _ in range(students)]
    with contextlib.suppress(TimeoutError, asyncio.TimeoutError):
        await asyncio.wait_for(all_ready.wait(), max(1.0, plan.deadline - time.perf_counter()))
    connect_seconds = time.perf_counter() - began
    await asyncio.sleep(1.0)  # let the forwarded on_load answers settle before reading memory
    rss_connected = rss_kib(pids)
    sessions = len(stats.latencies.get(HYDRATE_STEP, []))
    if plan.burst:
        period = plan.think[1]
        first = time.perf_counter() + 1.0
        schedule.extend(first + k * period / 2 for k in range(2 * len(questionnaire_steps(plan.questionnaire))))
    go.set()
    remaining = max(1.0, plan.deadline - time.perf_counter() + GRACE + 5)
    done, pending = await asyncio.wait(tasks, timeout=remaining)
    for task in pending:
        task.cancel()
    rss_end = rss_kib(pids)
    monitor.cancel()
    clients = [task.result() for task in done if not task.cancelled() and task.exception() is None]
    extra = sum(c.extra for c in clients)
    await asyncio.gather(*(c.close() for c in clients), return_exceptions=True)
    elapsed = time.perf_counter() - began
    result = report(plan, stats, students, sessions, elapsed, connect_seconds, extra, len(pending))
    result["rss_kib"] = {"before": rss_before, "connected": rss_connected, "end": rss_end}
    if lags:
        result["client_lag_ms"] = {"p50": statistics.median(lags), "p99": percentile(lags, 99), "max": max(lags)}
        print(
            "load generator's own event-loop lag (adds to every latency above): "
            f"p50 {result['client_lag_ms']['p50']:.1f} ms, p99 {result['client_lag_ms']['p99']:.1f} ms, "
            f"max {result['client_lag_ms']['max']:.1f} ms"
        )
    print(
        f"server RSS ({len(pids)} processes): before {mib(rss_before)}, {sessions} sessions connected+hydrated "
        f"{mib(rss_connected)}, after the questionnaire {mib(rss_end)}"
    )
    if rss_before is not None and rss_connected is not None and rss_end is not None and sessions:
        result["kib_per_session"] = {
            "hydrated": (rss_connected - rss_before) / sessions,
            "after": (rss_end - rss_before) / sessions,
        }
        print(
            f"memory per session: {result['kib_per_session']['hydrated']:.1f} KiB once hydrated, "
            f"{result['kib_per_session']['after']:.1f} KiB after the questionnaire"
        )
    print()
    return result


async def loop_lag(lags: list[float], period: float = 0.01) -> None:
    """How late this process's own event loop wakes up: the part of a latency that is the client's."""
    while True:
        start = time.perf_counter()
        await asyncio.sleep(period)
        lags.append(max(0.0, time.perf_counter() - start - period) * 1e3)


def report(plan, stats, students, sessions, elapsed, connect_seconds, extra, stuck) -> dict:
    mode = (
        f"burst (every {plan.think[1] / 2:g}s a step, all at once)"
        if plan.burst
        else f"think {plan.think[0]:g}-{plan.think[1]:g}s, arriving at {plan.arrival:g}/s"
    )
    print(f"== {students} students, {mode}: {sessions} connected in {connect_seconds:.1f}s, run {elapsed:.1f}s")
    noop = stats.latencies.get(NOOP_STEP) or []
    noop50 = statistics.median(noop) if noop else None
    noop95 = percentile(noop, 95) if noop else None
    header = (
        f"{'step':46s} {'n':>6s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} {'max ms':>8s} {'ev/s':>7s} {'err':>5s}"
    )
    print(header + f" {'x no-op p50':>11s} {'x p95':>6s}")
    rows: list[dict] = []
    total_ok = total_err = 0
    for step in [*(s for s in stats.order if s != NOOP_STEP), NOOP_STEP]:
        values = stats.latencies.get(step, [])
        errors = sum(stats.errors.get(step, {}).values())
        total_ok, total_err = total_ok + len(values), total_err + errors
        if not values:
            rows.append({"step": step, "n": 0, "errors": errors})
            print(f"{step:46s} {0:6d} {'-':>8s} {'-':>8s} {'-':>8s} {'-':>8s} {'-':>7s} {errors:5d}")
            continue
        span = stats.last_answer[step] - stats.first_emit[step]
        rate = len(values) / span if span > 0 else float("nan")
        p50, p95, p99 = statistics.median(values), percentile(values, 95), percentile(values, 99)
        row = {"step": step, "n": len(values), "p50": p50 * 1e3, "p95": p95 * 1e3, "p99": p99 * 1e3}
        row.update(max=max(values) * 1e3, rate=rate, errors=errors)
        row.update(ratio50=p50 / noop50 if noop50 else None, ratio95=p95 / noop95 if noop95 else None)
        rows.append(row)
        ratio50 = f"{row['ratio50']:.2f}" if noop50 else "-"
        ratio95 = f"{row['ratio95']:.2f}" if noop95 else "-"
        print(
            f"{step:46s} {len(values):6d} {p50 * 1e3:8.1f} {p95 * 1e3:8.1f} {p99 * 1e3:8.1f} "
            f"{max(values) * 1e3:8.1f} {rate:7.1f} {errors:5d} {ratio50:>11s} {ratio95:>6s}"
        )
    for step in stats.order:
        if stats.errors.get(step):
            print(f"  errors in {step}: {stats.errors[step]}")
    print(
        f"total: {total_ok} answered events, {total_err} errors, {total_ok / elapsed:.1f} events/s over the run; "
        f"{stats.skipped} students cut by --duration, {stuck} still waiting at the end, "
        f"{extra} further updates (e.g. an on_load's own deltas)"
    )
    return {
        "students": students, "mode": mode, "connected": sessions, "connect_s": connect_seconds, "elapsed": elapsed,
        "steps": rows, "answered": total_ok, "errors": total_err, "cut": stats.skipped, "stuck": stuck,
        "errors_by_step": {k: v for k, v in stats.errors.items() if v},
    }  # fmt: skip


# ---- throughput and memory: the same measure on any Reflex app ---------------------------------------------


async def connect_students(plan: Plan, count: int, concurrency: int = 100) -> tuple[list[Student], int]:
    """`count` tabs connected and hydrated on `/`; (the students, how many failed)."""
    gate, failed = asyncio.Semaphore(concurrency), 0
    payload: dict = {"hashes": plan.hashes} if plan.hashes is not None else {}

    async def one() -> Student | None:
        student = Student(plan.host, plan.port, plan.ws_path, plan.subprotocol)
        async with gate:
            try:
                _, first = await student.connect(routed(HYDRATE, payload, "/"), plan.schema, EVENT_TIMEOUT)
                if not hydrated(first):
                    with contextlib.suppress(TimeoutError, asyncio.TimeoutError):
                        await student.answer(hydrated, 5.0)  # the page's on_load chain, when it has one
                return student
            except Exception:
                await student.close()
                return None

    plan.deadline = time.perf_counter() + 3600
    students = await asyncio.gather(*(one() for _ in range(count)))
    failed = sum(1 for s in students if s is None)
    return [s for s in students if s is not None], failed


async def saturate(students: list[Student], seconds: float, cycle: list[dict], expect) -> dict:
    """Every student fires `cycle`'s events back to back for `seconds`: the server's throughput for them."""
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds

    async def loop(student: Student) -> None:
        nonlocal errors
        index = 0
        while time.perf_counter() < stop and not student.closed:
            try:
                latency, _ = await student.call(cycle[index % len(cycle)], expect, EVENT_TIMEOUT)
            except Exception:
                errors += 1
                return
            latencies.append(latency)
            index += 1

    began = time.perf_counter()
    await asyncio.gather(*(loop(s) for s in students))
    elapsed = time.perf_counter() - began
    figures = {"events": len(latencies), "errors": errors, "seconds": elapsed, "rate": len(latencies) / elapsed}
    if latencies:
        figures.update(p50=statistics.median(latencies) * 1e3, p99=percentile(latencies, 99) * 1e3)
    return figures


def questionnaire_cycle(q: str, path: str = "/questionnaire") -> list[dict]:
    """From the result, back to the first question, then the answers again to the result: repeatable."""
    steps = [
        *[("back", {})] * 4,
        ("choose", {"question_id": "who", "option_id": "moi"}),
        ("choose", {"question_id": "danger", "option_id": "non"}),
        ("next", {}),  # the concerns ticked the first time are kept
        ("choose", {"question_id": "where", "option_id": "ecole"}),  # the orientation is computed again
    ]
    return [routed(f"{q}.{name}", payload, path) for name, payload in steps]


# ---- command line -------------------------------------------------------------------------------------------


def loopback_target(url: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(url)
    host, port = parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)
    if parts.scheme not in ("http", "ws"):
        raise SystemExit(f"--url must be http:// on loopback (got {url})")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)}
    except OSError as error:
        raise SystemExit(f"--url {url}: {error}") from None
    if not addresses or not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise SystemExit(f"--url must point to this machine (loopback only), {host} resolves to {sorted(addresses)}")
    return ("127.0.0.1" if "127.0.0.1" in addresses else sorted(addresses)[0]), port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://localhost:3000", help="the server as `make run` serves it")
    parser.add_argument("--students", default="100", help="simulated students, a list runs each: 100,500,1000")
    parser.add_argument("--think", default="2-5", help="seconds between two questionnaire steps, random in A-B")
    parser.add_argument("--burst", action="store_true", help="every student fires each step in the same second")
    parser.add_argument("--arrival", type=float, default=100.0, help="students starting per second (0: at once)")
    parser.add_argument("--duration", type=float, default=120.0, help="cap in seconds for each run")
    parser.add_argument("--server-pid", default="", help="server pid(s), comma-separated (default: found via /proc)")
    parser.add_argument("--connect-concurrency", type=int, default=100, help="websocket handshakes at once")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    random.seed(args.seed)
    tune_garbage_collector()  # the client holds thousands of sockets: the server's settings suit it too
    low, _, high = args.think.partition("-")
    think = (float(low), float(high or low))
    counts = [int(n) for n in args.students.split(",") if n.strip()]
    host, port = loopback_target(args.url)
    prefix = urllib.parse.urlsplit(args.url).path.strip("/")
    ws_path = f"/{prefix}/_event" if prefix else "/_event"
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    questionnaire, clock = event_names()
    hashes, schema = compiled_boot()
    plan = Plan(host, port, ws_path, reflex_version(), questionnaire, clock, hashes, schema, think, args.burst)
    plan.arrival = args.arrival
    given = [int(p) for p in args.server_pid.split(",") if p.strip()]
    pids = server_pids(given, port)
    print(f"load benchmark: {args.url} (ws {host}:{port}{ws_path}), no-op baseline = ClockState.refresh")
    print(
        f"server processes measured: {pids or 'none found (memory n/a)'}; "
        f"bench pid {os.getpid()}, fd limit {max(soft, hard)}"
    )
    print("latency = emit -> first delta for that event; ratios are to the interleaved no-op's p50 / p95;")
    print("ev/s = a step's answered events / (its first emit -> its last answer)\n")
    for students in counts:
        try:
            asyncio.run(run_once(plan, students, args.duration, pids, args.connect_concurrency))
        except Exception as error:
            print(f"== {students} students: run aborted: {error!r}\n")


if __name__ == "__main__":
    main()
