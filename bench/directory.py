"""The directory at the size of the five départements: 1,500 établissements with 10 trusted adults each.

Prints the time to build a school's orientation (its context read from the database, then `orient`) and the
time to import a 1,500-row Annuaire file. SQLite in a temporary file; never fails.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlmodel import Session, SQLModel, create_engine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parlonsen.demo.seed import SAMPLE_ETABLISSEMENTS  # noqa: E402
from parlonsen.models import SchoolContact  # noqa: E402
from parlonsen.orientation import orient  # noqa: E402
from parlonsen.services.directory import school_context  # noqa: E402
from parlonsen.services.import_etablissements import import_etablissements  # noqa: E402
from parlonsen.services.reference import install_departements, install_resources  # noqa: E402

ROLES = ("cpe", "infirmier", "assistant_social", "psychologue", "referent_harcelement", "chef_etablissement")
DEPARTEMENTS = ("059", "062", "002", "060", "080")


def annuaire(rows: int) -> str:
    """An Annuaire file in the official format: the sample's header, its first good row repeated with new UAIs."""
    header, first = SAMPLE_ETABLISSEMENTS.read_text(encoding="utf-8").splitlines()[:2]
    fields = first.split(";")
    lines = [header]
    for n in range(rows):
        departement = DEPARTEMENTS[n % 5]
        fields[0] = f"{departement[1:]}{n:05d}"[:7] + "ABCDEFGHJK"[n % 10]
        fields[1] = f"Collège numéro {n}"
        fields[7] = f"{departement[1:]}{n % 1000:03d}"
        fields[10] = departement
        lines.append(";".join(fields))
    return "\n".join(lines) + "\n"


def main(rows: int = 1500) -> dict:
    folder = Path(tempfile.mkdtemp())
    engine = create_engine(f"sqlite:///{folder / 'bench.db'}")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        install_departements(session)
    with Session(engine) as session:
        install_resources(session)
    path = folder / "annuaire.csv"
    path.write_text(annuaire(rows), encoding="utf-8")
    with Session(engine) as session:
        start = time.perf_counter()
        report = import_etablissements(session, path)
        imported = time.perf_counter() - start
    print(f"import of {rows} rows: {imported * 1000:.0f} ms ({report.created} created, {len(report.rejected)} refused)")
    with Session(engine) as session:
        uais = [line.split(";")[0] for line in path.read_text(encoding="utf-8").splitlines()[1:]]
        for uai in uais:
            for position in range(10):
                session.add(SchoolContact(uai=uai, role=ROLES[position % len(ROLES)], name=f"Adulte {position}",
                                          where="Vie scolaire", position=position))  # fmt: skip
        session.commit()
    timings = []
    with Session(engine) as session:
        for uai in uais[:300]:
            start = time.perf_counter()
            context = school_context(session, uai)
            orient("eleve", {"who": "moi", "danger": "non", "concern": ["harcelement"], "where": "ecole"}, context)
            timings.append((time.perf_counter() - start) * 1000)
    figures = {"rows": rows, "import_ms": imported * 1000, "created": report.created}
    figures.update(median_ms=statistics.median(timings), p95_ms=sorted(timings)[int(len(timings) * 0.95)])
    figures.update(max_ms=max(timings), first_ms=timings[0])
    print(
        f"a school's orientation ({rows} schools × 10 adults): median {figures['median_ms']:.2f} ms, "
        f"p95 {figures['p95_ms']:.2f} ms, max {figures['max_ms']:.2f} ms"
    )
    return figures


if __name__ == "__main__":
    main()
