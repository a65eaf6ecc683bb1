"""Single sign-on from the ENT and messages through the ENT's messaging, against a faithful fake ENT."""

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from parlonsen.models import Etablissement
from parlonsen.services.ent import NEUTRAL_SUBJECT
from tests.e2e.test_school_admin import SCHOOL
from tests.fake_ent import ADULTS_GROUP, FakeEnt, fake_user

TEXT = "Quelqu'un de ma classe me fait peur"


@pytest.fixture
def ent(fake_ent: FakeEnt, db: Session) -> FakeEnt:
    """The student belongs to Lycée Robespierre, whose admin set the ENT group of trusted adults."""
    fake_ent.mode = "ok"
    fake_ent.users["student-1"] = fake_user("student-1", uai=[SCHOOL], school_name="Lycée Robespierre")
    fake_ent.current_user = fake_ent.users["student-1"]
    fake_ent.visible_group_ids["student-1"] = {ADULTS_GROUP}
    school = db.get(Etablissement, SCHOOL)
    school.ent_group_id = ADULTS_GROUP
    db.add(school)
    db.commit()
    fake_ent.sent.clear()
    return fake_ent


def sign_in(page: Page) -> None:
    page.goto("/ent/connexion")
    page.wait_for_url(f"**/etablissement/{SCHOOL}")
    expect(page.locator("#school-start-ent")).to_be_visible()


def write_through_ent(page: Page, text: str = TEXT) -> None:
    page.click("#school-write")
    expect(page.locator("#write-ent-notice")).to_contain_text("MARTIN Jeanne")
    page.fill("#write-body", text)
    page.check("#write-via-ent")
    page.click("#write-send")


def test_a_student_launched_from_the_ent_lands_on_their_school_and_writes_through_the_ent(page: Page, ent: FakeEnt):
    sign_in(page)
    page.click("#school-start-ent")
    expect(page.locator("#progress")).to_have_text("Étape 1 sur 5")  # the élève questionnaire
    page.goto(f"/etablissement/{SCHOOL}")
    write_through_ent(page, "J'ai peur < vraiment & souvent\nmerci")
    expect(page.locator("#write-ent-sent")).to_be_visible()
    assert ent.sent[-1] == {
        "subject": NEUTRAL_SUBJECT,
        "body": "<p>J&#x27;ai peur &lt; vraiment &amp; souvent<br>merci</p>",
        "to": [ADULTS_GROUP],
        "cc": [],
        "cci": [],
    }
    token_requests = ent.requests_to("/auth/oauth2/token")
    assert token_requests and all(
        r.query == "" and r.headers["authorization"].startswith("Basic ") for r in token_requests
    )


def test_the_ent_tokens_never_reach_the_browser(page: Page, ent: FakeEnt):
    sign_in(page)
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["parlonsen_ent"]["httpOnly"]
    assert page.evaluate("document.cookie").find("parlonsen_ent") == -1
    storage = page.evaluate("JSON.stringify(window.sessionStorage) + JSON.stringify(window.localStorage)")
    for token in list(ent._access_tokens):
        assert token not in storage and token not in page.content()


def test_a_group_not_visible_to_the_student_is_explained_and_the_text_kept_for_the_built_in_channel(
    page: Page, ent: FakeEnt
):
    ent.visible_group_ids["student-1"] = set()
    sign_in(page)
    write_through_ent(page)
    expect(page.locator("#write-error")).to_contain_text("L'ENT a refusé l'envoi")
    expect(page.locator("#write-body")).to_have_value(TEXT)
    page.check("#write-via-parlonsen")
    page.click("#write-send")
    expect(page.locator("#followup-code")).to_be_visible()
    assert ent.sent == []


def test_an_ent_that_is_down_is_said_plainly(page: Page, ent: FakeEnt):
    sign_in(page)
    ent.mode = "down"
    write_through_ent(page)
    expect(page.locator("#write-error")).to_contain_text("L'ENT ne répond pas")
    expect(page.locator("#write-error")).to_contain_text("119")
    expect(page.locator("#write-body")).to_have_value(TEXT)


def test_an_expired_token_is_refreshed_without_the_student_noticing(page: Page, ent: FakeEnt):
    sign_in(page)
    ent.expire_all_tokens()  # the ENT now answers 302 to the old token
    write_through_ent(page)
    expect(page.locator("#write-ent-sent")).to_be_visible()
    assert len(ent.sent) == 1


def test_a_user_of_an_unknown_school_gets_the_generic_pages_with_a_clear_message(page: Page, ent: FakeEnt):
    ent.current_user = ent.users["student-1"] = fake_user("student-1", uai=["0999999Z"])
    page.goto("/ent/connexion")
    expect(page.locator("#ent-unknown-school")).to_be_visible()
    expect(page.locator("#start-eleve")).to_be_visible()


def test_a_user_of_several_schools_chooses_one(page: Page, ent: FakeEnt):
    ent.current_user = ent.users["student-1"] = fake_user("student-1", uai=[SCHOOL, "0593233U"])
    page.goto("/ent/connexion")
    expect(page.locator("#ent-schools li")).to_have_count(2)
    page.click("text=Lycée Robespierre")
    expect(page.locator("#school-name")).to_have_text("Lycée Robespierre")


def test_a_forged_callback_is_refused(page: Page):
    page.goto("/ent/retour?code=abc&state=forged")
    expect(page.locator("#ent-error")).to_contain_text("n'a pas abouti")


def test_logging_out_forgets_the_ent_sign_in(page: Page, ent: FakeEnt):
    sign_in(page)
    page.goto("/ent/deconnexion")
    page.goto(f"/etablissement/{SCHOOL}")
    expect(page.locator("#school-start-eleve")).to_be_visible()
    expect(page.locator("#school-start-ent")).to_have_count(0)
