"""School search with 1,500 établissements (about the five départements' collèges and lycées).

Prints the median and worst time of typical queries on SQLite; never fails.
"""

import random
import statistics
import sys
import time
from pathlib import Path

from sqlmodel import Session, SQLModel, create_engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parlonsen.models import Etablissement
from parlonsen.services.directory import search_etablissements
from parlonsen.services.reference import install_departements
from parlonsen.text import search_key

COMMUNES = ["Lille", "Roubaix", "Tourcoing", "Arras", "Lens", "Calais", "Amiens", "Abbeville", "Beauvais", "Laon"]
NAMES = ["Jean Jaurès", "Victor Hugo", "Jules Ferry", "Pasteur", "Sacré-Cœur", "Saint-Joseph", "Condorcet", "Voltaire"]
QUERIES = ["arras", "jean", "lycee victor hugo", "sacre coeur", "59000", "college saint joseph lille", "zz"]


def main(count: int = 1500) -> dict[str, dict]:
    figures: dict[str, dict] = {}
    engine = create_engine(f"sqlite:///{Path('/tmp/parlonsen-bench-search.db')}")
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    rng = random.Random(7)
    with Session(engine) as session:
        install_departements(session)
        for n in range(count):
            commune, name = rng.choice(COMMUNES), f"{rng.choice(['Collège', 'Lycée'])} {rng.choice(NAMES)}"
            postcode = f"{rng.choice(['59', '62', '80', '60', '02'])}{n % 1000:03d}"
            session.add(
                Etablissement(
                    uai=f"{n:07d}A", name=name, type="college", statut="public", commune=commune, code_postal=postcode,
                    departement_code=postcode[:2], search_key=search_key(name, commune, postcode),
                )
            )  # fmt: skip
        session.commit()
        for query in QUERIES:
            timings, found = [], 0
            for _ in range(50):
                start = time.perf_counter()
                found = len(search_etablissements(session, query))
                timings.append((time.perf_counter() - start) * 1000)
            print(
                f"{query!r:30s} results={found:3d} "
                f"median={statistics.median(timings):6.2f} ms max={max(timings):6.2f} ms"
            )
            figures[query] = {"results": found, "median_ms": statistics.median(timings), "max_ms": max(timings)}
    return figures


if __name__ == "__main__":
    main()
