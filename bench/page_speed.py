"""Page weight and speed on a weak phone: slow 4G and a 4× slower CPU, in headless Chromium.

Usage: serve the built app (`make run`, or `python -m parlonsen.serve --port 3100`), then
`python bench/page_speed.py --url http://localhost:3000`. For each page: compressed bytes transferred on a
first load, First Contentful Paint and Largest Contentful Paint, each as a ratio to a static HTML page with
the same text, served by the same server in the same run. Prints figures; never fails.
"""

import argparse
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

STATIC = ROOT / ".web" / "build" / "client" / "bench-static.html"
# Lighthouse's "slow 4G": 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up.
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
PAGES = ("/", "/questionnaire", "/aide", "/violences/harcelement")
PAINTS = """() => new Promise(resolve => {
  const out = {fcp: null, lcp: null};
  for (const e of performance.getEntriesByType('paint')) if (e.name === 'first-contentful-paint') out.fcp = e.startTime;
  new PerformanceObserver(list => { for (const e of list.getEntries()) out.lcp = e.startTime; })
    .observe({type: 'largest-contentful-paint', buffered: true});
  setTimeout(() => resolve(out), 300);
})"""


def measure(browser, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    transferred = []
    cdp.on("Network.loadingFinished", lambda event: transferred.append(event["encodedDataLength"]))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(500)
    paints = page.evaluate(PAINTS)
    context.close()
    return {"kb": sum(transferred) / 1024, "fcp": paints["fcp"] or 0.0, "lcp": paints["lcp"] or paints["fcp"] or 0.0}


def median_of(browser, url: str, runs: int) -> dict[str, float]:
    samples = [measure(browser, url) for _ in range(runs)]
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def measure_pages(url: str, runs: int = 3) -> dict:
    """{"static": figures, "pages": {path: figures}}; figures = transferred KiB, FCP and LCP in ms."""
    figures: dict = {"runs": runs, "pages": {}}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{url}/")
        text = page.inner_text("main")
        browser.contexts[0].close()
        paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
        head = '<!doctype html><html lang="fr"><meta charset="utf-8"><title>statique</title>'
        STATIC.write_text(f"{head}<body>{paragraphs}</body></html>", encoding="utf-8")
        baseline = figures["static"] = median_of(browser, f"{url}/bench-static.html", runs)
        print(f"slow 4G (150 ms, 1.6 Mbit/s) + CPU ×4, median of {runs} cold loads")
        print(f"{'page':28s} {'KiB':>7s} {'FCP ms':>8s} {'LCP ms':>8s}   ratios to the static page (KiB, FCP, LCP)")
        print(f"{'static page, same text':28s} {baseline['kb']:7.1f} {baseline['fcp']:8.0f} {baseline['lcp']:8.0f}")
        for path in PAGES:
            m = figures["pages"][path] = median_of(browser, f"{url}{path}", runs)
            ratios = [m[k] / baseline[k] if baseline[k] else float("nan") for k in ("kb", "fcp", "lcp")]
            print(
                f"{path:28s} {m['kb']:7.1f} {m['fcp']:8.0f} {m['lcp']:8.0f}   "
                f"×{ratios[0]:.1f}  ×{ratios[1]:.2f}  ×{ratios[2]:.2f}"
            )
        browser.close()
    STATIC.unlink(missing_ok=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:3000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    measure_pages(args.url, args.runs)


if __name__ == "__main__":
    main()
