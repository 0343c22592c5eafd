"""Region profiles against every row of POLICY.md §1–§5, each test naming its article.

"Not stated" means not stated: no value falls back to another region's rule, and the
national file holds only what all three provincial documents (000, 001, 002) state alike.
"""

import json
import shutil

import pytest

from portal.policy.documents import documents_cited
from portal.policy.errors import ProfileError, UnknownRegion
from portal.policy.profiles import (
    PERIOD_RULES,
    REGIONS_DIR,
    load_profile,
    region_codes,
)

ALL_REGIONS = ["fuzhou", "heilongjiang", "ningxia", "tianjin", "xinjiang"]
SHARED = {"000", "001", "002"}


def test_region_codes_national_is_not_a_region():
    assert region_codes() == ALL_REGIONS
    with pytest.raises(UnknownRegion):
        load_profile("national")


@pytest.mark.parametrize("code", ["atlantis", "../ningxia", "National", ""])
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
def test_to_dict_is_json_with_every_section_and_a_citation_beside_each_source(code):
    data = json.loads(json.dumps(load_profile(code).to_dict(), ensure_ascii=False))
    assert data["code"] == code
    assert set(data["periods"]) == set(PERIOD_RULES)
    assert {"self_assessment", "refusals", "materials", "service_types", "pledge"} <= set(data)
    for refusal in data["refusals"]:
        assert refusal["citation"]["zh"].startswith("《")


@pytest.mark.parametrize("code", ALL_REGIONS)
def test_a_region_cites_its_own_document_or_what_all_three_share_never_another_regions(code):
    """POLICY.md opening: a value a region's document does not state is never another
    region's rule; the only fallback is what 000, 001 and 002 say alike."""
    profile = load_profile(code)
    for source in _sources(profile.to_dict()):
        if source is None:
            continue
        cited = documents_cited(source)
        assert cited == {profile.document} or cited >= SHARED or cited <= {profile.document}, (
            code,
            source,
        )


def test_national_holds_only_what_000_001_and_002_all_state(tmp_path):
    shutil.copy(REGIONS_DIR / "ningxia.toml", tmp_path / "ningxia.toml")
    national = (REGIONS_DIR / "national.toml").read_text(encoding="utf-8")
    (tmp_path / "national.toml").write_text(
        national.replace(
            "[periods.publicity_end]\n",
            '[periods.publicity_end]\ncount = 3\nunit = "working_days"\nsource = "000:15(3)"\n',
        ),
        encoding="utf-8",
    )
    with pytest.raises(ProfileError, match="must cite 000, 001 and 002"):
        load_profile("ningxia", tmp_path)


def test_a_shared_rule_cites_the_regions_own_article_ningxia_000_14():
    assert load_profile("ningxia").period("acceptance_review").source == "000:14"
    assert load_profile("xinjiang").period("acceptance_review").source == "001:7"
    assert load_profile("heilongjiang").period("acceptance_review").source == "002:7"
    fuzhou = load_profile("fuzhou").period("acceptance_review")
    assert fuzhou.source == "000:14; 001:7; 002:7"


# ------------------------------------------------------------------ POLICY.md §1

REFUSALS = {
    "ningxia": {
        "not_insured": "000:12.2(1)",
        "not_meeting_conditions": "000:12.2(2)",
        "disabled_under_6_months": "000:12.2(2); 000:16",
        "work_injury_care_allowance": "000:12.2(3)",
        "outside_fund_scope": "000:12.2(4)",
        "incomplete_materials": "000:12.2(5)",
        "other_reasons": "000:12.2(6)",
    },
    "xinjiang": {
        "not_insured": "001:6.2(1)",
        "not_meeting_conditions": "001:6.2(2)",
        "outside_fund_scope": "001:6.2(3)",
        "incomplete_materials": "001:6.2(4)",
        "disabled_under_6_months": "001:6.2(5)",
        "recent_failed_conclusion": "001:6.2(6)",
        "no_clear_change_since_failed": "001:6.2(6)",
        "other_reasons": "001:6.2(7)",
    },
    "heilongjiang": {
        "not_insured": "002:6.2(1)",
        "insured_and_treated_under_6_months": "002:6.2(2)",
        "not_meeting_conditions": "002:6.2(3)",
        "outside_fund_scope": "002:6.2(4)",
        "incomplete_materials": "002:6.2(5)",
        "other_reasons": "002:6.2(6)",
    },
}


@pytest.mark.parametrize("region", list(REFUSALS))
def test_refusal_rules_are_exactly_those_of_policy_section_1_in_document_order(region):
    profile = load_profile(region)
    assert [(r.code, r.source) for r in profile.refusals] == list(REFUSALS[region].items())


@pytest.mark.parametrize("region", ["fuzhou", "tianjin"])
def test_fuzhou_and_tianjin_only_have_the_refusals_all_three_state(region):
    codes = {r.code for r in load_profile(region).refusals}
    assert codes == {
        "not_insured",
        "not_meeting_conditions",
        "outside_fund_scope",
        "incomplete_materials",
        "other_reasons",
    }


def test_work_injury_allowance_only_in_ningxia_000_12_3():
    assert load_profile("ningxia").refusal("work_injury_care_allowance") is not None
    for region in ("xinjiang", "heilongjiang", "fuzhou", "tianjin"):
        assert load_profile(region).refusal("work_injury_care_allowance") is None


def test_xinjiang_001_6_6_is_two_grounds_joined_by_or_about_a_failed_conclusion():
    profile = load_profile("xinjiang")
    recent = profile.refusal("recent_failed_conclusion")
    unchanged = profile.refusal("no_clear_change_since_failed")
    assert recent is not None and unchanged is not None
    assert "未通过" in recent.rule.zh and "或者" in recent.rule.zh
    assert "且" not in recent.rule.zh and "并且" not in recent.rule.zh
    assert "ياكى" in recent.rule.ug and "ھەم " not in recent.rule.ug
    assert "未通过" in unchanged.message.zh and "没有明显变化" in unchanged.message.zh


def test_heilongjiang_002_6_2_needs_both_insured_and_treated_under_6_months():
    rule = load_profile("heilongjiang").refusal("insured_and_treated_under_6_months")
    assert rule is not None
    assert "并且" in rule.rule.zh


def test_incomplete_materials_promises_nothing_the_documents_owe_institutions_000_27():
    """一次性告知 is owed to institutions (000:27(2), 001:11, 002:11), never cited to citizens."""
    for region in ALL_REGIONS:
        rule = load_profile(region).refusal("incomplete_materials")
        assert rule is not None
        assert "经办机构会一次性" not in rule.instead.zh


@pytest.mark.parametrize(
    ("region", "form", "required", "source"),
    [
        ("ningxia", "national_standard", True, "000:12.1"),
        ("xinjiang", "xinjiang_six_item", True, "001:6.1(5); 001:附件3"),
        ("heilongjiang", "national_standard", False, None),
        ("fuzhou", "national_standard", False, None),
        ("tianjin", "national_standard", False, None),
    ],
    ids=["ningxia-000_12", "xinjiang-001_6", "heilongjiang-not-stated", "fuzhou", "tianjin"],
)
def test_self_assessment_first(region, form, required, source):
    rule = load_profile(region).self_assessment
    assert (rule.form, rule.required, rule.source) == (form, required, source)


# ------------------------------------------------------------------ POLICY.md §1 and §2

MATERIALS = {
    "ningxia": [
        "id_document",
        "medical_records",
        "application_form",
        "power_of_attorney",
        "self_assessment",
    ],
    "xinjiang": [
        "application_form",
        "id_document",
        "agent_id_and_bank_card",
        "power_of_attorney",
        "medical_records",
        "self_assessment",
        "pledge",
        "other_required",
    ],
    "heilongjiang": ["id_document", "application_form", "medical_records"],
}


@pytest.mark.parametrize("region", list(MATERIALS))
def test_materials_of_policy_section_2_in_document_order(region):
    materials = load_profile(region).materials
    assert [m.code for m in materials] == MATERIALS[region]
    assert all(documents_cited(m.source) == {load_profile(region).document} for m in materials)


@pytest.mark.parametrize(
    ("region", "code", "source"),
    [
        ("ningxia", "power_of_attorney", "000:12.1(4)"),
        ("xinjiang", "power_of_attorney", "001:6.1(3); 001:附件2"),
        ("xinjiang", "agent_id_and_bank_card", "001:6.1(2)"),
    ],
)
def test_only_an_agent_gives_a_power_of_attorney_never_a_guardian(region, code, source):
    material = next(m for m in load_profile(region).materials if m.code == code)
    assert material.needed_by == ("agent",)
    assert not material.needed_from("guardian") and not material.needed_from("self")
    assert material.source == source


def test_materials_everyone_brings_ningxia_000_12_1():
    for material in load_profile("ningxia").materials:
        if material.code != "power_of_attorney":
            assert set(material.needed_by) == {"self", "guardian", "agent"}


def test_ningxia_medical_records_need_the_hospital_seal_000_12_1_2():
    material = next(m for m in load_profile("ningxia").materials if m.code == "medical_records")
    assert "公章" in material.name.zh and material.source == "000:12.1(2)"


# ------------------------------------------------------------------ POLICY.md §3 (data)

PERIODS = [
    ("ningxia", "acceptance_review", 5, "working_days", "acceptance", "000:14"),
    ("xinjiang", "acceptance_review", 5, "working_days", "acceptance", "001:7"),
    ("heilongjiang", "acceptance_review", 5, "working_days", "acceptance", "002:7"),
    ("ningxia", "conclusion_delivery", 30, "working_days", "acceptance", "000:15(3)"),
    ("xinjiang", "conclusion_delivery", 30, "working_days", "acceptance", "001:8(1)3; 001:8(2)3"),
    ("heilongjiang", "conclusion_delivery", 30, "working_days", "acceptance", "002:8(4)"),
    ("ningxia", "publicity_end", 3, "working_days", "publicity_start", "000:15(3)"),
    ("xinjiang", "publicity_end", 5, "working_days", "publicity_start", "001:8(2)3"),
    ("heilongjiang", "publicity_end", None, None, "publicity_start", None),
    ("ningxia", "objection", 10, "working_days", "delivery", "000:15(5)"),
    (
        "xinjiang",
        "objection",
        5,
        "working_days",
        "publicity_start",
        "001:8(1)5; 001:8(2)5; 001:8(2)3",
    ),
    ("heilongjiang", "objection", 15, "working_days", "delivery", "002:8(6)"),
    ("ningxia", "reassessment_earliest", 6, "months", "conclusion", "000:15(6)"),
    ("xinjiang", "reassessment_earliest", 6, "months", "conclusion", "001:8(1)6"),
    ("heilongjiang", "reassessment_earliest", 6, "months", "conclusion", "002:8(7)1"),
    ("ningxia", "validity_end", 2, "years", "conclusion", "000:15(2)"),
    ("xinjiang", "validity_end", 2, "years", "conclusion", "001:8(1)2"),
    ("heilongjiang", "validity_end", 2, "years", "conclusion", "002:8(3)"),
    ("ningxia", "benefit_start", 1, "month_start", "approval", "000:16"),
    ("xinjiang", "benefit_start", 1, "month_start", "conclusion", "001:8(2)4; 001:16"),
    ("heilongjiang", "benefit_start", None, None, None, None),
    ("fuzhou", "benefit_start", None, None, None, None),
    ("tianjin", "benefit_start", None, None, None, None),
    ("tianjin", "service_mode_change", 1, "month_start", "service_mode_change", "004:(五)"),
    ("ningxia", "service_mode_change", None, None, None, None),
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


def test_benefit_start_is_not_stated_in_heilongjiang_002_nor_borrowed_from_000_16():
    for region in ("heilongjiang", "fuzhou", "tianjin"):
        period = load_profile(region).period("benefit_start")
        assert not period.stated and period.source is None


@pytest.mark.parametrize("region", ["ningxia", "xinjiang", "heilongjiang", "fuzhou", "tianjin"])
def test_conclusion_delivery_is_30_working_days_in_principle_000_15_3(region):
    period = load_profile(region).period("conclusion_delivery")
    assert (period.count, period.qualifier) == (30, "in_principle")


def test_xinjiang_complex_case_extension_is_30_calendar_days_001_8():
    extension = load_profile("xinjiang").period("conclusion_delivery").extension
    assert extension is not None
    assert (extension.count, extension.unit) == (30, "days")
    assert load_profile("ningxia").period("conclusion_delivery").extension is None


def test_publicity_lasts_at_least_ningxia_000_15_3_and_xinjiang_only_way_2_001_8_2_3():
    assert load_profile("ningxia").period("publicity_end").qualifier == "at_least"
    xinjiang = load_profile("xinjiang").period("publicity_end")
    assert xinjiang.qualifier == "at_least"
    assert xinjiang.condition is not None and "没有写公示几天" in xinjiang.condition.zh


def test_ningxia_objection_is_written_and_late_ones_not_accepted_000_15_5():
    period = load_profile("ningxia").period("objection")
    assert (period.written, period.late_not_accepted, period.from_is_reading) == (
        True,
        True,
        False,
    )


def test_xinjiang_objection_within_publicity_written_stating_grounds_001_8_1_5():
    period = load_profile("xinjiang").period("objection")
    assert period.written is True and not period.late_not_accepted
    assert period.publicised_only and period.qualifier == "at_least"
    assert period.must_state is not None
    assert all(word in period.must_state.zh for word in ("复评请求", "事实", "理由", "依据"))


def test_heilongjiang_objection_15_working_days_start_is_the_portals_reading_002_8_6():
    """No "written", no "late refused": 002:8(6) does not say them."""
    period = load_profile("heilongjiang").period("objection")
    assert (period.count, period.runs_from, period.from_is_reading) == (15, "delivery", True)
    assert period.written is None and period.late_not_accepted is False
    assert period.must_state is None


@pytest.mark.parametrize("region", ["fuzhou", "tianjin"])
def test_objection_and_publicity_not_stated_outside_the_provincial_documents(region):
    for rule in ("objection", "publicity_end"):
        assert not load_profile(region).period(rule).stated


@pytest.mark.parametrize(
    ("region", "source"),
    [("ningxia", "000:15(6)"), ("xinjiang", "001:8(1)6"), ("heilongjiang", "002:8(7)1")],
)
def test_reassessment_needs_a_change_and_a_6_month_old_conclusion(region, source):
    period = load_profile(region).period("reassessment_earliest")
    assert period.source == source
    change, age = period.conditions
    assert "失能状态发生了变化" in change.zh and "满6个月" in age.zh


@pytest.mark.parametrize(
    ("region", "source"),
    [("ningxia", "000:15(2)"), ("xinjiang", "001:8(1)2"), ("heilongjiang", "002:8(3)")],
)
def test_validity_is_generally_at_most_2_years(region, source):
    period = load_profile(region).period("validity_end")
    assert (period.count, period.unit, period.qualifier, period.source) == (
        2,
        "years",
        "generally_at_most",
        source,
    )


# ------------------------------------------------------------------ POLICY.md §4, §5, pledge


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
    assert pledge is not None and pledge.source == "001:附件4"
    assert pledge.text.zh.startswith("我已经全面了解新疆维吾尔自治区长期护理保险制度")
    assert "当年自愿放弃再次申请权利" in pledge.text.zh
    assert pledge.text.ug.count("\n") == pledge.text.zh.count("\n")


def test_pledge_only_where_the_document_asks_for_one_000_12_1_3():
    assert load_profile("ningxia").pledge.source == "000:12.1(3)"
    for region in ("heilongjiang", "fuzhou", "tianjin"):
        assert load_profile(region).pledge is None


def test_xinjiang_re_evaluation_runs_with_the_next_months_batch_unpublicised_001_8():
    rule = load_profile("xinjiang").re_evaluation
    assert (rule.batch, rule.publicised_again) == ("next_month", False)
    assert rule.source == "001:8(1)5; 001:8(2)5"
    for region in ("ningxia", "heilongjiang", "fuzhou", "tianjin"):
        other = load_profile(region).re_evaluation
        assert (other.source, other.batch, other.publicised_again) == (None, None, None)


@pytest.mark.parametrize(
    ("code", "source"),
    [
        ("hospital_stay", "000:23(1)"),
        ("death", "000:23(2)"),
        ("change_of_institution", "000:23(3)"),
    ],
)
def test_ningxia_status_changes_000_23_and_nowhere_else(code, source):
    assert load_profile("ningxia").provision(code).source == source
    for region in ("xinjiang", "heilongjiang"):
        assert load_profile(region).provision(code) is None


def test_ningxia_suspension_and_resumption_000_24():
    profile = load_profile("ningxia")
    assert profile.provision("suspension").source.startswith("000:24.1(1)")
    assert "次月" in profile.provision("resumption").text.zh


@pytest.mark.parametrize(
    ("code", "source"),
    [
        ("assessment_specialist", "003:4(3)"),
        ("result_delivery", "003:4(4)"),
        ("ratings", "003:4(13)"),
        ("districts", "003:5"),
        ("yearly_follow_up", "003:8"),
        ("complaints", "003:14"),
    ],
)
def test_fuzhou_provisions_for_later_features(code, source):
    assert load_profile("fuzhou").provision(code).source == source


def test_fuzhou_districts_003_5_and_complaints_003_14_as_values():
    profile = load_profile("fuzhou")
    assert profile.provision("districts").values == {
        "institutional_care": "institution_address",
        "home_care": "care_bed_address",
    }
    complaints = profile.provision("complaints").values
    assert complaints["about_third_party"] == "agency"
    assert complaints["about_institutions"] == "third_party"
    assert complaints["time_limit_stated"] is False


@pytest.mark.parametrize(
    ("code", "source"),
    [
        ("treatment_six_months_checked", "004:(三)"),
        ("refused_costs_not_passed_on", "004:(八)"),
        ("home_care_ratio", "004:(四)"),
        ("own_share_paid_to_institution", "004:(九)"),
    ],
)
def test_tianjin_provisions_for_later_features(code, source):
    assert load_profile("tianjin").provision(code).source == source


def test_tianjin_caregiver_ratio_5_to_10_004_4():
    assert load_profile("tianjin").provision("home_care_ratio").values == {
        "minimum": 5,
        "maximum": 10,
    }


@pytest.mark.parametrize(
    ("region", "prefix"),
    [
        ("ningxia", "NX"),
        ("xinjiang", "XJ"),
        ("heilongjiang", "HL"),
        ("fuzhou", "FZ"),
        ("tianjin", "TJ"),
    ],
)
def test_reference_letters_are_region_data(region, prefix):
    assert load_profile(region).reference_prefix == prefix


# ------------------------------------------------------------------ regions are data


@pytest.fixture
def regions_dir(tmp_path):
    shutil.copy(REGIONS_DIR / "national.toml", tmp_path / "national.toml")
    return tmp_path


HAINAN = """
code = "hainan"
document = "000"
reference_prefix = "HN"

[name]
zh = "海南省"
ug = "خەينەن ئۆلكىسى"

[self_assessment]
form = "national_standard"
"""


def test_adding_a_region_is_adding_a_file(regions_dir):
    (regions_dir / "hainan.toml").write_text(
        HAINAN
        + """
[periods.objection]
count = 7
unit = "working_days"
from = "delivery"
source = "000:15(5)"
""",
        encoding="utf-8",
    )
    assert "hainan" in region_codes(regions_dir)
    profile = load_profile("hainan", regions_dir)
    assert profile.period("objection").count == 7
    assert profile.period("acceptance_review").source == "000:14"
    assert not profile.period("benefit_start").stated


def test_a_region_can_drop_a_shared_rule(regions_dir):
    (regions_dir / "hainan.toml").write_text(
        HAINAN + "[refusals.outside_fund_scope]\napplies = false\n", encoding="utf-8"
    )
    assert load_profile("hainan", regions_dir).refusal("outside_fund_scope") is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[refusals.new_rule]\nmessage.zh = "x"\n', "needs a source"),
        ('[refusals.not_insured]\nsource = "article 12"\n', "is not like"),
        ('[refusals.not_insured]\nsource = "000:12(1)"\n', "no numbered list"),
        (
            '[periods.objection]\ncount = 3\nunit = "fortnights"\nfrom = "delivery"\n'
            'source = "000:1"\n',
            "unit",
        ),
        ('[periods.objection]\ncount = 3\nunit = "days"\nfrom = "delivery"\n', "needs a source"),
        ('[periods.objection]\ncount = 3\nunit = "days"\nsource = "000:1"\n', "needs 'from'"),
        ('[periods.objection]\ncount = 3\nfrom = "delivery"\nsource = "000:1"\n', "both"),
        ("[periods.validity_end]\nwritten = true\n", "are for objections"),
        ("[periods.objection]\nwriten = true\n", "unknown keys"),
        ('[provisions.parking]\nsource = "000:1"\ntext = { zh = "x", ug = "y" }\n', "provision"),
        ("[surprises]\nx = 1\n", "unknown sections"),
    ],
)
def test_malformed_region_files_are_rejected(regions_dir, content, message):
    (regions_dir / "broken.toml").write_text(HAINAN + content, encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        load_profile("broken", regions_dir)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HAINAN.replace('reference_prefix = "HN"', ""), "reference_prefix"),
        (HAINAN.replace('document = "000"', 'document = "042"'), "document must be"),
        (HAINAN.replace('form = "national_standard"', 'form = "barthel"'), "form must be"),
        (HAINAN + "required = true\n", "needs a source"),
        (HAINAN.replace('ug = "خەينەن ئۆلكىسى"', 'ug = ""'), "empty text for ug"),
    ],
)
def test_malformed_region_headers_are_rejected(regions_dir, content, message):
    (regions_dir / "broken.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError, match=message):
        load_profile("broken", regions_dir)
