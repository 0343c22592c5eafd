"""Eligibility pre-check: each refusal reason of POLICY.md §1 per region, nothing from unknown
facts. These are warnings the portal shows before the person submits; the agency decides."""

from datetime import date

import pytest

from portal.policy.eligibility import KnownFacts, check_eligibility, checkable_rules
from portal.policy.profiles import region_codes
from portal.policy.text import Text

SHARED_NOT_INSURED = "000:12.2(1); 001:6.2(1); 002:6.2(1)"

TODAY = date(2026, 9, 15)


def rules(facts):
    return [(r.rule, r.source) for r in check_eligibility(facts)]


@pytest.mark.parametrize("region", region_codes())
def test_unknown_facts_never_refuse(region):
    assert check_eligibility(KnownFacts(region=region, today=TODAY)) == []


@pytest.mark.parametrize(
    ("region", "source"),
    [
        ("ningxia", "000:12.2(1)"),
        ("xinjiang", "001:6.2(1)"),
        ("heilongjiang", "002:6.2(1)"),
        ("fuzhou", SHARED_NOT_INSURED),
        ("tianjin", SHARED_NOT_INSURED),
    ],
)
def test_not_insured(region, source):
    facts = KnownFacts(region=region, today=TODAY, insured=False)
    assert rules(facts) == [("not_insured", source)]
    assert check_eligibility(KnownFacts(region=region, today=TODAY, insured=True)) == []


def test_work_injury_care_allowance_ningxia_000_12_3():
    facts = KnownFacts(region="ningxia", today=TODAY, receives_work_injury_care_allowance=True)
    [refusal] = check_eligibility(facts)
    assert (refusal.rule, refusal.source) == ("work_injury_care_allowance", "000:12.2(3)")
    assert refusal.citation.text("zh").endswith("第十二条第二款第三项")
    assert "工伤保险生活护理费" in refusal.message.zh
    assert refusal.instead.zh and refusal.instead.ug


@pytest.mark.parametrize("region", ["xinjiang", "heilongjiang", "fuzhou"])
def test_work_injury_care_allowance_not_a_rule_elsewhere(region):
    facts = KnownFacts(region=region, today=TODAY, receives_work_injury_care_allowance=True)
    assert check_eligibility(facts) == []


@pytest.mark.parametrize(
    ("region", "source"),
    [("ningxia", "000:12.2(2); 000:16"), ("xinjiang", "001:6.2(5)")],
    ids=["ningxia-000_16", "xinjiang-001_6_5"],
)
@pytest.mark.parametrize(("months", "refused"), [(0, True), (5, True), (6, False), (30, False)])
def test_disabled_under_6_months(region, source, months, refused):
    facts = KnownFacts(region=region, today=TODAY, months_disabled=months)
    assert rules(facts) == ([("disabled_under_6_months", source)] if refused else [])


def test_disabled_under_6_months_not_a_rule_in_heilongjiang():
    assert (
        check_eligibility(KnownFacts(region="heilongjiang", today=TODAY, months_disabled=1)) == []
    )


@pytest.mark.parametrize(
    ("conclusion", "today", "possible_from"),
    [
        # refused until the corresponding day six months on (民法典 art. 202)
        (date(2026, 3, 15), date(2026, 9, 14), date(2026, 9, 15)),
        (date(2026, 3, 15), date(2026, 9, 15), None),
        # month-end: 2027 February has no 31st, so the 28th
        (date(2026, 8, 31), date(2027, 2, 27), date(2027, 2, 28)),
        (date(2026, 8, 31), date(2027, 2, 28), None),
        (date(2025, 1, 10), date(2026, 9, 15), None),
    ],
)
def test_recent_failed_conclusion_xinjiang_001_6_6(conclusion, today, possible_from):
    facts = KnownFacts(region="xinjiang", today=today, last_failed_conclusion=conclusion)
    refusals = check_eligibility(facts)
    if possible_from is None:
        assert refusals == []
    else:
        [refusal] = refusals
        assert (refusal.rule, refusal.source) == ("recent_failed_conclusion", "001:6.2(6)")
        assert refusal.possible_from == possible_from


def test_recent_failed_conclusion_possible_from_is_exact():
    facts = KnownFacts(
        region="xinjiang", today=date(2026, 10, 1), last_failed_conclusion=date(2026, 8, 31)
    )
    [refusal] = check_eligibility(facts)
    assert refusal.possible_from == date(2027, 2, 28)
    assert refusal.to_dict()["possible_from"] == "2027-02-28"


@pytest.mark.parametrize("region", ["ningxia", "heilongjiang"])
def test_recent_failed_conclusion_only_in_xinjiang(region):
    facts = KnownFacts(region=region, today=TODAY, last_failed_conclusion=date(2026, 8, 1))
    assert check_eligibility(facts) == []


@pytest.mark.parametrize(
    ("insured_since", "months_treated", "refused"),
    [
        (date(2026, 3, 16), 5, True),  # insured 5 months 30 days, treated 5 months
        (date(2026, 3, 15), 5, False),  # insured exactly six months today
        (date(2026, 6, 1), 6, False),  # treated six months is enough
        (date(2026, 6, 1), 0, True),
        (None, 2, False),  # insurance start unknown
        (date(2026, 6, 1), None, False),  # treatment unknown
    ],
)
def test_insured_and_treated_under_6_months_heilongjiang_002_6_2(
    insured_since, months_treated, refused
):
    facts = KnownFacts(
        region="heilongjiang",
        today=TODAY,
        insured_since=insured_since,
        months_treated=months_treated,
    )
    assert rules(facts) == (
        [("insured_and_treated_under_6_months", "002:6.2(2)")] if refused else []
    )


@pytest.mark.parametrize("region", ["ningxia", "xinjiang"])
def test_insured_and_treated_rule_only_in_heilongjiang(region):
    facts = KnownFacts(region=region, today=TODAY, insured_since=date(2026, 8, 1), months_treated=1)
    assert check_eligibility(facts) == []


def test_every_applicable_refusal_is_listed_in_profile_order():
    facts = KnownFacts(
        region="ningxia",
        today=TODAY,
        insured=False,
        months_disabled=2,
        receives_work_injury_care_allowance=True,
    )
    assert [r.rule for r in check_eligibility(facts)] == [
        "not_insured",
        "disabled_under_6_months",
        "work_injury_care_allowance",
    ]


def test_refusal_to_dict():
    [refusal] = check_eligibility(KnownFacts(region="xinjiang", today=TODAY, insured=False))
    data = refusal.to_dict()
    assert data["rule"] == "not_insured"
    assert data["source"] == "001:6.2(1)"
    assert data["citation"]["zh"] == "《新疆维吾尔自治区长期护理保险经办规程》第六条第二款第一项"
    assert data["message"]["zh"] == "参保人没有参加长期护理保险。"
    assert data["statement"]["zh"] == "没有参加长期护理保险的，不予受理评估申请。"
    assert data["instead"]["ug"]
    assert data["possible_from"] is None


def test_every_checkable_rule_is_used_by_some_region():
    from portal.policy.profiles import load_profile

    used = {r.code for code in region_codes() for r in load_profile(code).refusals}
    assert set(checkable_rules()) <= used


# ------------------------------------------------------------------ 001:6.2(6): "或" (or)


@pytest.mark.parametrize(
    ("changed", "conclusion", "expected"),
    [
        # less than 6 months since the failed conclusion: refused however much changed
        (True, date(2026, 5, 1), ["recent_failed_conclusion"]),
        # 6 months passed, but no clear change: the other ground alone is enough
        (False, date(2025, 1, 10), ["no_clear_change_since_failed"]),
        # both grounds
        (False, date(2026, 5, 1), ["recent_failed_conclusion", "no_clear_change_since_failed"]),
        # neither
        (True, date(2025, 1, 10), []),
        # "not sure" about a change decides nothing
        (None, date(2025, 1, 10), []),
    ],
)
def test_xinjiang_001_6_2_6_either_ground_alone_is_enough(changed, conclusion, expected):
    facts = KnownFacts(
        region="xinjiang",
        today=TODAY,
        last_failed_conclusion=conclusion,
        clear_change_since_failed=changed,
    )
    refusals = check_eligibility(facts)
    assert [r.rule for r in refusals] == expected
    assert all(r.source == "001:6.2(6)" for r in refusals)


def test_a_passed_conclusion_never_counts_001_6_2_6():
    """Only a failed conclusion is a fact here: a person whose last one passed gives none."""
    facts = KnownFacts(region="xinjiang", today=TODAY)
    assert check_eligibility(facts) == []


@pytest.mark.parametrize("region", ["ningxia", "heilongjiang"])
def test_no_clear_change_is_a_ground_only_in_xinjiang(region):
    facts = KnownFacts(region=region, today=TODAY, clear_change_since_failed=False)
    assert check_eligibility(facts) == []


# ------------------------------------------------------------------ materials (000:12.2(5))


@pytest.mark.parametrize(
    ("region", "source"),
    [
        ("ningxia", "000:12.2(5)"),
        ("xinjiang", "001:6.2(4)"),
        ("heilongjiang", "002:6.2(5)"),
        ("fuzhou", "000:12.2(5); 001:6.2(4); 002:6.2(5)"),
    ],
)
def test_missing_materials_are_a_warning_listing_them(region, source):
    missing = (Text(zh="住院病历或诊断证明", ug="كېسەللىك خاتىرىسى"),)
    facts = KnownFacts(region=region, today=TODAY, missing_materials=missing)
    [refusal] = check_eligibility(facts)
    assert (refusal.rule, refusal.source, refusal.details) == (
        "incomplete_materials",
        source,
        missing,
    )
    assert check_eligibility(KnownFacts(region=region, today=TODAY, missing_materials=())) == []
