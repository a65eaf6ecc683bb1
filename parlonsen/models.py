"""Database tables (SQLModel only). The public side keeps no answers: only the directory and its admin.

Editable rows carry a `version` column: a save names the version it started from, and a save
from an older version is refused instead of overwriting someone else's edit.
"""

from datetime import UTC, datetime, timedelta

from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite gives back naive datetimes; every datetime stored here is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class Departement(SQLModel, table=True):
    """A French département where the platform is deployed; its resources hang on it."""

    code: str = Field(primary_key=True, max_length=3)
    name: str = Field(max_length=80)
    region_code: str = Field(max_length=3)


class Etablissement(SQLModel, table=True):
    """A collège or lycée, imported from the Annuaire de l'éducation; `welcome` is set by its admins."""

    uai: str = Field(primary_key=True, max_length=8)
    name: str = Field(max_length=200)
    type: str = Field(max_length=40)
    statut: str = Field(max_length=10)
    commune: str = Field(max_length=100)
    code_postal: str = Field(max_length=5)
    departement_code: str = Field(foreign_key="departement.code", index=True, max_length=3)
    academie_code: str = Field(default="", max_length=3)
    search_key: str = Field(default="", index=True, max_length=400)
    welcome: str = Field(default="", max_length=600)
    ent_group_id: str = Field(default="", max_length=100)  # the ENT manual group of trusted adults
    version: int = Field(default=1)
    updated_at: datetime = Field(default_factory=utcnow)


class Resource(SQLModel, table=True):
    """A departmental resource (CRIP, Maison des adolescents, other local service)."""

    id: int | None = Field(default=None, primary_key=True)
    departement_code: str = Field(foreign_key="departement.code", index=True, max_length=3)
    kind: str = Field(max_length=20)  # crip | mda | autre
    name: str = Field(max_length=200)
    description: str = Field(default="", max_length=1000)
    phone: str = Field(default="", max_length=20)
    email: str = Field(default="", max_length=200)
    url: str = Field(default="", max_length=300)
    address: str = Field(default="", max_length=300)
    hours: str = Field(default="", max_length=300)
    source_url: str = Field(default="", max_length=300)
    to_complete: bool = Field(default=False)
    position: int = Field(default=0)
    hidden: bool = Field(default=False)
    version: int = Field(default=1)


class SchoolContact(SQLModel, table=True):
    """An adult of a school's trusted group, by role; the name is optional."""

    id: int | None = Field(default=None, primary_key=True)
    uai: str = Field(foreign_key="etablissement.uai", index=True, max_length=8)
    role: str = Field(max_length=40)
    name: str = Field(default="", max_length=120)
    where: str = Field(default="", max_length=300)
    when: str = Field(default="", max_length=300)
    how: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=20)
    email: str = Field(default="", max_length=200)
    position: int = Field(default=0)
    hidden: bool = Field(default=False)
    version: int = Field(default=1)


class AdminUser(SQLModel, table=True):
    """An administrator: `national`, `departement` (with its code) or `etablissement` (with its UAI)."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True, index=True, max_length=200)
    password_hash: str = Field(max_length=200)
    role: str = Field(max_length=20)
    departement_code: str | None = Field(default=None, foreign_key="departement.code", max_length=3)
    uai: str | None = Field(default=None, foreign_key="etablissement.uai", max_length=8)
    active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow)


class AdminSession(SQLModel, table=True):
    """A login session; only the SHA-256 of its random token is stored."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, index=True, max_length=64)
    user_id: int = Field(foreign_key="adminuser.id", index=True)
    expires_at: datetime
    created_at: datetime = Field(default_factory=utcnow)


class Throttle(SQLModel, table=True):
    """Events counted under one key (an HMAC, never an address) in a window; closed until `locked_until`."""

    key: str = Field(primary_key=True, max_length=80)
    hits: int = Field(default=0)
    window_start: datetime = Field(default_factory=utcnow)
    locked_until: datetime | None = Field(default=None)


INVITATION_TTL = timedelta(hours=48)  # how long an invitation link works (accounts, e-mails, CLI say the same)


class Invitation(SQLModel, table=True):
    """A single-use link sent to an account's own address to choose its password; only its hash is stored."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, index=True, max_length=64)
    user_id: int = Field(foreign_key="adminuser.id", index=True)
    expires_at: datetime
    used_at: datetime | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow)


class AuditEntry(SQLModel, table=True):
    """Who changed what, when: before and after as JSON text."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_email: str = Field(max_length=200)
    actor_role: str = Field(max_length=20)
    action: str = Field(max_length=40)
    target_type: str = Field(max_length=40)
    target_id: str = Field(max_length=40)
    departement_code: str = Field(default="", index=True, max_length=3)
    uai: str = Field(default="", index=True, max_length=8)
    before: str = Field(default="")
    after: str = Field(default="")


class Conversation(SQLModel, table=True):
    """A student's conversation with their school's trusted adults, found again only by its follow-up code.

    `code_hash` is an HMAC of the code (never the code); `contact_hint` ("comment te retrouver") is encrypted.
    """

    id: int | None = Field(default=None, primary_key=True)
    uai: str = Field(foreign_key="etablissement.uai", index=True, max_length=8)
    code_hash: str = Field(unique=True, index=True, max_length=64)
    urgent: bool = Field(default=False)
    status: str = Field(default="open", max_length=10)  # open | closed
    contact_hint: str = Field(default="")
    waiting_for_adult: bool = Field(default=True)
    taken_by_user_id: int | None = Field(default=None, foreign_key="adminuser.id")
    taken_by_email: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    last_activity_at: datetime = Field(default_factory=utcnow, index=True)
    closed_at: datetime | None = Field(default=None)
    version: int = Field(default=1)


class Message(SQLModel, table=True):
    """One message of a conversation; `body` is Fernet-encrypted text, never plain."""

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(foreign_key="conversation.id", index=True)
    author: str = Field(max_length=10)  # eleve | adulte
    author_email: str = Field(default="", max_length=200)
    body: str
    created_at: datetime = Field(default_factory=utcnow)


class EntLogin(SQLModel, table=True):
    """A sign-in through the ENT. The browser holds only a random key (HttpOnly cookie); its SHA-256 is here.

    The ENT tokens and the user's name are encrypted with the message keys; they never reach the browser.
    """

    id: int | None = Field(default=None, primary_key=True)
    key_hash: str = Field(unique=True, index=True, max_length=64)
    ent_user_id: str = Field(max_length=100)
    profile: str = Field(default="", max_length=20)
    uais: str = Field(default="")  # comma-separated, as the ENT gave them
    display_name: str = Field(default="")  # encrypted
    access_token: str = Field(default="")  # encrypted
    refresh_token: str = Field(default="")  # encrypted
    token_expires_at: datetime
    expires_at: datetime
    created_at: datetime = Field(default_factory=utcnow)
