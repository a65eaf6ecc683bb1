"""The département resources editor and the journal, called as the websocket would: forged payloads change nothing."""

import json

import pytest

from parlonsen.audit import changes_text
from parlonsen.display import paris_time
from parlonsen.kernel import FORBIDDEN
from parlonsen.state.admin_auth import LOGIN_REQUIRED
from parlonsen.state.admin_departement import BAD_FORM, SAVED, AdminDepartementState
from parlonsen.state.admin_journal import AdminJournalState
from parlonsen.state.views import ResourceRow
from tests.state_helpers import make_state, reflex_database

NORD = "/admin/departement/59"
PAS_DE_CALAIS = "/admin/departement/62"


@pytest.fixture
def db(tmp_path):
    with reflex_database(tmp_path) as db:
        yield db


@pytest.fixture
def nord(db) -> str:
    return db.admin("nord@example.fr", "departement", departement="59")


@pytest.fixture
def pas_de_calais(db) -> str:
    return db.admin("pdc@example.fr", "departement", departement="62")


def editor(token: str, path: str = NORD) -> AdminDepartementState:
    state = make_state(AdminDepartementState, path, token=token)
    state.load()
    return state


def form(row: ResourceRow, **changes: str) -> dict[str, str]:
    """What the browser submits for a resource's form: its fields, resource_id and version, all as text."""
    fields = {k: getattr(row, k) for k in ("name", "description", "phone", "email", "url", "address", "hours")}
    return {**fields, "kind": row.kind_id, "resource_id": str(row.id), "version": str(row.version), **changes}


def test_a_departement_admin_sees_its_resources_with_the_to_complete_ones_marked(db, pas_de_calais):
    state = editor(pas_de_calais, PAS_DE_CALAIS)
    assert state.allowed and state.departement_name == "Pas-de-Calais"
    assert (state.resources[0].kind_id, state.resources[0].no_contact_yet) == ("crip", True)
    assert all(isinstance(row, ResourceRow) for row in state.resources)


def test_a_departement_admin_edits_its_own_resource_and_the_change_is_audited(db, nord):
    state = editor(nord)
    crip = state.resources[0]
    state.save_resource(form(crip, phone="03 20 00 00 00", hours="Du lundi au vendredi, 9h–17h"))
    assert (state.error, state.message) == ("", SAVED)
    saved = next(r for r in db.resources("59") if r["id"] == crip.id)
    assert (saved["phone"], saved["hours"], saved["version"]) == ("0320000000", "Du lundi au vendredi, 9h–17h", 2)
    assert state.resources[0].version == 2
    entry = db.audit()[-1]
    assert (entry["action"], entry["actor_email"], entry["departement_code"]) == (
        "resource.edit",
        "nord@example.fr",
        "59",
    )
    assert json.loads(entry["after"])["phone"] == "0320000000"


def test_completing_a_to_complete_crip_clears_the_flag(db, pas_de_calais):
    state = editor(pas_de_calais, PAS_DE_CALAIS)
    state.save_resource(form(state.resources[0], phone="0321000000"))
    assert state.message == SAVED
    assert state.resources[0].no_contact_yet is False


def test_hiding_then_showing_a_resource(db, nord):
    state = editor(nord)
    rid = state.resources[0].id
    state.toggle_resource(rid)
    assert state.message == SAVED
    assert next(r for r in state.resources if r.id == rid).hidden is True
    state.toggle_resource(str(rid))  # a forged event may send the id as a string
    assert next(r for r in state.resources if r.id == rid).hidden is False
    assert [e["action"] for e in db.audit()] == ["resource.hide", "resource.show"]


def test_adding_a_resource_lists_it_and_empties_the_form(db, nord):
    state = editor(nord)
    count, key = len(state.resources), state.add_form_key
    state.add_resource({"kind": "autre", "name": "Point écoute jeunes", "url": "https://example.fr/ecoute"})
    assert (state.error, state.message) == ("", SAVED)
    assert len(state.resources) == count + 1 and state.add_form_key != key
    assert db.audit()[-1]["action"] == "resource.add"


def test_an_invalid_field_gets_a_french_message_naming_it(db, nord):
    state = editor(nord)
    before = db.resources("59")
    state.save_resource(form(state.resources[0], url="javascript:alert(1)"))
    assert state.error.startswith("Site web : ")
    assert state.message == ""
    assert db.resources("59") == before


def test_another_departement_admin_sees_nothing_and_cannot_edit(db, nord, pas_de_calais):
    row = editor(nord).resources[0]
    intruder = editor(pas_de_calais, NORD)
    assert (intruder.allowed, intruder.resources, intruder.error) == (False, [], FORBIDDEN)
    before = db.resources("59")
    intruder.save_resource(form(row, name="Piraté"))
    assert intruder.error == FORBIDDEN
    intruder.toggle_resource(row.id)
    assert intruder.error == FORBIDDEN
    intruder.add_resource({"kind": "autre", "name": "Piraté"})
    assert intruder.error == FORBIDDEN
    assert intruder.resources == []
    assert db.resources("59") == before
    assert db.audit() == []


@pytest.mark.parametrize(
    "payload",
    [
        "not a form",
        ["resource_id", "1"],
        {"resource_id": "1 OR 1=1", "version": "1", "kind": "crip", "name": "x"},
        {"resource_id": "1", "kind": "crip", "name": "x"},  # version missing
        {"resource_id": True, "version": "1", "kind": "crip", "name": "x"},
        {"resource_id": "-1", "version": "1", "kind": "crip", "name": "x"},
    ],
)
def test_a_forged_save_gets_a_french_message_and_changes_nothing(db, nord, payload):
    state = editor(nord)
    before, rows = db.resources("59"), state.resources
    state.save_resource(payload)
    assert state.error == BAD_FORM
    assert db.resources("59") == before and state.resources == rows
    assert db.audit() == []


@pytest.mark.parametrize("payload", ["1 OR 1=1", None, {"id": 1}, 10**20, True])
def test_a_forged_toggle_changes_nothing(db, nord, payload):
    state = editor(nord)
    before = db.resources("59")
    state.toggle_resource(payload)
    assert state.error in (BAD_FORM, FORBIDDEN)
    assert db.resources("59") == before


def test_a_stale_form_is_refused_with_the_name_of_the_last_editor(db, nord):
    first, second = editor(nord), editor(nord)
    row = second.resources[0]
    first.save_resource(form(first.resources[0], hours="Le matin"))
    second.save_resource(form(row, hours="L'après-midi"))
    assert "modifié entre-temps par nord@example.fr" in second.error
    assert db.resources("59")[0]["hours"] == "Le matin"


def test_without_a_valid_token_nothing_is_shown_or_changed(db, nord):
    state = editor("not-a-token")
    assert (state.logged_in, state.allowed, state.resources) == (False, False, [])
    before = db.resources("59")
    state.save_resource({"resource_id": "1", "version": "1", "kind": "crip", "name": "x"})
    state.add_resource({"kind": "autre", "name": "x"})
    state.toggle_resource(1)
    assert state.error == LOGIN_REQUIRED
    assert db.resources("59") == before


def test_a_school_admin_cannot_read_the_journal(db):
    token = db.admin("jeanbart@example.fr", "etablissement", uai="0590001A")
    journal = make_state(AdminJournalState, "/admin/journal", token=token)
    journal.load()
    assert (journal.allowed, journal.entries, journal.error) == (False, [], FORBIDDEN)
    journal.go_to_page(2)
    assert journal.entries == []


def test_the_journal_shows_who_changed_what_in_french(db, nord):
    state = editor(nord)
    state.save_resource(form(state.resources[0], hours="Le matin"))
    journal = make_state(AdminJournalState, "/admin/journal", token=nord)
    journal.load()
    assert journal.allowed and journal.page_label == "Page 1 sur 1"
    entry = journal.entries[0]
    assert entry.action == "Ressource modifiée"
    assert (entry.who, entry.role) == ("nord@example.fr", "Administrateur du département")
    assert entry.target == "Département Nord (59)"
    assert entry.changes.startswith("Horaires : ") and entry.changes.endswith(" → Le matin")
    journal.go_to_page("2 OR 1")  # a forged page number
    assert journal.error and journal.entries == [entry]


def test_changes_and_dates_read_as_french_text():
    from datetime import UTC, datetime

    assert changes_text('{"name": "Mme Martin"}', '{"name": "Mme Durand"}') == "Nom : Mme Martin → Mme Durand"
    assert changes_text("{}", '{"hidden": true}') == "Masqué : oui"
    added = '{"address": "", "hidden": false, "kind": "autre", "name": "Point écoute", "position": 100}'
    assert changes_text("{}", added) == "Type : Autre ressource locale\nNom : Point écoute"
    assert changes_text("not json", "[]") == ""
    assert paris_time(datetime(2026, 11, 24, 9, 32, tzinfo=UTC)) == "24/11/2026 10:32"
    assert paris_time(datetime(2026, 7, 1, 8, 5)) == "01/07/2026 10:05"
