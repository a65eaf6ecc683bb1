"""Admin accounts: creation, login with throttling, session tokens, and invitations to choose a password.

Each function owns its transaction (`services.transaction`): it commits its work, or rolls it all back.
Returned users are detached with their columns loaded, so they stay readable after the session closes.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ValidationError, field_validator, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from parlonsen import audit, roles
from parlonsen.kernel import Actor
from parlonsen.models import (
    INVITATION_TTL,
    AdminSession,
    AdminUser,
    Departement,
    Etablissement,
    Invitation,
    as_utc,
    utcnow,
)
from parlonsen.roles import Role
from parlonsen.services import throttle
from parlonsen.services.directory import normalise_uai
from parlonsen.services.throttle import Limit
from parlonsen.services.transaction import transaction

SESSION_TTL = timedelta(hours=8)
# Wrong passwords: five for one e-mail from one address lock that pair (1 min, doubling, at most 15 min);
# the account holder, from their own address, is never locked by someone else's guesses. One address may
# fail 30 times in 15 minutes across every e-mail (a school's shared network has few admins).
LOGIN_PAIR = Limit("connexion", limit=5, window=timedelta(minutes=15), escalating=True)
LOGIN_ADDRESS = Limit("connexion-adresse", limit=30, window=timedelta(minutes=15))
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200  # argon2 hashes any length: a megabyte-long "password" would only cost CPU
# An invitation link: sent to the account's own address, used once, short-lived (see `invite`).
EMAIL_MAX_LENGTH = 200  # AdminUser.email
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")

WRONG_CREDENTIALS = "Adresse ou mot de passe incorrect."
DUPLICATE_EMAIL = "Un compte existe déjà pour cette adresse."
LINK_UNKNOWN = (
    "Ce lien n'est pas valable. Vérifiez qu'il est complet, ou demandez à la personne qui vous a invité·e de vous "
    "renvoyer l'invitation."
)
LINK_USED = (
    "Ce lien a déjà servi : il ne sert qu'une fois. Si ce n'est pas vous qui avez choisi le mot de passe, "
    "prévenez tout de suite l'administrateur de votre établissement."
)
LINK_EXPIRED = (
    f"Ce lien a expiré (il est valable {INVITATION_TTL // timedelta(hours=1)} heures) ou une invitation plus récente "
    "l'a remplacé. Demandez à la personne qui vous a invité·e de vous renvoyer l'invitation."
)
ACCOUNT_INACTIVE = "Ce compte n'est pas actif. Adressez-vous à l'administrateur de votre établissement."
PASSWORDS_DIFFER = "Les deux mots de passe sont différents : saisissez deux fois le même."
PASSWORD_ALREADY_CHOSEN = (
    "Ce compte a déjà un mot de passe, choisi par son titulaire : une invitation ne le remplace pas."
)

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
        problem = password_problem(value)
        if problem:
            raise _refusal(problem)
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


def password_problem(password: str) -> str | None:
    """What is wrong with a new password, in French, or None: one rule for every way a password is chosen."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Le mot de passe doit contenir au moins {MIN_PASSWORD_LENGTH} caractères."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Le mot de passe doit contenir au plus {MAX_PASSWORD_LENGTH} caractères."
    return None


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
    with transaction(session):
        user = add_account(session, email, password, role, departement_code, uai)
        session.expunge(user)
    return user


def add_account(
    session: Session,
    email: str,
    password: str,
    role: str,
    departement_code: str | None = None,
    uai: str | None = None,
) -> AdminUser:
    """`create_account` inside the caller's transaction (the caller commits); raises AccountError."""
    try:
        new = NewAccount(email=email, password=password, role=role, departement_code=departement_code, uai=uai)
    except ValidationError as exc:
        raise AccountError(" ".join(error["msg"] for error in exc.errors())) from None
    if session.exec(select(AdminUser).where(AdminUser.email == new.email)).first():
        raise AccountError(DUPLICATE_EMAIL)
    user = AdminUser(
        email=new.email,
        password_hash=hash_password(new.password),
        role=new.role,
        departement_code=_checked_scope(session, new),
        uai=new.uai,
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError:  # the same e-mail created concurrently
        raise AccountError(DUPLICATE_EMAIL) from None
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


def login(session: Session, email: str, password: str, client: str = "", now: datetime | None = None) -> str:
    """A new session token for the right e-mail and password. Failures are counted per e-mail *and* client
    address (`LOGIN_PAIR`, cleared by a success) and per address (`LOGIN_ADDRESS`, never cleared)."""
    now = as_utc(now or utcnow())
    key = normalise_email(email)[:EMAIL_MAX_LENGTH]
    pair = f"{key}|{client}"
    token = ""
    with transaction(session):
        wait = max(
            throttle.seconds_left(session, LOGIN_PAIR, pair, now),
            throttle.seconds_left(session, LOGIN_ADDRESS, client, now),
        )
        if wait:
            raise AccountError(throttle.wait_message(wait, polite=True))
        user = session.exec(select(AdminUser).where(AdminUser.email == key)).first()
        # Unknown e-mails are checked against a dummy hash, so response time does not reveal which accounts exist.
        matches = _verify(user.password_hash if user else _dummy_hash(), password)
        accepted = matches and user is not None and user.active
        if not accepted:
            throttle.count(session, LOGIN_PAIR, pair, now)
            throttle.count(session, LOGIN_ADDRESS, client, now)
        else:
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            throttle.clear(session, LOGIN_PAIR, pair)
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


# --- Invitations: the holder of an account chooses its password; nobody else ever knows it ---------------
def awaiting_password(session: Session, user_ids: Iterable[int]) -> set[int]:
    """Those accounts whose holder has not chosen a password yet: invited, and no invitation used. (An account
    created with a password, from the command line, was never invited: it is not awaiting one.)"""
    ids = list(user_ids)
    invited = select(Invitation.user_id).where(col(Invitation.user_id).in_(ids))
    chosen = set(session.exec(invited.where(col(Invitation.used_at).is_not(None))))
    return set(session.exec(invited)) - chosen


def add_invitation(session: Session, user_id: int, now: datetime | None = None, new_account: bool = False) -> str:
    """A new invitation in the caller's transaction (the caller commits); earlier unused ones stop working.

    Returns the raw token, for the account's own address only: only its hash is stored. Refused (AccountError)
    for an account already awaiting nothing, unless `new_account`: it was just created with an unusable password.
    """
    now = as_utc(now or utcnow())
    if not new_account and user_id not in awaiting_password(session, [user_id]):
        raise AccountError(PASSWORD_ALREADY_CHOSEN)
    _expire_unused(session, user_id, now)
    token = secrets.token_urlsafe(32)
    session.add(
        Invitation(token_hash=hash_token(token), user_id=user_id, expires_at=now + INVITATION_TTL, created_at=now)
    )
    return token


def invite(session: Session, user_id: int, now: datetime | None = None) -> str:
    """A new invitation link's token for an account still awaiting its password (`add_invitation`)."""
    with transaction(session):
        user = session.get(AdminUser, user_id)
        if user is None:
            raise AccountError("Compte inconnu.")
        if not user.active:
            raise AccountError(ACCOUNT_INACTIVE)
        return add_invitation(session, user_id, now)


def invitation_email(session: Session, token: object, now: datetime | None = None) -> str:
    """The address of the account a live invitation is for; AccountError (French) for a bad, used or old link."""
    now = as_utc(now or utcnow())
    with transaction(session):
        _, user = _live_invitation(session, token, now)
        return user.email


def accept_invitation(
    session: Session, token: object, password: object, password_again: object, now: datetime | None = None
) -> str:
    """Set the password the account's holder chose through their link, which then stops working; end every
    session the account had; return its e-mail. AccountError (French), and nothing changes, on bad input."""
    now = as_utc(now or utcnow())
    with transaction(session):
        invitation, user = _live_invitation(session, token, now)
        if not isinstance(password, str) or not isinstance(password_again, str):
            raise AccountError("Saisissez votre nouveau mot de passe deux fois.")
        problem = password_problem(password)
        if problem:
            raise AccountError(problem)
        if password != password_again:
            raise AccountError(PASSWORDS_DIFFER)
        user.password_hash = hash_password(password)
        invitation.used_at = now
        session.add_all([user, invitation])
        _expire_unused(session, user.id or 0, now)
        session.execute(delete(AdminSession).where(col(AdminSession.user_id) == user.id))
        audit.record(
            session, Actor.of(user), "invitation.accept", "AdminUser", user.id, {}, {"email": user.email},
            uai=user.uai or "", departement_code=user.departement_code or "",
        )  # fmt: skip
        return user.email


def _live_invitation(session: Session, token: object, now: datetime) -> tuple[Invitation, AdminUser]:
    found = session.exec(
        select(Invitation).where(Invitation.token_hash == hash_token(token if isinstance(token, str) else ""))
    ).first()
    if found is None or not token:
        raise AccountError(LINK_UNKNOWN)
    if found.used_at is not None:
        raise AccountError(LINK_USED)
    if as_utc(found.expires_at) <= now:
        raise AccountError(LINK_EXPIRED)
    user = session.get(AdminUser, found.user_id)
    if user is None or not user.active:
        raise AccountError(ACCOUNT_INACTIVE)
    return found, user


def _expire_unused(session: Session, user_id: int, now: datetime) -> None:
    """End the account's unused invitations now (kept, not deleted: a used one marks a chosen password)."""
    unused = select(Invitation).where(Invitation.user_id == user_id, col(Invitation.used_at).is_(None))
    for invitation in session.exec(unused):
        if as_utc(invitation.expires_at) > now:
            invitation.expires_at = now
            session.add(invitation)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))
