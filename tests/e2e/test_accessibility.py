"""RGAA / WCAG 2.1 AA checks in a real browser: axe on every page and state, keyboard only, 320 px."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accessibility import assert_accessible
from tests.e2e.flows import answer, answer_on_screen, current_question
from tests.e2e.test_public_pages import PAGES
from tests.e2e.test_school_admin import SCHOOL, log_in, school_admin

PUBLIC = [*PAGES, "/etablissements", f"/etablissement/{SCHOOL}", f"/etablissement/{SCHOOL}/ecrire", "/suivi",
          f"/etablissement/{SCHOOL}/affiche", "/ent/bienvenue", "/admin", "/page-inconnue"]  # fmt: skip


@pytest.mark.parametrize("path", PUBLIC)
def test_every_public_page_has_no_axe_violation(page: Page, path: str):
    page.goto(path)
    assert_accessible(page, path)


def test_every_questionnaire_step_and_the_result_have_no_axe_violation(page: Page):
    page.goto("/")
    page.click("#start-eleve")
    answers = {"who": "moi", "danger": "non", "self_harm": "oui", "concern": ["harcelement"], "where": ["ecole"]}
    while (question := current_question(page)) is not None:
        assert_accessible(page, f"question {question}")
        answer_on_screen(page, answers)
    assert_accessible(page, "result with the self-harm message")
    page.click("#more-channels summary")
    assert_accessible(page, "result with the other helps open")
    answer(page, "eleve", who="moi", danger="oui")
    expect(page.locator("#urgent")).to_be_visible()
    assert_accessible(page, "urgent result")
    answer(page, "eleve", who="ami", danger="non", concern=["physique"])
    assert_accessible(page, "a witness's result")
    for profile in ("parent", "professionnel"):
        answer(page, profile, danger="non", concern=["intrafamiliale"])
        assert_accessible(page, f"a {profile}'s result")


def test_error_states_have_no_axe_violation(page: Page):
    page.goto(f"/etablissement/{SCHOOL}/ecrire")
    page.fill("#write-body", "<b>aide</b>")
    page.click("#write-send")
    expect(page.locator("#write-error")).to_be_visible()
    assert_accessible(page, "message refused")
    page.goto("/suivi")
    page.fill("#followup-code-input", "faux-code")
    page.click("#followup-open")
    expect(page.locator("#followup-error")).to_be_visible()
    assert_accessible(page, "wrong code")
    page.goto("/admin")
    page.fill("#field-email", "personne@example.fr")
    page.fill("#field-password", "mauvais mot de passe")
    page.click("#login-submit")
    expect(page.locator("#login-error")).to_be_visible()
    assert_accessible(page, "login refused")


def test_admin_pages_have_no_axe_violation(page: Page, db):
    log_in(page, school_admin(db))
    assert_accessible(page, "/admin dashboard")
    page.goto(f"/admin/etablissement/{SCHOOL}")
    expect(page.locator("#new-contact")).to_be_visible()
    assert_accessible(page, "school editor")
    page.goto("/admin/messages")
    expect(page.locator("#message-counts")).to_be_visible()
    assert_accessible(page, "messages")


def test_the_departement_and_journal_pages_have_no_axe_violation(page: Page, db):
    from sqlmodel import select

    from parlonsen.models import AdminUser
    from parlonsen.services.accounts import create_account
    from tests.e2e.test_school_admin import PASSWORD

    email = "axe-departement@example.fr"
    if db.exec(select(AdminUser).where(AdminUser.email == email)).first() is None:
        create_account(db, email, PASSWORD, "departement", departement_code="62")
    log_in(page, email)
    page.goto("/admin/departement/62")
    expect(page.locator("#admin-resources")).to_be_visible()
    assert_accessible(page, "département resources")
    page.goto("/admin/journal")
    page.wait_for_load_state("networkidle")
    assert_accessible(page, "journal")


def test_the_message_form_works_with_the_keyboard_only(page: Page):
    page.goto(f"/etablissement/{SCHOOL}/ecrire")
    expect(page.locator("#write-body")).to_be_visible()
    while not page.evaluate("document.activeElement.id === 'write-body'"):
        page.keyboard.press("Tab")
    page.keyboard.type("Je voudrais parler à quelqu'un")
    while not page.evaluate("document.activeElement.name === 'danger'"):
        page.keyboard.press("Tab")
    page.keyboard.press("ArrowUp")  # within the radio group: from "Je ne sais pas" to "Non"
    while not page.evaluate("document.activeElement.id === 'write-send'"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#followup-code")).to_be_visible()


def test_the_questionnaire_works_with_the_keyboard_only_and_focus_follows_each_question(page: Page):
    page.goto("/")
    page.focus("#start-eleve")
    page.keyboard.press("Enter")
    expect(page.locator("#question-title")).to_be_focused()
    expect(page).to_have_title("Étape 1 sur 5 – Questions – Violences, parlons-en")
    for option in ("#option-who-moi", "#option-danger-non", "#option-self_harm-non"):
        while not page.evaluate(f"document.activeElement === document.querySelector('{option}')"):
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(page.locator("#question-title")).to_be_focused()
    while not page.evaluate("document.activeElement.id === 'option-concern-physique'"):
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.locator("#option-concern-physique")).to_have_attribute("aria-pressed", "true")
    while not page.evaluate("document.activeElement.id === 'continue'"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    while not page.evaluate("document.activeElement.id === 'option-where-maison'"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    while not page.evaluate("document.activeElement.id === 'continue'"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#result-title")).to_be_focused()
    assert page.locator("#result-channels article").first.get_attribute("data-channel") == "119"


@pytest.mark.parametrize("path", ["/", "/questionnaire", "/aide", f"/etablissement/{SCHOOL}/ecrire"])
def test_pages_fit_a_320_pixel_screen_without_sideways_scrolling(browser, server, path):
    context = browser.new_context(base_url=server, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(path)
    page.wait_for_load_state("networkidle")
    if path == "/questionnaire":
        page.goto("/")
        page.click("#start-eleve")
        expect(page.locator("#question-title")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_the_text_can_be_zoomed_to_200_percent_without_losing_content(page: Page):
    page.goto("/")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    expect(page.locator("#start-eleve")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
