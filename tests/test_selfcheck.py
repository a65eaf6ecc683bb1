"""The self-check scales' core: content loads and cross-checks, `assess` places the ticks and pre-fills."""

import shutil
from pathlib import Path

import pytest
import yaml

from parlonsen.catalog import ContentError, catalog
from parlonsen.toolkit.selfcheck import (
    EMERGENCY_FIRST,
    LEVELS,
    NOTHING,
    SCALE_IDS,
    TOOLS_DIR,
    assess,
    load_scales,
    scales,
)


def ids_at(scale_id: str, level: str) -> list[str]:
    return [s.id for s in scales()[scale_id].situations if s.level == level]


# --- Content ---------------------------------------------------------------------------------------
def test_both_scales_load_with_three_zones_and_12_to_16_situations():
    loaded = load_scales()
    assert list(loaded) == ["harcelometre", "violentometre"]
    for scale in loaded.values():
        assert set(scale.levels) == set(LEVELS)
        assert 12 <= len(scale.situations) <= 16, scale.id
        assert {s.level for s in scale.situations} == set(LEVELS)


def test_every_situation_names_questionnaire_options_and_help_channels_that_exist():
    cat = catalog()
    concerns = set(cat.questionnaire.get("concern").option_ids()) - {"ne_sais_pas"}
    places = set(cat.questionnaire.get("where").option_ids()) - {"ne_sais_pas"}
    for scale in scales().values():
        for situation in scale.situations:
            assert situation.concern is None or situation.concern in concerns, situation.id
            assert situation.where is None or situation.where in places, situation.id
            assert set(situation.channels) <= set(cat.channels), situation.id
            if situation.level != "vert":
                assert situation.channels, f"{situation.id}: orange and red situations lead to help"


def test_every_scale_is_sourced_and_verified():
    for scale in scales().values():
        assert scale.sources
        assert all(s.url.startswith("https://") and s.verified.isoformat() == "2026-11-24" for s in scale.sources)


def test_the_issues_own_examples_are_on_the_harcelometre():
    texts = [s.text for s in scales()["harcelometre"].situations]
    assert "On se moque de moi tous les jours." in texts
    assert "On a partagé une photo ou une vidéo de moi sans mon accord." in texts


# --- assess ----------------------------------------------------------------------------------------
def test_nothing_ticked_says_so_gently_and_is_not_green():
    result = assess(scales()["harcelometre"], [])
    assert result.level == NOTHING
    assert "rien coché" in result.message
    assert result.channels == ()
    assert result.prefill == {"who": ["moi"]}  # the scale speaks of « ce que tu vis »: it is for the student


@pytest.mark.parametrize("scale_id", SCALE_IDS)
def test_the_level_is_the_highest_zone_ticked(scale_id: str):
    scale = scales()[scale_id]
    green, orange, red = ids_at(scale_id, "vert")[0], ids_at(scale_id, "orange")[0], ids_at(scale_id, "rouge")[0]
    assert assess(scale, [green]).level == "vert"
    assert assess(scale, [green, orange]).level == "orange"
    assert assess(scale, [red, green, orange]).level == "rouge"


@pytest.mark.parametrize("scale_id", SCALE_IDS)
def test_orange_and_red_say_it_is_not_normal_and_not_the_students_fault(scale_id: str):
    scale = scales()[scale_id]
    for level in ("orange", "rouge"):
        message = assess(scale, ids_at(scale_id, level)[:1]).message
        assert "pas normal" in message and "pas de ta faute" in message, (scale_id, level)
    assert "pas de ta faute" not in assess(scale, ids_at(scale_id, "vert")).message


def test_green_alone_shows_no_help_channel_and_pre_fills_only_who():
    result = assess(scales()["harcelometre"], ids_at("harcelometre", "vert"))
    assert result.channels == ()
    assert result.prefill == {"who": ["moi"]}


def test_red_channels_come_first_and_are_deduplicated():
    result = assess(scales()["harcelometre"], ["moqueries-souvent", "photo-intime", "messages-mechants"])
    assert result.level == "rouge" and not result.danger_now
    assert result.channels == ("3018", "119", "school-adults")


def test_immediate_danger_puts_the_emergency_numbers_first():
    result = assess(scales()["harcelometre"], ["moqueries-souvent", "attendu-a-la-sortie"])
    assert result.danger_now
    assert result.channels[:3] == EMERGENCY_FIRST
    assert len(result.channels) == len(set(result.channels))
    assert assess(scales()["violentometre"], ["enferme"]).channels[:3] == EMERGENCY_FIRST


def test_thoughts_of_self_harm_lead_to_the_3114():
    result = assess(scales()["harcelometre"], ["envie-de-disparaitre"])
    assert result.level == "rouge" and result.self_harm
    assert result.channels[0] == "3114"


def test_thoughts_of_self_harm_put_the_3114_and_the_15_first_whatever_else_is_ticked():
    scale = scales()["harcelometre"]
    red = [s.id for s in scale.situations if s.level == "rouge" and not s.danger_now]
    result = assess(scale, red)
    assert result.channels[:2] == ("3114", "15")
    with_danger = assess(scale, [*red, "attendu-a-la-sortie"])
    assert with_danger.channels[:5] == (*EMERGENCY_FIRST, "3114", "15")


def test_pressure_to_send_intimate_photos_is_red_for_a_minor_with_the_3018_first():
    result = assess(scales()["violentometre"], ["demande-photos"])
    assert result.level == "rouge"
    assert result.channels[0] == "3018"


def test_the_ticks_come_back_in_the_scales_order_whatever_the_order_sent():
    result = assess(scales()["harcelometre"], ["coups", "rumeurs", "coups"])
    assert result.ticked == ("rumeurs", "coups")


def test_an_unknown_situation_is_refused():
    with pytest.raises(ValueError, match="pas-une-situation"):
        assess(scales()["harcelometre"], ["moqueries-souvent", "pas-une-situation"])
    with pytest.raises(ValueError, match="frappe"):
        assess(scales()["harcelometre"], ["frappe"])  # a violentomètre situation


# --- The questionnaire pre-fill --------------------------------------------------------------------
def test_the_pre_fill_is_for_me_with_concerns_deduplicated_in_the_questionnaires_order():
    result = assess(scales()["harcelometre"], ["insultes-qui-je-suis", "messages-mechants", "coups", "rumeurs"])
    assert result.prefill["who"] == ["moi"]
    order = catalog().questionnaire.get("concern").option_ids()
    assert result.prefill["concern"] == ["harcelement", "cyberviolence", "physique", "discrimination"]
    assert result.prefill["concern"] == sorted(result.prefill["concern"], key=order.index)
    assert result.prefill["where"] == ["en_ligne"]  # the one place a ticked situation names; no guess


def test_every_place_a_ticked_situation_names_is_pre_filled_in_the_questionnaires_order():
    scale = scales()["harcelometre"]
    assert assess(scale, ["messages-mechants", "photo-partagee"]).prefill["where"] == ["en_ligne"]
    assert assess(scale, ["moqueries-souvent", "mis-a-l-ecart"]).prefill["where"] == ["ecole"]
    assert assess(scale, ["messages-mechants", "moqueries-souvent"]).prefill["where"] == ["ecole", "en_ligne"]
    assert assess(scale, ["moqueries-souvent", "rumeurs"]).prefill["where"] == ["ecole"]
    assert "where" not in assess(scale, ["rumeurs"]).prefill


def test_thoughts_of_self_harm_are_carried_to_the_questionnaire():
    result = assess(scales()["harcelometre"], ["envie-de-disparaitre"])
    assert result.prefill == {"who": ["moi"], "self_harm": ["oui"]}


# --- Broken files ----------------------------------------------------------------------------------
@pytest.fixture
def tools(tmp_path: Path) -> Path:
    """A private copy of the scales that a test may break."""
    folder = tmp_path / "outils"
    folder.mkdir()
    for scale_id in SCALE_IDS:
        shutil.copy(TOOLS_DIR / f"{scale_id}.yaml", folder)
    return folder


def edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def situation(index: int, **fields):
    def change(data):
        data["situations"][index].update(fields)

    return change


def drop_level(level: str):
    def change(data):
        del data["levels"][level]

    return change


def blame(data):
    data["levels"]["orange"]["message"] = "Ce n'est pas normal. Tu aurais dû dire stop."


def duplicate(data):
    data["situations"][1]["id"] = data["situations"][0]["id"]


def undated(data):
    del data["sources"][0]["verified"]


BROKEN = [
    ("unknown zone", situation(0, level="violet"), "field 'situations.0.level' value 'violet'"),
    ("unknown concern", situation(3, concern="racisme"), "field 'situations.3.concern' value 'racisme'"),
    ("unknown place", situation(3, where="lune"), "field 'situations.3.where' value 'lune'"),
    ("unknown channel", situation(3, channels=["3017"]), "field 'situations.3.channels.0' value '3017'"),
    ("red without help", situation(11, channels=[]), "field 'situations.11.channels' value []"),
    ("bad situation id", situation(2, id="Avec Espaces"), "field 'situations.2.id' value 'Avec Espaces'"),
    ("empty text", situation(2, text=""), "field 'situations.2.text' value ''"),
    ("unknown field", situation(2, niveau="rouge"), "field 'situations.2.niveau' value 'rouge'"),
    ("missing zone", drop_level("rouge"), "'levels' needs a text for every zone, missing ['rouge']"),
    ("blaming message", blame, "'levels.orange.message' must tell the student"),
    ("duplicate ids", duplicate, "duplicate situation ids"),
    ("undated source", undated, "field 'sources.0.verified'"),
    ("id not the file name", lambda data: data.update(id="autre"), "field 'id' value 'autre'"),
]


@pytest.mark.parametrize(("what", "change", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_scale_fails_naming_file_field_and_value(tools: Path, what, change, expected):
    path = tools / "harcelometre.yaml"
    edit(path, change)
    with pytest.raises(ContentError) as error:
        load_scales(tools)
    message = str(error.value)
    assert message.startswith(f"{path}: "), message
    assert expected in message, message


def test_a_missing_scale_file_fails_naming_it(tools: Path):
    (tools / "violentometre.yaml").unlink()
    with pytest.raises(ContentError, match=r"violentometre\.yaml: file is missing"):
        load_scales(tools)


def test_a_scale_that_is_not_yaml_fails_naming_the_file(tools: Path):
    (tools / "violentometre.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"violentometre\.yaml: not valid YAML"):
        load_scales(tools)
