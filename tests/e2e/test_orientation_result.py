"""The orientation result as a child, a witness, a parent and a professional read it, on a phone."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.flows import answer, answer_until_result
from tests.e2e.test_accessibility import PUBLIC
from tests.e2e.test_school_admin import SCHOOL
from tests.wording import INTERNAL_MARKERS, student_words

PHONE = {"width": 375, "height": 740}
# The text a reader reads, without the titles of the pages cited as sources (quotations, in their own words).
READ_TEXT = """sel => { const c = document.querySelector(sel).cloneNode(true);
  c.querySelectorAll('.source').forEach(e => e.remove()); document.body.appendChild(c);
  const t = c.innerText; c.remove(); return t; }"""


@pytest.fixture
def phone(browser: Browser, server: str):
    context = browser.new_context(base_url=server, viewport=PHONE, locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


def open_everything(page: Page) -> None:
    """Open « Voir d'autres aides » and every « En savoir plus », so every word of the result is read."""
    page.evaluate("document.querySelectorAll('#result details').forEach(d => d.open = true)")


def card_ids(page: Page, within: str) -> list[str]:
    return page.locator(f"{within} [data-channel]").evaluate_all("cards => cards.map(c => c.dataset.channel)")


def test_thoughts_of_self_harm_ticked_in_the_harcelometre_put_the_3114_first_through_to_the_result(phone: Page):
    phone.goto("/harcelometre")
    for situation in ("moqueries-tous-les-jours", "coups", "envie-de-disparaitre"):
        phone.click(f"#situation-{situation}")
        expect(phone.locator(f"#situation-{situation}")).to_have_attribute("aria-pressed", "true")
    care = phone.locator("#selfcheck-self-harm")
    expect(care).to_be_visible()
    expect(care.locator("a[href='tel:3114']")).to_be_visible()
    assert card_ids(phone, "#selfcheck-help")[0] == "3114"
    phone.click("#selfcheck-continue")
    phone.wait_for_url("**/questionnaire/eleve/2**")
    phone.click("#option-danger-non")
    expect(phone.locator("#option-self_harm-oui")).to_have_attribute("aria-pressed", "true")  # carried over
    answer_until_result(phone, {"self_harm": "oui", "concern": ["harcelement", "physique"], "where": ["ecole"]})
    box = phone.locator("#self-harm")
    expect(box).to_be_visible()
    expect(box).to_contain_text("3114")
    assert card_ids(phone, "#result-channels")[:2] == ["3114", "15"]
    assert box.bounding_box()["y"] < phone.locator("#result-channels").bounding_box()["y"]
    phone.screenshot(path=".web/result-self-harm-375.png", full_page=True)


def test_a_witness_is_asked_about_their_friend_and_told_how_to_help(phone: Page):
    phone.goto("/")
    phone.click("#start-eleve")
    phone.click("#option-who-ami")
    expect(phone.locator("#question-title")).to_contain_text("ton ami·e")
    answer_until_result(phone, {"danger": "non", "self_harm": "non", "concern": ["physique"], "where": ["ecole"]})
    expect(phone.locator("#result-title")).to_have_text("Voici comment aider ton ami·e")
    open_everything(phone)
    text = phone.locator("#result").inner_text()
    assert "Tu as été victime" not in text
    assert "balancer" in text or "trahir" in text  # telling is not betraying
    phone.click("#back")
    expect(phone.locator("#question-title")).to_contain_text("Où est-ce que ça lui arrive ?")
    phone.click("#back")
    expect(phone.locator("#option-concern-physique")).to_contain_text("On le ou la frappe")


@pytest.mark.parametrize(
    ("profile", "answers"),
    [
        ("parent", {"who": "ami", "danger": "non", "self_harm": "oui", "concern": ["intrafamiliale", "harcelement"],
                    "where": ["maison", "ecole"]}),
        ("parent", {"who": "moi", "danger": "oui"}),
        ("professionnel", {"danger": "non", "self_harm": "oui", "concern": ["physique", "cyberviolence", "sexuelle"],
                           "where": ["maison", "en_ligne"]}),
    ],
)  # fmt: skip
def test_parents_and_professionals_are_never_addressed_as_tu(phone: Page, profile: str, answers: dict):
    answer(phone, profile, answers)
    open_everything(phone)
    text = phone.evaluate(READ_TEXT, "#result")
    found = sorted(set(student_words(text)))
    assert not found, (found, text)


@pytest.mark.parametrize("path", ["/parcours/parent", "/parcours/professionnel"])
def test_the_parents_and_professionals_journeys_say_vous(phone: Page, path: str):
    phone.goto(path)
    phone.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")
    found = sorted(set(student_words(phone.evaluate(READ_TEXT, "main"))))
    assert not found, (path, found)


def test_a_bullied_student_sees_three_helps_then_what_to_do_then_the_others_on_demand(phone: Page):
    answers = {"who": "moi", "danger": "non", "self_harm": "non", "concern": ["harcelement", "physique"]}
    answer(phone, "eleve", answers, where=["ecole", "en_ligne"])
    first = card_ids(phone, "#result-channels")
    assert len(first) == 3 and set(first[:2]) == {"school-adults", "3018"}
    assert "116006" not in first and "fil-sante-jeunes" not in first
    now = phone.locator("#now-title").bounding_box()["y"]
    assert now < 3 * PHONE["height"], f"« maintenant » starts {now / PHONE['height']:.1f} screens down"
    more = phone.locator("#more-channels")
    expect(more).not_to_have_attribute("open", "")
    assert more.bounding_box()["y"] > now
    reasons = phone.locator("#result .reason").all_text_contents()
    assert len(set(reasons)) == len(reasons)  # each help says why it is there, in its own words
    for card in phone.locator("#result-channels [data-channel]").all():
        expect(card.locator(".main-action a")).to_have_count(1)  # one big action each
    phone.screenshot(path=".web/result-bullied-375.png", full_page=True)


def test_no_public_page_and_no_result_shows_an_internal_note(page: Page):
    for path in PUBLIC:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        text = page.locator("body").inner_text()
        assert not INTERNAL_MARKERS.search(text), (path, INTERNAL_MARKERS.search(text).group(0))
    page.goto(f"/etablissement/{SCHOOL}")  # Pas-de-Calais: its CRIP has no contact on the site
    for profile, answers in (
        ("professionnel", {"danger": "non", "concern": ["physique"], "where": ["maison"]}),
        ("eleve", {"who": "moi", "danger": "non", "concern": ["intrafamiliale"], "where": ["maison"]}),
    ):
        page.goto(f"/etablissement/{SCHOOL}")
        page.click(f"#school-start-{profile}")
        answer_until_result(page, answers)
        open_everything(page)
        text = page.locator("#result").inner_text()
        assert not INTERNAL_MARKERS.search(text), (profile, INTERNAL_MARKERS.search(text).group(0))
        if profile == "professionnel":
            expect(page.locator("#channel-crip")).to_contain_text("direction")  # what to do instead
            expect(page.locator("#channel-crip a[href='tel:119']")).to_be_visible()


def test_the_3020_is_said_to_be_gone_without_a_call_link_or_a_free_badge(page: Page):
    page.goto("/aide")
    card = page.locator("#channel-3020")
    expect(card).to_contain_text("n'existe plus")
    expect(card.locator("a[href='tel:3020']")).to_have_count(0)
    expect(card.locator(".badge", has_text="Gratuit")).to_have_count(0)
    expect(card.locator("a[href='tel:3018']")).to_be_visible()


def test_the_119_chat_shows_its_own_hours_and_whether_it_is_open(page: Page):
    page.goto("/aide")
    card = page.locator("#channel-119")
    expect(card).to_contain_text("mercredi de 13h à 19h")
    expect(card.locator(".badge", has_text=re.compile(r"Tchat : (ouvert|fermé)", re.IGNORECASE))).to_have_count(1)
    expect(card).to_contain_text("numéro de ton département")
