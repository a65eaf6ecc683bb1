"""Sign-ins through the ENT: store the ENT tokens server-side, keyed by a random cookie value.

The browser gets only an opaque key in an HttpOnly cookie; the tokens and the user's name are
encrypted at rest. An expired access token is refreshed; a token the ENT rejects (it answers 302)
is refreshed once, and the sign-in is dropped if that fails too.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

from sqlmodel import Session, col, select

from parlonsen.models import EntLogin, Etablissement, as_utc, utcnow
from parlonsen.services import ent, keys
from parlonsen.services.transaction import transaction

COOKIE = "parlonsen_ent"
STATE_COOKIE = "parlonsen_ent_state"
LIFETIME = timedelta(hours=8)
REFRESH_MARGIN = timedelta(seconds=60)
T = TypeVar("T")


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def complete_login(session: Session, settings: ent.EntSettings, code: str, now: datetime | None = None) -> str:
    """Exchange the code, read the user, store the sign-in; return the key to put in the cookie."""
    now = as_utc(now or utcnow())
    tokens = ent.exchange_code(settings, code, now=now)
    user = ent.fetch_userinfo(settings, tokens.access_token)
    key = secrets.token_urlsafe(32)
    with transaction(session):
        session.add(
            EntLogin(
                key_hash=_hash(key),
                ent_user_id=user.user_id,
                profile=user.profile,
                uais=",".join(user.uais),
                display_name=keys.encrypt(user.display_name),
                access_token=keys.encrypt(tokens.access_token),
                refresh_token=keys.encrypt(tokens.refresh_token),
                token_expires_at=tokens.expires_at,
                expires_at=now + LIFETIME,
            )
        )
    return key


def login_for_key(session: Session, key: str | None, now: datetime | None = None) -> EntLogin | None:
    if not key:
        return None
    login = session.exec(select(EntLogin).where(EntLogin.key_hash == _hash(key))).first()
    if login is None or as_utc(login.expires_at) <= as_utc(now or utcnow()):
        return None
    return login


def key_from_cookie_header(cookie_header: str) -> str:
    """The sign-in key from a raw `Cookie:` header (the websocket handshake carries it)."""
    for part in (cookie_header or "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE:
            return value
    return ""


def display_name(login: EntLogin) -> str:
    return keys.decrypt(login.display_name) if login.display_name else ""


def uais(login: EntLogin) -> list[str]:
    return [u for u in login.uais.split(",") if u]


def known_schools(session: Session, login: EntLogin) -> list[Etablissement]:
    """The user's schools that the platform knows, in the ENT's order."""
    wanted = uais(login)
    rows = {e.uai: e for e in session.exec(select(Etablissement).where(col(Etablissement.uai).in_(wanted)))}
    return [rows[u] for u in wanted if u in rows]


def _refresh(session: Session, settings: ent.EntSettings, login: EntLogin, now: datetime) -> str:
    try:
        tokens = ent.refresh_tokens(settings, keys.decrypt(login.refresh_token), now=now)
    except ent.TokenRejected:
        with transaction(session):
            session.delete(login)
        raise
    with transaction(session):
        login.access_token = keys.encrypt(tokens.access_token)
        login.refresh_token = keys.encrypt(tokens.refresh_token or keys.decrypt(login.refresh_token))
        login.token_expires_at = tokens.expires_at
        session.add(login)
    return tokens.access_token


def with_token(
    session: Session,
    settings: ent.EntSettings,
    login: EntLogin,
    call: Callable[[str], T],
    now: datetime | None = None,
) -> T:
    """Run an ENT API call with a valid access token: refresh when expired, and once more if the ENT rejects it."""
    now = as_utc(now or utcnow())
    if as_utc(login.token_expires_at) <= now + REFRESH_MARGIN:
        token = _refresh(session, settings, login, now)
    else:
        token = keys.decrypt(login.access_token)
    try:
        return call(token)
    except ent.TokenRejected:
        return call(_refresh(session, settings, login, now))


def logout(session: Session, key: str) -> None:
    with transaction(session):
        login = session.exec(select(EntLogin).where(EntLogin.key_hash == _hash(key or ""))).first()
        if login is not None:
            session.delete(login)
