"""axe-core (npm registry, `make e2e` installs it in .tools/) run inside the page by Playwright."""

from pathlib import Path

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA (2.2 adds target size, among others), with the best practices axe checks.
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")


def axe_violations(page: Page) -> list[str]:
    """Every axe violation on the page as it is now (all impacts, WCAG 2.0, 2.1 and 2.2 A and AA rules)."""
    page.wait_for_load_state("networkidle")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's CSP does not govern: the site's CSP allows
        # only its own inline scripts, so a <script> tag added by the test would (rightly) be blocked.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    result = page.evaluate(
        f"async () => await axe.run(document, {{runOnly: {{type: 'tag', values: {list(WCAG_TAGS)!r}}}}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in result["violations"]
    ]


def assert_accessible(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"{where}: {len(violations)} axe violation(s)\n" + "\n".join(violations)
