"""Students write to their school's trusted adults; adults of that group (role `referent`) answer.

A conversation is found again only by its follow-up code (HMAC stored, never the code). Bodies and
the optional "comment te retrouver" are encrypted at rest. Only referents of the school read messages,
and every read is audited; other admins see counts only.
"""

from __future__ import annotations

import re
import secrets
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Annotated, Literal

from pydantic import AfterValidator, Field
from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from parlonsen import audit
from parlonsen.kernel import Actor, Conflict, Forbidden, Form, InvalidInput, plain_text, validated
from parlonsen.models import (
    AdminSession,
    AdminUser,
    Conversation,
    EntLogin,
    Etablissement,
    Message,
    as_utc,
    utcnow,
)
from parlonsen.roles import (
    TRUSTED_ADULT,
    is_trusted_adult,
    may_manage_referents,
    messages_school,
    scope_conversations,
    scope_trusted_group,
)
from parlonsen.services import ent, ent_sessions, keys, throttle
from parlonsen.services.accounts import (
    INVITATION_TTL,
    AccountError,
    add_account,
    add_invitation,
    awaiting_password,
)
from parlonsen.services.directory import normalise_uai
from parlonsen.services.followup_code import code_hash, new_code
from parlonsen.services.throttle import Limit
from parlonsen.services.transaction import transaction

MAX_BODY = 2000
MAX_HINT = 200
RETENTION = timedelta(days=90)
HTML_TAG = re.compile(r"<[a-zA-Z/!?]")  # a tag starts right after "<": "< 2" or "<3" are text
# Wrong follow-up codes (a code is ≈ 61.6 bits: guessing is hopeless, the limits stop scripts and noise).
CODE_TAB = Limit("suivi-onglet", limit=5, window=timedelta(minutes=15), escalating=True)
CODE_ADDRESS = Limit("suivi-adresse", limit=60, window=timedelta(minutes=15))
# Student messages (new conversations and replies): a pupil rarely sends more than one or two; a class may
# write from one school network during a prevention session; a script meets the address or school ceiling.
SEND_TAB = Limit("envoi-onglet", limit=3, window=timedelta(minutes=10))
SEND_ADDRESS = Limit("envoi-adresse", limit=20, window=timedelta(hours=1))
SEND_SCHOOL = Limit("envoi-etablissement", limit=60, window=timedelta(hours=1))
BURST_WINDOW, BURST_SIZE = timedelta(minutes=10), 4  # the referents' list flags such bursts
WRONG_CODE = "Ce code ne correspond à aucune conversation. Vérifie-le (les mots et le nombre) et réessaie."
CLOSED = "Cette conversation est fermée. Tu peux en commencer une nouvelle depuis la page de ton établissement."
UNKNOWN_SCHOOL = "Cet établissement est introuvable."
ENT_CLOSED = "L'envoi par l'ENT n'est pas possible depuis cette page."
DANGER_LINE = "L'élève indique être en danger maintenant."  # first line of a message sent through the ENT


def _no_html(value: str) -> str:
    if HTML_TAG.search(value):
        raise ValueError("pas de balises HTML (« < » suivi d'une lettre) : écris ton message en texte simple")
    return plain_text(value)


Body = Annotated[str, AfterValidator(_no_html)]


class StudentMessage(Form):
    body: Body = Field(min_length=1, max_length=MAX_BODY)
    contact_hint: Body = Field(default="", max_length=MAX_HINT)
    danger: Literal["oui", "non", "ne_sais_pas"] = "ne_sais_pas"


class Reply(Form):
    body: Body = Field(min_length=1, max_length=MAX_BODY)


@dataclass(frozen=True)
class Sender:
    """Who sends, for the sending limits only (never stored: the throttle keeps an HMAC): the client's address
    and this tab's id."""

    address: str = ""
    tab: str = ""


@dataclass(frozen=True)
class Sent:
    code: str
    urgent: bool
    uai: str


@dataclass(frozen=True)
class Line:
    author: str  # eleve | adulte
    author_email: str
    body: str
    at: datetime


@dataclass(frozen=True)
class Thread:
    id: int
    uai: str
    school_name: str
    urgent: bool
    status: str
    taken_by_email: str
    contact_hint: str
    version: int
    lines: list[Line]


@dataclass(frozen=True)
class Summary:
    id: int
    urgent: bool
    status: str
    waiting_for_adult: bool
    taken_by_email: str
    created_at: datetime
    last_activity_at: datetime
    messages: int
    burst: int = 0  # conversations begun within BURST_WINDOW of this one (itself included), when ≥ BURST_SIZE


# --- The student's side ------------------------------------------------------------------------------
def _too_many(seconds: int, school: bool) -> str:
    first = (
        "Beaucoup de messages arrivent en ce moment pour ton établissement."
        if school
        else "Tu as déjà envoyé plusieurs messages."
    )
    return (
        f"{first} Ton texte est toujours là : tu pourras l'envoyer dans {throttle.delay_text(seconds)}. "
        "Si c'est urgent, appelle le 119 (gratuit, 24h/24) ; si tu es en danger maintenant, le 17 ou le 112."
    )


def _count_sending(session: Session, sender: Sender | None, uai: str | None, now: datetime) -> None:
    """Refuse (InvalidInput, French, nothing stored) when a sending limit is reached; else count this sending.
    Without a sender (not from a browser tab: the CLI, a test of another rule) only the school's limit counts."""
    limits = [(SEND_TAB, f"{sender.address}|{sender.tab}"), (SEND_ADDRESS, sender.address)] if sender else []
    if uai:
        limits.append((SEND_SCHOOL, uai))
    for limit, who in limits:
        wait = throttle.seconds_left(session, limit, who, now)
        if wait:
            raise InvalidInput(_too_many(wait, school=limit is SEND_SCHOOL))
    for limit, who in limits:
        throttle.count(session, limit, who, now)


def send_message(
    session: Session, uai: str, data: object, sender: Sender | None = None, now: datetime | None = None
) -> Sent:
    """Store a new conversation and return its code (shown once). Nothing is stored if anything fails,
    including a sending limit reached (`SEND_*`: the student's text stays on their screen)."""
    canonical = normalise_uai(uai) if isinstance(uai, str) else None
    form = validated(StudentMessage, data)
    now = as_utc(now or utcnow())
    with transaction(session):
        school = session.get(Etablissement, canonical) if canonical else None
        if school is None:
            raise InvalidInput(UNKNOWN_SCHOOL)
        _count_sending(session, sender, school.uai, now)
        code = new_code()
        conversation = Conversation(
            uai=school.uai,
            code_hash=code_hash(code),
            urgent=form.danger == "oui",
            contact_hint=keys.encrypt(form.contact_hint) if form.contact_hint else "",
            created_at=now,
            last_activity_at=now,
        )
        session.add(conversation)
        session.flush()
        session.add(
            Message(conversation_id=conversation.id, author="eleve", body=keys.encrypt(form.body), created_at=now)
        )
    return Sent(code=code, urgent=conversation.urgent, uai=school.uai)


def ent_route_open(settings: ent.EntSettings | None, login: EntLogin | None, school: Etablissement) -> bool:
    """A student may write through the ENT's messaging: signed in from this school, which has its adults' group."""
    return bool(settings and login and school.ent_group_id and school.uai in ent_sessions.uais(login))


def send_through_ent(
    session: Session,
    settings: ent.EntSettings | None,
    login: EntLogin | None,
    uai: object,
    data: object,
    sender: Sender | None = None,
) -> bool:
    """Send with the ENT's messaging, as the signed-in student, to the school's ENT group; True if urgent.

    Raises InvalidInput for a bad form, ent.EntError (a French message) when the ENT cannot or will not send.
    Nothing is stored here: the message lives in the ENT.
    """
    form = validated(StudentMessage, data)
    school = session.get(Etablissement, uai) if isinstance(uai, str) else None
    if settings is None or login is None or school is None or not ent_route_open(settings, login, school):
        raise ent.NotAllowed(ENT_CLOSED)
    with transaction(session):
        _count_sending(session, sender, school.uai, as_utc(utcnow()))
    body = (DANGER_LINE + "\n\n" if form.danger == "oui" else "") + form.body
    group = school.ent_group_id
    ent_sessions.with_token(session, settings, login, lambda token: ent.send_message(settings, token, group, body))
    return form.danger == "oui"


def _by_code(session: Session, code: object) -> Conversation | None:
    if not isinstance(code, str) or not code.strip():
        return None
    return session.exec(select(Conversation).where(Conversation.code_hash == code_hash(code))).first()


def _thread(session: Session, conversation: Conversation) -> Thread:
    school = session.get(Etablissement, conversation.uai)
    rows = session.exec(
        select(Message).where(Message.conversation_id == conversation.id).order_by(Message.created_at, Message.id)
    )
    return Thread(
        id=conversation.id or 0,
        uai=conversation.uai,
        school_name=school.name if school else "",
        urgent=conversation.urgent,
        status=conversation.status,
        taken_by_email=conversation.taken_by_email,
        contact_hint=keys.decrypt(conversation.contact_hint) if conversation.contact_hint else "",
        version=conversation.version,
        lines=[Line(m.author, m.author_email, keys.decrypt(m.body), m.created_at) for m in rows],
    )


def open_by_code(session: Session, code: object, address: str, tab: str = "", now: datetime | None = None) -> Thread:
    """The conversation behind a code. Wrong codes count per tab (`CODE_TAB`, the only count a right code
    clears, and only its own) and per address (`CODE_ADDRESS`, high enough for a class sharing one network)."""
    now = as_utc(now or utcnow())
    pair = f"{address}|{tab}"
    with transaction(session):
        wait = max(
            throttle.seconds_left(session, CODE_TAB, pair, now),
            throttle.seconds_left(session, CODE_ADDRESS, address, now),
        )
        if wait:
            raise InvalidInput(throttle.wait_message(wait, polite=False))
        conversation = _by_code(session, code)
        if conversation is None:
            throttle.count(session, CODE_TAB, pair, now)
            throttle.count(session, CODE_ADDRESS, address, now)
        else:
            throttle.clear(session, CODE_TAB, pair)
    if conversation is None:
        raise InvalidInput(WRONG_CODE)
    return _thread(session, conversation)


def student_reply(
    session: Session, code: object, data: object, sender: Sender | None = None, now: datetime | None = None
) -> None:
    form = validated(Reply, data)
    now = as_utc(now or utcnow())
    with transaction(session):
        conversation = _by_code(session, code)
        if conversation is None:
            raise InvalidInput(WRONG_CODE)
        _count_sending(session, sender, None, now)
        if conversation.status != "open":
            raise InvalidInput(CLOSED)
        session.add(
            Message(conversation_id=conversation.id, author="eleve", body=keys.encrypt(form.body), created_at=now)
        )
        conversation.waiting_for_adult, conversation.last_activity_at = True, now
        session.add(conversation)


# --- The adults' side -----------------------------------------------------------------------------------
def _conversation(session: Session, actor: Actor, conversation_id: object) -> Conversation:
    uai = messages_school(actor)
    conversation = session.get(Conversation, conversation_id) if isinstance(conversation_id, int) else None
    if conversation is None or conversation.uai != uai:
        raise Forbidden()
    return conversation


def _audit(session: Session, actor: Actor, action: str, conversation: Conversation, details: dict) -> None:
    school = session.get(Etablissement, conversation.uai)
    audit.record(
        session, actor, action, "Conversation", conversation.id, {}, details,
        uai=conversation.uai, departement_code=school.departement_code if school else "",
    )  # fmt: skip


def list_conversations(session: Session, actor: Actor) -> list[Summary]:
    """The school's conversations: open before closed, urgent first, most recent activity first. No content."""
    uai = messages_school(actor)
    counts = dict(
        session.exec(
            select(Message.conversation_id, func.count())
            .join(Conversation)
            .where(Conversation.uai == uai)
            .group_by(Message.conversation_id)
        ).all()
    )
    rows = session.exec(select(Conversation).where(Conversation.uai == uai))
    summaries = [
        Summary(
            id=c.id or 0,
            urgent=c.urgent,
            status=c.status,
            waiting_for_adult=c.waiting_for_adult,
            taken_by_email=c.taken_by_email,
            created_at=c.created_at,
            last_activity_at=c.last_activity_at,
            messages=counts.get(c.id, 0),
        )
        for c in rows
    ]
    bursts = _bursts([as_utc(s.created_at) for s in summaries])
    summaries = [replace(s, burst=b) for s, b in zip(summaries, bursts, strict=True)]
    return sorted(summaries, key=lambda s: (s.status != "open", not s.urgent, -as_utc(s.last_activity_at).timestamp()))


def waiting_by_age(session: Session, now: datetime | None = None) -> dict[str, int]:
    """Open conversations waiting for an adult, counted by how long since the student last wrote (metrics: counts
    only, every school together)."""
    now = as_utc(now or utcnow())
    edges = (
        (timedelta(hours=1), "moins_de_1h"),
        (timedelta(hours=24), "1h_a_24h"),
        (timedelta(hours=48), "24h_a_48h"),
    )
    counts = dict.fromkeys([name for _, name in edges] + ["plus_de_48h"], 0)
    waiting = select(Conversation.last_activity_at).where(
        Conversation.status == "open", col(Conversation.waiting_for_adult).is_(True)
    )
    for last in session.exec(waiting):
        age = now - as_utc(last)
        counts[next((name for edge, name in edges if age < edge), "plus_de_48h")] += 1
    return counts


def _bursts(begun: list[datetime]) -> list[int]:
    """For each conversation, how many began within BURST_WINDOW of it (itself included); 0 below BURST_SIZE.
    A flood (a script, or a class told to "all write") shows as such, so a real urgent message is not lost in it."""
    ordered = sorted(begun)
    result = []
    for moment in begun:
        near = bisect_right(ordered, moment + BURST_WINDOW) - bisect_left(ordered, moment - BURST_WINDOW)
        result.append(near if near >= BURST_SIZE else 0)
    return result


def read_conversation(session: Session, actor: Actor, conversation_id: object) -> Thread:
    """Decrypt a conversation for a referent of its school; the read itself is audited."""
    with transaction(session):
        conversation = _conversation(session, actor, conversation_id)
        _audit(session, actor, "message.read", conversation, {})
    return _thread(session, conversation)


def take_charge(session: Session, actor: Actor, conversation_id: object) -> None:
    """Mark "pris en charge par …" so two adults don't answer twice; refused if someone else has it."""
    with transaction(session):
        conversation = _conversation(session, actor, conversation_id)
        if conversation.taken_by_user_id not in (None, actor.user_id):
            raise Conflict(f"Déjà pris en charge par {conversation.taken_by_email}.")
        taken = session.execute(
            update(Conversation)
            .where(Conversation.id == conversation.id, Conversation.version == conversation.version)
            .values(taken_by_user_id=actor.user_id, taken_by_email=actor.email, version=conversation.version + 1)
        ).rowcount
        if taken != 1:
            raise Conflict("Quelqu'un vient de prendre en charge cette conversation : rechargez la page.")
        _audit(session, actor, "message.take", conversation, {"taken_by": actor.email})


def reply(session: Session, actor: Actor, conversation_id: object, data: object, now: datetime | None = None) -> None:
    form = validated(Reply, data)
    now = now or utcnow()
    with transaction(session):
        conversation = _conversation(session, actor, conversation_id)
        if conversation.status != "open":
            raise InvalidInput("Cette conversation est fermée.")
        if conversation.taken_by_user_id not in (None, actor.user_id):
            raise Conflict(f"Déjà pris en charge par {conversation.taken_by_email}.")
        session.add(
            Message(
                conversation_id=conversation.id,
                author="adulte",
                author_email=actor.email,
                body=keys.encrypt(form.body),
                created_at=now,
            )
        )
        conversation.taken_by_user_id, conversation.taken_by_email = actor.user_id, actor.email
        conversation.waiting_for_adult, conversation.last_activity_at = False, now
        conversation.version += 1
        session.add(conversation)
        _audit(session, actor, "message.reply", conversation, {})


def close(session: Session, actor: Actor, conversation_id: object, now: datetime | None = None) -> None:
    with transaction(session):
        conversation = _conversation(session, actor, conversation_id)
        conversation.status, conversation.closed_at = "closed", now or utcnow()
        conversation.waiting_for_adult = False
        conversation.version += 1
        session.add(conversation)
        _audit(session, actor, "message.close", conversation, {})


def counts(session: Session, actor: Actor) -> dict[str, int]:
    """What admins who may not read messages still see: how many, how many urgent, how many waiting."""
    rows = list(session.exec(scope_conversations(actor, select(Conversation).where(Conversation.status == "open"))))
    return {
        "open": len(rows),
        "urgent": sum(c.urgent for c in rows),
        "waiting": sum(c.waiting_for_adult for c in rows),
    }


def group_emails(session: Session, uai: str) -> list[str]:
    """Who is told (by an e-mail with no content) that a message arrived: the school's active referents."""
    rows = session.exec(scope_trusted_group(uai, select(AdminUser.email)).where(col(AdminUser.active).is_(True)))
    return sorted(rows)


# --- The group, managed by the school's admins ---------------------------------------------------------
def _managed_school(session: Session, actor: Actor, uai: object) -> Etablissement:
    school = session.get(Etablissement, uai) if isinstance(uai, str) else None
    if school is None or not may_manage_referents(actor, school):
        raise Forbidden()
    return school


@dataclass(frozen=True)
class Referent:
    """An account of the trusted group, as its school's admins see it (never its password, nor a link)."""

    id: int
    email: str
    active: bool
    awaiting_password: bool  # invited, and has not chosen a password yet


@dataclass(frozen=True)
class Invited:
    """What the admin's state needs to e-mail an invitation to the adult's own address. The token goes into
    that e-mail only: never on screen, in a public state var, in the journal or in the logs."""

    user_id: int
    email: str
    school_name: str
    invited_by: str
    expires_at: datetime
    token: str = field(repr=False)


@dataclass(frozen=True)
class Reactivated:
    """What the admin's state needs to tell an adult, at their own address, that their access is back."""

    email: str
    school_name: str
    by: str


def list_referents(session: Session, actor: Actor, uai: str) -> list[Referent]:
    school = _managed_school(session, actor, uai)
    users = list(session.exec(scope_trusted_group(school.uai, select(AdminUser)).order_by(AdminUser.email)))
    waiting = awaiting_password(session, [u.id for u in users if u.id is not None])
    return [Referent(u.id or 0, u.email, u.active, u.id in waiting) for u in users]


def add_referent(session: Session, actor: Actor, uai: str, email: object, now: datetime | None = None) -> Invited:
    """Add an adult to the school's trusted group (they log in at /admin and only see messages).

    The account gets a random password nobody knows, and an invitation: the adult chooses their own password
    through the link e-mailed to their own address. Nobody else, the admin included, can ever know it.
    """
    now = as_utc(now or utcnow())
    with transaction(session):
        school = _managed_school(session, actor, uai)
        if not isinstance(email, str):
            raise InvalidInput("Formulaire invalide.")
        try:
            user = add_account(session, email, secrets.token_urlsafe(32), TRUSTED_ADULT, uai=school.uai)
        except AccountError as error:
            raise InvalidInput(str(error)) from None
        audit.record(
            session, actor, "referent.add", "AdminUser", user.id, {}, {"email": user.email},
            uai=school.uai, departement_code=school.departement_code,
        )  # fmt: skip
        return _invitation(session, actor, school, user, now, new_account=True)


def resend_invitation(session: Session, actor: Actor, user_id: object, now: datetime | None = None) -> Invited:
    """A new invitation for an adult of the group who has not chosen a password yet; earlier links stop working."""
    now = as_utc(now or utcnow())
    with transaction(session):
        user = session.get(AdminUser, user_id) if isinstance(user_id, int) else None
        if user is None or not is_trusted_adult(user):
            raise Forbidden()
        school = _managed_school(session, actor, user.uai)
        if not user.active:
            raise InvalidInput("Ce compte est retiré du groupe : réactivez-le avant de renvoyer l'invitation.")
        return _invitation(session, actor, school, user, now)


def _invitation(
    session: Session, actor: Actor, school: Etablissement, user: AdminUser, now: datetime, new_account: bool = False
) -> Invited:
    try:
        token = add_invitation(session, user.id or 0, now, new_account=new_account)
    except AccountError as error:
        raise InvalidInput(str(error)) from None
    audit.record(
        session, actor, "referent.invite", "AdminUser", user.id, {}, {"email": user.email},
        uai=school.uai, departement_code=school.departement_code,
    )  # fmt: skip
    return Invited(user.id or 0, user.email, school.name, actor.email, now + INVITATION_TTL, token)


def set_referent_active(session: Session, actor: Actor, user_id: object, active: object) -> Reactivated | None:
    """Remove an adult from the group (deactivate, end their sessions) or bring them back, password unchanged.

    A return to the group is told to the adult at their own address (`Reactivated`, sent by the state): an
    account that comes back to read children's messages never does so unknown to its holder.
    """
    if not isinstance(active, bool):
        raise InvalidInput("Valeur invalide.")
    with transaction(session):
        user = session.get(AdminUser, user_id) if isinstance(user_id, int) else None
        if user is None or not is_trusted_adult(user):
            raise Forbidden()
        school = _managed_school(session, actor, user.uai)
        if user.active == active:
            return None  # already so (a double click): nothing to record, nobody to tell
        user.active = active
        session.add(user)
        if not active:
            session.execute(delete(AdminSession).where(AdminSession.user_id == user.id))
        audit.record(
            session, actor, "referent.reactivate" if active else "referent.remove", "AdminUser", user.id,
            {"active": not active}, {"email": user.email, "active": active},
            uai=school.uai, departement_code=school.departement_code,
        )  # fmt: skip
        return Reactivated(user.email, school.name, actor.email) if active else None


# --- Retention and key rotation -----------------------------------------------------------------------
def purge_closed(session: Session, older_than: timedelta = RETENTION, now: datetime | None = None) -> int:
    """Delete conversations closed more than `older_than` ago, with their messages; return how many."""
    limit = as_utc(now or utcnow()) - older_than
    with transaction(session):
        ids = [
            c.id
            for c in session.exec(select(Conversation).where(Conversation.status == "closed"))
            if c.closed_at is not None and as_utc(c.closed_at) < limit
        ]
        if ids:
            session.execute(delete(Message).where(col(Message.conversation_id).in_(ids)))
            session.execute(delete(Conversation).where(col(Conversation.id).in_(ids)))
    return len(ids)


def rotate_keys(session: Session) -> int:
    """Re-encrypt every body and contact hint with the newest key; return how many values were rewritten."""
    rewritten = 0
    with transaction(session):
        for message in session.exec(select(Message)):
            message.body = keys.rotate_token(message.body)
            session.add(message)
            rewritten += 1
        for conversation in session.exec(select(Conversation).where(Conversation.contact_hint != "")):
            conversation.contact_hint = keys.rotate_token(conversation.contact_hint)
            session.add(conversation)
            rewritten += 1
    return rewritten
