"""The configuration is read in one place, checked, and a bad value names its variable."""

import logging
import re
from pathlib import Path

import pytest

from parlonsen.settings import GC_THRESHOLDS, Settings

PACKAGE = Path(__file__).resolve().parents[1] / "parlonsen"


def test_an_empty_environment_gives_the_documented_defaults():
    settings = Settings.from_environ({})
    assert settings.exit_url == "https://meteofrance.com/"
    assert (settings.public_url, settings.frame_ancestors, settings.ent, settings.smtp) == ("", (), None, None)
    assert settings.gc_thresholds == GC_THRESHOLDS


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PARLONSEN_EXIT_URL", "javascript:alert(1)"),
        ("PARLONSEN_EXIT_URL", "http://meteofrance.com/"),
        ("PARLONSEN_PUBLIC_URL", "parlonsen.fr"),
        ("PARLONSEN_FRAME_ANCESTORS", "https://ent.example.fr http://neo.example.fr"),
        ("PARLONSEN_SMTP_PORT", "vingt-cinq"),
    ],
)
def test_a_bad_value_stops_the_start_naming_the_variable(variable, value):
    environ = {variable: value} | ({"PARLONSEN_SMTP_HOST": "smtp.example.fr"} if "SMTP" in variable else {})
    with pytest.raises(ValueError, match=variable):
        Settings.from_environ(environ)


def test_an_incomplete_ent_connector_only_turns_the_ent_sign_in_off(caplog):
    with caplog.at_level(logging.WARNING, logger="parlonsen.settings"):
        settings = Settings.from_environ({"PARLONSEN_ENT_URL": "https://ent.example.fr"})
    assert settings.ent is None
    assert "PARLONSEN_ENT_CLIENT_ID" in caplog.text


def test_nothing_but_the_settings_module_reads_the_environment():
    def reads(line: str) -> bool:  # a write (serve.py hands PROMETHEUS_MULTIPROC_DIR to its workers) is no read
        return bool(re.search(r"os\.environ|os\.getenv", line)) and not re.search(r"os\.environ\[[^\]]+\]\s*=", line)

    readers = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if path.name != "settings.py" and any(reads(line) for line in path.read_text(encoding="utf-8").splitlines())
    ]
    assert readers == []
