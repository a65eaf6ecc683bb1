"""Seed reference data: the five départements of Hauts-de-France. Idempotent."""

from sqlmodel import Session

from parlonsen.models import Departement

HAUTS_DE_FRANCE = "32"
DEPARTEMENTS = (("02", "Aisne"), ("59", "Nord"), ("60", "Oise"), ("62", "Pas-de-Calais"), ("80", "Somme"))


def seed_departements(session: Session) -> int:
    """Insert or update the five départements in one transaction; return how many were created."""
    created = 0
    with session.begin():
        for code, name in DEPARTEMENTS:
            existing = session.get(Departement, code)
            if existing is None:
                session.add(Departement(code=code, name=name, region_code=HAUTS_DE_FRANCE))
                created += 1
            else:
                existing.name, existing.region_code = name, HAUTS_DE_FRANCE
    return created
