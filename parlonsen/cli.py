"""Command line: `python -m parlonsen.cli check-content | seed`."""

import argparse
import sys

from parlonsen.catalog import ContentError, load_catalog


def check_content() -> int:
    from parlonsen.orientation import check_rules

    try:
        cat = load_catalog()
        check_rules(cat)
    except ContentError as exc:
        print(f"Contenu invalide :\n{exc}", file=sys.stderr)
        return 1
    print(
        f"Contenu valide : {len(cat.channels)} aides, {len(cat.violences)} formes de violence, "
        f"{len(cat.journeys)} parcours."
    )
    return 0


def seed() -> int:
    from reflex.model import get_engine
    from sqlmodel import Session

    from parlonsen.services.seed import seed_departements

    with Session(get_engine()) as session:
        created = seed_departements(session)
    print(f"Base de démonstration prête : {created} département(s) ajouté(s).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m parlonsen.cli")
    parser.add_argument("command", choices=["check-content", "seed"])
    args = parser.parse_args(argv)
    return {"check-content": check_content, "seed": seed}[args.command]()


if __name__ == "__main__":
    sys.exit(main())
