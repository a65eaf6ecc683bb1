"""The record sheet (fiche de recueil) in a real browser: printed on the user's side, never sent or kept anywhere."""

import re
import unicodedata
import uuid
import zlib
from urllib.parse import unquote_plus

import pytest
from playwright.sync_api import Page, expect

from parlonsen.pages.record_sheet import INFORMED
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import DATABASE, SERVER_LOG
from tests.e2e.test_school_admin import SCHOOL

ROUTE = "/pro/fiche-de-recueil"
TEXT_FIELDS = (
    "fiche-lieu", "fiche-contexte", "fiche-presents", "fiche-enfant-prenom", "fiche-enfant-classe", "fiche-paroles",
    "fiche-observations", "fiche-dit-a-l-enfant", "fiche-informe-precisions", "fiche-auteur-nom",
    "fiche-auteur-fonction",
)  # fmt: skip
STUB_PRINT = "window.__printed = 0; window.print = function () { window.__printed += 1; };"
VISIBLE_OUTSIDE_SHEET = """() => [...document.body.querySelectorAll('*')]
  .filter(e => e.checkVisibility() && !e.closest('#fiche-impression') && !e.querySelector('#fiche-impression'))
  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : ''))"""


def markers() -> dict[str, str]:
    """One unique word per text field (letters, digits and hyphens: the same once URL- or JSON-encoded)."""
    run = uuid.uuid4().hex[:10]
    return {field: f"zq{run}-{field.removeprefix('fiche-')}" for field in TEXT_FIELDS}


def fill_everything(page: Page, words: dict[str, str]) -> None:
    page.fill("#fiche-date", "2026-11-20")
    page.fill("#fiche-heure", "10:35")
    page.select_option("#fiche-origine", "3")
    for field, word in words.items():
        page.fill(f"#{field}", f"« {word} »\ndeuxième ligne" if field == "fiche-paroles" else word)
    page.check("#fiche-informe-crip")
    page.check("#fiche-informe-119")


def open_sheet(page: Page) -> None:
    page.add_init_script(STUB_PRINT)
    page.goto(ROUTE)
    expect(page.locator("#fiche-paroles")).to_be_editable()
    page.wait_for_load_state("networkidle")  # hydrated and connected: the websocket is there to spy on


def printed(page: Page) -> dict[str, str]:
    """The print view as term → text."""
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('#fiche-impression dt')]"
        ".map(dt => [dt.textContent, dt.nextElementSibling.textContent]))"
    )


def pdf_text(pdf: bytes) -> str:
    """The text Chromium drew in its PDF (no PDF library here): each page's glyphs through its fonts' ToUnicode."""
    objects = {int(n): body for n, body in re.findall(rb"(\d+) 0 obj\s*(.*?)endobj", pdf, re.S)}

    def stream(number: int) -> bytes:
        body = objects[number]
        raw = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S).group(1)
        return zlib.decompress(raw) if b"/FlateDecode" in body[: body.index(b"stream")] else raw

    def to_unicode(number: int) -> dict[int, str]:
        text, mapping = stream(number), {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
            for code, char in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                mapping[int(code, 16)] = bytes.fromhex(char.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
            for low, high, first in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                for offset in range(int(high, 16) - int(low, 16) + 1):
                    mapping[int(low, 16) + offset] = chr(int(first, 16) + offset)
        return mapping

    chars: list[str] = []
    for body in objects.values():
        if not re.match(rb"<</Type\s*/Page\s", body):
            continue
        fonts = {
            name: to_unicode(int(re.search(rb"/ToUnicode (\d+) 0 R", objects[int(ref)]).group(1)))
            for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", body)
        }
        font: dict[int, str] = {}
        content = stream(int(re.search(rb"/Contents (\d+) 0 R", body).group(1)))
        for token in re.finditer(rb"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]+)>|\bET\b", content):
            if token.group(1):
                font = fonts[token.group(1)]
            elif token.group(2):
                glyphs = token.group(2)
                chars += [font.get(int(glyphs[i : i + 4], 16), "?") for i in range(0, len(glyphs), 4)]
            else:
                chars.append("\n")
    return unicodedata.normalize("NFKC", "".join(chars))  # ligatures ("ﬀ") back to letters


def test_the_printed_sheet_holds_every_field_and_nothing_leaves_the_browser(page: Page, server: str, db):
    words = markers()
    sent: list[str] = []
    frames: list[str] = []
    page.context.on("request", lambda r: sent.append(r.url + "\n" + (r.post_data_buffer or b"").decode("latin-1")))
    page.on("websocket", lambda ws: ws.on("framesent", lambda data: frames.append(str(data))))
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))

    open_sheet(page)
    fill_everything(page, words)
    page.press("#fiche-lieu", "Enter")  # nothing to submit: Enter in a field sends nothing either
    page.click("#fiche-imprimer")
    page.wait_for_function("window.__printed === 1")

    sheet = printed(page)
    assert sheet["Date de l'échange"] == "20/11/2026" and sheet["Heure"] == "10:35"
    assert sheet["Comment l'échange a commencé"] == "J'ai remarqué quelque chose et je lui ai demandé"
    assert sheet["Les mots exacts de l'enfant"] == f"« {words['fiche-paroles']} »\ndeuxième ligne"
    assert sheet["Personnes informées"] == f"{dict(INFORMED)['crip']}, {dict(INFORMED)['119']}"
    view = page.locator("#fiche-impression").text_content() or ""
    assert [w for w in words.values() if w not in view] == []
    expect(page.locator("#fiche-impression-date")).to_contain_text("Imprimée le ")

    # Let anything that would go out (an event, a beacon) go out, then look everywhere it could have gone.
    page.wait_for_timeout(1500)
    assert frames and sent, "the spies saw nothing: the websocket and requests were not recorded"
    assert [url for url in sent if not url.startswith(server)] == []
    assert [text for text in console if "Content Security Policy" in text] == []
    outgoing = "\n".join(sent + frames)
    outgoing += unquote_plus(outgoing)
    assert [w for w in words.values() if w in outgoing] == []
    stored = page.evaluate("JSON.stringify([{...localStorage}, {...sessionStorage}, document.cookie])")
    stored += str(page.context.cookies())
    assert [w for w in words.values() if w in stored] == []
    assert page.url == f"{server}{ROUTE}/", "the URL carries nothing"

    server_side = SERVER_LOG.read_text(errors="replace")
    assert server_side, "the server log is empty: nothing to check"
    files = b"".join(p.read_bytes() for p in DATABASE.parent.glob(DATABASE.name + "*"))
    assert files.startswith(b"SQLite format 3")
    assert [w for w in words.values() if w in server_side or w.encode() in files] == []


def test_under_print_media_only_the_filled_sheet_shows_and_a_pdf_is_made(page: Page):
    words = markers()
    open_sheet(page)
    fill_everything(page, words)
    page.click("#fiche-imprimer")
    page.emulate_media(media="print")
    expect(page.locator("#fiche-impression")).to_be_visible()
    expect(page.locator("#fiche-impression")).to_contain_text(words["fiche-observations"])
    assert page.evaluate(VISIBLE_OUTSIDE_SHEET) == []
    page.screenshot(path=".web/fiche-de-recueil-impression.png", full_page=True)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-")
    (DATABASE.parent / "fiche-de-recueil.pdf").write_bytes(pdf)  # for review, next to the other screenshots
    text = pdf_text(pdf)
    assert text.startswith("Fiche de recueil de la parole de l'enfant\nImprimée le ")
    assert [w for w in words.values() if w not in text] == []
    assert "deuxième ligne" in text and "Signature :" in text
    for screen_only in ("Cette fiche reste dans votre navigateur", "Quitter ce site", "Appelle le 119", "Choisir"):
        assert screen_only not in text
    page.emulate_media(media="screen")
    expect(page.locator("#fiche-impression")).to_be_hidden()
    expect(page.locator("#fiche-paroles")).to_be_visible()


def test_other_pages_print_as_before(page: Page):
    page.emulate_media(media="print")
    page.goto(f"/etablissement/{SCHOOL}/affiche")
    expect(page.locator("#poster")).to_be_visible()
    page.goto(ROUTE)
    expect(page.locator("#fiche-paroles")).to_be_visible()  # before printing (or without JavaScript): the form


def test_empty_fields_print_as_a_dash_and_clearing_empties_everything(page: Page):
    words = markers()
    open_sheet(page)
    fill_everything(page, words)
    page.click("#fiche-imprimer")
    expect(page.locator("#fiche-impression")).to_contain_text(words["fiche-paroles"])

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("#fiche-effacer")
    expect(page.locator("#fiche-paroles")).to_have_value(f"« {words['fiche-paroles']} »\ndeuxième ligne")

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#fiche-effacer")
    expect(page.locator("#fiche-statut")).to_have_text("La fiche est effacée.")
    values = page.evaluate(
        "[...document.querySelectorAll('#fiche-formulaire :is(input, textarea, select)')]"
        ".map(e => e.type === 'checkbox' ? e.checked : e.value)"
    )
    assert len(values) >= 20 and set(values) <= {"", False}
    assert page.locator("#fiche-impression").text_content().find(words["fiche-paroles"]) == -1
    expect(page.locator("#fiche-impression dt")).to_have_count(0)
    expect(page.locator("#fiche-date")).to_be_focused()

    page.click("#fiche-imprimer")
    sheet = printed(page)
    assert len(sheet) >= 14 and set(sheet.values()) == {"—"}


def test_the_sheet_works_after_a_client_side_navigation(page: Page):
    words = markers()
    page.add_init_script(STUB_PRINT)
    page.goto("/")
    expect(page.locator("#start-eleve")).to_be_visible()
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    # What a React Router link does: push the route and let the router render it, without reloading.
    page.evaluate(
        f"history.pushState({{...history.state, idx: (history.state?.idx ?? 0) + 1}}, '', '{ROUTE}');"
        "dispatchEvent(new PopStateEvent('popstate', {state: history.state}))"
    )
    expect(page.locator("#fiche-paroles")).to_be_editable()
    assert page.evaluate("window.__sameDocument === true"), "the page was reloaded, not navigated client-side"
    page.fill("#fiche-paroles", words["fiche-paroles"])
    page.click("#fiche-imprimer")
    page.wait_for_function("window.__printed === 1")
    expect(page.locator("#fiche-impression")).to_contain_text(words["fiche-paroles"])


def test_leaving_by_a_site_link_asks_first_and_the_quick_exit_never_does(page: Page):
    open_sheet(page)
    page.fill("#fiche-paroles", "quelques mots")
    asked: list[str] = []

    def stay(dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", stay)
    page.click(".site-nav a[href='/aide']")
    page.wait_for_timeout(500)
    assert asked and asked[0].startswith("Quitter la fiche ?")
    assert page.url.rstrip("/").endswith(ROUTE)
    expect(page.locator("#fiche-paroles")).to_have_value("quelques mots")

    page.evaluate("document.getElementById('quick-exit').href = '/aide'")
    page.click("#quick-exit")
    page.wait_for_url(re.compile(r"/aide/?$"))
    assert len(asked) == 1, "the quick exit must never be held back by a question"
    page.go_back()  # the exit replaced the sheet in the history: Back does not come back to it
    page.wait_for_load_state("load")
    assert not page.url.rstrip("/").endswith(ROUTE)


@pytest.mark.parametrize("filled", [False, True], ids=["empty", "filled"])
def test_the_sheet_has_no_axe_violation_on_a_phone(page: Page, filled: bool):
    open_sheet(page)
    assert page.viewport_size == {"width": 390, "height": 844}
    if filled:
        fill_everything(page, markers())
        page.click("#fiche-imprimer")
    assert_accessible(page, ROUTE)
    page.screenshot(path=f".web/fiche-de-recueil-390px-{'remplie' if filled else 'vide'}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    widths = page.evaluate("[...document.querySelectorAll('.fiche-input')].map(e => e.getBoundingClientRect().width)")
    assert min(widths) > 300, "fields take the whole width on a phone"


def test_without_javascript_the_form_shows_and_has_nothing_to_submit(page_without_js: Page):
    page_without_js.goto(ROUTE)
    expect(page_without_js.locator("#fiche-paroles")).to_be_visible()
    assert page_without_js.locator("form").count() == 0
