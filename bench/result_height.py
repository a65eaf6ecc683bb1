"""How tall is an orientation result on a phone? Screens of 375×740 for the main scenarios.

Usage: serve the built app, then `python bench/result_height.py --url http://localhost:3000`. Each scenario
answers the questionnaire in Chromium as a person would (any question it does not name is skipped), then
measures the result: its height in screens, the cards shown before « … faire maintenant », and where the
first action sits. Prints figures; never fails.
"""

import argparse
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

VIEWPORT = {"width": 375, "height": 740}
# (name, profile, answers by question id); a list is a multiple choice.
SCENARIOS = (
    ("élève harcelé·e à l'école et en ligne", "eleve",
     {"who": "moi", "danger": "non", "self_harm": "non", "concern": ["harcelement", "cyberviolence"],
      "where": ["ecole", "en_ligne"]}),
    ("élève témoin (un ami frappé)", "eleve",
     {"who": "ami", "danger": "non", "self_harm": "non", "concern": ["physique"], "where": ["ecole"]}),
    ("élève, idées de se faire du mal", "eleve",
     {"who": "moi", "danger": "non", "self_harm": "oui", "concern": ["harcelement"], "where": ["ecole"]}),
    ("élève en danger maintenant", "eleve", {"who": "moi", "danger": "oui"}),
    ("parent, violences à la maison", "parent",
     {"who": "ami", "danger": "non", "self_harm": "non", "concern": ["intrafamiliale"], "where": ["maison"]}),
    ("professionnel, coups suspectés", "professionnel",
     {"danger": "non", "self_harm": "non", "concern": ["physique"], "where": ["maison"]}),
)  # fmt: skip

MEASURE = """() => {
  const result = document.getElementById('result');
  const top = result.getBoundingClientRect().top + window.scrollY;
  const now = document.getElementById('now-title')
    || [...result.querySelectorAll('h2')].find(h => /maintenant/.test(h.textContent) && !/Danger/.test(h.textContent));
  const nowTop = now ? now.getBoundingClientRect().top + window.scrollY : null;
  const visibleCards = [...result.querySelectorAll('[data-channel]')].filter(c => c.offsetParent !== null);
  const cardsBefore = nowTop === null ? visibleCards.length
    : visibleCards.filter(c => c.getBoundingClientRect().top + window.scrollY < nowTop).length;
  const action = result.querySelector('a[href^="tel:"], a[href^="sms:"]');
  return {
    page: document.documentElement.scrollHeight,
    result: result.scrollHeight,
    now_at: nowTop,
    cards_before_now: cardsBefore,
    first_action_at: action ? action.getBoundingClientRect().top + window.scrollY : null,
    top,
  };
}"""


def answer(page: Page, profile: str, answers: dict) -> None:
    page.goto("/")
    page.click(f"#start-{profile}")
    for _ in range(12):
        page.wait_for_selector("#question-title, #result-title")
        if page.locator("#result-title").count():
            return
        section = page.locator("section[id^=question-]").first
        question = section.get_attribute("id").removeprefix("question-")
        wanted = answers.get(question)
        if wanted is None:
            page.click("#skip")
        elif isinstance(wanted, list) and not page.locator("#continue").count():
            page.click(f"#option-{question}-{wanted[0]}")  # a single-choice question (before « Où ? » was multiple)
        elif isinstance(wanted, list):
            for option in wanted:
                page.click(f"#option-{question}-{option}")
                page.wait_for_selector(f'#option-{question}-{option}[aria-pressed="true"]')
            page.click("#continue")
        else:
            page.click(f"#option-{question}-{wanted}")
        page.wait_for_function("q => !document.getElementById('question-' + q)", arg=question, timeout=10_000)
    raise RuntimeError(f"no result after 12 screens for {profile} {answers}")


def measure(url: str) -> list[dict]:
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, profile, answers in SCENARIOS:
            context = browser.new_context(base_url=url, viewport=VIEWPORT, locale="fr-FR")
            page = context.new_page()
            answer(page, profile, answers)
            page.wait_for_timeout(300)
            m = page.evaluate(MEASURE)
            screens = m["page"] / VIEWPORT["height"]
            row = {"scenario": name, "screens": round(screens, 1), **m}
            rows.append(row)
            now = f"{m['now_at'] / VIEWPORT['height']:.1f}" if m["now_at"] is not None else "—"
            print(
                f"{name:40s} {screens:5.1f} screens  cards before « maintenant » {m['cards_before_now']:2d}"
                f"  « maintenant » at screen {now}"
            )
            context.close()
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:3000")
    args = parser.parse_args()
    print(f"orientation result at {VIEWPORT['width']}×{VIEWPORT['height']} (screens = page height / 740 px)")
    measure(args.url)


if __name__ == "__main__":
    main()
