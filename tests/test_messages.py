"""Students write to their school's trusted adults: codes, encryption, who may read, retention."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, func, select

from parlonsen.kernel import Conflict, Forbidden, InvalidInput
from parlonsen.models import AdminSession, AdminUser, AuditEntry, Conversation, Message, as_utc
from parlonsen.services import keys, messages
from parlonsen.services.accounts import accept_invitation, login
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
    thread = messages.open_by_code(session, typed, address="10.0.0.1")
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
            messages.open_by_code(session, "abeille-abeille-abeille-abeille-abeille-00", address="1.2.3.4", now=NOW)
    with pytest.raises(InvalidInput, match="Trop d'essais"):
        messages.open_by_code(session, sent.code, address="1.2.3.4", now=NOW)
    assert messages.open_by_code(session, sent.code, address="5.6.7.8", now=NOW).lines  # another client is not blocked
    later = NOW + timedelta(minutes=2)
    assert messages.open_by_code(session, sent.code, address="1.2.3.4", now=later).lines


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
    student_view = messages.open_by_code(session, sent.code, address="c")
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
    by_code = {s.code: messages.open_by_code(session, s.code, address="c").id for s in (old, recent, still_open)}
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
    assert messages.open_by_code(session, sent.code, address="c").lines[0].body == TEXT


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
    invited = messages.add_referent(session, admin, "0590001A", "vie.scolaire@example.fr")
    assert "vie.scolaire@example.fr" in messages.group_emails(session, "0590001A")
    accept_invitation(session, invited.token, "un mot de passe solide", "un mot de passe solide")
    token = login(session, "vie.scolaire@example.fr", "un mot de passe solide")
    assert token
    messages.set_referent_active(session, admin, invited.user_id, False)
    assert "vie.scolaire@example.fr" not in messages.group_emails(session, "0590001A")
    assert session.exec(select(func.count()).select_from(AdminSession)).one() == 0
    with pytest.raises(Forbidden):
        messages.add_referent(session, actors["etablissement-0590002B"], "0590001A", "x@example.fr")
    with pytest.raises(Forbidden):
        messages.set_referent_active(session, actors["referent-0590001A"], invited.user_id, True)
    with pytest.raises(Forbidden):
        messages.resend_invitation(session, actors["referent-0590001A"], invited.user_id)
    with pytest.raises(InvalidInput, match="Adresse e-mail invalide"):
        messages.add_referent(session, admin, "0590001A", "pas-une-adresse")
    referents = session.exec(select(AdminUser.email).where(AdminUser.role == "referent", AdminUser.uai == "0590001A"))
    assert sorted(referents) == ["cpe.jeanbart@example.fr", "infirmerie.jeanbart@example.fr", "vie.scolaire@example.fr"]


# --- Throttles: an attacker cannot reset them, a class behind one school address can live with them ------------
WRONG = "abeille-abeille-abeille-abeille-abeille-00"


def wrong_code(session: Session, address: str, tab: str, now=NOW) -> str:
    with pytest.raises(InvalidInput) as refused:
        messages.open_by_code(session, WRONG, address=address, tab=tab, now=now)
    return str(refused.value)


def test_an_attacker_interleaving_their_own_right_code_is_still_throttled(session):
    own = send(session)
    for _ in range(messages.CODE_TAB.limit - 1):
        wrong_code(session, "203.0.113.9", "onglet-pirate")
    assert messages.open_by_code(session, own.code, address="203.0.113.9", tab="autre-onglet", now=NOW).lines
    assert "ne correspond" in wrong_code(session, "203.0.113.9", "onglet-pirate")
    assert wrong_code(session, "203.0.113.9", "onglet-pirate").startswith("Trop d'essais")


def test_a_pupil_guessing_wrong_does_not_lock_out_their_classmates_on_the_same_network(session):
    sent = send(session)
    for _ in range(messages.CODE_TAB.limit + 2):
        wrong_code(session, "10.59.0.1", "onglet-de-theo")
    assert wrong_code(session, "10.59.0.1", "onglet-de-theo").startswith("Trop d'essais")
    assert messages.open_by_code(session, sent.code, address="10.59.0.1", tab="onglet-de-lea", now=NOW).lines


def test_a_script_opening_a_new_tab_for_each_guess_meets_the_address_ceiling(session):
    sent = send(session)
    for guess in range(messages.CODE_ADDRESS.limit):
        assert "ne correspond" in wrong_code(session, "203.0.113.9", f"onglet-{guess}")
    assert wrong_code(session, "203.0.113.9", "onglet-neuf").startswith("Trop d'essais")
    with pytest.raises(InvalidInput, match="Trop d'essais"):  # a right code does not lift the address ceiling
        messages.open_by_code(session, sent.code, address="203.0.113.9", tab="onglet-neuf", now=NOW)
    assert messages.open_by_code(session, sent.code, address="198.51.100.7", tab="t", now=NOW).lines


def send_from(session: Session, address: str, tab: str, uai: str = "0590001A", now=NOW) -> messages.Sent:
    data = {"body": TEXT, "danger": "oui"}
    return messages.send_message(session, uai, data, messages.Sender(address=address, tab=tab), now=now)


def test_one_tab_sends_a_few_messages_then_is_told_to_wait_and_nothing_is_stored(session):
    for _ in range(messages.SEND_TAB.limit):
        send_from(session, "10.59.0.1", "onglet")
    before = stored(session)
    with pytest.raises(InvalidInput) as refused:
        send_from(session, "10.59.0.1", "onglet")
    assert str(refused.value).startswith("Tu as déjà envoyé plusieurs messages. Ton texte est toujours là")
    assert "119" in str(refused.value) and "17" in str(refused.value)
    assert stored(session) == before
    assert send_from(session, "10.59.0.1", "onglet", now=NOW + messages.SEND_TAB.window).code  # later it works


def test_a_class_sharing_one_address_can_write_but_a_script_meets_the_address_ceiling(session):
    for pupil in range(messages.SEND_ADDRESS.limit):  # each pupil from their own tab, one school network
        send_from(session, "10.59.0.1", f"onglet-{pupil}")
    with pytest.raises(InvalidInput, match="Tu as déjà envoyé plusieurs messages"):
        send_from(session, "10.59.0.1", "onglet-neuf")
    assert send_from(session, "198.51.100.7", "chez-moi").code  # another network still writes


def test_a_flood_from_many_addresses_meets_the_schools_ceiling_with_its_own_message(session):
    for n in range(messages.SEND_SCHOOL.limit):
        send_from(session, f"203.0.113.{n}", f"onglet-{n}")
    with pytest.raises(InvalidInput, match="Beaucoup de messages arrivent en ce moment pour ton établissement"):
        send_from(session, "198.51.100.7", "chez-moi")
    assert send_from(session, "198.51.100.7", "chez-moi", uai="0590002B").code  # another school is not affected


def test_replies_count_against_the_same_sending_limits(session):
    sent = send(session)
    sender = messages.Sender(address="10.59.0.1", tab="onglet")
    for n in range(messages.SEND_TAB.limit):
        messages.student_reply(session, sent.code, {"body": f"Encore un mot {n}"}, sender, now=NOW)
    with pytest.raises(InvalidInput, match="Tu as déjà envoyé plusieurs messages"):
        messages.student_reply(session, sent.code, {"body": "Et un de plus"}, sender, now=NOW)


def test_the_referents_list_flags_conversations_begun_in_a_burst(session, actors):
    moments = [NOW, NOW + timedelta(minutes=2), NOW + timedelta(minutes=4), NOW + timedelta(minutes=9)]
    for n, moment in enumerate([*moments, NOW + timedelta(hours=3)]):
        send_from(session, f"203.0.113.{n}", f"onglet-{n}", now=moment)
    summaries = messages.list_conversations(session, actors["referent-0590001A"])
    by_start = {as_utc(s.created_at): s.burst for s in summaries}
    assert [by_start[m] for m in moments] == [4, 4, 4, 4]
    assert by_start[NOW + timedelta(hours=3)] == 0  # a message on its own is not flagged


@pytest.mark.parametrize("disguise", ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u061c"])
def test_a_message_that_reorders_its_text_is_refused_in_french_and_nothing_is_stored(session, disguise):
    with pytest.raises(InvalidInput, match="caractères invisibles interdits"):
        send(session, body=f"Rendez-vous {disguise}ecrof{disguise} à 18 h")
    assert stored(session) == (0, 0)


def test_invisible_spaces_are_removed_and_a_message_of_nothing_but_them_is_refused(session, actors):
    send(session, body="Il\u200b me\u2060 suit\ufeff tous les jours", contact_hint="L\u00adéa")
    [summary] = messages.list_conversations(session, actors["referent-0590001A"])
    thread = messages.read_conversation(session, actors["referent-0590001A"], summary.id)
    assert thread.lines[0].body == "Il me suit tous les jours" and thread.contact_hint == "Léa"
    with pytest.raises(InvalidInput, match="caractères invisibles"):
        send(session, body="\u200b\u200b\u200b")


def test_emoji_built_with_the_zero_width_joiner_stay_whole(session, actors):
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    send(session, body=f"Ma famille {family} ne sait pas")
    [summary] = messages.list_conversations(session, actors["referent-0590001A"])
    assert family in messages.read_conversation(session, actors["referent-0590001A"], summary.id).lines[0].body
