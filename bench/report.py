"""`make bench`: every benchmark in one run, printed as it goes, then written to `bench/RESULTS.md`.

Needs the production build (`make build`, done by `make bench`) and nothing running on ports 3100 and 3201.
Page speed uses the app on port 3000 when it answers (`make run`), else starts it there for the run. The
scale part starts its own servers (a blank Reflex app beside ours; PostgreSQL + Redis when they answer).
Figures, never verdicts on time: the targets are reported as met or missed, the run always exits 0.

    .venv/bin/python bench/report.py            # everything, ≈ 20 min
    .venv/bin/python bench/report.py --quick    # smaller loads, ≈ 6 min (RESULTS.md says so)
"""

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

import directory  # noqa: E402
import first_tap  # noqa: E402
import hardening  # noqa: E402
import orientation  # noqa: E402
import page_speed  # noqa: E402
import page_weight  # noqa: E402
import result_height  # noqa: E402
import scale  # noqa: E402
import search  # noqa: E402

RESULTS = BENCH / "RESULTS.md"
RAW = ROOT / ".web" / "bench-results.json"
SPEED_PORT = 3000


def command_output(*command: str) -> str:
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=20)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "not found"


def machine() -> dict[str, str]:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor(),
    )  # fmt: skip
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line)
    return {
        "cpu": f"{os.cpu_count()} cores, {cpu}",
        "memory": f"{int(memory) / 1024 / 1024:.0f} GiB",
        "python": platform.python_version(),
        "reflex": importlib.metadata.version("reflex"),
        "chromium": command_output("/usr/bin/chromium", "--version"),
        "postgresql": command_output("psql", "--version"),
        "redis": command_output("redis-server", "--version"),
        "kernel": platform.release(),
    }


def browser_figures() -> dict:
    """Page speed, the first tap and the result's height: the built app served on the port its frontend was built
    for; ours if `make run` already serves it."""
    url = f"http://localhost:{SPEED_PORT}"

    def measure() -> dict:
        figures = {"page_speed": page_speed.measure_pages(url)}
        print("\n== first tap on a weak phone")
        figures["first_tap"] = first_tap.measure(url)
        print("\n== the result's height on a phone")
        figures["result_height"] = result_height.measure(url)
        return figures

    if scale.answers("127.0.0.1", SPEED_PORT):
        return measure()
    server = scale.ours()
    server.port = SPEED_PORT
    server.command[server.command.index("--port") + 1] = str(SPEED_PORT)
    with server:
        return measure()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller loads and shorter phases")
    parser.add_argument("--from-json", type=Path, help="rewrite RESULTS.md from a saved run, measuring nothing")
    args = parser.parse_args()
    if args.from_json:
        figures = json.loads(args.from_json.read_text())
    else:
        started = datetime.datetime.now().astimezone()
        figures = {"date": started.isoformat(timespec="minutes"), "machine": machine(), "quick": args.quick}
        print("== orientation engine"), figures.update(orientation=orientation.main())
        print("\n== page weight"), figures.update(page_weight=page_weight.main())
        print("\n== school search"), figures.update(search=search.main())
        print("\n== directory"), figures.update(directory=directory.main())
        print("\n== page speed"), figures.update(browser_figures())
        print("\n== hardening"), figures.update(hardening=hardening.main())
        print("\n== scale"), figures.update(scale=scale.run(args.quick))
        figures["minutes"] = (datetime.datetime.now().astimezone() - started).total_seconds() / 60
        RAW.parent.mkdir(exist_ok=True)
        RAW.write_text(json.dumps(figures, indent=1, default=str))
        figures = json.loads(RAW.read_text())  # the writer reads the same shape from a run or a file
    from results_markdown import render  # the writer, kept apart from the measures

    RESULTS.write_text(render(figures), encoding="utf-8")
    print(f"\nwritten: {RESULTS.relative_to(ROOT)} (raw figures: {RAW.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
