"""The orientation engine: every path of the questionnaire, and the routing rules."""

from datetime import date
from itertools import chain, combinations

import pytest

from parlonsen.catalog import PROFILES, catalog
from parlonsen.hours import at
from parlonsen.orientation import (
    UNKNOWN,
    SchoolAdult,
    SchoolContext,
    next_question_id,
    orient,
    questions_for,
)

EMERGENCY = ["17", "112", "114"]
SUNDAY_3AM = at(date(2026, 11, 29), "03:00")


def without_emergency(ids: list[str]) -> list[str]:
    return [i for i in ids if i not in {"17", "112", "114", "15"}]


def option_choices(question):
    """Every answer a person can give to a question, skipping it (None) included."""
    options = [o for o in question.option_ids() if o != UNKNOWN]
    if not question.multiple:
        return [None, UNKNOWN, *options]
    subsets = chain.from_iterable(combinations(options, n) for n in range(1, len(options) + 1))
    return [None, [UNKNOWN], *[list(s) for s in subsets]]


def all_paths(profile: str):
    """Walk the questionnaire as its data says: yields each complete answers dict."""
    stack = [({}, next_question_id(profile, {}, None))]
    while stack:
        answers, current = stack.pop()
        if current is None:
            yield answers
            continue
        question = catalog().questionnaire.get(current)
        for choice in option_choices(question):
            given = dict(answers) if choice is None else {**answers, current: choice}
            stack.append((given, next_question_id(profile, given, current)))


@pytest.mark.parametrize("profile", PROFILES)
def test_every_path_ends_with_a_channel_open_24_7_and_urgent_paths_start_with_emergency(profile):
    cat = catalog()
    count = 0
    for answers in all_paths(profile):
        count += 1
        assert len(answers) <= len(questions_for(profile))
        result = orient(profile, answers, now=SUNDAY_3AM)
        assert any(advice.channel.hours.always for advice in result.channels), answers
        assert any(advice.status == "open" for advice in result.channels), answers
        assert result.journey.id in cat.journeys
        assert result.next_steps
        if result.urgent:
            assert result.channel_ids[:3] == EMERGENCY, answers
        else:
            assert not set(EMERGENCY) & set(result.channel_ids[:1]), answers
    assert count > 100


def test_danger_now_ends_the_questionnaire_at_once():
    assert next_question_id("eleve", {"who": "moi", "danger": "oui"}, "danger") is None
    assert next_question_id("eleve", {"who": "moi", "danger": "non"}, "danger") == "concern"


def test_the_danger_question_comes_early_for_every_profile():
    for profile in PROFILES:
        assert "danger" in [q.id for q in questions_for(profile)][:2]


def test_danger_now_puts_emergency_numbers_first_and_the_114_for_whoever_cannot_speak():
    result = orient("eleve", {"danger": "oui"})
    assert result.urgent
    assert result.channel_ids[:2] == ["17", "112"]
    assert "114" in result.channel_ids
    assert "Appelle le 17" in " ".join(result.next_steps)


def test_violence_at_home_puts_the_119_near_the_top():
    for profile in PROFILES:
        result = orient(profile, {"where": "maison", "danger": "non"})
        assert "119" in without_emergency(result.channel_ids)[:3], (profile, result.channel_ids)


def test_violence_online_puts_the_3018_near_the_top():
    for profile in PROFILES:
        result = orient(profile, {"concern": ["cyberviolence"], "where": "en_ligne"})
        assert "3018" in result.channel_ids[:3], (profile, result.channel_ids)


def test_a_student_bullied_online_is_sent_first_to_the_3018():
    result = orient("eleve", {"who": "moi", "danger": "non", "concern": ["cyberviolence"], "where": "en_ligne"})
    assert result.channel_ids[0] == "3018"


def test_school_bullying_puts_the_bullying_line_and_the_school_adults_near_the_top():
    for profile in PROFILES:
        result = orient(profile, {"concern": ["harcelement"], "where": "ecole"})
        assert {"3018", "school-adults"} <= set(result.channel_ids[:3]), (profile, result.channel_ids)
    assert "3020" not in orient("eleve", {"concern": ["harcelement"]}).channel_ids  # merged: never a dead end


def test_a_professional_is_sent_to_the_crip_and_the_119():
    result = orient("professionnel", {"danger": "non", "concern": ["physique"], "where": "maison"})
    assert result.channel_ids[:2] == ["crip", "119"]


def test_an_adult_victim_of_domestic_violence_is_sent_to_the_3919():
    result = orient("parent", {"who": "moi", "danger": "non", "concern": ["intrafamiliale"], "where": "maison"})
    assert result.channel_ids[0] == "3919"
    assert "3919" not in orient("parent", {"who": "ami", "where": "maison"}).channel_ids


def test_a_witness_student_gets_the_witness_journey():
    assert orient("eleve", {"who": "ami"}).journey.id == "eleve-temoin"
    assert orient("eleve", {"who": "moi"}).journey.id == "eleve-victime"
    assert orient("eleve", {}).journey.id == "eleve-victime"


def test_an_unanswered_question_counts_as_ne_sais_pas():
    skipped = orient("parent", {}, now=SUNDAY_3AM)
    unsure = orient(
        "parent",
        {"who": UNKNOWN, "danger": UNKNOWN, "concern": [UNKNOWN], "where": UNKNOWN},
        now=SUNDAY_3AM,
    )
    assert skipped.channel_ids == unsure.channel_ids
    assert skipped.answers == unsure.answers


def test_topics_come_from_the_concerns_or_else_from_the_place():
    assert orient("eleve", {"concern": ["sexuelle", "harcelement"]}).topics == ["harcelement", "sexuelle"]
    assert orient("eleve", {"where": "en_ligne"}).topics == ["cyberviolence"]
    assert orient("eleve", {}).topics == []
    assert [f.id for f in orient("eleve", {"concern": ["negligence"]}).reading] == ["negligence"]


@pytest.mark.parametrize(
    ("profile", "answers", "named"),
    [
        ("enseignant", {}, "'enseignant'"),
        ("eleve", {"age": "12"}, "'age'"),
        ("professionnel", {"who": "moi"}, "'who'"),
        ("eleve", {"danger": "peut-etre"}, "'peut-etre'"),
        ("eleve", {"concern": ["harcelement", "vol"]}, "'vol'"),
        ("eleve", {"where": ["ecole", "maison"]}, "'where'"),
    ],
)
def test_unknown_profile_question_or_option_raises_a_value_error_naming_it(profile, answers, named):
    with pytest.raises(ValueError, match=named):
        orient(profile, answers)


def test_a_known_school_shows_its_own_adults_and_its_crip():
    cat = catalog()
    crip_nord = cat.channels["crip"].model_copy(update={"name": "CRIP du Nord"})
    school = SchoolContext(
        uai="0590001A", name="Lycée test", adults=(SchoolAdult(role="CPE", name="Mme Martin"),), crip=crip_nord
    )
    result = orient("professionnel", {"concern": ["physique"]}, etablissement=school)
    assert result.school is school
    assert result.channels[0].channel.name == "CRIP du Nord"


def test_every_channel_comes_with_a_reason_in_the_profile_words():
    for profile in PROFILES:
        result = orient(profile, {"concern": ["harcelement"]})
        assert all(advice.reason for advice in result.channels)
