"""« Écouter » reads the question and its answers aloud with the browser's own French voice; nothing leaves the
browser, the button is hidden where there is no French voice, and the quick exit stops the speech."""

from playwright.sync_api import Page, expect

from tests.e2e.accessibility import axe_violations
from tests.e2e.flows import wait_until_ready

# Headless Chromium has no voices: this stands in for a phone's, and records what it is asked to say.
FAKE_VOICES = """(() => {
  const spoken = window.__spoken = [];
  window.__cancelled = 0;
  const synth = {
    speaking: false,
    getVoices: () => [{name: 'Amélie', lang: 'fr-FR'}, {name: 'Daniel', lang: 'en-GB'}],
    speak(u) { spoken.push({text: u.text, lang: u.lang}); },
    cancel() { window.__cancelled++; navigator.sendBeacon('/__speech-cancelled', 'x'); },
    addEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();"""


def test_the_question_and_its_answers_are_read_in_french_by_the_browser(page: Page, server: str):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(FAKE_VOICES)
    page.goto("/questionnaire/eleve")
    wait_until_ready(page)
    expect(page.locator("#read-aloud")).to_be_visible()
    box = page.locator("#read-aloud").bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # a thumb's target
    assert axe_violations(page) == []
    page.click("#read-aloud")
    page.wait_for_function("window.__spoken.length === 1")
    [spoken] = page.evaluate("window.__spoken")
    title = page.locator("#question-title").inner_text().strip()
    assert spoken["lang"] == "fr-FR" and spoken["text"].startswith(title)
    assert page.locator("[id^=option-who-]").first.inner_text().strip() in spoken["text"]
    assert [url for url in requests if not url.startswith(server) and not url.startswith("data:")] == []


def test_without_a_french_voice_there_is_no_button(page: Page):
    page.goto("/questionnaire/eleve")  # headless Chromium: no voice at all
    wait_until_ready(page)
    expect(page.locator("#read-aloud")).to_be_hidden()


def test_the_quick_exit_stops_the_speech(page: Page):
    cancelled = []
    page.route("**/__speech-cancelled", lambda route: (cancelled.append(1), route.fulfill(status=204)))
    page.route("https://meteofrance.com/**", lambda route: route.fulfill(body="meteo"))
    page.add_init_script(FAKE_VOICES)
    page.goto("/questionnaire/eleve")
    wait_until_ready(page)
    page.click("#read-aloud")
    page.wait_for_function("window.__spoken.length === 1")
    page.click("#quick-exit")
    page.wait_for_url("https://meteofrance.com/**")
    page.wait_for_timeout(300)
    assert cancelled, "the speech went on after the quick exit"
