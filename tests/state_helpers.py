"""Helpers for Reflex state tests that need the database behind `rx.session()`.

`reflex_database(tmp_path)` points Reflex at a fresh SQLite file (REFLEX_DB_URL), seeds it like
`conftest.engine` and restores Reflex's config and engine cache afterwards. Use it in a fixture:

    @pytest.fixture
    def db(tmp_path):
        with reflex_database(tmp_path) as db:
            yield db

then `token = db.admin("nord@example.fr", "departement", departement="59")` and
`state = make_state(MyState, "/admin/departement/59", token=token)`.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import parse_qs

import reflex as rx
import reflex.model
from reflex.istate.data import RouterData
from reflex_base.config import reload_config
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from parlonsen import routes
from parlonsen.models import AuditEntry, Etablissement, Resource, SchoolContact
from parlonsen.services.accounts import create_account, login
from parlonsen.services.reference import install_departements, install_resources
from parlonsen.text import search_key
from tests.conftest import SCHOOLS

PASSWORD = "un mot de passe solide"
S = TypeVar("S", bound=rx.State)


@dataclass
class ReflexDatabase:
    """The database the app's `rx.session()` opens during this test."""

    url: str
    engine: Engine

    def session(self) -> Session:
        return Session(self.engine)

    def admin(self, email: str, role: str, departement: str | None = None, uai: str | None = None) -> str:
        """Create an admin account and log it in; return its session token."""
        with self.session() as session:
            create_account(session, email, PASSWORD, role, departement_code=departement, uai=uai)
            return login(session, email, PASSWORD)

    def add_contact(self, uai: str, role: str, **fields: str) -> SchoolContact:
        with self.session() as session:
            contact = SchoolContact(uai=uai, role=role, **fields)
            session.add(contact)
            session.commit()
            session.refresh(contact)
            session.expunge(contact)
            return contact

    def resources(self, departement: str) -> list[dict[str, Any]]:
        """Every resource of a département (hidden ones too) as plain dicts, by id: easy to compare."""
        with self.session() as session:
            statement = select(Resource).where(Resource.departement_code == departement).order_by(Resource.id)
            return [row.model_dump() for row in session.exec(statement)]

    def audit(self) -> list[dict[str, Any]]:
        """Every audit entry as a plain dict, oldest first."""
        with self.session() as session:
            return [row.model_dump() for row in session.exec(select(AuditEntry).order_by(AuditEntry.id))]


@contextmanager
def reflex_database(directory: Path) -> Iterator[ReflexDatabase]:
    """A seeded SQLite file (five départements, their resources, conftest's three schools) behind `rx.session()`."""
    url = f"sqlite:///{directory / 'state.db'}"
    previous = os.environ.get("REFLEX_DB_URL")
    os.environ["REFLEX_DB_URL"] = url
    reload_config()  # the config reads REFLEX_DB_URL when it loads
    try:
        engine = reflex.model.get_engine()
        assert str(engine.url) == url, f"rx.session() would use {engine.url}, not {url}"
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            install_departements(session)
            install_resources(session)
            for uai, name, kind, commune, postcode, dep in SCHOOLS:
                session.add(
                    Etablissement(
                        uai=uai, name=name, type=kind, statut="public", commune=commune, code_postal=postcode,
                        departement_code=dep, academie_code="09", search_key=search_key(name, commune, postcode),
                    )
                )  # fmt: skip
            session.commit()
        yield ReflexDatabase(url, engine)
    finally:
        cached = reflex.model._ENGINE.pop(url, None)
        if cached is not None:
            cached.dispose()
        if previous is None:
            os.environ.pop("REFLEX_DB_URL", None)
        else:
            os.environ["REFLEX_DB_URL"] = previous
        reload_config()


class Tab:
    """A state driven as the websocket drives it: a handler that is a coroutine (`off_loop`) is run to its end
    when the test itself is not async, so a test reads the state right after the call, as the browser would."""

    def __init__(self, state: rx.State) -> None:
        object.__setattr__(self, "state", state)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.state, name)
        if not callable(value) or isinstance(value, type):
            return value

        @functools.wraps(value)
        def call(*args: Any, **kwargs: Any) -> Any:
            result = value(*args, **kwargs)
            if inspect.iscoroutine(result) and not _loop_running():
                return asyncio.run(result)
            return result

        return call

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.state, name, value)


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def make_state(
    state_class: type[S], path: str = "/", token: str = "", origin: str = "", tab: str = "", ip: str = ""
) -> S:
    """A state as the websocket would build it for a page at `path`, with an admin token (or none), in a `Tab`."""
    root = rx.State()
    state = root.get_substate(state_class.get_full_name().split(".")[1:])
    set_path(state, path, origin, tab, ip)
    if token:
        setattr(state, "auth_token", token)  # noqa: B010 (only admin states have it)
    return cast(S, Tab(state))  # a Tab answers every attribute of S


def set_path(state: rx.State, path: str, origin: str = "", tab: str = "", ip: str = "") -> None:
    """Make the router what a browser at `path` would send: its path, its route's parameters with the query's
    (`router.page.params`), `router.headers.origin`, and the tab's token and client address (the throttles')."""
    pathname, _, query = path.partition("?")
    params = {name: values[-1] for name, values in parse_qs(query).items()} | routes.params_of(pathname)
    state.router = RouterData.from_router_data(
        {
            "pathname": pathname,
            "asPath": path,
            "query": params,
            "headers": {"origin": origin} if origin else {},
            "token": tab,
            "ip": ip,
        }
    )
