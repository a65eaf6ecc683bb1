"""Shared fixtures: a fresh database with départements, three schools and one admin per role.

Service tests run on SQLite and, when PARLONSEN_TEST_POSTGRES_URL is set (`.ci/run` sets it when a local
PostgreSQL answers), on PostgreSQL too; otherwise the PostgreSQL runs are skipped with that reason.
"""

import os
from collections.abc import Iterator

import pytest
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine

from parlonsen import settings
from parlonsen.kernel import Actor
from parlonsen.models import AdminUser, Etablissement
from parlonsen.services.reference import install_departements, install_resources
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


@pytest.fixture(autouse=True)
def settings_read_at_each_use(monkeypatch):
    """The app reads its settings once; a test that sets a variable (monkeypatch.setenv) sees it at once."""
    monkeypatch.setattr(settings, "current", lambda: settings.Settings.from_environ(os.environ))


POSTGRES_URL = os.environ.get("PARLONSEN_TEST_POSTGRES_URL", "")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not POSTGRES_URL, reason="PARLONSEN_TEST_POSTGRES_URL is not set (no PostgreSQL)"),
    ),
]


def _seed(engine) -> None:
    with Session(engine) as session:
        install_departements(session)
        install_resources(session)
        with session.begin():
            for uai, name, kind, commune, postcode, dep in SCHOOLS:
                session.add(
                    Etablissement(
                        uai=uai, name=name, type=kind, statut="public", commune=commune, code_postal=postcode,
                        departement_code=dep, academie_code="09", search_key=search_key(name, commune, postcode),
                    )
                )  # fmt: skip
        with session.begin():  # the actors exist as accounts, so foreign keys hold on PostgreSQL too
            for actor in ACTORS.values():
                session.add(
                    AdminUser(
                        id=actor.user_id, email=actor.email, password_hash="-", role=actor.role,
                        departement_code=actor.departement_code, uai=actor.uai,
                    )
                )  # fmt: skip


@pytest.fixture(params=BACKENDS)
def engine(request):
    if request.param == "sqlite":
        engine = create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    else:
        engine = create_engine(POSTGRES_URL)
        SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    _seed(engine)
    yield engine
    if request.param != "sqlite":
        SQLModel.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture
def session(engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


ACTORS = {
    "national": Actor(1001, "nationale@example.fr", "national"),
    "departement-59": Actor(1002, "nord@example.fr", "departement", "59"),
    "departement-62": Actor(1003, "pdc@example.fr", "departement", "62"),
    "etablissement-0590001A": Actor(1004, "jeanbart@example.fr", "etablissement", "59", "0590001A"),
    "etablissement-0590002B": Actor(1005, "debeyre@example.fr", "etablissement", "59", "0590002B"),
    "referent-0590001A": Actor(1006, "cpe.jeanbart@example.fr", "referent", "59", "0590001A"),
    "referent2-0590001A": Actor(1007, "infirmerie.jeanbart@example.fr", "referent", "59", "0590001A"),
    "referent-0590002B": Actor(1008, "cpe.debeyre@example.fr", "referent", "59", "0590002B"),
}


@pytest.fixture
def actors() -> dict[str, Actor]:
    return ACTORS
