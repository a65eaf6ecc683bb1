"""The content loader: all content loads, and a broken file fails naming file, field and value."""

import shutil
from pathlib import Path

import pytest
import yaml

from parlonsen.catalog import CHANNEL_IDS, CONTENT_DIR, VIOLENCE_IDS, ContentError, load_catalog, say
from tests.wording import INTERNAL_MARKERS

# Every number a child may dial, as found in shared/research/parlonsen.md. A new one must be sourced there first.
KNOWN_NUMBERS = {"119", "3018", "3020", "17", "112", "114", "15", "3919", "0800235236", "116006", "3114"}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the content folder that a test may break."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_all_content_loads_with_the_required_ids():
    cat = load_catalog()
    assert set(CHANNEL_IDS) <= set(cat.channels)
    assert set(VIOLENCE_IDS) <= set(cat.violences)
    assert {"eleve-victime", "eleve-temoin", "parent", "professionnel"} <= set(cat.journeys)
    assert [q.id for q in cat.questionnaire.for_profile("eleve")][:2] == ["who", "danger"]


def test_every_fact_carries_a_source_and_a_verified_date():
    cat = load_catalog()
    for item in [*cat.channels.values(), *cat.violences.values(), *cat.journeys.values()]:
        assert item.sources, item.id
        assert all(s.url.startswith("http") and s.verified.year >= 2025 for s in item.sources), item.id
    for journey in cat.journeys.values():
        assert all(link.source.verified for link in journey.links)


def test_every_phone_number_is_a_sourced_one():
    cat = load_catalog()
    numbers = {
        contact.value.replace(" ", "")
        for channel in cat.channels.values()
        for contact in channel.contacts
        if contact.kind in ("phone", "sms")
    }
    assert numbers <= KNOWN_NUMBERS, numbers - KNOWN_NUMBERS


def test_phone_contacts_give_links_a_phone_can_follow():
    cat = load_catalog()
    assert cat.channels["119"].primary.href == "tel:119"
    assert any(c.href == "sms:114" for c in cat.channels["114"].contacts)


def test_the_3020_is_shown_truthfully_as_merged_into_the_3018():
    channel = load_catalog().channels["3020"]
    assert channel.status == "merged"
    for voice in ("eleve", "parent"):
        assert "3018" in say(channel.status_note, voice)
        assert "n'existe plus" in say(channel.short, voice)
    assert [c.value for c in channel.contacts] == ["3018"]  # no call link to a dead line
    assert not channel.free  # no « Gratuit » badge for a line that no longer exists


def test_school_adults_exist_before_the_school_is_known_as_roles_to_look_for():
    channel = load_catalog().channels["school-adults"].in_voice("eleve")
    text = " ".join(c.label + " " + c.note for c in channel.contacts)
    for role in ("CPE", "infirmi", "professeur", "assistant"):
        assert role.lower() in text.lower(), role


def test_a_bad_hour_names_file_field_and_value(content: Path):
    path = content / "channels" / "3018.yaml"
    edit(path, lambda d: d["hours"]["slots"][0].__setitem__("start", "25:00"))
    with pytest.raises(ContentError) as error:
        load_catalog(content)
    message = str(error.value)
    assert str(path) in message
    assert "hours.slots.0.start" in message
    assert "'25:00'" in message


def test_a_phone_contact_without_digits_is_refused(content: Path):
    path = content / "channels" / "119.yaml"
    edit(path, lambda d: d["contacts"][0].__setitem__("value", "cent dix-neuf"))
    with pytest.raises(ContentError, match=r"119\.yaml: field 'contacts\.0'.*cent dix-neuf"):
        load_catalog(content)


def test_a_missing_required_field_is_named(content: Path):
    path = content / "violences" / "harcelement.yaml"
    edit(path, lambda d: d.pop("signs"))
    with pytest.raises(ContentError, match=r"harcelement\.yaml: field 'signs'.*Field required"):
        load_catalog(content)


def test_an_unknown_channel_reference_is_named(content: Path):
    path = content / "violences" / "physique.yaml"
    edit(path, lambda d: d["channels"].append("0800000000"))
    with pytest.raises(ContentError, match=r"physique\.yaml: field 'channels\.\d+' value '0800000000'"):
        load_catalog(content)


def test_a_file_whose_id_differs_from_its_name_is_refused(content: Path):
    edit(content / "channels" / "17.yaml", lambda d: d.__setitem__("id", "18"))
    with pytest.raises(ContentError, match=r"17\.yaml: field 'id' value '18'"):
        load_catalog(content)


def test_invalid_yaml_is_reported_with_its_file(content: Path):
    path = content / "questionnaire.yaml"
    path.write_text("questions: [unclosed", encoding="utf-8")
    with pytest.raises(ContentError, match=r"questionnaire\.yaml: not valid YAML"):
        load_catalog(content)


def test_a_missing_channel_file_is_reported(content: Path):
    (content / "channels" / "3919.yaml").unlink()
    with pytest.raises(ContentError, match=r"missing help channel files for ids \['3919'\]"):
        load_catalog(content)


def test_a_question_without_ne_sais_pas_is_refused(content: Path):
    def drop(data):
        question = data["questions"][1]
        question["options"] = [o for o in question["options"] if o["id"] != "ne_sais_pas"]

    edit(content / "questionnaire.yaml", drop)
    with pytest.raises(ContentError, match="needs a 'ne_sais_pas' option"):
        load_catalog(content)


def test_a_rule_naming_an_unknown_predicate_fails_at_start(content: Path):
    from parlonsen.orientation import check_rules

    edit(content / "orientation.yaml", lambda d: d["rules"][0].__setitem__("when", "full_moon"))
    with pytest.raises(ContentError, match=r"'rules\.0\.when' value 'full_moon'"):
        check_rules(load_catalog(content))


def test_the_cli_check_fails_loudly_on_broken_content(content: Path, capsys, monkeypatch):
    from parlonsen import catalog, cli

    edit(content / "channels" / "112.yaml", lambda d: d.__setitem__("free", "peut-être"))
    monkeypatch.setattr(catalog, "CONTENT_DIR", content)
    monkeypatch.setattr(cli, "load_catalog", lambda: catalog.load_catalog(content))
    assert cli.main(["check-content"]) == 1
    assert "112.yaml: field 'free'" in capsys.readouterr().err


def test_no_content_text_carries_an_internal_marker():
    """Placeholders (« à compléter »), research notes (« un article plus récent indique… ») never reach a user."""
    found = []

    def walk(value: object, where: str) -> None:
        if isinstance(value, str) and INTERNAL_MARKERS.search(value):
            found.append(f"{where}: {value[:120]!r}")
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}.{index}")

    for path in sorted(CONTENT_DIR.rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), str(path.relative_to(CONTENT_DIR)))
    assert not found, "\n".join(found)


def test_a_marker_in_a_content_text_would_be_caught():
    assert INTERNAL_MARKERS.search("Horaires actuels non confirmés.")
    assert INTERNAL_MARKERS.search("Coordonnées à compléter par l'administrateur")
    assert not INTERNAL_MARKERS.search("Appelle le 119, jour et nuit.")


def test_a_journey_naming_a_help_without_words_for_its_readers_fails_at_start(content: Path):
    path = content / "parcours" / "professionnel.yaml"
    edit(path, lambda d: d["channels"].append("espace-mineurs"))  # a chat for minors, worded for them only
    with pytest.raises(ContentError, match=r"professionnel\.yaml: field 'channels\.7' value 'espace-mineurs'"):
        load_catalog(content)


def test_a_channel_text_missing_for_a_voice_that_reads_it_fails_at_start(content: Path):
    path = content / "channels" / "3114.yaml"
    edit(path, lambda d: d["short"].pop("adulte"))
    with pytest.raises(ContentError, match=r"3114\.yaml.*'short' has no wording for \['parent', 'professionnel'\]"):
        load_catalog(content)
