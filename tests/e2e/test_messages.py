"""A student writes to their school's adults, keeps the code, an adult answers, the student reads it."""

import secrets
import time

from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select

from parlonsen.models import Conversation
from parlonsen.services.accounts import create_account
from tests.e2e.test_school_admin import PASSWORD, SCHOOL, log_in

STUDENT_TEXT = "Des élèves de ma classe m'insultent sur le groupe de la classe"


def referent(db: Session, uai: str = SCHOOL) -> str:
    email = f"cpe-{secrets.token_hex(4)}@example.fr"
    create_account(db, email, PASSWORD, "referent", uai=uai)
    return email


def write_message(page: Page, danger: str = "non") -> str:
    page.goto(f"/etablissement/{SCHOOL}")
    page.click("#school-write")
    expect(page.locator("#write-honest")).to_contain_text("Qui va lire ?")
    expect(page.locator("#write-emergency a[href='tel:17']")).to_be_visible()
    page.fill("#write-body", STUDENT_TEXT)
    page.fill("#write-hint", "Sam, 2nde 3")
    page.check(f"#write-danger-{danger}")
    page.click("#write-send")
    code = page.locator("#followup-code")
    expect(code).to_be_visible()
    return code.inner_text().strip()


def test_a_student_writes_an_adult_of_the_school_answers_and_the_student_reads_it(
    page: Page, browser: Browser, db, mailbox, server
):
    adult = referent(db)
    code = write_message(page, danger="oui")
    expect(page.locator("#write-sent #write-emergency")).to_be_visible()  # danger: emergency numbers first

    deadline = time.monotonic() + 10
    while not any(adult in to for to, _ in mailbox.received) and time.monotonic() < deadline:
        time.sleep(0.2)
    [(_, mail)] = [(to, data) for to, data in mailbox.received if adult in to]
    assert "Un nouveau message vous attend" in mail and "/admin/messages" in mail
    assert "insultent" not in mail and "Sam" not in mail and code not in mail

    staff = browser.new_context(base_url=server).new_page()
    log_in(staff, adult)
    staff.goto("/admin/messages")
    conversation = staff.locator("#conversations button").first
    expect(conversation).to_contain_text("URGENT")
    conversation.click()
    expect(staff.locator("#thread-lines")).to_contain_text(STUDENT_TEXT)
    expect(staff.locator("#thread")).to_contain_text("Sam, 2nde 3")
    staff.click("#thread-take")
    expect(staff.locator("#thread-taken")).to_contain_text(adult)
    staff.fill("#thread-reply", "Merci de nous avoir écrit. Viens au bureau de la vie scolaire demain à 8h.")
    staff.click("#thread-send")
    expect(staff.locator("#messages-message")).to_have_text("Réponse envoyée.")
    staff.context.close()

    page.goto("/suivi")
    page.fill("#followup-code-input", code.upper().replace("-", " "))
    page.click("#followup-open")
    expect(page.locator("#followup-lines")).to_contain_text("bureau de la vie scolaire demain à 8h")
    page.fill("#followup-body", "D'accord, j'y serai.")
    page.click("#followup-send")
    expect(page.locator("#followup-lines [data-author=eleve]").last).to_contain_text("D'accord, j'y serai.")

    from tests.e2e.conftest import SERVER_LOG

    log = SERVER_LOG.read_text()
    for secret in (STUDENT_TEXT, "Sam, 2nde 3", code, code.split("-")[0] + "-" + code.split("-")[1], "j'y serai"):
        assert secret not in log, f"{secret!r} found in the server log"


def test_a_wrong_code_gets_a_neutral_message(page: Page):
    page.goto("/suivi")
    page.fill("#followup-code-input", "abeille-abeille-abeille-abeille-abeille-00")
    page.click("#followup-open")
    expect(page.locator("#followup-error")).to_contain_text("ne correspond à aucune conversation")


def test_another_schools_adult_and_a_national_admin_cannot_read_it(page: Page, browser: Browser, db, server):
    write_message(page)
    other = referent(db, uai="0593233U")
    national = f"nat-{secrets.token_hex(4)}@example.fr"
    create_account(db, national, PASSWORD, "national")
    conversation_id = db.exec(select(Conversation.id).where(Conversation.uai == SCHOOL)).first()
    for email in (other, national):
        visitor = browser.new_context(base_url=server).new_page()
        log_in(visitor, email)
        visitor.goto("/admin/messages")
        expect(visitor.locator("#message-counts")).to_be_visible()
        expect(visitor.locator("body")).not_to_contain_text(STUDENT_TEXT)
        assert visitor.locator(f"#conversation-{conversation_id}").count() == 0
        visitor.context.close()


def test_a_message_with_html_is_refused_in_french_and_the_text_stays(page: Page):
    page.goto(f"/etablissement/{SCHOOL}/ecrire")
    page.fill("#write-body", "<b>aide</b>")
    page.click("#write-send")
    expect(page.locator("#write-error")).to_contain_text("pas de balises HTML")
    expect(page.locator("#write-body")).to_have_value("<b>aide</b>")
