"""Browser tests against the app exactly as `make run` serves it (production build, one port).

The server is started once per session with `python -m parlonsen.serve`; Playwright drives Debian's
Chromium (/usr/bin/chromium). Nothing leaves loopback: the quick-exit target is answered locally.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from sqlmodel import Session, create_engine

from tests.fake_ent import FakeEnt

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("E2E_PORT", "3000"))
BASE_URL = f"http://localhost:{PORT}"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync",
]  # fmt: skip


def _port_busy(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _wait_until_up(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {process.returncode}): {SERVER_LOG.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer {url} within {seconds}s")


SERVER_LOG = ROOT / ".web" / "e2e-server.log"
DATABASE = ROOT / ".web" / "e2e.db"  # the browser tests' own database: `make run`'s demo data stays untouched
SECRETS = ROOT / ".web" / "e2e-secrets"


class Mailbox:
    """A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.received: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((list(envelope.rcpt_tos), envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def mailbox() -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller

    box = Mailbox(_free_port())
    controller = Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    yield box
    controller.stop()


@pytest.fixture(scope="session")
def fake_ent() -> Iterator[FakeEnt]:
    """A faithful fake of the ENT (entcore) on loopback: OAuth2 code flow, userinfo and the messaging API."""
    ent = FakeEnt(address=f"{BASE_URL}/ent/connexion").start()
    yield ent
    ent.stop()


def _server_env(smtp_port: int, ent: FakeEnt) -> dict[str, str]:
    return {
        "PARLONSEN_ENT_URL": ent.base_url,
        "PARLONSEN_ENT_CLIENT_ID": ent.client_id,
        "PARLONSEN_ENT_CLIENT_SECRET": ent.client_secret,
        "PARLONSEN_ENT_REDIRECT_URL": f"{BASE_URL}/ent/retour",
        **os.environ,
        "REFLEX_DB_URL": f"sqlite:///{DATABASE}",
        "REFLEX_TELEMETRY_ENABLED": "false",
        "PARLONSEN_SECRETS_DIR": str(SECRETS),
        "PARLONSEN_SMTP_HOST": "127.0.0.1",
        "PARLONSEN_SMTP_PORT": str(smtp_port),
        "PARLONSEN_SMTP_STARTTLS": "0",
        "PARLONSEN_PUBLIC_URL": BASE_URL,  # e-mailed links (the invitation) are built from it only
        "REFLEX_LOGLEVEL": "debug",  # the most verbose level: tests check no answer, message or code is logged
        "PARLONSEN_LOG_LEVEL": "debug",
    }


def _prepare_database(env: dict[str, str]) -> None:
    """A fresh database and fresh message keys, migrated and seeded exactly as `make run` does it."""
    DATABASE.unlink(missing_ok=True)
    shutil.rmtree(SECRETS, ignore_errors=True)
    reflex = Path(sys.executable).with_name("reflex")
    for command in ([str(reflex), "db", "migrate"], [sys.executable, "-m", "parlonsen.cli", "seed"]):
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def server(mailbox: Mailbox, fake_ent: FakeEnt) -> Iterator[str]:
    if not (ROOT / ".web" / "build" / "client" / "index.html").exists():
        pytest.fail("frontend not built: run the browser tests through `make test` (or `make build` first)")
    if _port_busy(PORT):
        pytest.fail(f"port {PORT} is already in use (is `make run` still running?): stop it, then run the tests")
    env = _server_env(mailbox.port, fake_ent)
    _prepare_database(env)
    log = SERVER_LOG.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "parlonsen.serve", "--port", str(PORT)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_up(f"{BASE_URL}/ping", process)
        _wait_until_up(f"{BASE_URL}/", process)
        yield BASE_URL
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _on_loopback(url: str) -> bool:
    return urlsplit(url).hostname in ("localhost", "127.0.0.1")


def _answer_offsite_locally(route) -> None:
    route.fulfill(status=200, content_type="text/html; charset=utf-8", body="<html><body><h1>Météo</h1></body></html>")


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """A phone-sized page; any request that would leave loopback is answered locally."""
    context = browser.new_context(base_url=server, viewport={"width": 390, "height": 844}, locale="fr-FR")
    context.route(lambda url: not _on_loopback(url), _answer_offsite_locally)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page_without_js(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=server, java_script_enabled=False)
    context.route(lambda url: not _on_loopback(url), _answer_offsite_locally)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def db(server: str) -> Iterator[Session]:
    """A session on the database the server uses, to set up accounts and check what was saved."""
    engine = create_engine(f"sqlite:///{DATABASE}")
    with Session(engine) as session:
        yield session
    engine.dispose()
