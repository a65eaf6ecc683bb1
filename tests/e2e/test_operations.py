"""The server as an operator runs it: one server per port, health and readiness, metrics without personal data,
and a French message (not a blocked toast) when a handler fails."""

import sqlite3
import subprocess
import sys
import threading

from playwright.sync_api import Page, expect

from tests.e2e.conftest import DATABASE, PORT, ROOT, SERVER_LOG
from tests.e2e.flows import answer, wait_until_ready
from tests.e2e.test_messages import STUDENT_TEXT, write_message


def test_a_second_server_on_the_same_port_refuses_to_start(server: str):
    second = subprocess.run(
        [sys.executable, "-m", "parlonsen.serve", "--port", str(PORT)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert second.returncode != 0
    assert f"Le port {PORT} est déjà utilisé" in second.stderr


def test_health_and_readiness_answer_without_personal_data(page: Page):
    health, ready = page.request.get("/healthz"), page.request.get("/readyz")
    assert (health.status, health.text()) == (200, "ok")
    assert (ready.status, ready.text()) == (200, "ready")


def test_metrics_after_a_whole_journey_hold_counts_only(page: Page):
    answer(page, "eleve", who="moi", danger="non", concern=["harcelement"], where=["ecole"])
    code = write_message(page)
    body = page.request.get("/metrics").text()
    assert 'parlonsen_event_seconds_count{event="questionnaire_state.choose"}' in body
    assert "parlonsen_messages_waiting" in body and "parlonsen_connected_tabs" in body
    for personal in (STUDENT_TEXT, "Sam, 2nde 3", code, code.split("-")[0], "@example.fr", "harcelement", "0620006V"):
        assert personal not in body, personal


def test_a_handler_that_fails_shows_a_french_message_and_the_form_keeps_what_was_typed(page: Page):
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto("/admin")
    wait_until_ready(page)
    page.fill("#field-email", "chef@example.fr")
    page.fill("#field-password", "un mot de passe solide")
    lock = sqlite3.connect(DATABASE, isolation_level=None, check_same_thread=False)
    lock.execute("BEGIN EXCLUSIVE")  # held past SQLite's 5 s busy timeout: the login's read fails
    timer = threading.Timer(8, lambda: lock.execute("COMMIT"))
    timer.start()
    try:
        page.click("#login-submit")
        expect(page.locator("#failure")).to_be_visible(timeout=15_000)
    finally:
        timer.join()
        lock.close()
    expect(page.locator("#failure-message")).to_contain_text("Un problème est survenu de notre côté")
    expect(page.locator("#field-email")).to_have_value("chef@example.fr")
    assert csp_errors == [], csp_errors
    page.get_by_role("button", name="Fermer").click()
    expect(page.locator("#failure")).to_have_count(0)
    log = SERVER_LOG.read_text(encoding="utf-8")  # the operator's log: the failure, never what was typed
    assert "ERROR parlonsen.failure a handler failed" in log and "OperationalError (message not logged)" in log
    assert "chef@example.fr" not in log and "un mot de passe solide" not in log
