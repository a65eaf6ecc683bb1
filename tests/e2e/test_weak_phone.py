"""A weak phone and a broken connection: the first tap counts, a French way out when the connection drops,
emergency targets a thumb can hit, Back goes one question back, the quick exit leaves less behind."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from parlonsen.components.quick_exit import EXIT_URL
from tests.e2e.conftest import _answer_offsite_locally, _on_loopback
from tests.e2e.flows import answer_until_result, wait_until_ready

SLOW_4G = {"offline": False, "latency": 400, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}


def phone_page(browser: Browser, server: str, width: int = 375, height: int = 740, throttled: bool = False) -> Page:
    context = browser.new_context(base_url=server, viewport={"width": width, "height": height}, locale="fr-FR")
    context.route(lambda url: not _on_loopback(url), _answer_offsite_locally)
    page = context.new_page()
    if throttled:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    return page


@pytest.fixture
def slow_phone(browser: Browser, server: str):
    page = phone_page(browser, server, throttled=True)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser: Browser, server: str):
    page = phone_page(browser, server)
    yield page
    page.context.close()


@pytest.fixture
def small_phone(browser: Browser, server: str):
    page = phone_page(browser, server, width=320, height=640)
    yield page
    page.context.close()


# --- The first tap always counts ------------------------------------------------------------------
def test_je_suis_eleve_tapped_right_after_the_first_paint_opens_the_first_question(slow_phone: Page):
    slow_phone.goto("/", wait_until="commit")
    start = slow_phone.locator("#start-eleve")
    start.wait_for(state="visible", timeout=20_000)
    assert slow_phone.evaluate("document.getElementById('app-ready').dataset.ready") != "true"  # not ready yet
    start.click(no_wait_after=True)
    expect(slow_phone.locator("#question-title")).to_be_visible(timeout=20_000)
    expect(slow_phone.locator("#question-who")).to_be_visible()
    assert slow_phone.url.rstrip("/").endswith("/questionnaire/eleve")


def test_an_answer_tapped_before_the_question_page_is_ready_is_replayed_once(slow_phone: Page):
    slow_phone.goto("/questionnaire/eleve", wait_until="commit")
    option = slow_phone.locator("#option-who-ami")
    option.wait_for(state="visible", timeout=20_000)
    assert slow_phone.evaluate("document.getElementById('app-ready').dataset.ready") != "true"
    option.click(no_wait_after=True)
    expect(slow_phone.locator("#question-danger")).to_be_visible(timeout=30_000)
    expect(slow_phone.locator("#question-title")).to_contain_text("ton ami·e")  # the tap was « Pour un·e ami·e »
    slow_phone.wait_for_url("**/questionnaire/eleve/2**")
    slow_phone.go_back()
    expect(slow_phone.locator("#option-who-ami")).to_have_attribute("aria-pressed", "true", timeout=20_000)


def test_the_school_search_is_a_real_form_and_a_search_sent_before_the_page_is_ready_runs(page: Page):
    page.goto("/etablissements")
    form = page.locator("form[role=search]")
    assert form.get_attribute("method") == "get" and form.get_attribute("action") == "/etablissements"
    page.goto("/etablissements?q=Arras")
    expect(page.locator("#school-results li").first).to_contain_text("Arras")
    expect(page.locator("#school-query")).to_have_value("Arras")


# --- When the connection drops --------------------------------------------------------------------
# A network that drops, inside the page: while `window.__cut`, every new WebSocket goes to a closed loopback
# port (refused at once, as a lost network fails) and the live one is closed; then the network comes back.
CUTTABLE_SOCKETS = """(() => {
  const Native = window.WebSocket;
  window.__sockets = [];
  window.__cut = false;
  window.WebSocket = function (url, protocols) {
    const s = new Native(window.__cut ? 'ws://127.0.0.1:9/' : url, protocols);
    window.__sockets.push(s);
    return s;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();"""


def test_a_dropped_connection_shows_a_calm_french_message_with_the_numbers_then_the_answer_goes_once(phone: Page):
    phone.add_init_script(CUTTABLE_SOCKETS)
    phone.goto("/questionnaire/eleve")
    wait_until_ready(phone)
    phone.click("#option-who-moi")
    phone.wait_for_url("**/questionnaire/eleve/2**")
    wait_until_ready(phone)

    phone.evaluate("window.__cut = true; window.__sockets.forEach(s => s.close())")  # the network goes
    banner = phone.locator("#connection-lost")
    expect(banner).to_be_visible(timeout=30_000)
    expect(banner).to_contain_text("La connexion est coupée")
    expect(banner).to_contain_text("gardées")
    for href in ("tel:119", "tel:17", "tel:112", "sms:114"):
        expect(banner.locator(f"a[href='{href}']")).to_be_visible()
    text = phone.locator("body").inner_text()
    assert not re.search(r"Cannot connect|websocket|ws://|_event|server", text, re.IGNORECASE), text
    phone.screenshot(path=".web/connection-lost-375.png")

    phone.click("#option-danger-non")  # tapped while cut off: it waits, then goes once
    phone.evaluate("window.__cut = false")  # the network comes back
    expect(banner).to_be_hidden(timeout=30_000)
    expect(phone.locator("#question-self_harm")).to_be_visible(timeout=20_000)
    phone.click("#option-self_harm-non")
    phone.click("#option-concern-physique")
    expect(phone.locator("#option-concern-physique")).to_have_attribute("aria-pressed", "true")
    answer_until_result(phone, {"concern": ["physique"], "where": ["maison"]})
    assert phone.locator("#result-channels [data-channel]").first.get_attribute("data-channel") == "119"
    for _ in range(4):  # result → where → concern → self_harm → danger, one question per Back
        phone.go_back()
    expect(phone.locator("#question-danger")).to_be_visible()  # its answer was taken once: « non »
    expect(phone.locator("#option-danger-non")).to_have_attribute("aria-pressed", "true")


# --- Emergency targets and small screens ------------------------------------------------------------
def test_the_help_bar_is_four_thumb_sized_buttons_in_one_row_at_320_pixels(small_phone: Page):
    small_phone.goto("/")
    boxes = [small_phone.locator(f"#help-bar-{n}").bounding_box() for n in ("119", "17", "112", "114")]
    for box in boxes:
        assert box["width"] >= 44 and box["height"] >= 44, box
    assert len({round(b["y"]) for b in boxes}) == 1, boxes  # one row
    assert small_phone.evaluate("document.documentElement.scrollWidth") <= 320
    hrefs = [small_phone.locator(f"#help-bar-{n}").get_attribute("href") for n in ("119", "17", "112", "114")]
    assert hrefs == ["tel:119", "tel:17", "tel:112", "sms:114"]
    small_phone.locator("#help-bar").screenshot(path=".web/help-bar-320.png")


def test_on_a_320_by_640_screen_the_chrome_leaves_the_danger_question_answers_in_view(small_phone: Page):
    small_phone.goto("/questionnaire/eleve")
    wait_until_ready(small_phone)
    small_phone.click("#option-who-moi")
    small_phone.wait_for_url("**/questionnaire/eleve/2**")
    wait_until_ready(small_phone)
    expect(small_phone.locator("#question-danger")).to_be_visible()
    chrome = small_phone.evaluate("document.getElementById('contenu').getBoundingClientRect().top")
    assert chrome <= 640 * 0.27, f"the bars above the question take {chrome:.0f} px of 640"
    for option in ("oui", "non", "ne_sais_pas"):
        box = small_phone.locator(f"#option-danger-{option}").bounding_box()
        assert box["y"] + box["height"] <= 640, (option, box)
    assert small_phone.locator("text=Violences, parlons-en").count() == 1  # the site's name, once
    small_phone.screenshot(path=".web/question-320x640.png")


# --- Back and history -----------------------------------------------------------------------------
def test_the_browsers_back_goes_one_question_back_and_forward_comes_again(phone: Page):
    phone.goto("/")
    phone.click("#start-eleve")
    phone.click("#option-who-moi")
    phone.wait_for_url("**/questionnaire/eleve/2**")
    phone.click("#option-danger-non")
    phone.wait_for_url("**/questionnaire/eleve/3**")
    phone.go_back()
    expect(phone.locator("#question-danger")).to_be_visible()
    expect(phone.locator("#option-danger-non")).to_have_attribute("aria-pressed", "true")
    phone.go_back()
    expect(phone.locator("#question-who")).to_be_visible()
    expect(phone.locator("#option-who-moi")).to_have_attribute("aria-pressed", "true")
    phone.go_forward()
    expect(phone.locator("#question-danger")).to_be_visible()
    phone.go_forward()
    expect(phone.locator("#question-self_harm")).to_be_visible()
    assert phone.url.rstrip("/").endswith("/questionnaire/eleve/3")


def test_one_back_from_the_neutral_site_does_not_show_the_page_that_was_being_read(phone: Page):
    phone.goto("/")
    phone.goto("/violences/sexuelle")
    wait_until_ready(phone)
    assert "sexuel" not in phone.title().lower()  # titles in the history name the kind of page only
    phone.click("#quick-exit")
    phone.wait_for_url(EXIT_URL + "**")
    phone.go_back()
    phone.wait_for_load_state()
    assert not phone.url.endswith("/violences/sexuelle")


def test_shift_does_not_leave_while_typing_and_the_presses_show_beside_the_button(phone: Page):
    phone.goto("/etablissements")
    wait_until_ready(phone)
    phone.click("#school-query")
    for _ in range(3):
        phone.keyboard.press("Shift")
    phone.keyboard.type("ARRAS")
    assert phone.url.rstrip("/").endswith("/etablissements")
    expect(phone.locator("#school-query")).to_have_value("ARRAS")
    phone.click("h1")
    phone.keyboard.press("Shift")
    presses = phone.locator("#quick-exit-presses")
    expect(presses).to_be_visible()
    expect(presses.locator(".press.on")).to_have_count(1)
    phone.keyboard.press("Shift")
    expect(presses.locator(".press.on")).to_have_count(2)


def test_links_that_open_a_new_tab_say_so(page: Page):
    page.goto("/aide")
    chat = page.locator("#channel-3018 a[target=_blank]").first
    expect(chat).to_contain_text("nouvel onglet")
    page.goto("/naviguer-en-securite")
    expect(page.locator("main")).to_contain_text("ferme aussi cet onglet")
