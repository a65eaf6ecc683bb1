"""Operating the server: one server per port, logs an operator can read that never hold a child's words, the
French message when a handler fails, and who may read /metrics."""

import json
import logging
import socket
from types import SimpleNamespace

import pytest

from parlonsen import logs, metrics, operations, settings
from parlonsen.serve import port_taken
from parlonsen.state.failure import MESSAGE, FailureState, on_backend_exception

SECRET = "Mon beau-père me frappe le soir, abeille-menthe-rocher-lampe-cerise-42"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_port_already_served_is_seen_and_a_free_one_is_not():
    with socket.socket() as server:
        server.bind(("0.0.0.0", 0))
        server.listen()
        port = server.getsockname()[1]
        assert port_taken("0.0.0.0", port) and port_taken("127.0.0.1", port)
    assert not port_taken("0.0.0.0", free_port())


def raised(message: str) -> BaseException:
    try:
        raise ValueError(message)
    except ValueError as error:
        return error


@pytest.mark.parametrize("form", ["text", "json"])
def test_an_exception_is_logged_with_its_type_and_frames_never_its_message(form):
    formatter = logs.SafeJson() if form == "json" else logs.SafeText()
    error = raised(SECRET)
    record = logging.LogRecord("parlonsen.test", logging.ERROR, __file__, 1, "a handler failed", None, None)
    record.exc_info = (type(error), error, error.__traceback__)
    line = formatter.format(record)
    assert "frappe" not in line and "abeille" not in line
    assert "builtins.ValueError" in line and "test_operations.py" in line and "raise ValueError" in line
    if form == "json":
        parsed = json.loads(line)
        assert {"time", "level", "logger", "message", "exception"} <= set(parsed) and parsed["level"] == "ERROR"
    else:
        assert " ERROR parlonsen.test a handler failed" in line


def test_a_failing_handler_is_logged_without_its_data_and_the_user_gets_the_french_message(caplog):
    caplog.set_level(logging.DEBUG)
    error = raised(SECRET)
    event = on_backend_exception(error)
    assert FailureState.show.fn.__name__ in str(event.handler.fn.__name__)
    [record] = [r for r in caplog.records if r.name == "parlonsen.failure"]
    assert "frappe" not in logs.SafeText().format(record)
    state = FailureState()
    state.show()
    assert state.message == MESSAGE and "réessayez" in MESSAGE


def test_the_configured_level_and_format_apply_to_every_logger():
    logs.configure("warning", "json")
    try:
        root = logging.getLogger()
        assert root.level == logging.WARNING
        assert isinstance(next(h for h in root.handlers if h.get_name() == "parlonsen").formatter, logs.SafeJson)
    finally:
        logs.configure("info", "text")


@pytest.mark.parametrize(("name", "value"), [("PARLONSEN_LOG_LEVEL", "bavard"), ("PARLONSEN_LOG_FORMAT", "xml")])
def test_a_wrong_logging_variable_stops_the_start_naming_it(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=name):
        settings.reload()


def request(host: str, authorization: str = "") -> SimpleNamespace:
    return SimpleNamespace(client=SimpleNamespace(host=host), headers={"authorization": authorization})


def test_metrics_answer_this_machine_only_unless_a_token_is_set(monkeypatch):
    assert operations.metrics_allowed(request("127.0.0.1"))
    assert not operations.metrics_allowed(request("203.0.113.9"))
    monkeypatch.setenv("PARLONSEN_METRICS_TOKEN", "un-jeton-long-et-secret")
    assert operations.metrics_allowed(request("203.0.113.9", "Bearer un-jeton-long-et-secret"))
    assert not operations.metrics_allowed(request("127.0.0.1", "Bearer autre-chose"))


def test_the_exposition_counts_waiting_messages_by_age_and_nothing_else_about_them():
    text = metrics.exposition({"moins_de_1h": 2, "plus_de_48h": 1}, None).decode()
    assert 'parlonsen_messages_waiting{age="moins_de_1h"} 2.0' in text
    assert 'parlonsen_messages_waiting{age="plus_de_48h"} 1.0' in text
    assert "parlonsen_event_seconds" in text and "parlonsen_smtp_failures_total" in text


def test_at_debug_level_the_libraries_that_quote_data_still_say_nothing_below_a_warning():
    logs.configure("debug", "text")
    try:
        assert logging.getLogger().level == logging.DEBUG
        for name in ("sqlalchemy.engine.Engine", "httpx", "authlib"):
            assert not logging.getLogger(name).isEnabledFor(logging.INFO), name
    finally:
        logs.configure("info", "text")
