"""Region rules the lifecycle follows, through the case services: xinjiang's objection within
publicity, re-evaluation with the next month's batch and never publicised again (001:8(1)5);
a late ningxia objection filed with a warning (000:15(5)); heilongjiang's unstated publicity
period (002:8(4)); 回避 refused; two people deciding at once."""

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
import time_machine
from flask import Flask

from portal.cases import StepNotAllowed, TransitionRefused, assessment, dates, decisions, review
from portal.cases.actors import Actor
from portal.clock import CHINA, china_today
from portal.extensions import db
from portal.models import Account, Case, CaseStep, StaffRole
from portal.policy import compute_deadline
from tests.functional.case_services import case_team, conclude, new_case
from tests.functional.staff import make_staff


@pytest.fixture
def context(app: Flask, roster: None) -> Iterator[None]:
    with (
        time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=CHINA), tick=False),
        app.test_request_context(),
    ):
        yield


def test_xinjiang_objection_runs_in_publicity_and_its_re_evaluation_is_final(
    app: Flask, context: None
) -> None:
    team = case_team(app, "xinjiang")
    case = new_case("xinjiang")
    review.accept(case, team["reviewer"])
    conclude(case, team, ("a1", "a2"))
    decisions.start_publicity(case, team["reviewer"])
    window = dates.objection_window(case)
    assert window is not None and window.runs_from == "publicity_start"
    assert window.closes == compute_deadline("xinjiang", "objection", date(2026, 3, 2)).due
    assert window.closes == dates.publicity_end(case).due  # type: ignore[union-attr]
    assert window.closes_at_least  # "不少于5个工作日": the notice may run longer

    applicant = Actor.of_citizen(db.session.get(Account, case.application.account_id))
    decisions.file_objection(
        case,
        applicant,
        received_on=china_today(),
        request="复评",
        facts="事实",
        reasons="理由",
        grounds="依据",
    )
    assert case.step is CaseStep.OBJECTION
    decisions.order_re_evaluation(case, team["reviewer"])
    with pytest.raises(TransitionRefused, match="2026 年 4 月"):
        assessment.schedule(
            case,
            team["reviewer"],
            visit_on=date(2026, 3, 20),
            assessor_ids=[team["b1"].staff.id, team["b2"].staff.id],
        )  # type: ignore[union-attr]
    with time_machine.travel(datetime(2026, 4, 8, 9, tzinfo=CHINA), tick=False):
        conclude(case, team, ("b1", "b2"), level=3)
        assert case.step is CaseStep.RE_EVALUATED
        with pytest.raises(TransitionRefused, match="不再公示"):
            decisions.start_publicity(case, team["reviewer"])
        decisions.deliver(case, team["reviewer"], delivered_on=china_today())
    assert case.step is CaseStep.FINAL


def test_a_late_ningxia_objection_is_filed_with_the_date_its_window_closed(
    app: Flask, context: None
) -> None:
    team = case_team(app, "ningxia")
    case = new_case("ningxia")
    review.accept(case, team["reviewer"])
    conclude(case, team, ("a1", "a2"), level=1)  # failed: not publicised, delivered directly
    with pytest.raises(TransitionRefused, match="不公示"):
        decisions.start_publicity(case, team["reviewer"])
    decisions.deliver(case, team["reviewer"], delivered_on=china_today())
    closes = compute_deadline("ningxia", "objection", date(2026, 3, 2)).due
    late = closes + timedelta(days=3)
    with time_machine.travel(
        datetime(late.year, late.month, late.day, 9, tzinfo=CHINA), tick=False
    ):
        event = decisions.file_objection(case, team["reviewer"], received_on=late, request="复评")
    assert event.data["late"] is True and event.data["window_due"] == closes.isoformat()
    assert case.step is CaseStep.OBJECTION  # the agency decides
    decisions.decline_objection(case, team["reviewer"], note="逾期不再受理（000:15(5)）")
    assert case.step is CaseStep.DELIVERED


def test_heilongjiang_states_no_publicity_period_so_the_agency_ends_it(
    app: Flask, context: None
) -> None:
    team = case_team(app, "heilongjiang")
    case = new_case("heilongjiang")
    review.accept(case, team["reviewer"])
    conclude(case, team, ("a1", "a2"))
    decisions.start_publicity(case, team["reviewer"])
    assert dates.publicity_end(case) is None and not dates.publicity_period_stated(case)
    decisions.deliver(case, team["reviewer"], delivered_on=china_today())
    assert case.step is CaseStep.DELIVERED


@pytest.mark.parametrize(
    ("round_", "refusal"),
    [
        (1, "上门评估至少要 2 名评估人员，其中至少 1 名评估专家。"),
        (2, "复评至少要 2 名评估专家参加。"),
    ],
    ids=["assessment", "re_evaluation"],
)
def test_a_team_of_two_non_experts_is_refused(
    app: Flask, context: None, round_: int, refusal: str
) -> None:
    team = case_team(app, "ningxia")
    helpers = [
        make_staff(app, f"helper{n}.ningxia", StaffRole.ASSESSOR, "ningxia", organisation="丙")
        for n in (1, 2)
    ]
    case = new_case("ningxia")
    review.accept(case, team["reviewer"])
    if round_ == 2:  # a failed conclusion, delivered, objected to: re-evaluation ordered
        conclude(case, team, ("a1", "a2"), level=1)
        decisions.deliver(case, team["reviewer"], delivered_on=china_today())
        decisions.file_objection(case, team["reviewer"], received_on=china_today(), request="复评")
        decisions.order_re_evaluation(case, team["reviewer"])
    step = case.step
    with pytest.raises(TransitionRefused, match=refusal):
        assessment.schedule(
            case, team["reviewer"], visit_on=china_today(), assessor_ids=[h.id for h in helpers]
        )
    assert case.step is step and assessment.members(case, round_) == []


def test_an_assessor_with_a_tie_steps_aside_and_cannot_record(app: Flask, context: None) -> None:
    team = case_team(app, "ningxia")
    case = new_case("ningxia")
    review.accept(case, team["reviewer"])
    assessment.schedule(
        case,
        team["reviewer"],
        visit_on=china_today(),
        assessor_ids=[team["a1"].staff.id, team["a2"].staff.id],
    )  # type: ignore[union-attr]
    assessment.declare(case, team["a1"], tie=True)
    assessment.declare(case, team["a2"], tie=False)
    with pytest.raises(TransitionRefused, match="只有参加上门评估的人员"):
        assessment.record_conclusion(case, team["a1"], level=4, qualifies=True)
    with pytest.raises(TransitionRefused, match="至少要 2 名评估人员"):
        assessment.record_conclusion(case, team["a2"], level=4, qualifies=True)


def test_two_reviewers_deciding_at_once_cannot_both_succeed(app: Flask, context: None) -> None:
    team = case_team(app, "ningxia")
    case = new_case("ningxia")
    version = case.version
    review.accept(case, team["reviewer"])
    # The second reviewer's page was loaded before the first decided.
    with db.session.no_autoflush:
        case.step, case.version = CaseStep.SUBMITTED, version
        with pytest.raises(StepNotAllowed):
            review.refuse(case, team["reviewer"], reasons=["not_insured"])
    assert db.session.get(Case, case.id).step is CaseStep.ACCEPTED


def test_a_stated_validity_must_follow_the_conclusion_when_it_is_made(
    app: Flask, context: None
) -> None:
    team = case_team(app, "ningxia")
    case = new_case("ningxia")
    review.accept(case, team["reviewer"])
    assessment.schedule(
        case,
        team["reviewer"],
        visit_on=china_today(),
        assessor_ids=[team["a1"].staff.id, team["a2"].staff.id],  # type: ignore[union-attr]
    )
    for name in ("a1", "a2"):
        assessment.declare(case, team[name], tie=False)
    with pytest.raises(TransitionRefused, match="结论作出的日期以后") as refused:
        assessment.record_conclusion(
            case, team["a1"], level=4, qualifies=True, valid_until=china_today()
        )
    assert refused.value.field == "valid_until"
    with pytest.raises(TransitionRefused, match="请检查年份是否填错") as mistyped:
        assessment.record_conclusion(
            case, team["a1"], level=4, qualifies=True, valid_until=date(2207, 3, 1)
        )
    assert mistyped.value.field == "valid_until"
    assessment.record_conclusion(
        case, team["a1"], level=4, qualifies=True, valid_until=date(2026, 3, 3)
    )
    # Confirmed a day later, the conclusion is made on the very day the validity ends.
    with time_machine.travel(datetime(2026, 3, 3, 9, tzinfo=CHINA), tick=False):
        with pytest.raises(TransitionRefused, match=r"2026年3月3日.*请退回结论"):
            assessment.confirm(case, team["a2"])
        assert case.step is CaseStep.CONCLUSION_PROPOSED
        assessment.return_conclusion(case, team["a2"], reason="有效期填错了")
        assessment.record_conclusion(
            case, team["a1"], level=4, qualifies=True, valid_until=date(2028, 2, 29)
        )
        assessment.confirm(case, team["a2"])
    assert case.step is CaseStep.CONCLUDED
    validity = dates.validity(case)
    assert validity is not None
    assert (validity.until, validity.at_most, validity.source) == (date(2028, 2, 29), False, None)
