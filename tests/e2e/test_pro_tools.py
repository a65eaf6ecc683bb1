"""A teacher uses the professionals' toolkit on a phone: weak signals, the disclosure guide, the decision helper."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.accessibility import assert_accessible

NORD_SCHOOL, PAS_DE_CALAIS_SCHOOL = "0593233U", "0620006V"  # demo schools seeded by `parlonsen.cli seed`
TOOL_PAGES = ["/pro/outils", "/pro/signaux-faibles", "/pro/recueillir-la-parole", "/pro/information-preoccupante"]


def contact(page: Page, contact_id: str):
    return page.locator(f"#decision-contacts [data-contact='{contact_id}']")


def test_the_index_links_to_the_four_tools_including_the_record_sheet(page: Page):
    page.goto("/pro/outils")
    hrefs = page.locator(".tool-list a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == [
        "/pro/signaux-faibles",
        "/pro/recueillir-la-parole",
        "/pro/fiche-de-recueil",
        "/pro/information-preoccupante",
    ]


def test_a_teacher_ticks_signs_and_gets_the_right_advice(page: Page):
    page.goto("/pro/signaux-faibles")
    advice = page.locator("#advice-title")
    expect(advice).to_have_text("Cochez ce que vous avez observé")
    expect(page.locator("#single-sign")).to_contain_text("Il ne veut pas dire")
    page.click("#age-college")
    expect(page.locator("#age-college")).to_have_attribute("aria-pressed", "true")
    page.click("#signal-isolement")
    expect(page.locator("#signal-isolement")).to_have_attribute("aria-pressed", "true")
    expect(advice).to_have_text("Un signe isolé ne prouve rien — notez, observez, parlez-en à un collègue")
    page.click("#signal-chute_resultats")
    expect(advice).to_contain_text("parlez-en à l'équipe")
    expect(page.locator("#signals-advice")).to_contain_text("CPE")
    page.click("#signal-blessures")
    expect(advice).to_have_text("Un signe d'alerte : informez la direction sans attendre")
    expect(page.locator("#signals-advice a[href='/pro/information-preoccupante']")).to_be_visible()
    page.click("#age-elementaire")
    expect(page.locator("#signal-images_intimes")).to_have_count(0)
    expect(page.locator("#signal-blessures")).to_have_attribute("aria-pressed", "true")
    assert "blessures" not in page.url


def test_the_disclosure_guide_ends_with_the_record_sheet_and_the_decision_helper(page: Page):
    page.goto("/pro/recueillir-la-parole")
    expect(page.locator("#step-pas_de_secret")).to_contain_text("Ne pas promettre le secret")
    expect(page.locator("#step-noter")).to_contain_text("mots exacts")
    next_steps = page.locator("#disclosure-next")
    expect(next_steps.locator("a[href='/pro/fiche-de-recueil']")).to_be_visible()
    expect(next_steps.locator("a[href='/pro/information-preoccupante']")).to_be_visible()


def test_a_family_crime_case_names_the_procureur_the_nord_crip_and_the_119(page: Page):
    page.goto(f"/pro/information-preoccupante?uai={NORD_SCHOOL}")
    expect(page.locator("#progress")).to_have_text("Question 1 sur 3")
    page.click("#answer-danger-non")
    expect(page.locator("#progress")).to_have_text("Question 2 sur 3")
    page.click("#answer-crime-oui")
    page.click("#answer-famille-oui")
    expect(page.locator("#result-title")).to_contain_text("procureur de la République")
    expect(page.locator("#departement")).to_have_value("59")
    expect(contact(page, "direction")).to_be_visible()
    expect(contact(page, "procureur")).to_contain_text("Le procureur de la République")
    expect(contact(page, "crip")).to_contain_text("CRIP du Nord")
    expect(contact(page, "crip").locator("a")).to_have_attribute(
        "href", "https://services.lenord.fr/signaler-un-mineur-en-danger"
    )
    expect(contact(page, "119").locator("a")).to_have_attribute("href", "tel:119")
    expect(page.locator("#decision-actions")).to_contain_text("prévenez pas la famille vous-même")
    expect(page.locator("#decision-legal")).to_contain_text("article 40 du Code de procédure pénale")
    page.select_option("#departement", "62")
    expect(contact(page, "crip")).to_contain_text("Coordonnées à demander à votre direction")
    assert "oui" not in page.url.split("?", 1)[1]


def test_immediate_danger_shows_the_17_first(page: Page):
    page.goto("/pro/information-preoccupante")
    expect(page).to_have_title("Question 1 sur 3 – Information préoccupante ou signalement – Violences, parlons-en")
    page.focus("#answer-danger-oui")
    page.keyboard.press("Enter")  # keyboard only
    expect(page.locator("#decision")).to_have_attribute("data-outcome", "urgence")
    first = page.locator("#decision-contacts [data-contact]").first
    expect(first).to_have_attribute("data-contact", "17")
    expect(first.locator("a")).to_have_attribute("href", "tel:17")


def test_ticks_and_answers_leave_no_trace_in_the_server_log_or_the_database(page: Page):
    from tests.e2e.conftest import DATABASE, SERVER_LOG

    page.goto("/pro/signaux-faibles")
    page.click("#signal-comportement_sexualise")
    expect(page.locator("#signals-advice")).to_have_attribute("data-level", "alerter")
    assert "comportement_sexualise" not in SERVER_LOG.read_text()
    assert b"comportement_sexualise" not in DATABASE.read_bytes()


@pytest.mark.parametrize("path", TOOL_PAGES)
def test_every_toolkit_page_has_no_axe_violation_on_a_phone(page: Page, path: str):
    page.goto(path)
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page, path)


def test_the_advice_and_the_decision_outcomes_have_no_axe_violation(page: Page):
    page.goto("/pro/signaux-faibles")
    page.click("#signal-revelation")
    expect(page.locator("#signals-advice")).to_have_attribute("data-level", "alerter")
    assert_accessible(page, "signals with an alarm sign")
    page.goto(f"/pro/information-preoccupante?uai={PAS_DE_CALAIS_SCHOOL}")
    page.click("#answer-danger-oui")
    expect(page.locator("#decision")).to_have_attribute("data-outcome", "urgence")
    assert_accessible(page, "urgent outcome")
    page.click("#restart")
    for answer in ("#answer-danger-nsp", "#answer-crime-non", "#answer-famille-nsp"):
        page.click(answer)
    expect(page.locator("#decision")).to_have_attribute("data-outcome", "information_preoccupante")
    assert_accessible(page, "information préoccupante with a CRIP still to complete")
