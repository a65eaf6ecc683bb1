"""Admin accounts: creation, login with throttling, and session tokens.

Each function owns its transaction (`services.transaction`): it commits its work, or rolls it all back.
Returned users are detached with their columns loaded, so they stay readable after the session closes.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from datetime import UTC, datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from parlonsen import roles
from parlonsen.models import AdminSession, AdminUser, Departement, Etablissement, LoginThrottle, utcnow
from parlonsen.roles import Role
from parlonsen.services.directory import normalise_uai
from parlonsen.services.transaction import transaction

SESSION_TTL = timedelta(hours=8)
MAX_FAILURES = 5
LOCK_DELAY = timedelta(seconds=60)
MAX_LOCK_DELAY = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 12
EMAIL_MAX_LENGTH = 200  # AdminUser.email and LoginThrottle.email
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")

WRONG_CREDENTIALS = "Adresse ou mot de passe incorrect."
DUPLICATE_EMAIL = "Un compte existe déjà pour cette adresse."

_hasher = PasswordHasher()


class AccountError(ValueError):
    """A user-caused problem; str(error) is a French message for that user."""


def _refusal(message: str) -> PydanticCustomError:
    return PydanticCustomError("account", message)


class NewAccount(BaseModel):
    """What `create_account` receives, normalised; checks that need the database come after."""

    email: str
    password: str
    role: str
    departement_code: str | None = None
    uai: str | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        email = normalise_email(value)
        if len(email) > EMAIL_MAX_LENGTH or not EMAIL_PATTERN.match(email):
            raise _refusal("Adresse e-mail invalide.")
        return email

    @field_validator("password")
    @classmethod
    def _password(cls, value: str) -> str:
        if len(value) < MIN_PASSWORD_LENGTH:
            raise _refusal(f"Le mot de passe doit contenir au moins {MIN_PASSWORD_LENGTH} caractères.")
        return value

    @field_validator("role")
    @classmethod
    def _role(cls, value: str) -> str:
        if value not in tuple(Role):
            raise _refusal(f"Rôle inconnu : « {value} ». Rôles possibles : {', '.join(Role)}.")
        return value

    @field_validator("departement_code", "uai")
    @classmethod
    def _code(cls, value: str | None) -> str | None:
        return (value or "").strip().upper() or None

    @model_validator(mode="after")
    def _scope_matches_role(self) -> NewAccount:
        problem = roles.scope_problem(self.role, self.departement_code, self.uai)
        if problem:
            raise _refusal(problem)
        return self


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def hash_password(password: str) -> str:
    """An argon2id hash with the library's current recommended parameters."""
    return _hasher.hash(password)


def hash_token(token: str) -> str:
    """Only this SHA-256 is stored, so a copy of the database does not hand out live sessions."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_account(
    session: Session,
    email: str,
    password: str,
    role: str,
    departement_code: str | None = None,
    uai: str | None = None,
) -> AdminUser:
    """Create an active admin; raises AccountError (and writes nothing) if anything is wrong."""
    try:
        new = NewAccount(email=email, password=password, role=role, departement_code=departement_code, uai=uai)
    except ValidationError as exc:
        raise AccountError(" ".join(error["msg"] for error in exc.errors())) from None
    password_hash = hash_password(new.password)
    with transaction(session):
        if session.exec(select(AdminUser).where(AdminUser.email == new.email)).first():
            raise AccountError(DUPLICATE_EMAIL)
        departement_code = _checked_scope(session, new)
        user = AdminUser(
            email=new.email,
            password_hash=password_hash,
            role=new.role,
            departement_code=departement_code,
            uai=new.uai,
        )
        session.add(user)
        try:
            session.flush()
        except IntegrityError:  # the same e-mail created concurrently
            raise AccountError(DUPLICATE_EMAIL) from None
        session.expunge(user)
    return user


def _checked_scope(session: Session, new: NewAccount) -> str | None:
    """The account's département code, once its département or établissement is known to exist."""
    if roles.tied_to_departement(new.role):
        if session.get(Departement, new.departement_code) is None:
            raise AccountError(f"Département inconnu : « {new.departement_code} ».")
        return new.departement_code
    if roles.tied_to_school(new.role):
        uai = normalise_uai(new.uai or "")
        etablissement = session.get(Etablissement, uai) if uai else None
        if etablissement is None:
            raise AccountError(f"Établissement inconnu : « {new.uai} ».")
        if new.departement_code and new.departement_code != etablissement.departement_code:
            raise AccountError(
                f"L'établissement {etablissement.uai} est dans le département {etablissement.departement_code}, "
                f"pas {new.departement_code}."
            )
        return etablissement.departement_code
    return None


def login(session: Session, email: str, password: str, now: datetime | None = None) -> str:
    """A new session token for the right e-mail and password; failures are counted per e-mail and throttled."""
    now = as_utc(now or utcnow())
    key = normalise_email(email)[:EMAIL_MAX_LENGTH]
    token = ""
    with transaction(session):
        throttle = session.get(LoginThrottle, key)
        wait = seconds_locked(throttle, now)
        if wait:
            raise AccountError(f"Trop d'essais. Réessayez dans {wait} seconde{'s' if wait > 1 else ''}.")
        user = session.exec(select(AdminUser).where(AdminUser.email == key)).first()
        # Unknown e-mails are checked against a dummy hash, so response time does not reveal which accounts exist.
        matches = _verify(user.password_hash if user else _dummy_hash(), password)
        accepted = matches and user is not None and user.active
        if not accepted:
            record_failure(session, throttle or LoginThrottle(email=key), now)
        else:
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            if throttle is not None:
                session.delete(throttle)
            token = secrets.token_urlsafe(32)
            session.add(AdminSession(token_hash=hash_token(token), user_id=user.id, expires_at=now + SESSION_TTL))
    if not accepted:
        raise AccountError(WRONG_CREDENTIALS)
    return token


def user_for_token(session: Session, token: str, now: datetime | None = None) -> AdminUser | None:
    """The active user behind a live session token, or None; an expired session is deleted on sight."""
    now = as_utc(now or utcnow())
    with transaction(session):
        row = session.exec(select(AdminSession).where(AdminSession.token_hash == hash_token(token or ""))).first()
        if row is None:
            return None
        if as_utc(row.expires_at) <= now:
            session.delete(row)
            return None
        user = session.get(AdminUser, row.user_id)
        if user is None or not user.active:
            return None
        session.expunge(user)
        return user


def logout(session: Session, token: str) -> None:
    with transaction(session):
        row = session.exec(select(AdminSession).where(AdminSession.token_hash == hash_token(token or ""))).first()
        if row is not None:
            session.delete(row)


def lock_delay(failures: int) -> timedelta:
    """LOCK_DELAY at the fifth consecutive failure, doubled for each one after, capped at MAX_LOCK_DELAY."""
    extra = max(0, failures - MAX_FAILURES)
    return min(LOCK_DELAY * 2 ** min(extra, 16), MAX_LOCK_DELAY)


def record_failure(session: Session, throttle: LoginThrottle, now: datetime) -> None:
    throttle.failures += 1
    if throttle.failures >= MAX_FAILURES:
        throttle.locked_until = now + lock_delay(throttle.failures)
    session.add(throttle)


def seconds_locked(throttle: LoginThrottle | None, now: datetime) -> int:
    """Whole seconds left before the next attempt is allowed; 0 when it is allowed now."""
    if throttle is None or throttle.failures < MAX_FAILURES or throttle.locked_until is None:
        return 0
    remaining = (as_utc(throttle.locked_until) - now).total_seconds()
    return math.ceil(remaining) if remaining > 0 else 0


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def as_utc(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; every datetime stored here is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
