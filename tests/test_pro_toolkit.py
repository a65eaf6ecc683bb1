"""The professionals' toolkit core: content loads, broken files fail precisely, advice and every decision path."""

import itertools
from pathlib import Path

import pytest
import yaml

from parlonsen.catalog import ContentError
from parlonsen.toolkit import load_toolkit
from parlonsen.toolkit.disclosure import DISCLOSURE_FILE, REQUIRED_STEPS, disclosure_guide, load_disclosure
from parlonsen.toolkit.report_decision import (
    ANSWERS,
    QUESTION_IDS,
    REPORT_FILE,
    Crip,
    decide,
    load_report,
    normalise_answers,
    report_helper,
)
from parlonsen.toolkit.signals import AGE_GROUPS, SIGNALS_FILE, advise, load_signal_guide, signal_guide

ALL_PATHS = [dict(zip(QUESTION_IDS, combo, strict=True)) for combo in itertools.product(ANSWERS, repeat=3)]
NORD = Crip(
    departement_code="59",
    departement_name="Nord",
    name="CRIP du Nord – cellule de recueil des informations préoccupantes",
    description="Le service du Département du Nord qui reçoit les informations préoccupantes.",
    url="https://services.lenord.fr/signaler-un-mineur-en-danger",
    known=True,
)
SOMME = Crip(departement_code="80", departement_name="Somme", name="CRIP de la Somme", known=False)


def broken(tmp_path: Path, source: Path, change) -> Path:
    """A copy of a content file with one change applied to its data."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / source.name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


# --- Content ---------------------------------------------------------------------------------------


def test_every_tool_content_loads_and_carries_dated_sources():
    load_toolkit()
    guide, disclosure, helper = signal_guide(), disclosure_guide(), report_helper()
    assert all(p.sources and all(s.verified.isoformat() == "2026-11-24" for s in p.sources) for p in guide.places)
    assert [s.id for s in disclosure.steps] == list(REQUIRED_STEPS)
    assert all(step.sources for step in disclosure.steps)
    assert all(o.sources and o.legal and o.tell_child for o in helper.outcomes)
    assert "/pro/fiche-de-recueil" in [link.href for link in disclosure.links]


def test_every_place_has_signs_for_every_age_group_and_the_age_filter_narrows_the_list():
    guide = signal_guide()
    for place in guide.places:
        for age in AGE_GROUPS:
            assert any(age in s.ages for s in place.signals), (place.id, age)
    everything = guide.ids_for_age("")
    assert "images_intimes" in everything and "images_intimes" not in guide.ids_for_age("elementaire")
    assert set(guide.ids_for_age("elementaire")) < set(everything)


def test_a_signal_with_an_unknown_weight_fails_with_file_field_and_value(tmp_path):
    def change(data):
        data["places"][0]["signals"][0]["weight"] = "urgent"

    with pytest.raises(ContentError) as error:
        load_signal_guide(broken(tmp_path, SIGNALS_FILE, change))
    message = str(error.value)
    assert str(tmp_path / "signaux_faibles.yaml") in message
    assert "field 'places.0.signals.0.weight' value 'urgent'" in message


def test_a_place_without_a_sign_for_an_age_group_is_refused(tmp_path):
    def change(data):
        place = next(p for p in data["places"] if p["id"] == "en_ligne")
        place["signals"] = [s for s in place["signals"] if "elementaire" not in s["ages"]]

    with pytest.raises(ContentError, match="place 'en_ligne' has no sign for age group 'elementaire'"):
        load_signal_guide(broken(tmp_path, SIGNALS_FILE, change))


def test_a_source_without_a_verification_date_is_refused(tmp_path):
    def change(data):
        del data["places"][1]["sources"][0]["verified"]

    with pytest.raises(ContentError, match=r"field 'places\.1\.sources\.0\.verified'"):
        load_signal_guide(broken(tmp_path, SIGNALS_FILE, change))


def test_a_disclosure_guide_without_the_no_secret_step_is_refused(tmp_path):
    def change(data):
        data["steps"] = [s for s in data["steps"] if s["id"] != "pas_de_secret"]

    with pytest.raises(ContentError, match=r"misses the required steps \['pas_de_secret'\]"):
        load_disclosure(broken(tmp_path, DISCLOSURE_FILE, change))


def test_a_disclosure_link_outside_the_toolkit_is_refused(tmp_path):
    def change(data):
        data["links"][0]["href"] = "https://example.org/fiche"

    with pytest.raises(ContentError, match=r"field 'links\.0\.href' value 'https://example.org/fiche'"):
        load_disclosure(broken(tmp_path, DISCLOSURE_FILE, change))


def test_a_missing_content_file_is_named(tmp_path):
    with pytest.raises(ContentError, match="file is missing"):
        load_report(tmp_path / "information_preoccupante.yaml")


def test_decision_rules_must_end_with_a_rule_that_matches_every_answer(tmp_path):
    def change(data):
        data["rules"] = data["rules"][:-1]

    with pytest.raises(ContentError, match="the last rule must match every answer"):
        load_report(broken(tmp_path, REPORT_FILE, change))


def test_an_outcome_that_does_not_inform_the_head_is_refused(tmp_path):
    def change(data):
        data["outcomes"][1]["inform"] = ["procureur", "crip", "119"]

    with pytest.raises(ContentError, match="must inform the head"):
        load_report(broken(tmp_path, REPORT_FILE, change))


def test_a_rule_with_an_unknown_answer_or_outcome_is_refused(tmp_path):
    def bad_answer(data):
        data["rules"][0]["when"] = {"danger": ["peut-etre"]}

    with pytest.raises(ContentError, match=r"field 'rules\.0\.when\.danger\.0' value 'peut-etre'"):
        load_report(broken(tmp_path, REPORT_FILE, bad_answer))

    def bad_outcome(data):
        data["rules"][0]["outcome"] = "appeler_un_ami"

    with pytest.raises(ContentError, match="unknown outcome 'appeler_un_ami'"):
        load_report(broken(tmp_path, REPORT_FILE, bad_outcome))


def test_a_contact_naming_an_unknown_help_channel_is_refused(tmp_path):
    def change(data):
        data["contacts"]["119"]["channel"] = "0800"

    with pytest.raises(ContentError, match=r"field 'contacts\.119\.channel' value '0800': no help channel has this id"):
        load_report(broken(tmp_path, REPORT_FILE, change))


# --- Weak signals: advise() ---------------------------------------------------------------------------


def test_nothing_ticked_gives_guidance():
    advice = advise(signal_guide(), [])
    assert advice.level == "rien" and advice.actions and not advice.links


def test_one_ordinary_sign_proves_nothing_and_asks_to_note_observe_and_talk_to_a_colleague():
    advice = advise(signal_guide(), ["isolement"])
    assert advice.level == "isole"
    assert advice.title == "Un signe isolé ne prouve rien — notez, observez, parlez-en à un collègue"
    assert any("collègue" in action for action in advice.actions)


def test_the_same_sign_twice_still_counts_once():
    assert advise(signal_guide(), ["humeur", "humeur"]).level == "isole"


@pytest.mark.parametrize(
    ("ticked", "lasting"),
    [(["isolement", "chute_resultats"], False), (["isolement"], True), (["absences"], False)],
    ids=["two-ordinary-signs", "one-sign-that-lasts", "one-sign-to-share"],
)
def test_several_lasting_or_weightier_signs_go_to_the_cpe_nurse_or_social_worker(ticked, lasting):
    advice = advise(signal_guide(), ticked, lasting)
    assert advice.level == "partager"
    assert any("CPE" in a and "infirmier·ère" in a and "assistant·e social·e" in a for a in advice.actions)


@pytest.mark.parametrize("alarm", ["blessures", "comportement_sexualise", "revelation", "images_intimes"])
def test_any_alarm_sign_goes_to_the_head_without_delay_and_to_the_disclosure_guide_and_decision_helper(alarm):
    advice = advise(signal_guide(), ["isolement", alarm])
    assert advice.level == "alerter"
    assert "direction sans attendre" in advice.title
    assert [link.href for link in advice.links] == ["/pro/recueillir-la-parole", "/pro/information-preoccupante"]


def test_an_unknown_sign_is_an_error_not_silently_ignored():
    with pytest.raises(ValueError, match="unknown signal id 'inconnu'"):
        advise(signal_guide(), ["isolement", "inconnu"])


def test_the_guide_always_says_what_a_single_sign_does_and_does_not_mean():
    single = signal_guide().single_sign
    assert "attentif" in single.does
    assert "ne prouve pas" in single.does_not


# --- Decision helper: every path -------------------------------------------------------------------


@pytest.mark.parametrize("answers", ALL_PATHS, ids=lambda a: "-".join(a.values()))
def test_every_path_ends_in_concrete_actions_with_the_head_and_the_119(answers):
    outcome = decide(answers, NORD)
    assert outcome.actions and all(action.strip() for action in outcome.actions)
    assert outcome.legal and outcome.tell_child and outcome.sources
    assert "direction" in outcome.contact_ids
    assert "119" in outcome.contact_ids
    for card in outcome.contacts:
        assert card.name and card.detail
    by_id = {card.id: card for card in outcome.contacts}
    assert [link.href for link in by_id["119"].links] == ["tel:119"]


@pytest.mark.parametrize("answers", [a for a in ALL_PATHS if a["danger"] == "oui"], ids=lambda a: "-".join(a.values()))
def test_immediate_danger_puts_the_17_first_then_the_procureur(answers):
    outcome = decide(answers, NORD)
    assert outcome.kind == "urgence"
    assert outcome.contact_ids[:2] == ["17", "112"]
    assert "17" in outcome.actions[0]
    assert "procureur" in outcome.contact_ids


@pytest.mark.parametrize("answers", [a for a in ALL_PATHS if a["crime"] == "oui"], ids=lambda a: "-".join(a.values()))
def test_a_suspected_crime_goes_to_the_procureur_under_article_40(answers):
    outcome = decide(answers, NORD)
    assert "procureur" in outcome.contact_ids
    if answers["danger"] != "oui":
        assert outcome.kind == "signalement"
        assert any("article 40 du Code de procédure pénale" in item for item in outcome.legal)


@pytest.mark.parametrize(
    "answers",
    [a for a in ALL_PATHS if a["famille"] in ("oui", "nsp") and a["crime"] == "non" and a["danger"] != "oui"],
    ids=lambda a: "-".join(a.values()),
)
def test_family_involved_without_a_crime_leads_to_an_information_preoccupante_to_the_crip(answers):
    outcome = decide(answers, NORD)
    assert outcome.kind == "information_preoccupante"
    assert "crip" in outcome.contact_ids
    assert any("prévenez pas la famille vous-même" in action for action in outcome.actions)


@pytest.mark.parametrize("answers", [a for a in ALL_PATHS if "nsp" in a.values()], ids=lambda a: "-".join(a.values()))
def test_je_ne_sais_pas_always_leads_somewhere_safe(answers):
    outcome = decide(answers, NORD)
    assert {"direction", "119"} <= set(outcome.contact_ids)
    if answers["danger"] == "nsp":
        assert outcome.contact_ids[0] == "17"
        assert "17" in outcome.actions[0]
    if answers["crime"] == "nsp" and answers["danger"] != "oui":
        assert outcome.kind == "conseil"
        assert {"crip", "procureur"} <= set(outcome.contact_ids)


def test_no_danger_no_crime_no_family_still_informs_the_head_and_points_to_phare_and_the_3018():
    outcome = decide({"danger": "non", "crime": "non", "famille": "non"}, NORD)
    assert outcome.kind == "suivi"
    assert outcome.contact_ids == ["direction", "119", "3018"]
    assert any("pHARe" in action for action in outcome.actions)


def test_every_outcome_is_reached_by_some_path():
    reached = {decide(answers).id for answers in ALL_PATHS}
    assert reached == {o.id for o in report_helper().outcomes}


def test_an_unanswered_question_counts_as_je_ne_sais_pas():
    assert normalise_answers({"danger": "non"}) == {"danger": "non", "crime": "nsp", "famille": "nsp"}
    assert decide({"danger": "non"}).id == decide({"danger": "non", "crime": "nsp", "famille": "nsp"}).id


@pytest.mark.parametrize("answers", [{"danger": "peut-etre"}, {"age": "oui"}])
def test_an_unknown_question_or_answer_raises(answers):
    with pytest.raises(ValueError):
        decide(answers)


# --- Decision helper: the département's CRIP ------------------------------------------------------------


def crip_card(crip: Crip | None):
    outcome = decide({"danger": "non", "crime": "non", "famille": "oui"}, crip)
    return next(card for card in outcome.contacts if card.id == "crip")


def test_a_known_crip_shows_its_name_and_its_real_contact():
    card = crip_card(NORD)
    assert card.name == NORD.name
    assert [(link.label, link.href) for link in card.links] == [("Site du département", NORD.url)]


def test_an_unknown_crip_says_so_plainly_and_gives_the_119():
    card = crip_card(SOMME)
    assert card.name == "CRIP – Somme (80)"
    assert "Coordonnées à demander à votre direction" in card.detail
    assert [link.href for link in card.links] == ["tel:119"]


def test_without_a_departement_the_crip_card_asks_to_choose_one():
    card = crip_card(None)
    assert "Choisissez le département" in card.detail and not card.links


def test_a_crip_link_that_is_not_https_is_never_shown():
    forged = Crip("59", "Nord", "CRIP du Nord", url="javascript:alert(1)", phone="03 xx", known=True)
    assert crip_card(forged).links == ()
