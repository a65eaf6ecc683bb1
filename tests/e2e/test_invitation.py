"""A school admin adds a trusted adult by e-mail only; the adult chooses their own password from the link that
reaches their address, then reads the school's messages. The admin never knows that password."""

import re
import secrets
import time
from email import message_from_string

from playwright.sync_api import Browser, Page, expect

from tests.e2e.accessibility import axe_violations
from tests.e2e.flows import wait_until_ready
from tests.e2e.test_school_admin import SCHOOL, log_in, school_admin

NEW_PASSWORD = "mon propre mot de passe, à moi"


def invitation_link(mailbox, email: str) -> str:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        mails = [message_from_string(data) for to, data in mailbox.received if email in to]
        if mails:
            body = mails[-1].get_payload(decode=True).decode("utf-8")  # quoted-printable or base64, as sent
            return re.search(r"https?://\S+/admin/invitation\?jeton=[\w-]+", body).group(0)
        time.sleep(0.2)
    raise AssertionError(f"no invitation reached {email}")


def test_an_invited_adult_chooses_their_own_password_then_reads_the_messages(
    page: Page, browser: Browser, db, mailbox, server
):
    adult = f"cpe-{secrets.token_hex(4)}@example.fr"
    log_in(page, school_admin(db))
    page.goto(f"/admin/etablissement/{SCHOOL}")
    wait_until_ready(page)
    expect(page.locator("#referents input[type=password]")).to_have_count(0)  # the admin sets no password
    page.fill("#referent-email", adult)
    page.click("#referent-add")
    expect(page.locator("#referents")).to_contain_text(adult)
    expect(page.locator("#referents")).to_contain_text("invitation en attente")
    link = invitation_link(mailbox, adult)

    invited = browser.new_context(base_url=server, viewport={"width": 375, "height": 740}).new_page()
    invited.goto(link)
    wait_until_ready(invited)
    expect(invited.locator("#invitation-username")).to_have_value(adult)  # for password managers too
    assert axe_violations(invited) == []
    invited.fill("#invitation-password", NEW_PASSWORD)
    invited.fill("#invitation-password_again", "une faute de frappe ici")
    invited.click("#invitation-submit")
    expect(invited.locator("#invitation-error")).to_be_visible()
    invited.fill("#invitation-password", NEW_PASSWORD)
    invited.fill("#invitation-password_again", NEW_PASSWORD)
    invited.click("#invitation-submit")
    expect(invited.locator("#invitation-done")).to_be_visible()
    invited.screenshot(path=".web/e2e-invitation-375.png")

    again = browser.new_context(base_url=server).new_page()  # the link works once
    again.goto(link)
    wait_until_ready(again)
    expect(again.locator("#invitation-link-error")).to_be_visible()
    expect(again.locator("#invitation-form")).to_have_count(0)

    log_in(invited, adult, NEW_PASSWORD)
    expect(invited.locator("#logout")).to_be_visible()
    invited.goto("/admin/messages")
    expect(invited.locator("h1")).to_contain_text("Messages")
    for context in (invited.context, again.context):
        context.close()
