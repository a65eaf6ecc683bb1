"""Seed the demo database: départements, sample établissements, departmental resources. Idempotent.

Seeding never overwrites what an admin has edited: a resource is added only when its département
has none of that kind and name yet.
"""

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, col, select

from parlonsen.catalog import CONTENT_DIR
from parlonsen.models import Departement, Etablissement, Resource, SchoolContact
from parlonsen.services.transaction import transaction

HAUTS_DE_FRANCE = "32"
DEPARTEMENTS = (("02", "Aisne"), ("59", "Nord"), ("60", "Oise"), ("62", "Pas-de-Calais"), ("80", "Somme"))
RESOURCES_FILE = CONTENT_DIR / "ressources_departementales.yaml"
SAMPLE_ETABLISSEMENTS = Path(__file__).resolve().parents[2] / "tests" / "data" / "annuaire_etablissements_hdf.csv"
DEMO_SCHOOLS = ("0593233U", "0620006V")  # Collège Albert Debeyre (Loos), Lycée Robespierre (Arras)
DEMO_CONTACTS = (
    (
        "cpe",
        "Bureau de la vie scolaire",
        "Du lundi au vendredi, pendant les cours",
        "Passe au bureau ou écris par l'ENT",
    ),
    ("infirmier", "Infirmerie", "Tous les jours de classe", "Va à l'infirmerie, même sans rendez-vous"),
    ("assistant_social", "Bureau près de l'infirmerie", "Sur rendez-vous", "Demande un rendez-vous à la vie scolaire"),
    ("referent_harcelement", "Équipe pHARe", "Pendant les cours", "Parle à n'importe quel membre de l'équipe"),
)


class SeedResource(BaseModel):
    model_config = ConfigDict(extra="forbid")
    departement: str
    kind: Literal["crip", "mda", "autre"]
    name: str = Field(min_length=1)
    description: str = ""
    url: str = ""
    address: str = ""
    hours: str = ""
    source_url: str = ""
    to_complete: bool = False


class SeedFile(BaseModel):
    resources: list[SeedResource]


def seed_departements(session: Session) -> int:
    """Insert or update the five départements in one transaction; return how many were created."""
    created = 0
    with transaction(session):
        for code, name in DEPARTEMENTS:
            existing = session.get(Departement, code)
            if existing is None:
                session.add(Departement(code=code, name=name, region_code=HAUTS_DE_FRANCE))
                created += 1
            else:
                existing.name, existing.region_code = name, HAUTS_DE_FRANCE
    return created


def seed_resources(session: Session, path: Path = RESOURCES_FILE) -> int:
    """Add the initial departmental resources that are not there yet; return how many were added."""
    seed = SeedFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    added = 0
    with transaction(session):
        for position, item in enumerate(seed.resources):
            exists = session.exec(
                select(Resource).where(
                    Resource.departement_code == item.departement,
                    Resource.kind == item.kind,
                    Resource.name == item.name,
                )
            ).first()
            if exists is None:
                session.add(
                    Resource(
                        departement_code=item.departement, position=position, **item.model_dump(exclude={"departement"})
                    )
                )
                added += 1
    return added


def seed_demo_contacts(session: Session, uais: tuple[str, ...] = DEMO_SCHOOLS) -> int:
    """Give a few demo schools a trusted-adult group (roles only, no invented names)."""
    added = 0
    with transaction(session):
        schools = session.exec(select(Etablissement).where(col(Etablissement.uai).in_(uais))).all()
        for school in schools:
            if session.exec(select(SchoolContact).where(SchoolContact.uai == school.uai)).first():
                continue
            for position, (role, where, when, how) in enumerate(DEMO_CONTACTS):
                session.add(
                    SchoolContact(uai=school.uai, role=role, where=where, when=when, how=how, position=position)
                )
                added += 1
    return added
