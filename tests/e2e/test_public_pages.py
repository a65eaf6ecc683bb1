"""A child, a parent and a professional use the site in a real browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from parlonsen.catalog import catalog
from parlonsen.components.quick_exit import EXIT_URL
from parlonsen.components.tool_links import PROFESSIONAL_TOOLS, STUDENT_TOOLS
from tests.e2e.flows import answer, wait_until_ready

TOOL_PAGES = [*(t.route for t in STUDENT_TOOLS), "/pro/outils", *(t.route for t in PROFESSIONAL_TOOLS)]

PAGES = [
    "/",
    "/questionnaire",
    "/aide",
    "/violences",
    "/naviguer-en-securite",
    *[f"/violences/{v}" for v in catalog().violences],
    *[f"/parcours/{j}" for j in catalog().journeys],
    *TOOL_PAGES,
]


def first_channel(page: Page) -> str:
    card = page.locator("#result-channels article").first
    expect(card).to_be_visible()
    return card.get_attribute("data-channel") or ""


def test_a_student_bullied_online_is_sent_first_to_the_3018(page: Page):
    page.goto("/")
    page.click("#start-eleve")
    expect(page.locator("#progress")).to_have_text("Étape 1 sur 5")
    page.click("#option-who-moi")
    expect(page.locator("#progress")).to_have_text("Étape 2 sur 5")
    page.click("#option-danger-non")
    page.click("#option-self_harm-non")
    page.click("#option-concern-cyberviolence")
    expect(page.locator("#option-concern-cyberviolence")).to_have_attribute("aria-pressed", "true")
    page.click("#continue")
    page.click("#option-where-en_ligne")
    page.click("#continue")
    assert first_channel(page) == "3018"
    expect(page.locator("#channel-3018 a[href='tel:3018']")).to_be_visible()
    expect(page.locator("#next-steps li").first).to_be_visible()
    assert page.url.rstrip("/").endswith("/questionnaire/resultat"), "answers must never appear in the URL"


def test_a_student_in_danger_sees_the_emergency_numbers_first(page: Page):
    answer(page, "eleve", who="moi", danger="oui")
    urgent = page.locator("#urgent")
    expect(urgent).to_be_visible()
    assert urgent.bounding_box()["y"] < page.locator("#result-channels").bounding_box()["y"]
    for href in ("tel:17", "tel:112", "sms:114"):
        expect(urgent.locator(f"a[href='{href}']")).to_be_visible()


def test_a_parent_victim_at_home_is_sent_first_to_the_3919(page: Page):
    answer(page, "parent", who="moi", danger="non", concern=["intrafamiliale"], where=["maison"])
    assert first_channel(page) == "3919"
    expect(page.locator("#result-title")).to_have_text("Voici qui peut vous aider")


def test_a_professional_is_sent_first_to_the_crip(page: Page):
    page.goto("/")
    page.click("#start-professionnel")
    expect(page.locator("#progress")).to_have_text("Étape 1 sur 4")
    answer(page, "professionnel", danger="non", concern=["physique"], where=["maison"])
    assert first_channel(page) == "crip"
    assert page.locator("#result-channels article").nth(1).get_attribute("data-channel") == "119"


def test_back_keeps_the_answers_and_start_again_clears_them(page: Page):
    page.goto("/")
    page.click("#start-parent")
    page.click("#option-who-ami")
    expect(page.locator("#progress")).to_have_text("Étape 2 sur 5")
    page.click("#back")
    expect(page.locator("#option-who-ami")).to_have_attribute("aria-pressed", "true")
    page.click("#restart")
    expect(page).to_have_url(re.compile(r"/$"))
    page.click("#start-parent")
    expect(page.locator("#option-who-ami")).to_have_attribute("aria-pressed", "false")


def test_the_quick_exit_leaves_the_page_at_once(page: Page):
    page.goto("/aide")
    page.click("#quick-exit")
    page.wait_for_url(EXIT_URL + "**")
    expect(page.locator("h1")).to_have_text("Météo")


def test_pressing_shift_three_times_leaves_the_page(page: Page):
    page.goto("/")
    expect(page.locator("#start-eleve")).to_be_visible()
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL + "**")


def test_the_quick_exit_forgets_the_session_so_back_shows_no_answers(page: Page):
    page.goto("/")
    page.click("#start-eleve")
    page.click("#option-who-moi")
    page.wait_for_url("**/questionnaire/eleve/2**")
    page.click("#quick-exit")
    page.wait_for_url(EXIT_URL + "**")
    page.go_back()  # the exit replaced the question's page: Back shows the one before, with no answer kept
    wait_until_ready(page)
    assert not page.url.rstrip("/").endswith("/questionnaire/eleve/2")
    expect(page.locator("#option-who-moi")).to_have_attribute("aria-pressed", "false")


def test_the_quick_exit_is_a_real_link_that_works_without_javascript(page_without_js: Page):
    page_without_js.goto("/violences/sexuelle")
    link = page_without_js.locator("#quick-exit")
    assert link.get_attribute("href") == EXIT_URL
    link.click()
    page_without_js.wait_for_url(EXIT_URL + "**")


@pytest.mark.parametrize("path", PAGES)
def test_every_page_shows_the_119_and_the_quick_exit_without_script_errors(page: Page, path: str):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path)
    expect(page.locator("#help-bar-119")).to_be_visible()
    assert page.locator("#help-bar-119").get_attribute("href") == "tel:119"
    expect(page.locator("#help-bar")).to_contain_text("24h/24")
    expect(page.locator("#quick-exit")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert errors == []


def test_the_help_channels_page_shows_open_now_and_the_3020_status(page: Page):
    page.goto("/aide")
    expect(page.locator("#channel-119 .badge.open")).to_have_text(re.compile("Ouvert maintenant"))
    expect(page.locator("#channel-3018 .badge.open, #channel-3018 .badge.closed")).to_have_count(1)
    expect(page.locator("#channel-3020")).to_contain_text("3018")


def test_an_unknown_address_gets_a_kind_page_with_the_help_bar(page: Page):
    page.goto("/cette-page-n-existe-pas")
    expect(page.locator("h1")).to_have_text("Cette page n'existe pas")
    expect(page.locator("#help-bar-119")).to_be_visible()
    expect(page.locator("#quick-exit")).to_be_visible()


def test_answers_leave_no_trace_in_the_url_the_server_log_or_the_database(page: Page):
    from tests.e2e.conftest import DATABASE, SERVER_LOG

    answer(page, "eleve", who="ami", danger="non", concern=["discrimination"], where="ailleurs")
    expect(page.locator("#result")).to_be_visible()
    assert "discrimination" not in page.url and "ailleurs" not in page.url
    assert "discrimination" not in SERVER_LOG.read_text()
    assert b"discrimination" not in DATABASE.read_bytes()


@pytest.mark.parametrize(
    ("start", "tools"),
    [("/parcours/eleve-victime", STUDENT_TOOLS), ("/parcours/eleve-temoin", STUDENT_TOOLS),
     ("/parcours/professionnel", PROFESSIONAL_TOOLS), ("/", STUDENT_TOOLS)],
)  # fmt: skip
def test_the_tools_are_reachable_from_the_journeys_and_the_home_page(page: Page, start: str, tools):
    for tool in tools:
        page.goto(start)
        page.locator(f"main a[href='{tool.route}']").first.click()
        page.wait_for_url(f"**{tool.route}")
        heading = page.locator("h1").first  # the record sheet also has its print view's title, hidden on screen
        expect(heading).to_be_visible()
        expect(heading).not_to_contain_text("n'existe pas")


@pytest.mark.parametrize(
    ("profile", "answers", "routes"),
    [("eleve", {"who": "moi", "danger": "non", "concern": ["harcelement"], "where": "ecole"},
      [t.route for t in STUDENT_TOOLS]),
     ("professionnel", {"danger": "non", "concern": ["intrafamiliale"], "where": "maison"},
      ["/pro/outils", *(t.route for t in PROFESSIONAL_TOOLS)])],
)  # fmt: skip
def test_every_orientation_result_links_to_the_tools_of_its_profile(page: Page, profile: str, answers, routes):
    answer(page, profile, **answers)
    expect(page.locator("#result")).to_be_visible()
    for route in routes:
        expect(page.locator(f"#tools-{profile} a[href='{route}']")).to_be_visible()
