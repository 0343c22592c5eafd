"""The console's decisions: for each transition staff take, its form, its button and how the
form's answers reach the service function."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from portal.cases import assessment, care, dates, decisions, review, stays
from portal.cases.actors import Actor
from portal.cases.decisions import open_third_party_objections
from portal.cases.engine import allowed, events_of
from portal.cases.labels import SUSPENSION_LABELS
from portal.clock import china_today
from portal.models import Case
from portal.policy import load_form, load_profile
from portal.policy.assessment import CONCLUSION_FORM
from portal.policy.care import SUSPENSION_REASONS, suspension
from portal.staff.cases import forms
from portal.template_helpers import in_language, paren


@dataclass(frozen=True)
class Action:
    kind: str
    button: Any
    form: type[forms.ActionForm]
    run: Callable[[Case, Actor, Any], object]
    prepare: Callable[[Case, Any], None] = lambda case, form: None
    # Offered only when it can apply to this case (the service still checks everything).
    offered: Callable[[Case], bool] = lambda case: True


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _materials(case: Case, form: forms.RequestMaterialsForm) -> None:
    profile = load_profile(case.region_code)
    form.codes.choices = [SelectChoice(m.code, in_language(m.name)) for m in profile.materials]


def _reasons(case: Case, form: forms.RefuseForm) -> None:
    profile = load_profile(case.region_code)
    form.reasons.choices = [
        SelectChoice(r.code, f"{in_language(r.message)}{paren(r.source)}") for r in profile.refusals
    ]


def _assessors(case: Case, form: forms.ScheduleForm) -> None:
    form.assessors.choices = [
        SelectChoice(u.id, u.display_name) for u in assessment.eligible_assessors(case)
    ]
    if form.visit_on.data is None and not form.is_submitted():
        form.visit_on.data = china_today()


def _levels(case: Case, form: forms.ConclusionForm) -> None:
    form.level.choices = [
        SelectChoice(level.level, f"{level.level} · {in_language(level.name)}")
        for level in load_form(CONCLUSION_FORM).levels
    ]


def _delivery(case: Case, form: forms.DeliverForm) -> None:
    if form.delivered_on.data is None and not form.is_submitted():
        form.delivered_on.data = china_today()


def _objection(case: Case, form: forms.ObjectionForm) -> None:
    if form.received_on.data is None and not form.is_submitted():
        form.received_on.data = china_today()


def _extensible(case: Case) -> bool:
    period = load_profile(case.region_code).period("conclusion_delivery")
    return period.extension is not None and not events_of(case, "conclusion_deadline_extended")


def _publicisable(case: Case) -> bool:
    found = decisions.conclusion(case)
    again = load_profile(case.region_code).re_evaluation.publicised_again
    return bool(found.get("qualifies")) and not (found.get("round") == 2 and again is False)


def _visited(case: Case) -> bool:
    """The conclusion is written after the visit: before its day the form is not offered."""
    planned = dates.visit(case)
    return planned is not None and planned[0] <= china_today()


def _deliverable(case: Case) -> bool:
    found = decisions.conclusion(case)
    return not (case.step.value == "concluded" and found.get("qualifies"))


def _care_plan(case: Case, form: forms.CarePlanForm) -> None:
    form.mode.choices = [
        SelectChoice(code, in_language(care.mode_name(case.region_code, code)))
        for code in care.SERVICE_MODES
    ]
    if form.is_submitted():
        return
    chosen, earlier = care.service_choice(case), care.current_plan(case)
    if earlier is not None:  # sent back: the specialist revises the last one
        form.process(data={**earlier.__dict__, "items": earlier.items})
    elif chosen is not None:
        form.mode.data = chosen.mode


def _suspension_reasons(case: Case, form: forms.SuspendForm) -> None:
    form.reason.choices = [
        SelectChoice(code, str(SUSPENSION_LABELS[code])) for code in SUSPENSION_REASONS
    ]


ACTIONS: tuple[Action, ...] = (
    Action(
        "accepted",
        _l("受理"),
        forms.AcceptForm,
        lambda case, actor, form: review.accept(case, actor, note=form.note.data or ""),
    ),
    Action(
        "materials_requested",
        _l("一次性告知缺少的材料"),
        forms.RequestMaterialsForm,
        lambda case, actor, form: review.request_materials(
            case,
            actor,
            codes=list(form.codes.data or []),
            other=_lines(form.other.data),
            note=form.note.data or "",
        ),
        _materials,
    ),
    Action(
        "refused",
        _l("不予受理"),
        forms.RefuseForm,
        lambda case, actor, form: review.refuse(
            case, actor, reasons=list(form.reasons.data or []), note=form.note.data or ""
        ),
        _reasons,
    ),
    Action(
        "conclusion_deadline_extended",
        _l("延期 30 日（伤情复杂、疾病种类多）"),
        forms.ReasonForm,
        lambda case, actor, form: review.extend_conclusion_deadline(
            case, actor, reason=form.reason.data
        ),
        offered=_extensible,
    ),
    Action(
        "assessment_scheduled",
        _l("安排上门评估"),
        forms.ScheduleForm,
        lambda case, actor, form: assessment.schedule(
            case, actor, visit_on=form.visit_on.data, assessor_ids=list(form.assessors.data or [])
        ),
        _assessors,
    ),
    Action(
        "assessor_declared",
        _l("提交回避声明"),
        forms.DeclareForm,
        lambda case, actor, form: assessment.declare(case, actor, tie=form.tie.data == "yes"),
    ),
    Action(
        "conclusion_recorded",
        _l("提交评估结论"),
        forms.ConclusionForm,
        lambda case, actor, form: assessment.record_conclusion(
            case,
            actor,
            level=form.level.data,
            qualifies=form.qualifies.data == "yes",
            summary=form.summary.data or "",
            valid_until=form.valid_until.data,
        ),
        _levels,
        offered=_visited,
    ),
    Action(
        "conclusion_confirmed",
        _l("确认这个结论"),
        forms.ActionForm,
        lambda case, actor, form: assessment.confirm(case, actor),
    ),
    Action(
        "conclusion_returned",
        _l("退回结论"),
        forms.ReasonForm,
        lambda case, actor, form: assessment.return_conclusion(
            case, actor, reason=form.reason.data
        ),
    ),
    Action(
        "publicity_started",
        _l("开始公示"),
        forms.ActionForm,
        lambda case, actor, form: decisions.start_publicity(case, actor),
        offered=_publicisable,
    ),
    Action(
        "third_party_objection_ruled",
        _l("提交核实结果"),
        forms.RuleObjectionForm,
        lambda case, actor, form: decisions.rule_third_party_objection(
            case,
            actor,
            objection_id=int(form.objection_id.data or 0),
            upheld=form.upheld.data == "yes",
            note=form.note.data,
        ),
    ),
    Action(
        "delivered",
        _l("记录送达"),
        forms.DeliverForm,
        lambda case, actor, form: decisions.deliver(
            case, actor, delivered_on=form.delivered_on.data
        ),
        _delivery,
        offered=_deliverable,
    ),
    Action(
        "objection_filed",
        _l("登记书面异议"),
        forms.ObjectionForm,
        lambda case, actor, form: decisions.file_objection(
            case,
            actor,
            received_on=form.received_on.data,
            request=form.request.data,
            facts=form.facts.data or "",
            reasons=form.reasons.data or "",
            grounds=form.grounds.data or "",
        ),
        _objection,
    ),
    Action(
        "re_evaluation_ordered",
        _l("组织复评"),
        forms.NoteForm,
        lambda case, actor, form: decisions.order_re_evaluation(
            case, actor, note=form.note.data or ""
        ),
    ),
    Action(
        "objection_declined",
        _l("不受理异议"),
        forms.RequiredNoteForm,
        lambda case, actor, form: decisions.decline_objection(case, actor, note=form.note.data),
    ),
    Action(
        "care_plan_proposed",
        _l("交给参保人确认"),
        forms.CarePlanForm,
        lambda case, actor, form: care.propose_care_plan(
            case,
            actor,
            mode=form.mode.data,
            visits_per_week=form.visits_per_week.data,
            minutes_per_visit=form.minutes_per_visit.data,
            carers=form.carers.data,
            people=form.people.data,
            items=form.items.data or "",
        ),
        _care_plan,
        care.needs_care_plan,
    ),
    Action(
        "benefits_suspended",
        _l("暂停待遇"),
        forms.SuspendForm,
        lambda case, actor, form: stays.suspend(
            case, actor, reason=form.reason.data, note=form.note.data or ""
        ),
        _suspension_reasons,
        lambda case: suspension(case.region_code) is not None,
    ),
    Action(
        "benefits_resumed",
        _l("恢复待遇"),
        forms.NoteForm,
        lambda case, actor, form: stays.resume(case, actor, note=form.note.data or ""),
    ),
)
BY_KIND = {action.kind: action for action in ACTIONS}
ASSESSOR_DECISIONS = {"conclusion_recorded", "conclusion_confirmed", "conclusion_returned"}


def available(case: Case, actor: Actor) -> list[Action]:
    """The decisions this person can take now; an assessor declares before anything else."""
    found = [a for a in ACTIONS if allowed(case, actor, a.kind) and a.offered(case)]
    hidden = set() if open_third_party_objections(case) else {"third_party_objection_ruled"}
    if actor.staff is not None and "assessor_declared" in {a.kind for a in found}:
        member = assessment.member_of(case, actor.staff)
        declared = member is not None and (member.declared_no_tie_at or member.recused_at)
        hidden |= {"assessor_declared"} if declared else ASSESSOR_DECISIONS
        if member is not None and member.recused_at is not None:
            hidden |= ASSESSOR_DECISIONS
    return [a for a in found if a.kind not in hidden]


def form_for(action: Action, case: Case, submitted: bool = False) -> forms.ActionForm:
    """The action's form, filled from the request only when it is the one being submitted."""
    form = (
        action.form(prefix=action.kind)
        if submitted
        else action.form(formdata=None, prefix=action.kind)
    )
    action.prepare(case, form)
    return form
