"""The orientation engine: every path of the questionnaire, and the routing rules."""

import re
from datetime import date
from itertools import chain, combinations

import pytest

from parlonsen.catalog import PROFILES, catalog
from parlonsen.hours import at
from parlonsen.orientation import (
    SHOWN_FIRST,
    UNKNOWN,
    SchoolAdult,
    SchoolContext,
    next_question_id,
    orient,
    questions_for,
)
from tests.wording import student_words

EMERGENCY = ["17", "112", "114"]
SUNDAY_3AM = at(date(2026, 11, 29), "03:00")
WITNESS_AS_VICTIM = re.compile(r"tu as été victime|tu es victime", re.IGNORECASE)


def without_emergency(ids: list[str]) -> list[str]:
    return [i for i in ids if i not in {"17", "112", "114", "15"}]


def option_choices(question):
    """Every distinct answer a person can give to a question. Skipping it means « je ne sais pas »
    (`test_an_unanswered_question_counts_as_ne_sais_pas`), so it is walked as that answer."""
    options = [o for o in question.option_ids() if o != UNKNOWN]
    if not question.multiple:
        return [UNKNOWN, *options]
    subsets = chain.from_iterable(combinations(options, n) for n in range(1, len(options) + 1))
    return [[UNKNOWN], *[list(s) for s in subsets]]


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
            given = {**answers, current: choice}
            stack.append((given, next_question_id(profile, given, current)))


@pytest.mark.parametrize("profile", PROFILES)
def test_every_path_is_safe_fits_and_speaks_to_its_reader(profile):
    """Every distinct path of the questionnaire, for each profile, checked against what a reader must get."""
    cat = catalog()
    count = 0
    for answers in all_paths(profile):
        count += 1
        assert len(answers) <= len(questions_for(profile))
        result = orient(profile, answers, now=SUNDAY_3AM)
        clean = result.answers
        ids = result.channel_ids
        # It ends with a help that answers at 3 a.m. on a Sunday, and something to do now.
        assert any(advice.channel.hours.always for advice in result.channels), answers
        assert any(advice.status == "open" for advice in result.channels), answers
        assert result.journey.id in cat.journeys
        assert result.next_steps
        # Danger now: the emergency numbers first. Otherwise never an emergency number at the top.
        if result.urgent:
            assert ids[:3] == EMERGENCY, answers
        else:
            assert not set(EMERGENCY) & set(ids[:1]), answers
        # Thoughts of self-harm: the 3114 and the 15 first, after 17/112/114 only when there is danger now,
        # and among the helps the result shows first.
        if clean.get("self_harm") == "oui":
            start = 3 if result.urgent else 0
            assert ids[start : start + 2] == ["3114", "15"], answers
            assert result.first[0].id == "3114" and result.self_harm, answers
        else:
            assert "3114" not in ids and not result.self_harm, answers
        # Each help comes with its own reason, never the same sentence pasted under two.
        reasons = [advice.reason for advice in result.channels]
        assert all(reasons) and len(set(reasons)) == len(reasons), (answers, reasons)
        # What does not fit is not shown.
        concerns = set(clean.get("concern", []))
        if not concerns & {"physique", "sexuelle"}:
            assert "116006" not in ids, answers
        if profile != "eleve" or not (concerns & {"psychologique"} or clean.get("self_harm") == "oui"):
            assert "fil-sante-jeunes" not in ids, answers
        assert "3020" not in ids  # a line that no longer exists is never advised
        # A result fits on a phone: a few helps first, the others behind « Voir d'autres aides ».
        assert len(result.first) <= SHOWN_FIRST and result.first + result.more == result.cards
        # The reader is addressed as who they are (the words themselves: `test_adults_are_never_addressed_as_tu`).
        assert result.voice == ("temoin" if profile == "eleve" and clean.get("who") == "ami" else profile)
    assert count > 100


def test_adults_are_never_addressed_as_tu_and_witnesses_never_as_victims():
    """Every reason and every channel text a parent or a professional can read says « vous »; nothing a
    witness reads tells them they were the victim."""
    cat = catalog()
    for index, rule in enumerate(cat.orientation.rules):
        for voice in ("parent", "professionnel"):
            if voice in rule.reason:
                assert not student_words(rule.reason[voice]), (index, voice, rule.reason[voice])
        if "temoin" in rule.reason:
            assert not WITNESS_AS_VICTIM.search(rule.reason["temoin"]), (index, rule.reason["temoin"])
    for channel in cat.channels.values():
        for voice in ("parent", "professionnel"):
            if not channel.speaks_to(voice):
                continue
            voiced = channel.in_voice(voice)
            texts = [voiced.name, voiced.short, voiced.status_note, voiced.what_happens, voiced.audience]
            texts += [voiced.hours.summary, *(f"{c.label} {c.note}" for c in voiced.contacts)]
            for text in texts:
                assert not student_words(text), (channel.id, voice, text)
        if channel.speaks_to("temoin"):
            voiced = channel.in_voice("temoin")
            assert not WITNESS_AS_VICTIM.search(f"{voiced.name} {voiced.short}"), channel.id
    for voice in ("parent", "professionnel"):
        for text in [*cat.orientation.urgent_steps[voice], *cat.orientation.self_harm[voice].model_dump().values()]:
            assert not student_words(text), (voice, text)


def test_danger_now_ends_the_questionnaire_at_once():
    assert next_question_id("eleve", {"who": "moi", "danger": "oui"}, "danger") is None
    assert next_question_id("eleve", {"who": "moi", "danger": "non"}, "danger") == "self_harm"


def test_the_danger_question_comes_early_for_every_profile():
    for profile in PROFILES:
        assert "danger" in [q.id for q in questions_for(profile)][:2]


def test_thoughts_of_self_harm_are_asked_next_to_the_danger_question_for_every_profile():
    for profile in PROFILES:
        ids = [q.id for q in questions_for(profile)]
        assert ids.index("self_harm") == ids.index("danger") + 1


def test_self_harm_puts_the_3114_and_the_15_first_even_with_every_other_red_answer():
    answers = {
        "who": "moi",
        "danger": "non",
        "self_harm": "oui",
        "concern": ["harcelement", "cyberviolence", "physique", "sexuelle", "intrafamiliale"],
        "where": ["ecole", "maison", "en_ligne"],
    }
    result = orient("eleve", answers)
    assert result.channel_ids[:2] == ["3114", "15"]
    assert [a.id for a in result.first][:2] == ["3114", "15"]


def test_self_harm_with_danger_now_comes_right_after_the_emergency_numbers():
    result = orient("eleve", {"who": "moi", "danger": "oui", "self_harm": "oui"})
    assert result.channel_ids[:5] == ["17", "112", "114", "3114", "15"]
    assert [a.id for a in result.first][:2] == ["3114", "15"]  # 17/112/114 are the buttons above the cards


def test_a_witness_is_told_how_to_help_a_friend():
    result = orient("eleve", {"who": "ami", "danger": "non", "concern": ["physique"], "where": ["ecole"]})
    assert result.voice == "temoin"
    assert result.journey.id == "eleve-temoin"
    assert "ami" in result.channels[0].reason
    assert all("Tu as été victime" not in a.channel.short for a in result.channels)


def test_several_places_can_be_given_and_each_one_counts():
    result = orient("eleve", {"who": "moi", "concern": ["harcelement"], "where": ["ecole", "en_ligne"]})
    assert {"school-adults", "3018"} <= set(result.channel_ids[:2])
    assert orient("eleve", {"where": ["maison", "en_ligne"]}).topics == ["cyberviolence", "intrafamiliale"]


def test_a_bullied_student_is_not_sent_to_victim_support_or_the_12_25_line():
    result = orient("eleve", {"who": "moi", "danger": "non", "concern": ["harcelement"], "where": ["ecole"]})
    assert "116006" not in result.channel_ids
    assert "fil-sante-jeunes" not in result.channel_ids


def test_a_parent_worried_about_violence_at_home_is_told_of_the_3919_for_those_close_to_a_victim():
    result = orient("parent", {"who": "ami", "danger": "non", "concern": ["intrafamiliale"], "where": ["maison"]})
    assert "3919" in result.channel_ids
    assert "proches" in next(a.reason for a in result.channels if a.id == "3919")


def test_danger_now_puts_emergency_numbers_first_and_the_114_for_whoever_cannot_speak():
    result = orient("eleve", {"danger": "oui"})
    assert result.urgent
    assert result.channel_ids[:2] == ["17", "112"]
    assert "114" in result.channel_ids
    assert "Appelle le 17" in " ".join(result.next_steps)


def test_violence_at_home_puts_the_119_near_the_top():
    for profile in PROFILES:
        result = orient(profile, {"where": ["maison"], "danger": "non"})
        assert "119" in without_emergency(result.channel_ids)[:3], (profile, result.channel_ids)


def test_violence_online_puts_the_3018_near_the_top():
    for profile in PROFILES:
        result = orient(profile, {"concern": ["cyberviolence"], "where": ["en_ligne"]})
        assert "3018" in result.channel_ids[:3], (profile, result.channel_ids)


def test_a_student_bullied_online_is_sent_first_to_the_3018():
    result = orient("eleve", {"who": "moi", "danger": "non", "concern": ["cyberviolence"], "where": ["en_ligne"]})
    assert result.channel_ids[0] == "3018"


def test_school_bullying_puts_the_bullying_line_and_the_school_adults_near_the_top():
    for profile in PROFILES:
        result = orient(profile, {"concern": ["harcelement"], "where": ["ecole"]})
        assert {"3018", "school-adults"} <= set(result.channel_ids[:3]), (profile, result.channel_ids)
    assert "3020" not in orient("eleve", {"concern": ["harcelement"]}).channel_ids  # merged: never a dead end


def test_a_professional_is_sent_to_the_crip_and_the_119():
    result = orient("professionnel", {"danger": "non", "concern": ["physique"], "where": ["maison"]})
    assert result.channel_ids[:2] == ["crip", "119"]


def test_an_adult_victim_of_domestic_violence_is_sent_to_the_3919():
    result = orient("parent", {"who": "moi", "danger": "non", "concern": ["intrafamiliale"], "where": ["maison"]})
    assert result.channel_ids[0] == "3919"
    assert "3919" not in orient("parent", {"who": "ami", "where": ["ecole"]}).channel_ids


def test_a_witness_student_gets_the_witness_journey():
    assert orient("eleve", {"who": "ami"}).journey.id == "eleve-temoin"
    assert orient("eleve", {"who": "moi"}).journey.id == "eleve-victime"
    assert orient("eleve", {}).journey.id == "eleve-victime"


def test_an_unanswered_question_counts_as_ne_sais_pas():
    skipped = orient("parent", {}, now=SUNDAY_3AM)
    unsure = orient(
        "parent",
        {"who": UNKNOWN, "danger": UNKNOWN, "self_harm": UNKNOWN, "concern": [UNKNOWN], "where": [UNKNOWN]},
        now=SUNDAY_3AM,
    )
    assert skipped.channel_ids == unsure.channel_ids
    assert skipped.answers == unsure.answers


def test_topics_come_from_the_concerns_or_else_from_the_place():
    assert orient("eleve", {"concern": ["sexuelle", "harcelement"]}).topics == ["harcelement", "sexuelle"]
    assert orient("eleve", {"where": ["en_ligne"]}).topics == ["cyberviolence"]
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
        ("eleve", {"danger": ["oui", "non"]}, "'danger'"),
        ("eleve", {"where": ["ecole", "cave"]}, "'cave'"),
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
