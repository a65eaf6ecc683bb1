"""The message states as the websocket would call them: only the school's group reads, forged events fail."""

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import func, select

from parlonsen.models import AuditEntry, Conversation, Message
from parlonsen.services import messages
from parlonsen.state.admin_auth import LOGIN_REQUIRED
from parlonsen.state.admin_messages import AdminMessagesState
from parlonsen.state.followup import FollowUpState
from parlonsen.state.write import NOT_SENT, WriteState
from tests.state_helpers import make_state, reflex_database

TEXT = "On me menace à la sortie du collège"


@pytest.fixture
def db(tmp_path):
    with reflex_database(tmp_path) as db:
        yield db


def sent(db, uai: str = "0590001A") -> tuple[str, int]:
    with db.session() as session:
        result = messages.send_message(session, uai, {"body": TEXT, "danger": "oui"})
        conversation_id = session.exec(select(Conversation.id).order_by(Conversation.id.desc())).first()
    return result.code, conversation_id


def reads(db) -> int:
    with db.session() as session:
        return session.exec(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "message.read")
        ).one()


def inbox(db, token: str) -> AdminMessagesState:
    state = make_state(AdminMessagesState, "/admin/messages", token=token)
    state.load()
    return state


def test_a_referent_of_the_school_lists_and_reads_and_the_read_is_audited(db):
    _, conversation_id = sent(db)
    state = inbox(db, db.admin("cpe@example.fr", "referent", uai="0590001A"))
    assert state.may_read_messages and [c.id for c in state.conversations] == [conversation_id]
    assert state.conversations[0].urgent is True
    state.open_conversation(str(conversation_id))
    assert [line.body for line in state.lines] == [TEXT]
    assert reads(db) == 1


@pytest.mark.parametrize(
    ("email", "role", "departement", "uai"),
    [
        ("autre@example.fr", "referent", None, "0590002B"),
        ("nationale@example.fr", "national", None, None),
        ("nord@example.fr", "departement", "59", None),
        ("chef@example.fr", "etablissement", None, "0590001A"),
    ],
)
def test_nobody_outside_the_group_can_read_even_with_a_forged_event(db, email, role, departement, uai):
    _, conversation_id = sent(db)
    state = inbox(db, db.admin(email, role, departement=departement, uai=uai))
    state.open_conversation(str(conversation_id))  # forged: this conversation is not on their screen
    state.take(str(conversation_id))
    state.reply({"conversation_id": str(conversation_id), "body": "je lis tout"})
    state.close(str(conversation_id))
    assert state.error == "Action non autorisée."
    assert state.lines == [] and TEXT not in str(state.dict())
    assert reads(db) == 0
    with db.session() as session:
        assert session.exec(select(func.count()).select_from(Message)).one() == 1
        assert session.get(Conversation, conversation_id).status == "open"
    if role != "referent":
        assert not state.may_read_messages and state.open_count >= 1


def test_an_anonymous_or_forged_token_reads_nothing(db):
    _, conversation_id = sent(db)
    for token in ("", "jeton-invente"):
        state = inbox(db, token)
        state.open_conversation(str(conversation_id))
        assert state.error == LOGIN_REQUIRED and state.lines == []


def test_the_follow_up_code_stays_on_the_server_side_of_the_tab(db):
    code, _ = sent(db)
    state = make_state(FollowUpState, "/suivi")
    state.open({"code": "faux-code-00"})
    assert "ne correspond à aucune conversation" in state.error and not state.opened
    state.open({"code": code})
    assert state.opened and state.lines[0].body == TEXT
    assert code not in str(state.dict())
    state.answer({"body": "Merci"})
    assert state.message == "Ta réponse est envoyée." and state.lines[-1].body == "Merci"


def test_a_database_failure_tells_the_student_it_was_not_sent_and_shows_no_code(db, monkeypatch):
    state = make_state(WriteState, "/etablissement/0590001A/ecrire")
    state.load()

    def broken(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(messages, "send_message", broken)
    state.send({"body": TEXT, "danger": "non", "write_body": TEXT})
    assert state.error == NOT_SENT and state.code == ""


def test_sending_keeps_only_the_form_fields_and_shows_the_code_once(db, monkeypatch):
    monkeypatch.setattr("parlonsen.state.write._notify_in_background", lambda *args: None)
    state = make_state(WriteState, "/etablissement/0590001A/ecrire")
    state.load()
    state.send({"body": TEXT, "contact_hint": "", "danger": "oui", "write_body": TEXT, "write_hint": ""})
    assert state.error == "" and state.urgent and len(state.code.split("-")) == 6
    state.send({"body": TEXT, "danger": "oui"})  # a double tap does not send twice
    with db.session() as session:
        assert session.exec(select(func.count()).select_from(Conversation)).one() == 1


def test_a_forged_payload_gets_a_french_message_and_stores_nothing(db):
    state = make_state(WriteState, "/etablissement/0590001A/ecrire")
    state.load()
    state.send("body=" + TEXT)
    assert state.error == "Formulaire invalide." and state.code == ""
    state.send({"body": "<script>alert(1)</script>"})
    assert "pas de balises HTML" in state.error
    with db.session() as session:
        assert session.exec(select(func.count()).select_from(Conversation)).one() == 0


def test_a_forged_origin_never_reaches_the_link_e_mailed_to_the_referents(db, monkeypatch):
    links = []
    monkeypatch.setattr("parlonsen.state.write._notify_in_background", lambda uai, urgent, link: links.append(link))
    state = make_state(WriteState, "/etablissement/0590001A/ecrire", origin="https://evil.example")
    state.load()
    state.send({"body": TEXT, "danger": "oui"})
    assert len(links) == 1 and "evil.example" not in links[0] and links[0].endswith("/admin/messages")


def test_a_student_who_reaches_the_sending_limit_keeps_their_text_and_is_told_what_to_do(db, monkeypatch):
    monkeypatch.setattr("parlonsen.state.write._notify_in_background", lambda *args: None)
    for _ in range(messages.SEND_TAB.limit):
        state = make_state(WriteState, "/etablissement/0590001A/ecrire", tab="onglet-de-lea")  # writing again
        state.load()
        state.send({"body": TEXT, "danger": "non"})
        assert state.code
    state = make_state(WriteState, "/etablissement/0590001A/ecrire", tab="onglet-de-lea")
    state.load()
    state.send({"body": TEXT, "danger": "non"})
    assert state.code == "" and state.error.startswith(
        "Tu as déjà envoyé plusieurs messages. Ton texte est toujours là"
    )
