"""A student's questionnaire survives being served by two workers, and a restart of the server."""

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.e2e.conftest import BASE_URL, CHROMIUM, CHROMIUM_ARGS
from tests.e2e.flows import wait_until_ready


@pytest.fixture
def page(multiworker):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=BASE_URL)
        yield context.new_page()
        browser.close()


def test_the_answers_follow_the_student_across_workers_and_a_server_restart(page, multiworker):
    assert len(multiworker.worker_pids()) == 2
    page.goto("/")
    page.click("#start-eleve")
    page.click("#option-who-moi")
    expect(page.locator("#progress")).to_have_text("Étape 2 sur 5")
    for _ in range(4):  # each reload opens a new websocket, served by whichever worker takes it
        page.reload()
        wait_until_ready(page)
        expect(page.locator("#progress")).to_have_text("Étape 2 sur 5")
    page.click("#option-danger-non")
    expect(page.locator("#progress")).to_have_text("Étape 3 sur 5")
    page.click("#option-self_harm-non")
    expect(page.locator("#progress")).to_have_text("Étape 4 sur 5")

    multiworker.stop()  # both workers go away in the middle of the questionnaire
    multiworker.start()
    page.reload()
    wait_until_ready(page)
    expect(page.locator("#progress")).to_have_text("Étape 4 sur 5")
    page.click("#option-concern-cyberviolence")
    page.click("#continue")
    page.click("#option-where-en_ligne")
    page.click("#continue")
    first = page.locator("#result-channels article").first
    expect(first).to_have_attribute("data-channel", "3018")
    page.click("#back")
    expect(page.locator("#option-where-en_ligne")).to_have_attribute("aria-pressed", "true")


def test_a_crash_of_every_worker_loses_nothing_the_student_entered(page, multiworker):
    """The crashed workers leave their connection records in Redis: the tab must take its token back."""
    page.goto("/")
    page.click("#start-eleve")
    page.click("#option-who-ami")
    page.click("#option-danger-non")
    expect(page.locator("#progress")).to_have_text("Étape 3 sur 5")
    token = page.evaluate("() => window.sessionStorage.getItem('token')")

    multiworker.crash()
    multiworker.start()
    page.reload()
    wait_until_ready(page)
    expect(page.locator("#progress")).to_have_text("Étape 3 sur 5")
    expect(page.locator("#question-title")).to_contain_text("ton ami·e")  # the answers came back with the tab
    assert page.evaluate("() => window.sessionStorage.getItem('token')") == token
