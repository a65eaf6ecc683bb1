"""Reference data shipped with the app: the French départements (INSEE), and the first departmental resources
(the CRIP of each Hauts-de-France département, its Maisons des adolescents), installed once into the database.

`python -m parlonsen.cli init` calls `install_reference` on a new production database, before any
`import-etablissements`; the demo seed calls it too. Installing is idempotent and never overwrites what an
admin has edited: a département's name is kept up to date, a resource is added only when missing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, col, select

from parlonsen.catalog import Source
from parlonsen.models import Departement, Etablissement, Resource
from parlonsen.services.transaction import transaction

REFERENCE_DIR = Path(__file__).resolve().parents[1] / "reference"
DEPARTEMENTS_FILE = REFERENCE_DIR / "departements.yaml"
RESOURCES_FILE = REFERENCE_DIR / "ressources_departementales.yaml"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RegionRow(Strict):
    code: str = Field(pattern=r"^\d{2}$")
    name: str = Field(min_length=1)


class DepartementRow(Strict):
    code: str = Field(pattern=r"^(\d{2}|2[AB]|97\d)$")
    name: str = Field(min_length=1)
    region: str = Field(pattern=r"^\d{2}$")


class Geography(Strict):
    source: Source
    regions: list[RegionRow]
    departements: list[DepartementRow]


class InitialResource(Strict):
    departement: str
    kind: Literal["crip", "mda", "autre"]
    name: str = Field(min_length=1)
    description: str = ""
    url: str = ""
    address: str = ""
    hours: str = ""
    source_url: str = ""
    to_complete: bool = False


class InitialResources(Strict):
    resources: list[InitialResource]


@cache
def geography() -> Geography:
    """The régions and départements, validated (a broken file fails here, naming the field)."""
    return Geography.model_validate(yaml.safe_load(DEPARTEMENTS_FILE.read_text(encoding="utf-8")))


def departement_choices() -> list[tuple[str, str]]:
    """(code, name) of every département, in the COG's order: the lists people choose from."""
    return [(d.code, d.name) for d in geography().departements]


def install_departements(session: Session) -> int:
    """Insert or update every département in one transaction; return how many were created."""
    created = 0
    with transaction(session):
        for row in geography().departements:
            existing = session.get(Departement, row.code)
            if existing is None:
                session.add(Departement(code=row.code, name=row.name, region_code=row.region))
                created += 1
            else:
                existing.name, existing.region_code = row.name, row.region
    return created


def install_resources(session: Session, path: Path = RESOURCES_FILE) -> int:
    """Add the first departmental resources that are not there yet; return how many were added."""
    initial = InitialResources.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    added = 0
    with transaction(session):
        for position, item in enumerate(initial.resources):
            exists = session.exec(
                select(Resource).where(
                    Resource.departement_code == item.departement,
                    Resource.kind == item.kind,
                    Resource.name == item.name,
                )
            ).first()
            if exists is None:
                values = item.model_dump(exclude={"departement"})
                session.add(Resource(departement_code=item.departement, position=position, **values))
                added += 1
    return added


def install_reference(session: Session) -> tuple[int, int]:
    """Départements, then the first resources: (départements created, resources added)."""
    return install_departements(session), install_resources(session)


def served_departements(session: Session) -> list[Departement]:
    """The départements the platform serves: those with a school imported or a departmental resource (the
    reference data installs the first resources of the départements the platform opens in)."""
    with_schools = select(Etablissement.departement_code).distinct()
    with_resources = select(Resource.departement_code).distinct()
    served = col(Departement.code).in_(with_schools) | col(Departement.code).in_(with_resources)
    return list(session.exec(select(Departement).where(served).order_by(Departement.code)))
