"""WCAG 2.2 AA beyond what axe decides: focus never hidden under the sticky bar, targets a thumb can hit,
the help in the same place on every page, sign-in that accepts paste and password managers."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import _answer_offsite_locally, _on_loopback
from tests.e2e.flows import wait_until_ready
from tests.e2e.test_accessibility import PUBLIC

MAX_TABS = 45  # per page: enough to reach the footer of every public page
# Where each focused element is, against the sticky top bar (which contains some of the targets itself).
FOCUS_BOX = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const bar = document.querySelector('.quick-exit-bar').getBoundingClientRect();
  const r = el.getBoundingClientRect();
  return {id: el.id || el.tagName + ':' + (el.textContent || '').trim().slice(0, 30),
          inBar: !!el.closest('.quick-exit-bar'), top: r.top, bottom: r.bottom, height: r.height,
          barBottom: bar.bottom, viewport: window.innerHeight};
}"""
# Every target a finger may hit: links and buttons outside running text (2.5.8 exempts links inside a sentence).
TARGETS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden')
  .map(e => { const r = e.getBoundingClientRect();
    return {id: e.id || e.className || e.tagName, text: (e.textContent || '').trim().slice(0, 30),
            width: r.width, height: r.height}; })"""


def phone(browser: Browser, server: str, width: int) -> Page:
    context = browser.new_context(base_url=server, viewport={"width": width, "height": 640}, locale="fr-FR")
    context.route(lambda url: not _on_loopback(url), _answer_offsite_locally)
    return context.new_page()


@pytest.mark.parametrize("width", [320, 375])
def test_a_focused_element_is_never_hidden_behind_the_sticky_bar(browser: Browser, server: str, width: int):
    page = phone(browser, server, width)
    hidden = []
    for path in PUBLIC:
        page.goto(path)
        wait_until_ready(page)
        seen = set()
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            box = page.evaluate(FOCUS_BOX)
            if box is None or box["inBar"] or box["height"] == 0:
                continue
            if box["id"] in seen:
                break  # back to the start of the page: every focusable element was reached
            seen.add(box["id"])
            if box["top"] < box["barBottom"] - 1:
                hidden.append(f"{path} {box['id']}: top {box['top']:.0f} under the bar (bottom {box['barBottom']:.0f})")
        if path == "/aide" and width == 320:
            page.screenshot(path=".web/focus-under-sticky-bar-320.png")
    page.context.close()
    assert not hidden, "\n".join(hidden)


def test_help_lines_answers_and_actions_are_44_pixels_and_every_target_24(browser: Browser, server: str):
    page = phone(browser, server, 320)
    small = []
    for path in ["/", "/aide", "/harcelometre", "/questionnaire/eleve", "/etablissements", "/naviguer-en-securite"]:
        page.goto(path)
        wait_until_ready(page)
        for target in page.evaluate(TARGETS, ".help-call, .choice, .contact, .quick-exit, .button, .footer-links a"):
            if target["width"] < 44 or target["height"] < 44:
                small.append(f"{path} {target}")
        for target in page.evaluate(TARGETS, "button, .site-nav a, summary"):
            if target["width"] < 24 or target["height"] < 24:
                small.append(f"{path} {target} (under 24)")
    page.locator("footer").screenshot(path=".web/footer-320.png")
    page.context.close()
    assert not small, "\n".join(small)


def test_the_help_bar_is_in_the_same_place_on_every_page(page: Page):
    places = set()
    for path in PUBLIC:
        page.goto(path)
        wait_until_ready(page)
        place = page.evaluate(
            """() => { const bar = document.getElementById('help-bar');
                       return [bar.previousElementSibling.className, Math.round(bar.getBoundingClientRect().top)]; }"""
        )
        places.add(tuple(place))
    assert len(places) == 1, places  # the same place on every page: right under the top bar, at the same height
    assert next(iter(places))[0] == "quick-exit-bar"


def test_sign_in_accepts_paste_and_password_managers(page: Page):
    page.goto("/admin")
    wait_until_ready(page)
    email, password = page.locator("#field-email"), page.locator("#field-password")
    assert (email.get_attribute("type"), email.get_attribute("autocomplete")) == ("email", "username")
    assert (password.get_attribute("type"), password.get_attribute("autocomplete")) == ("password", "current-password")
    blocked = page.evaluate(
        """() => ['field-email', 'field-password'].map(id => {
             const e = new ClipboardEvent('paste', {bubbles: true, cancelable: true});
             document.getElementById(id).dispatchEvent(e);
             return e.defaultPrevented; })"""
    )
    assert blocked == [False, False]
    page.fill("#field-password", "collé depuis un gestionnaire")
    expect(password).to_have_value("collé depuis un gestionnaire")
    assert page.locator("img, canvas, [class*=captcha]").count() == 0  # no cognitive test
