"""What a phone downloads for each page of the production build (compressed bytes). Prints; never fails.

Run `make build` first. Counts the HTML plus every script, module preload and stylesheet it names.
"""

import re
import sys
from pathlib import Path

CLIENT = Path(__file__).resolve().parents[1] / ".web" / "build" / "client"
ASSET = re.compile(r'(?:src|href)="(/[^"]+\.(?:js|css))"')


def gz_size(path: Path) -> int:
    gz = path.with_name(path.name + ".gz")
    return (gz if gz.exists() else path).stat().st_size


def main() -> dict[str, float]:
    """Compressed KiB per page, by path."""
    if not (CLIENT / "index.html").exists():
        sys.exit("build first: make build")
    figures: dict[str, float] = {}
    pages = sorted(p for p in CLIENT.rglob("*.html") if not p.name.startswith("__"))
    for html in pages:
        assets = set(ASSET.findall(html.read_text(encoding="utf-8")))
        sizes = [gz_size(CLIENT / a.lstrip("/")) for a in assets if (CLIENT / a.lstrip("/")).exists()]
        total = gz_size(html) + sum(sizes)
        figures["/" + str(html.relative_to(CLIENT))] = total / 1024
        print(
            f"{'/' + str(html.relative_to(CLIENT)):40s} html={gz_size(html) / 1024:6.1f} KiB  "
            f"assets={len(sizes):3d} ({sum(sizes) / 1024:7.1f} KiB)  total={total / 1024:7.1f} KiB"
        )
    return figures


if __name__ == "__main__":
    main()
