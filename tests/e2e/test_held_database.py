"""A held database never freezes the other tabs: database calls run off the event loop (`state/off_loop.py`).

The test holds an exclusive lock on the SQLite file, opens a school's page in one tab (its on_load reads the
database, so it waits for the lock), and meanwhile answers questions in another tab. The questions must be
answered before the lock is released: before `off_loop`, the waiting read held the worker's event loop and
every other tab's step waited behind it.
"""

import sqlite3
import threading

from playwright.sync_api import Browser, expect

from tests.e2e.conftest import DATABASE
from tests.e2e.flows import answer_on_screen, wait_until_ready

HELD_SECONDS = 4.0  # under SQLite's 5 s busy timeout: the held read then succeeds
SCHOOL = "/etablissement/0593233U"  # a collège of the demo data


def test_other_tabs_answer_questions_while_one_tab_waits_on_a_locked_database(browser: Browser, server: str):
    waiting_tab = browser.new_context(base_url=server).new_page()
    student = browser.new_context(base_url=server).new_page()
    student.goto("/questionnaire/eleve")
    wait_until_ready(student)

    lock = sqlite3.connect(DATABASE, isolation_level=None, check_same_thread=False)
    lock.execute("BEGIN EXCLUSIVE")
    released = threading.Event()

    def release() -> None:
        lock.execute("COMMIT")
        released.set()

    timer = threading.Timer(HELD_SECONDS, release)
    timer.start()
    try:
        waiting_tab.goto(SCHOOL)  # the static page shows; its on_load now waits on the lock
        waiting_tab.wait_for_timeout(800)  # let its event reach the server and start waiting
        assert not released.is_set()
        seen = [answer_on_screen(student, {}) for _ in range(2)]  # skip two questions
        answered_while_held = not released.is_set()
    finally:
        timer.join()
        lock.close()
    assert all(seen), "the student's questions did not move on"
    assert answered_while_held, "the student's steps waited for another tab's database call"
    wait_until_ready(waiting_tab)  # and the waiting tab got its page once the lock was gone
    expect(waiting_tab.locator("#school-name")).to_contain_text("Albert Debeyre")
