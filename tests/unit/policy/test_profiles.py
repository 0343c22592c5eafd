"""Region profiles: POLICY.md §1, §2 and §4 per region, national fallback, data-only regions."""

import json
import re
import shutil

import pytest

from portal.policy.errors import ProfileError, UnknownRegion
from portal.policy.profiles import (
    NATIONAL_DEFAULT,
    PERIOD_RULES,
    REGIONS_DIR,
    load_profile,
    region_codes,
)

SOURCE = re.compile(r"^\d{3}:\S+(; \d{3}:\S+)*$")
ALL_REGIONS = ["fuzhou", "heilongjiang", "national", "ningxia", "tianjin", "xinjiang"]


def test_region_codes():
    assert region_codes() == ALL_REGIONS


@pytest.mark.parametrize("code", ["atlantis", "../national", "National", ""])
def test_unknown_region(code):
    with pytest.raises(UnknownRegion) as raised:
        load_profile(code)
    assert "ningxia" in raised.value.known


def _sources(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "source":
                yield inner
            else:
                yield from _sources(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _sources(inner)


@pytest.mark.parametrize("code", ALL_REGIONS)
def test_every_source_cites_an_article_or_says_national_default(code):
    sources = list(_sources(load_profile(code).to_dict()))
    assert sources
    for source in sources:
        assert source == NATIONAL_DEFAULT or SOURCE.match(source), source


@pytest.mark.parametrize("code", ALL_REGIONS)
def test_to_dict_is_json_with_every_section(code):
    data = json.loads(json.dumps(load_profile(code).to_dict(), ensure_ascii=False))
    assert data["code"] == code
    assert set(data["periods"]) == set(PERIOD_RULES)
    assert {"name", "self_assessment", "refusals", "materials", "service_types"} <= set(data)
    assert {"benefit_thresholds", "pledge"} <= set(data)


def test_fuzhou_sets_nothing_so_everything_is_national_default():
    profile = load_profile("fuzhou")
    assert profile.name.zh == "福州市"
    assert set(_sources(profile.to_dict())) == {NATIONAL_DEFAULT}


# ------------------------------------------------------------------ POLICY.md §1

REFUSALS = {
    "ningxia": {
        "not_insured": "000:12(1)",
        "not_meeting_conditions": "000:12(2)",
        "work_injury_care_allowance": "000:12(3)",
        "outside_fund_scope": "000:12(4)",
        "incomplete_materials": "000:12(5)",
        "disabled_under_6_months": "000:12(2); 000:16",
    },
    "xinjiang": {
        "not_insured": "001:6(1)",
        "not_meeting_conditions": "001:6(2)",
        "outside_fund_scope": "001:6(3)",
        "incomplete_materials": "001:6(4)",
        "disabled_under_6_months": "001:6(5)",
        "recent_failed_conclusion": "001:6(6)",
    },
    "heilongjiang": {
        "not_insured": "002:6(1)",
        "insured_and_treated_under_6_months": "002:6(2)",
        "not_meeting_conditions": "002:6(3)",
        "outside_fund_scope": "002:6(4)",
        "incomplete_materials": "002:6(5)",
    },
}


@pytest.mark.parametrize("region", list(REFUSALS))
def test_refusal_rules_are_exactly_those_of_policy_section_1(region):
    profile = load_profile(region)
    assert {r.code: r.source for r in profile.refusals} == REFUSALS[region]


def test_work_injury_allowance_only_in_ningxia_000_12_3():
    assert load_profile("ningxia").refusal("work_injury_care_allowance") is not None
    for region in ("xinjiang", "heilongjiang", "fuzhou", "tianjin"):
        assert load_profile(region).refusal("work_injury_care_allowance") is None


def test_shared_refusal_keeps_national_wording_with_regional_source_ningxia_000_12_1():
    national = load_profile("national").refusal("not_insured")
    ningxia = load_profile("ningxia").refusal("not_insured")
    assert national is not None and ningxia is not None
    assert ningxia.message == national.message
    assert (ningxia.source, national.source) == ("000:12(1)", NATIONAL_DEFAULT)


@pytest.mark.parametrize(
    ("region", "form", "required", "source"),
    [
        ("ningxia", "national_standard", True, "000:12"),
        ("xinjiang", "xinjiang_six_item", True, "001:6(5); 001:附件3"),
        ("heilongjiang", "national_standard", False, NATIONAL_DEFAULT),
    ],
    ids=["ningxia-000_12", "xinjiang-001_6", "heilongjiang-not-stated"],
)
def test_self_assessment_first(region, form, required, source):
    rule = load_profile(region).self_assessment
    assert (rule.form, rule.required, rule.source) == (form, required, source)


# ------------------------------------------------------------------ POLICY.md §2

MATERIALS = {
    "ningxia": [
        "id_document",
        "application_form",
        "medical_records",
        "power_of_attorney",
        "self_assessment",
    ],
    "xinjiang": [
        "id_document",
        "application_form",
        "medical_records",
        "agent_id_and_bank_card",
        "power_of_attorney",
        "self_assessment",
        "pledge",
        "other_required",
    ],
    "heilongjiang": ["id_document", "application_form", "medical_records"],
}


@pytest.mark.parametrize("region", list(MATERIALS))
def test_materials_of_policy_section_2(region):
    materials = load_profile(region).materials
    assert sorted(m.code for m in materials) == sorted(MATERIALS[region])
    assert all(m.source != NATIONAL_DEFAULT for m in materials)


@pytest.mark.parametrize(
    ("region", "code", "source"),
    [
        ("ningxia", "power_of_attorney", "000:12(4)"),
        ("xinjiang", "power_of_attorney", "001:6(3); 001:附件2"),
        ("xinjiang", "agent_id_and_bank_card", "001:6(2)"),
    ],
)
def test_agent_only_materials(region, code, source):
    material = next(m for m in load_profile(region).materials if m.code == code)
    assert material.agent_only and material.agent_needs
    assert material.source == source


def test_materials_everyone_brings_are_not_agent_only_ningxia_000_12():
    for material in load_profile("ningxia").materials:
        if material.code != "power_of_attorney":
            assert not material.agent_only
            assert set(material.needed_by) == {"self", "guardian", "agent"}


def test_ningxia_medical_records_need_the_hospital_seal_000_12_2():
    material = next(m for m in load_profile("ningxia").materials if m.code == "medical_records")
    assert "公章" in material.name.zh


# ------------------------------------------------------------------ POLICY.md §3 (data)

PERIODS = [
    ("ningxia", "acceptance_review", 5, "working_days", "acceptance", "000:14"),
    ("xinjiang", "acceptance_review", 5, "working_days", "acceptance", "001:7"),
    ("heilongjiang", "acceptance_review", 5, "working_days", "acceptance", "002:7"),
    ("ningxia", "conclusion_delivery", 30, "working_days", "acceptance", "000:15(3)"),
    ("xinjiang", "conclusion_delivery", 30, "working_days", "acceptance", "001:8(1)3"),
    ("heilongjiang", "conclusion_delivery", 30, "working_days", "acceptance", "002:8(4)"),
    ("ningxia", "publicity_end", 3, "working_days", "publicity_start", "000:15(3)"),
    ("xinjiang", "publicity_end", 5, "working_days", "publicity_start", "001:8(2)3"),
    ("heilongjiang", "publicity_end", None, None, "publicity_start", NATIONAL_DEFAULT),
    ("ningxia", "objection", 10, "working_days", "delivery", "000:15(5)"),
    ("xinjiang", "objection", 5, "working_days", "publicity_start", "001:8(1)5; 001:8(2)3"),
    ("heilongjiang", "objection", 15, "working_days", "delivery", "002:8(6)"),
    ("ningxia", "reassessment_earliest", 6, "months", "conclusion", "000:15(6)"),
    ("xinjiang", "reassessment_earliest", 6, "months", "conclusion", "001:8(1)6"),
    ("heilongjiang", "reassessment_earliest", 6, "months", "conclusion", "002:8(7)"),
    ("ningxia", "validity_end", 2, "years", "conclusion", "000:15(2)"),
    ("xinjiang", "validity_end", 2, "years", "conclusion", "001:8(1)2"),
    ("heilongjiang", "validity_end", 2, "years", "conclusion", "002:8(3)"),
    ("ningxia", "benefit_start", 1, "month_start", "approval", "000:16"),
    ("xinjiang", "benefit_start", 1, "month_start", "conclusion", "001:8(2)4; 001:16"),
    ("heilongjiang", "benefit_start", 1, "month_start", "approval", NATIONAL_DEFAULT),
    ("tianjin", "service_mode_change", 1, "month_start", "service_mode_change", "004:(五)"),
]


@pytest.mark.parametrize(
    ("region", "rule", "count", "unit", "runs_from", "source"),
    PERIODS,
    ids=[f"{p[1]}-{p[0]}-{p[5]}" for p in PERIODS],
)
def test_periods_of_policy_section_3(region, rule, count, unit, runs_from, source):
    period = load_profile(region).period(rule)
    assert (period.count, period.unit, period.runs_from, period.source) == (
        count,
        unit,
        runs_from,
        source,
    )
    assert period.stated is (count is not None)


def test_xinjiang_complex_case_extension_001_8():
    extension = load_profile("xinjiang").period("conclusion_delivery").extension
    assert extension is not None
    assert (extension.count, extension.unit) == (30, "days")
    assert load_profile("ningxia").period("conclusion_delivery").extension is None


# ------------------------------------------------------------------ POLICY.md §4, pledge


@pytest.mark.parametrize(
    ("region", "article"),
    [("ningxia", "000:17"), ("xinjiang", "001:14"), ("heilongjiang", "002:14")],
)
def test_service_types_home_community_institution(region, article):
    types = load_profile(region).service_types
    assert [t.code for t in types] == ["home_care", "community_care", "institutional_care"]
    assert [t.source for t in types] == [f"{article}(1)", f"{article}(2)", f"{article}(3)"]
    assert [t.name.zh for t in types] == ["居家护理", "社区护理", "机构护理"]


def test_xinjiang_pledge_follows_annex_4():
    pledge = load_profile("xinjiang").pledge
    assert pledge.source == "001:附件4"
    assert pledge.text.zh.startswith("我已经全面了解新疆维吾尔自治区长期护理保险制度")
    assert "当年自愿放弃再次申请权利" in pledge.text.zh
    assert pledge.text.ug.count("\n") == pledge.text.zh.count("\n")


def test_pledge_falls_back_to_national_default():
    assert load_profile("heilongjiang").pledge.source == NATIONAL_DEFAULT
    assert load_profile("ningxia").pledge.source == "000:12(3)"


def test_benefit_thresholds():
    national = load_profile("national").threshold_for("national_standard")
    assert national.levels == (3, 4, 5)
    six_item = load_profile("xinjiang").threshold_for("xinjiang_six_item")
    assert six_item.grades == ("E", "F", "G")
    assert six_item.source == "001:附件3"


# ------------------------------------------------------------------ regions are data


@pytest.fixture
def regions_dir(tmp_path):
    shutil.copy(REGIONS_DIR / "national.toml", tmp_path / "national.toml")
    return tmp_path


def test_adding_a_region_is_adding_a_file(regions_dir):
    (regions_dir / "hainan.toml").write_text(
        """
[name]
zh = "海南省"
ug = "خەينەن ئۆلكىسى"

[periods.objection]
count = 7
unit = "working_days"
from = "delivery"
source = "009:12(3)"
""",
        encoding="utf-8",
    )
    assert "hainan" in region_codes(regions_dir)
    profile = load_profile("hainan", regions_dir)
    assert profile.period("objection").count == 7
    assert profile.period("objection").source == "009:12(3)"
    assert profile.period("acceptance_review").source == NATIONAL_DEFAULT
    assert {r.code for r in profile.refusals} == {
        "not_insured",
        "not_meeting_conditions",
        "outside_fund_scope",
        "incomplete_materials",
    }


def test_a_region_can_drop_a_national_rule(regions_dir):
    (regions_dir / "hainan.toml").write_text(
        '[name]\nzh = "海南省"\nug = "خەينەن ئۆلكىسى"\n'
        '[refusals.outside_fund_scope]\napplies = false\nsource = "009:6"\n',
        encoding="utf-8",
    )
    assert load_profile("hainan", regions_dir).refusal("outside_fund_scope") is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[refusals.new_rule]\nmessage.zh = "x"\n', "needs a source"),
        ('[refusals.not_insured]\nsource = "article 12"\n', "is not like"),
        (
            '[periods.objection]\ncount = 3\nunit = "fortnights"\nfrom = "delivery"\n'
            'source = "009:1"\n',
            "unit",
        ),
        ('[self_assessment]\nform = "national_standard"\n', "needs a source"),
        ('[periods.objection]\ncount = 3\nunit = "days"\nfrom = "delivery"\n', "needs a source"),
        ('[periods.objection]\ncount = 3\nunit = "days"\nsource = "009:1"\n', "needs 'from'"),
        ('[periods.objection]\ncount = 3\nfrom = "delivery"\nsource = "009:1"\n', "both"),
        ("[surprises]\nx = 1\n", "unknown sections"),
        ('[name]\nzh = "海南省"\nug = ""\n', "empty text for ug"),
    ],
)
def test_malformed_region_files_are_rejected(regions_dir, content, message):
    (regions_dir / "broken.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        load_profile("broken", regions_dir)
