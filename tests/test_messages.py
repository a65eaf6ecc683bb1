"""Students write to their school's trusted adults: codes, encryption, who may read, retention."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, func, select

from parlonsen.kernel import Conflict, Forbidden, InvalidInput
from parlonsen.models import AdminSession, AdminUser, AuditEntry, Conversation, Message
from parlonsen.services import keys, messages
from parlonsen.services.accounts import login
from parlonsen.services.followup_code import entropy_bits

TEXT = "Depuis la rentrée on se moque de moi dans le bus"
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def send(session: Session, uai: str = "0590001A", **extra) -> messages.Sent:
    return messages.send_message(session, uai, {"body": TEXT, "contact_hint": "Léa, 4e B", "danger": "non", **extra})


def stored(session: Session) -> tuple[int, int]:
    session.expire_all()
    return (
        session.exec(select(func.count()).select_from(Conversation)).one(),
        session.exec(select(func.count()).select_from(Message)).one(),
    )


def raw_dump(engine) -> str:
    """Every value of every table, as text: what someone with a copy of the database would see."""
    from sqlmodel import SQLModel

    with Session(engine) as session:
        return "\n".join(
            repr(tuple(row)) for table in SQLModel.metadata.sorted_tables for row in session.execute(table.select())
        )


def test_a_sent_message_gets_a_code_of_at_least_60_bits_and_nothing_readable_is_stored(session, engine):
    sent = send(session)
    assert re.fullmatch(r"[^-]+(-[^-]+){4}-\d\d", sent.code)
    assert entropy_bits() >= 60
    dump = raw_dump(engine)
    for secret in (TEXT, "Léa, 4e B", sent.code, sent.code.replace("-", " ")):
        assert secret not in dump
    assert stored(session) == (1, 1)


def test_the_code_opens_the_conversation_whatever_the_case_accents_or_separators(session):
    sent = send(session)
    typed = sent.code.upper().replace("-", "  ")
    thread = messages.open_by_code(session, typed, client="10.0.0.1")
    assert [line.body for line in thread.lines] == [TEXT]
    assert thread.contact_hint == "Léa, 4e B"
    assert thread.school_name == "Lycée Jean Bart"


def test_danger_oui_flags_the_conversation_urgent(session):
    assert send(session, danger="oui").urgent
    assert not send(session, danger="non").urgent


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "obligatoire"),
        ("   ", "obligatoire"),
        ("x" * 2001, "trop long (2000 caractères au plus)"),
        ("bonjour\x00", "caractères de contrôle interdits"),
        ('<img src=x onerror="alert(1)">', "pas de balises HTML"),
        ("<script>alert(1)</script>", "pas de balises HTML"),
    ],
)
def test_bad_messages_get_a_french_message_and_nothing_is_stored(session, body, message):
    with pytest.raises(InvalidInput, match=re.escape(message)):
        messages.send_message(session, "0590001A", {"body": body})
    assert stored(session) == (0, 0)


def test_a_heart_is_not_mistaken_for_html(session):
    send(session, body="merci <3")
    assert stored(session) == (1, 1)


def test_an_unknown_school_or_a_forged_payload_stores_nothing(session):
    for uai, data in (("0000000X", {"body": TEXT}), ("0590001A", "body=x"), (["0590001A"], {"body": TEXT})):
        with pytest.raises(InvalidInput):
            messages.send_message(session, uai, data)
    assert stored(session) == (0, 0)


def test_a_failure_while_storing_leaves_nothing_half_written(session, monkeypatch):
    calls = []

    def failing_encrypt(text: str) -> str:
        calls.append(text)
        if len(calls) == 2:  # the hint is encrypted, then the body fails
            raise OSError("disk full")
        return "token"

    monkeypatch.setattr(keys, "encrypt", failing_encrypt)
    with pytest.raises(OSError):
        send(session)
    assert stored(session) == (0, 0)


def test_wrong_codes_get_a_neutral_message_and_are_throttled(session):
    sent = send(session)
    for _ in range(5):
        with pytest.raises(InvalidInput, match="ne correspond à aucune conversation"):
            messages.open_by_code(session, "abeille-abeille-abeille-abeille-abeille-00", client="1.2.3.4", now=NOW)
    with pytest.raises(InvalidInput, match="Trop d'essais"):
        messages.open_by_code(session, sent.code, client="1.2.3.4", now=NOW)
    assert messages.open_by_code(session, sent.code, client="5.6.7.8", now=NOW).lines  # another client is not blocked
    later = NOW + timedelta(minutes=2)
    assert messages.open_by_code(session, sent.code, client="1.2.3.4", now=later).lines


def test_a_referent_of_the_school_reads_takes_charge_and_replies_and_the_student_reads_it(session, actors):
    sent = send(session, danger="oui")
    cpe = actors["referent-0590001A"]
    [summary] = messages.list_conversations(session, cpe)
    assert summary.urgent and summary.waiting_for_adult and summary.messages == 1
    assert TEXT not in repr(summary)
    thread = messages.read_conversation(session, cpe, summary.id)
    assert thread.lines[0].body == TEXT
    assert session.exec(select(AuditEntry).where(AuditEntry.action == "message.read")).one().actor_email == cpe.email
    messages.take_charge(session, cpe, summary.id)
    messages.reply(session, cpe, summary.id, {"body": "Viens me voir à la vie scolaire, bureau 2."})
    student_view = messages.open_by_code(session, sent.code, client="c")
    assert [(line.author, line.body) for line in student_view.lines][-1] == (
        "adulte",
        "Viens me voir à la vie scolaire, bureau 2.",
    )
    messages.student_reply(session, sent.code, {"body": "D'accord, demain à 10h"})
    assert messages.list_conversations(session, cpe)[0].waiting_for_adult


def test_a_second_adult_cannot_take_a_conversation_already_taken(session, actors):
    send(session)
    first, second = actors["referent-0590001A"], actors["referent2-0590001A"]
    conversation_id = messages.list_conversations(session, first)[0].id
    messages.take_charge(session, first, conversation_id)
    with pytest.raises(Conflict, match=r"Déjà pris en charge par cpe\.jeanbart@example\.fr"):
        messages.take_charge(session, second, conversation_id)
    with pytest.raises(Conflict):
        messages.reply(session, second, conversation_id, {"body": "Je m'en occupe"})


@pytest.mark.parametrize(
    "who", ["referent-0590002B", "national", "departement-59", "etablissement-0590001A", "departement-62"]
)
def test_nobody_outside_the_schools_group_can_read_a_message(session, actors, who):
    send(session)
    conversation_id = session.exec(select(Conversation)).one().id
    actor = actors[who]
    audit_before = session.exec(select(func.count()).select_from(AuditEntry)).one()
    for action in (
        lambda: messages.read_conversation(session, actor, conversation_id),
        lambda: messages.take_charge(session, actor, conversation_id),
        lambda: messages.reply(session, actor, conversation_id, {"body": "x"}),
        lambda: messages.close(session, actor, conversation_id),
    ):
        with pytest.raises(Forbidden):
            action()
    if who == "referent-0590002B":
        assert messages.list_conversations(session, actor) == []
    else:
        with pytest.raises(Forbidden):
            messages.list_conversations(session, actor)
    assert session.exec(select(func.count()).select_from(AuditEntry)).one() == audit_before


def test_admins_who_may_not_read_see_counts_only(session, actors):
    send(session, danger="oui")
    send(session, uai="0620001C")
    assert messages.counts(session, actors["national"]) == {"open": 2, "urgent": 1, "waiting": 2}
    assert messages.counts(session, actors["departement-59"]) == {"open": 1, "urgent": 1, "waiting": 1}
    assert messages.counts(session, actors["departement-62"])["open"] == 1


def test_a_closed_conversation_refuses_new_messages_and_is_purged_after_the_retention_delay(session, actors):
    old, recent, still_open = send(session), send(session), send(session)
    cpe = actors["referent-0590001A"]
    by_code = {s.code: messages.open_by_code(session, s.code, client="c").id for s in (old, recent, still_open)}
    messages.close(session, cpe, by_code[old.code], now=NOW - timedelta(days=91))
    messages.close(session, cpe, by_code[recent.code], now=NOW - timedelta(days=89))
    with pytest.raises(InvalidInput, match="fermée"):
        messages.student_reply(session, old.code, {"body": "allô ?"})
    assert messages.purge_closed(session, now=NOW) == 1
    remaining = {c.id for c in session.exec(select(Conversation))}
    assert remaining == {by_code[recent.code], by_code[still_open.code]}
    assert (
        session.exec(
            select(func.count()).select_from(Message).where(Message.conversation_id == by_code[old.code])
        ).one()
        == 0
    )


def test_keys_rotate_without_losing_a_message(session, monkeypatch):
    from cryptography.fernet import Fernet

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("PARLONSEN_MESSAGE_KEYS", old)
    sent = send(session)
    monkeypatch.setenv("PARLONSEN_MESSAGE_KEYS", f"{new},{old}")
    assert messages.rotate_keys(session) == 2  # the body and the contact hint
    monkeypatch.setenv("PARLONSEN_MESSAGE_KEYS", new)
    assert messages.open_by_code(session, sent.code, client="c").lines[0].body == TEXT


def test_the_key_file_is_created_private_on_first_use(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLONSEN_SECRETS_DIR", str(tmp_path / "s"))
    keys.message_keys()
    assert oct((tmp_path / "s" / "message-keys").stat().st_mode & 0o777) == "0o600"
    keys.code_pepper()
    assert oct((tmp_path / "s" / "code-pepper").stat().st_mode & 0o777) == "0o600"


def test_a_bad_key_in_the_environment_fails_naming_the_variable(monkeypatch):
    monkeypatch.setenv("PARLONSEN_MESSAGE_KEYS", "pas-une-cle")
    with pytest.raises(ValueError, match="PARLONSEN_MESSAGE_KEYS"):
        keys.message_keys()


def test_the_school_admin_manages_the_group_and_a_removed_adult_is_logged_out(session, actors):
    admin = actors["etablissement-0590001A"]
    user = messages.add_referent(session, admin, "0590001A", "vie.scolaire@example.fr", "un mot de passe solide")
    assert "vie.scolaire@example.fr" in messages.group_emails(session, "0590001A")
    token = login(session, "vie.scolaire@example.fr", "un mot de passe solide")
    assert token
    messages.set_referent_active(session, admin, user.id, False)
    assert "vie.scolaire@example.fr" not in messages.group_emails(session, "0590001A")
    assert session.exec(select(func.count()).select_from(AdminSession)).one() == 0
    with pytest.raises(Forbidden):
        messages.add_referent(
            session, actors["etablissement-0590002B"], "0590001A", "x@example.fr", "un mot de passe solide"
        )
    with pytest.raises(Forbidden):
        messages.set_referent_active(session, actors["referent-0590001A"], user.id, True)
    with pytest.raises(InvalidInput, match="Adresse e-mail invalide"):
        messages.add_referent(session, admin, "0590001A", "pas-une-adresse", "un mot de passe solide")
    referents = session.exec(select(AdminUser.email).where(AdminUser.role == "referent", AdminUser.uai == "0590001A"))
    assert sorted(referents) == ["cpe.jeanbart@example.fr", "infirmerie.jeanbart@example.fr", "vie.scolaire@example.fr"]
