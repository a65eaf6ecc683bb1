"""Safety and privacy in a real browser: nothing leaves for another origin, headers, quick exit, storage, logs."""

import http.client
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from parlonsen.components.quick_exit import EXIT_URL
from tests.e2e.flows import answer, wait_until_ready
from tests.e2e.test_accessibility import PUBLIC
from tests.e2e.test_school_admin import SCHOOL

EXIT_HOST = urlsplit(EXIT_URL).hostname


@pytest.mark.parametrize("path", PUBLIC)
def test_no_public_page_loads_anything_from_another_origin_and_the_csp_holds(page: Page, server: str, path: str):
    requests, csp_errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console",
        lambda message: csp_errors.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.goto(path)
    page.wait_for_load_state("networkidle")
    foreign = [url for url in requests if not url.startswith(server) and not url.startswith("data:")]
    assert foreign == [], foreign
    assert csp_errors == [], csp_errors


@pytest.mark.parametrize("path", ["/", "/questionnaire", "/suivi", f"/etablissement/{SCHOOL}/ecrire", "/admin"])
def test_every_page_is_served_with_the_security_headers(page: Page, path: str):
    response = page.request.get(path)
    headers = response.headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"
    script_src = next(d for d in headers["content-security-policy"].split("; ") if d.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'sha256-" in script_src  # the build's own inline scripts, one by one


@pytest.mark.parametrize("path", ["/", "/suivi", "/ping", "/sortie"])
def test_no_other_site_is_granted_cross_origin_access(page: Page, path: str):
    evil = {"Origin": "https://evil.example"}
    response = page.request.get(path, headers=evil)
    preflight = page.request.fetch(path, method="OPTIONS", headers={**evil, "Access-Control-Request-Method": "POST"})
    # No origin is granted. (Reflex's CORS layer still adds "Allow-Credentials" and lists methods on a refused
    # preflight: without "Allow-Origin" the browser gives the other site nothing.)
    assert "access-control-allow-origin" not in response.headers
    assert "access-control-allow-origin" not in preflight.headers and preflight.status == 400


def websocket_handshake(server: str, origin: str) -> int:
    """The status of a websocket upgrade on Reflex's event endpoint, as a page of `origin` would ask."""
    address = urlsplit(server)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request(
        "GET",
        "/_event/?EIO=4&transport=websocket",
        headers={
            "Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Origin": origin,
        },
    )  # fmt: skip
    try:
        return connection.getresponse().status
    finally:
        connection.close()


def test_the_websocket_answers_this_sites_pages_and_refuses_another_sites(server: str):
    assert websocket_handshake(server, server) == 101
    assert websocket_handshake(server, "https://evil.example") == 403


def test_the_poster_print_button_opens_the_print_dialog(page: Page):
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page.goto(f"/etablissement/{SCHOOL}/affiche")
    wait_until_ready(page)
    page.click("#poster-print")
    page.wait_for_function("window.__printed === 1")


def test_the_quick_exit_overlay_hides_the_page_at_once_and_the_server_forgets_the_answers(page: Page, browser, server):
    page.goto("/")
    page.click("#start-eleve")
    page.click("#option-who-moi")
    page.click("#option-danger-non")
    expect(page.locator("#progress")).to_have_text("Étape 3 sur 5")
    token = page.evaluate("sessionStorage.getItem('token')")
    # Point the exit at nowhere, so the page stays and we can see what shows while the neutral site loads.
    page.evaluate("document.getElementById('quick-exit').href = 'javascript:void(0)'")
    with page.expect_request("**/sortie") as beacon:
        page.click("#quick-exit")
    expect(page.locator(".quick-exit-overlay")).to_be_visible()
    expect(page.locator("#question-title")).to_be_hidden()
    page.screenshot(path=".web/quick-exit-overlay.png")
    assert beacon.value.post_data == token

    # Someone reusing the old tab key finds nothing: the answers were dropped on the server too.
    other = browser.new_context(base_url=server)
    other.add_init_script(f"sessionStorage.setItem('token', '{token}')")
    replay = other.new_page()
    replay.goto("/questionnaire")
    wait_until_ready(replay)  # a questionnaire still under way would have moved the tab to its question by now
    expect(replay.locator("#start-eleve")).to_be_visible()
    expect(replay.locator("#progress")).to_have_count(0)
    other.close()


def test_shift_pressed_three_times_is_announced_and_any_other_key_resets_it(page: Page):
    page.goto("/")
    expect(page.locator("#start-eleve")).to_be_visible()
    page.keyboard.press("Shift")
    expect(page.locator("#quick-exit-status")).to_have_text("Maj : appuie encore 2 fois pour quitter.")
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    expect(page.locator("#quick-exit-status")).to_have_text("Maj : appuie encore 2 fois pour quitter.")
    assert page.url.rstrip("/").endswith(":3000") or "localhost" in page.url


def test_the_browser_keeps_only_the_tab_key_and_no_cookie(page: Page):
    answer(page, "parent", who="ami", danger="non", concern=["harcelement"], where=["ecole"])
    expect(page.locator("#result")).to_be_visible()
    assert set(page.evaluate("Object.keys(localStorage)")) <= {"theme"}  # the colour mode; cleared by the quick exit
    assert set(page.evaluate("Object.keys(sessionStorage)")) <= {"token", "reflex_last_reloaded"}
    assert page.context.cookies() == []


def test_a_page_at_320_pixels_is_screenshotted_for_review(browser, server):
    context = browser.new_context(base_url=server, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto("/")
    page.click("#start-eleve")
    page.click("#option-who-moi")
    expect(page.locator("#progress")).to_have_text("Étape 2 sur 5")
    page.screenshot(path=".web/question-320px.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
