"""Who may do what lives in `parlonsen/roles.py` only; the rules themselves are exercised by the service tests
(`test_admin_service.py`, `test_messages.py`: every role × action × own/other object)."""

import re
from pathlib import Path

from parlonsen import roles
from parlonsen.kernel import Actor

PACKAGE = Path(__file__).resolve().parents[1] / "parlonsen"
ROLE_LITERAL = re.compile(r"""["'](national|departement|etablissement|referent)["']|Role\.[A-Z]+""")


def test_no_module_but_roles_names_a_role():
    """The CLI and the services ask `roles`; a role's name typed elsewhere is how the rules drifted apart."""
    allowed = {"roles.py"}
    offenders = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for path in PACKAGE.rglob("*.py")
        if path.name not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ROLE_LITERAL.search(line) and "html_for" not in line and "id=" not in line and "exclude=" not in line
    ]
    assert offenders == []


def test_every_role_has_a_label_shown_in_the_header():
    assert all(roles.label(role) for role in roles.Role)


def test_a_referent_manages_no_school_and_reads_only_its_own_schools_messages():
    referent = Actor(1, "cpe@example.fr", roles.Role.REFERENT, None, "0590001A")
    assert not roles.may_manage_schools(referent) and roles.may_read_messages(referent)
    assert roles.messages_school(referent) == "0590001A"
    assert roles.managed_departements(referent, ["59", "62"]) == []
    national = Actor(2, "n@example.fr", roles.Role.NATIONAL)
    assert roles.managed_departements(national, ["59", "62"]) == ["59", "62"] and not roles.may_read_messages(national)
