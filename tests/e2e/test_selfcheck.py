"""The harcélomètre and the violentomètre in a real browser, at a phone's size (390 × 844, the `page` fixture)."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.flows import wait_until_ready

SCALES = ["/harcelometre", "/violentometre"]


def tick(page: Page, *situations: str) -> None:
    for situation in situations:
        page.click(f"#situation-{situation}")
        expect(page.locator(f"#situation-{situation}")).to_have_attribute("aria-pressed", "true")


def opened(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator("#selfcheck-status")).to_have_text("Rien n'est coché pour l'instant.")


def test_a_student_ticks_orange_situations_then_continues_to_the_danger_question(page: Page):
    opened(page, "/harcelometre")
    expect(page.locator("#zone-vert")).to_have_attribute("aria-current", "false")
    tick(page, "moqueries-souvent", "messages-mechants")

    expect(page.locator("#selfcheck-status")).to_have_text("Résultat : Zone orange : attention.")
    expect(page.locator("#zone-orange")).to_have_attribute("aria-current", "true")
    expect(page.locator("#zone-orange")).to_contain_text("Tu es ici")
    expect(page.locator("#zone-rouge")).not_to_contain_text("Tu es ici")
    expect(page.locator("#selfcheck-message")).to_contain_text("ce n'est pas de ta faute")
    expect(page.locator("#selfcheck-channels #channel-3018")).to_be_visible()
    expect(page.locator("#selfcheck-help")).to_have_count(0)
    assert_accessible(page, "harcélomètre, orange")
    page.screenshot(path=".web/harcelometre-orange.png", full_page=True)

    page.click("#selfcheck-continue")
    page.wait_for_url("**/questionnaire/eleve/2**")
    expect(page.locator("#question-danger")).to_be_visible()
    expect(page.locator("#progress")).to_have_text("Étape 2 sur 5")
    page.click("#back")
    expect(page.locator("#option-who-moi")).to_have_attribute("aria-pressed", "true")
    page.click("#option-who-moi")
    page.click("#option-danger-non")
    page.click("#option-self_harm-non")
    expect(page.locator("#option-concern-harcelement")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#option-concern-cyberviolence")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#option-concern-physique")).to_have_attribute("aria-pressed", "false")
    assert re.search(r"/questionnaire/eleve/\d$", page.url), "ticks must never appear in the URL"


def test_red_shows_the_emergency_numbers_and_help_before_the_message(page: Page):
    opened(page, "/violentometre")
    tick(page, "jalousie", "frappe")
    expect(page.locator("#selfcheck-status")).to_have_text("Résultat : Zone rouge : danger, protège-toi.")
    help_box = page.locator("#selfcheck-help")
    expect(help_box.locator("a[href='tel:17']")).to_be_visible()
    expect(help_box.locator("a[href='sms:114']")).to_be_visible()
    expect(help_box.locator("#channel-119")).to_be_visible()
    assert help_box.bounding_box()["y"] < page.locator("#selfcheck-message").bounding_box()["y"]
    expect(help_box.locator("h2")).to_have_text("Demande de l'aide : ne reste pas seul·e")
    tick(page, "enferme")
    expect(help_box.locator("h2")).to_have_text("Danger maintenant : appelle les secours")
    assert_accessible(page, "violentomètre, red")
    page.screenshot(path=".web/violentometre-red.png", full_page=True)

    page.click("#situation-frappe")
    page.click("#situation-enferme")
    expect(page.locator("#selfcheck-status")).to_have_text("Résultat : Zone orange : attention, dis stop.")
    page.click("#selfcheck-reset")
    expect(page.locator("#selfcheck-status")).to_have_text("Rien n'est coché pour l'instant.")
    expect(page.locator("#situation-jalousie")).to_have_attribute("aria-pressed", "false")


@pytest.mark.parametrize("path", SCALES)
def test_each_scale_has_no_axe_violation_and_fits_a_phone(page: Page, path: str):
    opened(page, path)
    assert_accessible(page, path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator(".choice").first.click()
    expect(page.locator("#selfcheck-status")).to_contain_text("Zone verte")
    assert_accessible(page, f"{path}, green")


def test_the_quick_exit_forgets_the_ticks_and_the_pre_filled_questions(page: Page, browser, server):
    from tests.e2e.conftest import DATABASE, SERVER_LOG

    opened(page, "/violentometre")
    tick(page, "menace-de-se-faire-du-mal")
    page.click("#selfcheck-continue")
    expect(page.locator("#question-danger")).to_be_visible()
    page.goto("/violentometre")
    expect(page.locator("#situation-menace-de-se-faire-du-mal")).to_have_attribute("aria-pressed", "true")
    # The tab keeps its key, and React Router the scroll position of each path it showed: never a tick.
    assert set(page.evaluate("Object.keys(localStorage)")) <= {"theme"}
    assert set(page.evaluate("Object.keys(sessionStorage)")) <= {
        "token",
        "reflex_last_reloaded",
        "react-router-scroll-positions",
    }
    stored = page.evaluate("JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
    assert "menace" not in stored and "psychologique" not in stored, stored
    assert page.context.cookies() == []
    assert "menace-de-se-faire-du-mal" not in SERVER_LOG.read_text()
    assert b"menace-de-se-faire-du-mal" not in DATABASE.read_bytes()

    token = page.evaluate("sessionStorage.getItem('token')")
    page.evaluate("document.getElementById('quick-exit').href = 'javascript:void(0)'")
    with page.expect_request("**/sortie") as beacon:
        page.click("#quick-exit")
    assert beacon.value.post_data == token
    assert page.evaluate("sessionStorage.length + localStorage.length") == 0

    # Someone reusing the old tab key finds nothing ticked, and no questionnaire under way.
    other = browser.new_context(base_url=server)
    other.add_init_script(f"sessionStorage.setItem('token', '{token}')")
    replay = other.new_page()
    replay.goto("/violentometre")
    expect(replay.locator("#selfcheck-status")).to_have_text("Rien n'est coché pour l'instant.")
    expect(replay.locator("#situation-menace-de-se-faire-du-mal")).to_have_attribute("aria-pressed", "false")
    replay.goto("/questionnaire")
    wait_until_ready(replay)
    expect(replay.locator("#start-eleve")).to_be_visible()
    other.close()
