"""How long one orientation takes, over every path of every profile. Prints figures; never fails."""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parlonsen.catalog import PROFILES, catalog
from parlonsen.orientation import orient
from tests.test_orientation import all_paths


def main() -> dict:
    start = time.perf_counter()
    catalog()
    figures: dict = {"catalog_ms": (time.perf_counter() - start) * 1000, "profiles": {}}
    print(f"catalog load: {figures['catalog_ms']:.1f} ms")
    for profile in PROFILES:
        paths = list(all_paths(profile))
        timings = []
        for answers in paths:
            t0 = time.perf_counter()
            orient(profile, answers)
            timings.append(time.perf_counter() - t0)
        median, worst = statistics.median(timings) * 1e6, max(timings) * 1e6
        print(
            f"{profile:14s} paths={len(paths):6d} median={median:7.1f} µs  max={worst:7.1f} µs  "
            f"ratio max/median={worst / median:.1f}"
        )
        figures["profiles"][profile] = {"paths": len(paths), "median_us": median, "max_us": worst}
    return figures


if __name__ == "__main__":
    main()
