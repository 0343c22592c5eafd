"""The on-site assessment and the re-evaluation: a visit by at least 2 assessors (at least 1
an expert), each declaring no family or interest tie or stepping aside (回避, 000:15(1),
001:8(1)1); a conclusion at a level of the national standard, confirmed by at least 2 experts
(000:15(2)). A re-evaluation (复评) takes at least 2 experts, and the first assessment's
institution and assessors step aside (000:15(5), 001:8(1)5, 002:8(6)); xinjiang does it with
the next month's batch (001:8(1)5)."""

from datetime import date, datetime

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from portal.cases.actors import Actor
from portal.cases.dates import re_evaluation_batch, visit
from portal.cases.engine import Change, TransitionRefused, last_event, transition
from portal.clock import china_date
from portal.dates import day_text
from portal.extensions import db
from portal.models import AssessmentMember, Case, CaseStep, StaffRole, StaffUser, utcnow
from portal.policy import (
    MIN_CONFIRMING_EXPERTS,
    MIN_EXPERTS_ON_VISIT,
    MIN_RE_EVALUATION_EXPERTS,
    MIN_VISITING_ASSESSORS,
    add_months,
    load_form,
)
from portal.policy.assessment import CONCLUSION_FORM

# A validity stated further ahead than this is taken for a mistyped year (the documents say
# "generally not more than 2 years" where they say anything).
TYPO_YEARS = 5

SCHEDULERS = {StaffRole.SPECIALIST.value, StaffRole.REVIEWER.value}
ASSESSOR = {StaffRole.ASSESSOR.value}
RE_EVALUATION_STEPS = frozenset(
    {
        CaseStep.RE_EVALUATION,
        CaseStep.RE_EVALUATION_SCHEDULED,
        CaseStep.RE_EVALUATION_PROPOSED,
        CaseStep.RE_EVALUATED,
    }
)
SCHEDULED = {1: CaseStep.ASSESSMENT_SCHEDULED, 2: CaseStep.RE_EVALUATION_SCHEDULED}
PROPOSED = {1: CaseStep.CONCLUSION_PROPOSED, 2: CaseStep.RE_EVALUATION_PROPOSED}
CONCLUDED = {1: CaseStep.CONCLUDED, 2: CaseStep.RE_EVALUATED}


def _staff(actor: Actor) -> StaffUser:
    if actor.staff is None:  # the transitions' `by` admits staff only
        raise TransitionRefused(_("您的岗位不能做这一步。"))
    return actor.staff


def round_of(case: Case) -> int:
    return 2 if case.step in RE_EVALUATION_STEPS else 1


def members(case: Case, round_: int) -> list[AssessmentMember]:
    query = select(AssessmentMember).filter_by(case_id=case.id, round=round_)
    return list(db.session.scalars(query.order_by(AssessmentMember.id)))


def taking_part(case: Case, round_: int) -> list[AssessmentMember]:
    return [m for m in members(case, round_) if m.recused_at is None]


def _member(case: Case, round_: int, user: StaffUser) -> AssessmentMember | None:
    return next((m for m in members(case, round_) if m.staff_user_id == user.id), None)


def member_of(case: Case, user: StaffUser) -> AssessmentMember | None:
    """This assessor's place in the current round, if they have one."""
    return _member(case, round_of(case), user)


def first_assessment_excluded(case: Case) -> tuple[set[int], set[str]]:
    """Assessors and institutions of the first assessment, who step aside in a re-evaluation."""
    first = taking_part(case, 1)
    return {m.staff_user_id for m in first}, {
        m.staff_user.organisation for m in first if m.staff_user.organisation
    }


def eligible_assessors(case: Case) -> list[StaffUser]:
    """Active assessors of the case's region; for a re-evaluation, not those of the first
    assessment nor of its institution."""
    query = select(StaffUser).where(
        StaffUser.role == StaffRole.ASSESSOR,
        StaffUser.disabled_at.is_(None),
        (StaffUser.region_code == case.region_code) | StaffUser.region_code.is_(None),
    )
    found = list(db.session.scalars(query.order_by(StaffUser.full_name, StaffUser.username)))
    if round_of(case) == 2:
        people, organisations = first_assessment_excluded(case)
        found = [u for u in found if u.id not in people and u.organisation not in organisations]
    return found


def _check_team(case: Case, round_: int, team: list[StaffUser]) -> None:
    experts = sum(1 for user in team if user.is_expert)
    if round_ == 1 and (len(team) < MIN_VISITING_ASSESSORS or experts < MIN_EXPERTS_ON_VISIT):
        raise TransitionRefused(
            _("上门评估至少要 2 名评估人员，其中至少 1 名评估专家。"), "assessors"
        )
    if round_ == 2 and experts < MIN_RE_EVALUATION_EXPERTS:
        raise TransitionRefused(_("复评至少要 2 名评估专家参加。"), "assessors")


@transition(
    "assessment_scheduled",
    from_steps={
        CaseStep.ACCEPTED,
        CaseStep.ASSESSMENT_SCHEDULED,
        CaseStep.RE_EVALUATION,
        CaseStep.RE_EVALUATION_SCHEDULED,
    },
    by=SCHEDULERS,
)
def schedule(
    case: Case,
    actor: Actor,
    *,
    visit_on: date,
    assessor_ids: list[int],
    at: datetime | None = None,
) -> Change:
    """Sets (or changes) the visit date and the team. Declarations already made are kept."""
    round_ = round_of(case)
    if visit_on < china_date(at or utcnow()):
        raise TransitionRefused(_("上门评估的日期不能早于今天。"), "visit_on")
    _check_batch(case, round_, visit_on)
    eligible = {user.id: user for user in eligible_assessors(case)}
    chosen = list(dict.fromkeys(assessor_ids))
    if any(user_id not in eligible for user_id in chosen):
        raise TransitionRefused(
            _("选的人里有不能参加这次评估的人（不是本地区的评估人员，或须回避）。"), "assessors"
        )
    team = [eligible[user_id] for user_id in chosen]
    _check_team(case, round_, team)
    _replace_team(case, round_, chosen)
    return Change(
        SCHEDULED[round_],
        {"round": round_, "visit_on": visit_on.isoformat(), "assessors": chosen},
    )


def _check_batch(case: Case, round_: int, visit_on: date) -> None:
    batch = re_evaluation_batch(case) if round_ == 2 else None
    if batch is not None and not batch <= visit_on < add_months(batch, 1):
        raise TransitionRefused(
            _(
                "本地区的复评与次月的评定一同进行（001:8）："
                "请选 %(year)s 年 %(month)s 月里的日期。",
                year=batch.year,
                month=batch.month,
            ),
            "visit_on",
        )


def _replace_team(case: Case, round_: int, chosen: list[int]) -> None:
    existing = {m.staff_user_id: m for m in members(case, round_)}
    for user_id, member in existing.items():
        if user_id not in chosen and member.recused_at is None and member.on_visit:
            db.session.delete(member)
    for user_id in chosen:
        if user_id in existing:
            existing[user_id].on_visit = True
        else:
            db.session.add(AssessmentMember(case_id=case.id, round=round_, staff_user_id=user_id))


ASSESSING = {
    CaseStep.ASSESSMENT_SCHEDULED,
    CaseStep.RE_EVALUATION_SCHEDULED,
    CaseStep.CONCLUSION_PROPOSED,
    CaseStep.RE_EVALUATION_PROPOSED,
}


@transition("assessor_declared", from_steps=ASSESSING, by=ASSESSOR)
def declare(case: Case, actor: Actor, *, tie: bool, at: datetime | None = None) -> Change:
    """An assessor on the visit, or an expert asked to confirm, declares whether they have a
    family or interest tie with the person; with one they step aside (回避)."""
    staff = _staff(actor)
    round_ = round_of(case)
    member = _member(case, round_, staff)
    if member is None:
        if not _may_confirm(case, round_, staff):
            raise TransitionRefused(_("您不在这次评估的名单上。"))
        member = AssessmentMember(
            case_id=case.id, round=round_, staff_user_id=staff.id, on_visit=False
        )
        db.session.add(member)
    if member.recused_at is not None or member.declared_no_tie_at is not None:
        raise TransitionRefused(_("您已经声明过了。"))
    now = at or utcnow()
    if tie:
        member.recused_at = now
    else:
        member.declared_no_tie_at = now
    return Change(case.step, {"round": round_, "tie": tie})


def _may_confirm(case: Case, round_: int, user: StaffUser) -> bool:
    if not user.is_expert or case.step not in PROPOSED.values():
        return False
    if round_ == 2:
        people, organisations = first_assessment_excluded(case)
        return user.id not in people and user.organisation not in organisations
    return True


def levels() -> list[tuple[int, str]]:
    return [(level.level, level.name.get("zh")) for level in load_form(CONCLUSION_FORM).levels]


@transition(
    "conclusion_recorded",
    from_steps={CaseStep.ASSESSMENT_SCHEDULED, CaseStep.RE_EVALUATION_SCHEDULED},
    by=ASSESSOR,
)
def record_conclusion(
    case: Case,
    actor: Actor,
    *,
    level: int,
    qualifies: bool,
    summary: str = "",
    valid_until: date | None = None,
    at: datetime | None = None,
) -> Change:
    """An assessor of the visit records the level; an expert's record is their confirmation.
    ``valid_until``: the validity's last day when the letter states it (the department sets
    it); the conclusion is made today or later, so the day must come after today."""
    staff = _staff(actor)
    round_ = round_of(case)
    now = at or utcnow()
    planned = visit(case)
    if planned is None or planned[0] > china_date(now):
        raise TransitionRefused(_("上门评估以后才能填写结论。"))
    team = [m for m in taking_part(case, round_) if m.on_visit]
    me = next((m for m in team if m.staff_user_id == staff.id), None)
    if me is None:
        raise TransitionRefused(_("只有参加上门评估的人员才能填写结论。"))
    undeclared = [m.staff_user.display_name for m in team if m.declared_no_tie_at is None]
    if undeclared:
        raise TransitionRefused(
            _("还有人没有声明回避情况：%(names)s。", names="、".join(undeclared))
        )
    _check_team(case, round_, [m.staff_user for m in team])
    if level not in {number for number, _name in levels()}:
        raise TransitionRefused(_("请选择失能等级。"), "level")
    if valid_until is not None and valid_until <= china_date(now):
        raise TransitionRefused(_("有效期至的日期要在结论作出的日期以后。"), "valid_until")
    if valid_until is not None and valid_until > _years_after(china_date(now), TYPO_YEARS):
        raise TransitionRefused(
            _(
                "有效期至 %(date)s 在 %(years)s 年以后，请检查年份是否填错。",
                date=day_text(valid_until, str(get_locale())),
                years=TYPO_YEARS,
            ),
            "valid_until",
        )
    if staff.is_expert:
        me.confirmed_at = now
    data = {"round": round_, "level": level, "qualifies": qualifies, "summary": summary.strip()}
    if valid_until is not None:
        data["valid_until"] = valid_until.isoformat()
    return Change(PROPOSED[round_], data)


def proposed(case: Case) -> dict[str, object]:
    event = last_event(case, "conclusion_recorded")
    return dict(event.data or {}) if event else {}


def confirmations(case: Case, round_: int) -> list[AssessmentMember]:
    return [m for m in taking_part(case, round_) if m.confirmed_at and m.staff_user.is_expert]


@transition(
    "conclusion_confirmed",
    from_steps={CaseStep.CONCLUSION_PROPOSED, CaseStep.RE_EVALUATION_PROPOSED},
    by=ASSESSOR,
)
def confirm(case: Case, actor: Actor, *, at: datetime | None = None) -> Change:
    """An expert with no tie confirms the proposed conclusion; the second makes it final for
    this round."""
    staff = _staff(actor)
    round_ = round_of(case)
    if not _may_confirm(case, round_, staff):
        raise TransitionRefused(_("只有评估专家才能确认结论；复评时初次评估的人员和机构须回避。"))
    member = _member(case, round_, staff)
    if member is None or member.declared_no_tie_at is None or member.recused_at is not None:
        raise TransitionRefused(_("请先声明您和这位参保人没有亲属或利害关系。"))
    if member.confirmed_at is not None:
        raise TransitionRefused(_("您已经确认过这个结论了。"))
    now = at or utcnow()
    done = len(confirmations(case, round_)) + 1 >= MIN_CONFIRMING_EXPERTS  # this one included
    data = {"round": round_, **{k: v for k, v in proposed(case).items() if k != "round"}}
    if done:
        _check_valid_until(data, china_date(now))
    member.confirmed_at = now
    return Change(CONCLUDED[round_] if done else case.step, data)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _check_valid_until(data: dict[str, object], concluded_on: date) -> None:
    """Recorded days ago, the validity's last day may no longer follow the conclusion."""
    stated = data.get("valid_until")
    if stated and date.fromisoformat(str(stated)) <= concluded_on:
        raise TransitionRefused(
            _(
                "填写的有效期至 %(date)s 不在今天（结论作出的日期）以后。"
                "请退回结论，由上门评估的人员改正。",
                date=day_text(date.fromisoformat(str(stated)), str(get_locale())),
            )
        )


@transition(
    "conclusion_returned",
    from_steps={CaseStep.CONCLUSION_PROPOSED, CaseStep.RE_EVALUATION_PROPOSED},
    by=ASSESSOR,
)
def return_conclusion(
    case: Case, actor: Actor, *, reason: str, at: datetime | None = None
) -> Change:
    """An expert does not confirm: the visit team records the conclusion again."""
    staff = _staff(actor)
    round_ = round_of(case)
    if not _may_confirm(case, round_, staff):
        raise TransitionRefused(_("只有评估专家才能退回结论。"))
    if not reason.strip():
        raise TransitionRefused(_("请写明退回的原因。"), "reason")
    for member in members(case, round_):
        member.confirmed_at = None
    return Change(SCHEDULED[round_], {"round": round_, "reason": reason.strip()})
