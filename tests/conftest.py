"""Shared fixtures: a fresh in-memory database with départements, three schools and one admin per role."""

from collections.abc import Iterator

import pytest
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

from parlonsen.models import AdminUser, Etablissement
from parlonsen.services.admin import Actor
from parlonsen.services.seed import seed_departements, seed_resources
from parlonsen.text import search_key

SCHOOLS = (
    ("0590001A", "Lycée Jean Bart", "lycee", "Lille", "59000", "59"),
    ("0590002B", "Collège Professeur Albert Debeyre", "college", "Loos", "59120", "59"),
    ("0620001C", "Lycée Robespierre", "lycee", "Arras", "62000", "62"),
)


@pytest.fixture(autouse=True)
def private_secrets(tmp_path, monkeypatch):
    """Message keys and the code pepper live in a per-test folder, never in the repository."""
    monkeypatch.setenv("PARLONSEN_SECRETS_DIR", str(tmp_path / "secrets"))
    monkeypatch.delenv("PARLONSEN_MESSAGE_KEYS", raising=False)
    monkeypatch.delenv("PARLONSEN_CODE_PEPPER", raising=False)


@pytest.fixture
def engine():
    engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        seed_departements(session)
        seed_resources(session)
        with session.begin():
            for uai, name, kind, commune, postcode, dep in SCHOOLS:
                session.add(
                    Etablissement(
                        uai=uai, name=name, type=kind, statut="public", commune=commune, code_postal=postcode,
                        departement_code=dep, academie_code="09", search_key=search_key(name, commune, postcode),
                    )
                )  # fmt: skip
    return engine


@pytest.fixture
def session(engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


ACTORS = {
    "national": Actor(1, "nationale@example.fr", "national"),
    "departement-59": Actor(2, "nord@example.fr", "departement", "59"),
    "departement-62": Actor(3, "pdc@example.fr", "departement", "62"),
    "etablissement-0590001A": Actor(4, "jeanbart@example.fr", "etablissement", "59", "0590001A"),
    "etablissement-0590002B": Actor(5, "debeyre@example.fr", "etablissement", "59", "0590002B"),
    "referent-0590001A": Actor(6, "cpe.jeanbart@example.fr", "referent", "59", "0590001A"),
    "referent2-0590001A": Actor(7, "infirmerie.jeanbart@example.fr", "referent", "59", "0590001A"),
    "referent-0590002B": Actor(8, "cpe.debeyre@example.fr", "referent", "59", "0590002B"),
}


@pytest.fixture
def actors() -> dict[str, Actor]:
    return ACTORS


def add_admin(session: Session, email: str, role: str, departement: str | None = None, uai: str | None = None) -> None:
    from parlonsen.services.accounts import create_account

    create_account(session, email, "un mot de passe solide", role, departement_code=departement, uai=uai)


@pytest.fixture
def admin_user(session) -> AdminUser:
    add_admin(session, "jeanbart@example.fr", "etablissement", uai="0590001A")
    from sqlmodel import select

    return session.exec(select(AdminUser).where(AdminUser.email == "jeanbart@example.fr")).one()
