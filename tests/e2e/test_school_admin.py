"""A school admin edits the trusted-adult group; a student then finds it on the school page and in the orientation."""

import secrets

from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session

from parlonsen.services.accounts import create_account
from tests.e2e.flows import answer_until_result

SCHOOL = "0620006V"  # Lycée Robespierre, Arras (tests/data/annuaire_etablissements_hdf.csv)
PASSWORD = "un mot de passe solide"


def school_admin(db: Session) -> str:
    email = f"robespierre-{secrets.token_hex(4)}@example.fr"
    create_account(db, email, PASSWORD, "etablissement", uai=SCHOOL)
    return email


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/admin")
    page.fill("#field-email", email)
    page.fill("#field-password", password)
    page.click("#login-submit")
    if password == PASSWORD:
        expect(page.locator("#logout")).to_be_visible()


def add_adult(page: Page, name: str, where: str) -> None:
    page.select_option("#new-role", "cpe")
    page.fill("#new-name", name)
    page.fill("#new-where", where)
    page.click("#new-save")
    expect(page.locator("#admin-message")).to_have_text("Adulte ajouté.")


def test_a_school_admin_adds_an_adult_and_a_student_sees_it_in_the_orientation(
    page: Page, browser: Browser, db, server
):
    name = f"Mme Lefebvre {secrets.token_hex(2)}"
    log_in(page, school_admin(db))
    page.click(f"#edit-{SCHOOL}")
    expect(page.locator("h1")).to_have_text("Lycée Robespierre")
    add_adult(page, name, "Bureau de la vie scolaire, bâtiment B")
    expect(page.locator("#preview")).to_contain_text(name)

    student = browser.new_context(base_url=server, viewport={"width": 390, "height": 844}).new_page()
    student.goto(f"/etablissement/{SCHOOL}")
    expect(student.locator("#school-adults")).to_contain_text(name)
    expect(student.locator("#school-resources")).to_contain_text("CRIP du Pas-de-Calais")
    student.click("#school-start-eleve")
    answer_until_result(student, {"who": "moi", "danger": "non", "concern": ["harcelement"], "where": ["ecole"]})
    adults = student.locator("#result-channels #channel-school-adults")
    adults.locator("summary").click()  # « Qui sont ces adultes ? »
    expect(adults).to_contain_text(name)
    expect(adults).to_contain_text("Bureau de la vie scolaire, bâtiment B")
    expect(student.locator("#local-resources")).to_contain_text("Maison des adolescents")
    student.context.close()


def test_admin_text_is_shown_as_text_never_run_as_html(page: Page, browser: Browser, db, server):
    log_in(page, school_admin(db))
    page.goto(f"/admin/etablissement/{SCHOOL}")
    attack = '<img src=x onerror="window.__xss=1">'
    add_adult(page, attack, "javascript:alert(1)")
    student = browser.new_context(base_url=server).new_page()
    student.goto(f"/etablissement/{SCHOOL}")
    expect(student.locator("#school-adults")).to_contain_text(attack)
    assert student.locator("#school-adults img").count() == 0
    assert student.evaluate("window.__xss") is None
    student.context.close()


def test_an_admin_cannot_open_another_schools_editor(page: Page, db):
    log_in(page, school_admin(db))
    page.goto("/admin/etablissement/0593233U")
    expect(page.locator("#admin-forbidden")).to_be_visible()
    expect(page.locator("#new-contact")).to_have_count(0)


def test_a_wrong_password_gets_a_french_message(page: Page, db):
    log_in(page, school_admin(db), "pas le bon mot de passe")
    expect(page.locator("#login-error")).to_have_text("Adresse ou mot de passe incorrect.")


def test_a_student_finds_their_school_by_commune(page: Page):
    page.goto("/etablissements")
    page.fill("#school-query", "arras")
    expect(page.locator("#school-results")).to_contain_text("Lycée Robespierre")
    page.click("text=Lycée Robespierre")
    expect(page.locator("#school-name")).to_have_text("Lycée Robespierre")


def test_an_unknown_school_gets_a_kind_404_with_the_help_bar(page: Page):
    page.goto("/etablissement/0000000X")
    expect(page.locator("h1")).to_have_text("Cet établissement est introuvable")
    expect(page.locator("#help-bar-119")).to_be_visible()


def test_a_departement_admin_completes_the_crip_and_schools_show_it(page: Page, db):
    email = f"pdc-{secrets.token_hex(4)}@example.fr"
    create_account(db, email, PASSWORD, "departement", departement_code="62")
    log_in(page, email)
    page.goto("/admin/departement/62")
    crip = page.locator("#admin-resources form").filter(has_text="CRIP du Pas-de-Calais")
    expect(crip).to_contain_text("À compléter")
    crip.locator("input[name=phone]").fill("03 21 00 00 00")
    crip.locator("button[type=submit]").click()
    expect(page.locator("#admin-resources form").filter(has_text="CRIP du Pas-de-Calais")).not_to_contain_text(
        "À compléter"
    )
    page.goto(f"/etablissement/{SCHOOL}")
    expect(page.locator("#school-resources a[href='tel:0321000000']")).to_be_visible()
    page.goto("/admin/journal")
    expect(page.locator("body")).to_contain_text(email)


def test_each_school_has_a_printable_poster_with_a_qr_code(page: Page):
    page.goto(f"/etablissement/{SCHOOL}/affiche")
    expect(page.locator("#poster-school")).to_have_text("Lycée Robespierre")
    expect(page.locator("#poster-qr svg")).to_be_visible()
    expect(page.locator("#poster-url")).to_contain_text(f"/etablissement/{SCHOOL}")
    expect(page.locator("#poster")).to_contain_text("119")
