"""No questionnaire answer, message, contact hint or follow-up code reaches the logs, at any level."""

import logging

import pytest

from parlonsen.services import messages
from parlonsen.state.admin_messages import AdminMessagesState
from parlonsen.state.followup import FollowUpState
from parlonsen.state.questionnaire import QuestionnaireState
from parlonsen.state.write import WriteState
from tests.state_helpers import make_state, reflex_database

TEXT = "Mon beau-père me frappe le soir"
HINT = "Inès, 3e C"


@pytest.fixture
def db(tmp_path):
    with reflex_database(tmp_path) as db:
        yield db


def test_a_whole_journey_logged_at_debug_level_contains_no_secret(db, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)  # every logger, the most verbose level
    monkeypatch.setenv("PARLONSEN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PARLONSEN_SMTP_PORT", "9")  # nothing listens: the notification fails and is logged

    questionnaire = make_state(QuestionnaireState, "/questionnaire")
    questionnaire.start("eleve")
    for question, option in (("who", "moi"), ("danger", "oui")):
        questionnaire.choose(question, option)
    assert questionnaire.finished

    token = db.admin("cpe@example.fr", "referent", uai="0590001A")
    write = make_state(WriteState, "/etablissement/0590001A/ecrire")
    write.load()
    write.send({"body": TEXT, "contact_hint": HINT, "danger": "oui"})
    code = write.code
    assert code

    inbox = make_state(AdminMessagesState, "/admin/messages", token=token)
    inbox.load()
    inbox.open_conversation(str(inbox.conversations[0].id))
    inbox.reply({"conversation_id": inbox.thread_id, "body": "Viens au bureau 12"})

    followup = make_state(FollowUpState, "/suivi")
    followup.open({"code": code})
    followup.answer({"body": "Merci, je viendrai"})
    with pytest.raises(messages.InvalidInput):
        with db.session() as session:
            messages.open_by_code(session, code + "-faux", address="x")

    import time

    time.sleep(0.5)  # let the background notification thread log its failure
    logged = caplog.text
    for secret in (TEXT, HINT, code, "Viens au bureau 12", "Merci, je viendrai"):
        assert secret not in logged, f"{secret!r} was logged"


def test_an_exception_raised_inside_a_handler_that_holds_a_message_logs_no_secret(db, caplog, monkeypatch):
    """Whether the handler catches it (the student is told it was not sent) or not (our backend exception
    handler), the log line carries the exception's type and frames, never its message nor the handler's data."""
    from parlonsen.logs import SafeText
    from parlonsen.state.failure import on_backend_exception

    caplog.set_level(logging.DEBUG)

    def failing(session, uai, data, *rest):
        raise RuntimeError(f"could not store {data!r}")  # a library error quoting its input

    monkeypatch.setattr(messages, "send_message", failing)
    write = make_state(WriteState, "/etablissement/0590001A/ecrire")
    write.load()
    write.send({"body": TEXT, "contact_hint": HINT, "danger": "oui"})
    assert write.code == "" and write.error
    try:
        failing(None, "0590001A", {"body": TEXT, "contact_hint": HINT})
    except RuntimeError as uncaught:
        on_backend_exception(uncaught)
    formatted = "\n".join(SafeText().format(record) for record in caplog.records)
    assert "RuntimeError" in formatted
    for secret in (TEXT, HINT):
        assert secret not in formatted, f"{secret!r} was logged"
