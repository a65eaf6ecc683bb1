"""Answer the questionnaire in the browser as a person would: the browser tests and the benchmarks share it."""

from playwright.sync_api import Page, expect

MAX_SCREENS = 12


def current_question(page: Page) -> str | None:
    """The id of the question on screen, or None once the result shows."""
    page.wait_for_selector("#question-title, #result-title")
    if page.locator("#result-title").count():
        return None
    return (page.locator("section[id^=question-]").first.get_attribute("id") or "").removeprefix("question-")


def answer_on_screen(page: Page, answers: dict[str, str | list[str]]) -> str | None:
    """Answer the question on screen from `answers` (skip it when not named); return its id, None on the result."""
    question = current_question(page)
    if question is None:
        return None
    wanted = answers.get(question)
    multiple = page.locator("#continue").count() > 0
    if wanted is None:
        page.click("#skip")
    elif not multiple:
        page.click(f"#option-{question}-{wanted}")
    else:  # tick exactly what is wanted: a tool may have pre-filled some already
        wanted = {wanted} if isinstance(wanted, str) else set(wanted)
        for button in page.locator(f"#question-{question} [id^=option-{question}-]").all():
            option = (button.get_attribute("id") or "").removeprefix(f"option-{question}-")
            if (button.get_attribute("aria-pressed") == "true") != (option in wanted):
                button.click()
                expect(button).to_have_attribute("aria-pressed", "true" if option in wanted else "false")
        page.click("#continue")
    page.wait_for_function("q => !document.getElementById('question-' + q)", arg=question)
    return question


def answer(page: Page, profile: str, answers: dict[str, str | list[str]] | None = None, **named) -> list[str]:
    """Start as `profile` from the home page and answer until the result; return the questions seen.

    Questions not named are skipped (« Passer cette question »); a list ticks a multiple choice."""
    wanted = {**(answers or {}), **named}
    page.goto("/")
    page.click(f"#start-{profile}")
    return answer_until_result(page, wanted)


def answer_until_result(page: Page, answers: dict[str, str | list[str]]) -> list[str]:
    seen = []
    for _ in range(MAX_SCREENS):
        question = answer_on_screen(page, answers)
        if question is None:
            expect(page.locator("#result")).to_be_visible()
            return seen
        seen.append(question)
    raise AssertionError(f"no result after {MAX_SCREENS} screens for {answers}")


def wait_until_ready(page: Page) -> None:
    """The page is hydrated, connected and its on_load done (what /early_taps.js waits for too)."""
    expect(page.locator("#app-ready")).to_have_attribute("data-ready", "true", timeout=20_000)
