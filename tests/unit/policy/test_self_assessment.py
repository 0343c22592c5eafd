"""Indicative self-assessment: national standard bands and levels, xinjiang six-item grades."""

from itertools import product

import pytest

from portal.policy.errors import InvalidAnswers, UnknownForm
from portal.policy.profiles import load_profile
from portal.policy.self_assessment import form_for, load_form, score

NATIONAL = "national_standard"
SIX_ITEM = "xinjiang_six_item"


# ------------------------------------------------------------------ form definitions


@pytest.mark.parametrize(
    ("region", "form"),
    [
        ("ningxia", NATIONAL),
        ("xinjiang", SIX_ITEM),
        ("heilongjiang", NATIONAL),
        ("fuzhou", NATIONAL),
        ("tianjin", NATIONAL),
    ],
)
def test_form_for_region(region, form):
    assert form_for(load_profile(region)).code == form


NATIONAL_ITEMS = {
    "eating": ("adl", {0, 5, 10}),
    "dressing": ("adl", {0, 5, 10}),
    "face_and_mouth": ("adl", {0, 5}),
    "bowel_control": ("adl", {0, 5, 10}),
    "bladder_control": ("adl", {0, 5, 10}),
    "toileting": ("adl", {0, 5, 10}),
    "walking": ("adl", {0, 5, 10, 15}),
    "bed_chair_transfer": ("adl", {0, 5, 10, 15}),
    "stairs": ("adl", {0, 5, 10}),
    "bathing": ("adl", {0, 5}),
    "time_orientation": ("cognition", {0, 1, 2, 3, 4}),
    "person_orientation": ("cognition", {0, 1, 2, 3, 4}),
    "place_orientation": ("cognition", {0, 1, 2, 3, 4}),
    "memory": ("cognition", {0, 1, 2, 3, 4}),
    "vision": ("perception", {0, 1, 2, 3, 4}),
    "hearing": ("perception", {0, 1, 2, 3, 4}),
    "communication": ("perception", {0, 1, 2, 3, 4}),
}


def test_national_standard_has_17_items_in_3_indicators():
    form = load_form(NATIONAL)
    assert {i.code: (i.indicator, {o.score for o in i.options}) for i in form.items} == (
        NATIONAL_ITEMS
    )
    assert [(i.code, i.max_score) for i in form.indicators] == [
        ("adl", 100),
        ("cognition", 16),
        ("perception", 12),
    ]
    assert form.to_be_confirmed


def test_six_item_form_follows_annex_3():
    form = load_form(SIX_ITEM)
    assert [(i.code, i.indicator) for i in form.items] == [
        ("eating", "a"),
        ("dressing", "b"),
        ("continence", "a"),
        ("toileting", "b"),
        ("bathing", "a"),
        ("bed_chair_transfer", "b"),
    ]
    for item in form.items:
        assert [o.code for o in item.options] == ["independent", "partial", "dependent"]
    assert form.source == "001:附件3"


@pytest.mark.parametrize("form_code", [NATIONAL, SIX_ITEM])
def test_every_item_has_an_icon_slug_and_texts(form_code):
    for item in load_form(form_code).items:
        assert item.icon.isascii() and item.icon.replace("_", "").isalpha()
        assert item.question.zh and item.question.ug
        assert all(o.label.zh and o.label.ug for o in item.options)


def test_form_to_dict_for_the_portal():
    data = load_form(SIX_ITEM).to_dict()
    assert data["kind"] == "graded"
    assert data["items"][0]["options"][2]["code"] == "dependent"
    assert data["items"][0]["icon"] == "spoon"


def test_unknown_form():
    with pytest.raises(UnknownForm):
        score("barthel", {})


# ------------------------------------------------------------------ national standard


def national_answers(adl=100, cognition=16, perception=12):
    """Answers reaching the given indicator totals, taking points off item by item."""
    form = load_form(NATIONAL)
    targets = {"adl": adl, "cognition": cognition, "perception": perception}
    answers = {}
    for indicator, target in targets.items():
        items = [i for i in form.items if i.indicator == indicator]
        deficit = sum(max(o.score for o in i.options) for i in items) - target
        for item in items:
            scores = sorted((o.score for o in item.options), reverse=True)
            chosen = min(s for s in scores if scores[0] - s <= deficit)
            deficit -= scores[0] - chosen
            answers[item.code] = chosen
        assert deficit == 0
    return answers


@pytest.mark.parametrize(
    ("adl", "band", "level"),
    [
        (100, "intact", 0),
        (95, "mild", 1),
        (65, "mild", 1),
        (60, "moderate", 2),
        (45, "moderate", 2),
        (40, "severe", 3),
        (0, "severe", 3),
    ],
)
def test_adl_band_boundaries(adl, band, level):
    result = score(NATIONAL, national_answers(adl=adl))
    adl_score = result.indicators[0]
    assert (adl_score.indicator, adl_score.score, adl_score.band) == ("adl", adl, band)
    assert result.level == level


@pytest.mark.parametrize(
    ("cognition", "band"),
    [(16, "intact"), (15, "mild"), (12, "mild"), (11, "moderate"), (4, "moderate"), (3, "severe")],
)
def test_cognition_bands_from_the_data_file(cognition, band):
    result = score(NATIONAL, national_answers(cognition=cognition))
    assert result.indicators[1].band == band


@pytest.mark.parametrize(
    ("perception", "band"),
    [(12, "intact"), (11, "mild"), (8, "mild"), (7, "moderate"), (4, "moderate"), (3, "severe")],
)
def test_perception_bands_from_the_data_file(perception, band):
    result = score(NATIONAL, national_answers(perception=perception))
    assert result.indicators[2].band == band


@pytest.mark.parametrize(
    ("adl", "cognition", "perception", "level"),
    [
        (100, 14, 12, 0),  # intact, mild other -> 基本正常
        (100, 16, 6, 1),  # intact, moderate other -> 轻度失能
        (80, 2, 12, 2),  # mild, severe other -> 中度失能
        (50, 16, 1, 3),  # moderate, severe other -> 重度失能Ⅰ级
        (20, 8, 12, 4),  # severe, moderate other -> 重度失能Ⅱ级
        (20, 16, 0, 5),  # severe, severe other -> 重度失能Ⅲ级
        (20, 0, 9, 5),  # the worse of cognition and perception counts
    ],
)
def test_combination_uses_the_worse_of_cognition_and_perception(adl, cognition, perception, level):
    result = score(NATIONAL, national_answers(adl, cognition, perception))
    assert result.level == level
    assert result.level_name == load_form(NATIONAL).level(level).name


@pytest.mark.parametrize(("adl", "recommend"), [(40, True), (45, False)])
def test_recommend_apply_from_level_3_is_the_portals_reading(adl, recommend):
    result = score(NATIONAL, national_answers(adl=adl), region="ningxia")
    assert result.recommend_apply is recommend
    assert result.region == "ningxia"
    assert result.reasons[-1].zh.startswith("按这个参考读法")
    # No region's document sets a threshold: the reading says so, and names no region.
    assert "长护通的参考读法" in result.reading.zh
    assert "宁夏" not in result.reasons[-1].zh


def test_answers_may_be_scores_or_their_text():
    as_text = {k: str(v) for k, v in national_answers(adl=55).items()}
    assert score(NATIONAL, as_text).indicators[0].score == 55


def test_reasons_name_each_indicator_in_its_language():
    result = score(NATIONAL, national_answers(adl=40))
    assert result.reasons[0].zh == "日常生活活动能力：40分（满分100分），重度受损。"
    assert "كۈندىلىك تۇرمۇش ئىقتىدارى" in result.reasons[0].ug
    assert "日常" not in result.reasons[0].ug


def test_result_to_dict():
    data = score(NATIONAL, national_answers(adl=40), region="heilongjiang").to_dict()
    assert data["indicative"] is True
    assert data["level"] == 3
    assert data["recommend_apply"] is True
    assert "没有规定自评的申请门槛" in data["reading"]["zh"]
    assert [i["score"] for i in data["indicators"]] == [40, 16, 12]


def test_invalid_answers_are_all_listed():
    answers = national_answers()
    answers["eating"] = 7  # not an option
    answers["bathing"] = True  # a bool is not a score
    del answers["memory"]
    answers["smoking"] = 0
    with pytest.raises(InvalidAnswers) as raised:
        score(NATIONAL, answers)
    problems = {(p.item, p.problem) for p in raised.value.problems}
    assert problems == {
        ("eating", "invalid_option"),
        ("bathing", "invalid_option"),
        ("memory", "missing"),
        ("smoking", "unknown_item"),
    }
    assert "memory: no answer" in str(raised.value)


def test_empty_answers_list_every_item():
    with pytest.raises(InvalidAnswers) as raised:
        score(NATIONAL, {})
    assert len(raised.value.problems) == 17


# ------------------------------------------------------------------ six items, grades A–G

GRADE_TABLE = {
    (0, 0): "A",
    (1, 0): "B",
    (0, 1): "B",
    (0, 2): "B",
    (1, 1): "C",
    (0, 3): "C",
    (2, 0): "D",
    (1, 2): "D",
    (3, 0): "E",
    (2, 1): "E",
    (2, 2): "E",
    (1, 3): "E",
    (3, 1): "F",
    (3, 2): "F",
    (2, 3): "F",
    (3, 3): "G",
}


def six_item_answers(dependent_a, dependent_b, other="independent"):
    form = load_form(SIX_ITEM)
    answers = {}
    left = {"a": dependent_a, "b": dependent_b}
    for item in form.items:
        if left[item.indicator]:
            answers[item.code] = "dependent"
            left[item.indicator] -= 1
        else:
            answers[item.code] = other
    return answers


def test_grade_table_covers_all_16_cells():
    assert set(GRADE_TABLE) == set(product(range(4), range(4)))


@pytest.mark.parametrize(
    ("cell", "grade"), list(GRADE_TABLE.items()), ids=[f"a{a}_b{b}" for a, b in GRADE_TABLE]
)
def test_six_item_grade(cell, grade):
    result = score(SIX_ITEM, six_item_answers(*cell), region="xinjiang")
    assert result.grade == grade
    assert (result.indicators[0].score, result.indicators[1].score) == cell
    assert result.recommend_apply is (grade in "EFG")
    assert result.level is None


def test_partial_does_not_count_as_dependent():
    result = score(SIX_ITEM, six_item_answers(1, 0, other="partial"), region="xinjiang")
    assert result.grade == "B"


def test_six_item_grade_is_the_portals_reading_never_annex_3s():
    """Annex 3 prints no grades: A–G and E–G are the portal's indicative reading."""
    result = score(SIX_ITEM, six_item_answers(3, 0), region="xinjiang")
    assert result.reasons[2].zh.startswith("自评参考结果：E级")
    assert "E" in result.reasons[2].ug
    assert "长护通的参考读法" in result.reading.zh
    assert "附件3没有印出分级" in result.reading.zh
    assert "threshold_source" not in result.to_dict()


ANNEX_3_AS_PRINTED = {
    # item: the first words of each column's cell, 独立 / 部分独立 / 依赖
    "eating": ("独立，无须帮助", "部分独立", "不能独立完成"),
    "dressing": ("独立，无须帮助", "部分独立", "不能独立完成"),
    "continence": ("独立", "部分独立", "不能自控"),
    "toileting": ("独立，无须帮助", "不能独立完成", "不能独立完成"),
    "bathing": ("独立，无须帮助", "部分独立", "不能独立完成"),
    "bed_chair_transfer": ("独立，无须帮助", "不能独立完成", "不能独立完成"),
}


@pytest.mark.parametrize("item_code", list(ANNEX_3_AS_PRINTED))
def test_six_item_answers_read_annex_3_cells_as_printed(item_code):
    item = load_form(SIX_ITEM).item(item_code)
    assert item is not None
    for option, words in zip(item.options, ANNEX_3_AS_PRINTED[item_code], strict=True):
        assert option.label.zh.startswith(words), option.label.zh


def test_the_middle_column_counts_as_partial_even_where_its_cell_says_不能独立完成():
    answers = dict.fromkeys(ANNEX_3_AS_PRINTED, "partial")
    result = score(SIX_ITEM, answers, region="xinjiang")
    assert (result.indicators[0].score, result.indicators[1].score, result.grade) == (0, 0, "A")


def test_the_way_to_apply_is_never_hidden_by_the_reading():
    result = score(SIX_ITEM, six_item_answers(0, 0), region="xinjiang")
    assert result.recommend_apply is False
    assert "仍然可以申请" in result.reasons[-1].zh


@pytest.mark.parametrize("answer", ["独立", "Dependent", "", 0])
def test_six_item_rejects_anything_but_option_codes(answer):
    answers = six_item_answers(0, 0)
    answers["bathing"] = answer
    with pytest.raises(InvalidAnswers) as raised:
        score(SIX_ITEM, answers)
    assert [(p.item, p.problem, p.given) for p in raised.value.problems] == [
        ("bathing", "invalid_option", answer)
    ]
