"""Two workers sharing Redis and PostgreSQL, served exactly like `make run` but multi-worker.

Run apart from tests/e2e (the built frontend expects its port: one server at a time). Skipped, with the
reason, when no PostgreSQL or Redis answers on this machine.
"""

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from tests.e2e.conftest import BASE_URL, PORT, ROOT, SECRETS, _port_busy, _wait_until_up

POSTGRES = os.environ.get("PARLONSEN_TEST_POSTGRES_URL", "")
REDIS_URL = "redis://127.0.0.1:6379/7"
DATABASE = "parlonsen_multiworker"


def _answers(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((host, port)) == 0


def _fresh_database() -> str:
    """A database of its own, dropped and created again, so each run starts from the migrations."""
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {DATABASE}"))
    admin.dispose()
    return POSTGRES.rsplit("/", 1)[0] + f"/{DATABASE}"


class Server:
    """The multi-worker server as a restartable process."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env, self.process = env, None
        self.log = ROOT / ".web" / "multiworker-server.log"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "parlonsen.serve", "--port", str(PORT)],
            cwd=ROOT, env=self.env, stdout=self.log.open("a"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        _wait_until_up(f"{BASE_URL}/ping", self.process)

    def worker_pids(self) -> set[int]:
        """The worker processes the server forked."""
        return {int(pid) for pid in os.popen(f"ps --ppid {self.process.pid} -o pid=").read().split()}

    def crash(self) -> None:
        """Kill the workers and their parent at once, as a crash or an OOM kill would: no cleanup."""
        for pid in [*self.worker_pids(), self.process.pid]:
            os.kill(pid, signal.SIGKILL)
        self.process.wait()
        self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None


@pytest.fixture(scope="session")
def multiworker() -> Iterator[Server]:
    if not POSTGRES or not _answers("127.0.0.1", 6379):
        pytest.skip("needs PARLONSEN_TEST_POSTGRES_URL and a Redis on 127.0.0.1:6379")
    if _port_busy(PORT):
        pytest.fail(f"port {PORT} is already in use: stop `make run` first")
    subprocess.run(["redis-cli", "-n", "7", "flushdb"], check=False, capture_output=True)
    env = {
        **os.environ,
        "REFLEX_DB_URL": _fresh_database(),
        "REFLEX_REDIS_URL": REDIS_URL,
        "GRANIAN_WORKERS": "2",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "PARLONSEN_SECRETS_DIR": str(SECRETS),
    }
    reflex = os.path.join(os.path.dirname(sys.executable), "reflex")
    for command in ([reflex, "db", "migrate"], [sys.executable, "-m", "parlonsen.cli", "seed"]):
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
    server = Server(env)
    server.start()
    yield server
    server.stop()
