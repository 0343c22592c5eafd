"""Where a submitted application stands: the timeline, what to do now, and the way to each
request the person can make on their case."""

from flask import Blueprint, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.apply.status import case_status
from portal.auth.current import login_required
from portal.cases.care import approved, care_plans, service_choice
from portal.cases.engine import last_event
from portal.models import Case, CaseStep
from portal.status.access import owned_case
from portal.status.timeline import timeline as stages_of
from portal.status.todo import todos

bp = Blueprint("status", __name__)


@bp.get("/applications/<int:application_id>/")
@login_required
def timeline(application_id: int) -> str:
    application, case = owned_case(application_id)
    return render_template(
        "status/timeline.html",
        application=application,
        case=case,
        case_status=case_status(case),
        stages=stages_of(case),
        todos=todos(case),
        more=more_links(case),
    )


REQUEST_FILES = {
    "objection_evidence": _l("异议的证据"),
    "reassessment_evidence": _l("重新评估的证明"),
}


@bp.app_template_global()
def request_file_label(code: str) -> str:
    """Files sent with a request on a case, for the console's list of a case's files."""
    return str(REQUEST_FILES.get(code, code))


@bp.app_template_global()
def reassessment_of(case: Case) -> dict[str, object] | None:
    """The earlier case and the change the person described, when this case reassesses."""
    found = (case.application.answers or {}).get("reassessment")
    return dict(found) if found else None


def more_links(case: Case) -> list[tuple[str, str]]:
    """The other things the person can do on this case, each a page of its own."""
    application_id = case.application_id
    links = [(_("查看和打印申请记录"), url_for("apply.record", application_id=application_id))]
    if last_event(case, "objection_filed") is not None:
        links.append(
            (_("打印异议申请书"), url_for("objection.letter", application_id=application_id))
        )
    if approved(case) and service_choice(case) is not None:
        if care_plans(case):
            links.append((_("护理服务计划"), url_for("care.plan", application_id=application_id)))
        links.append((_("变更护理方式或机构"), url_for("care.mode", application_id=application_id)))
        links.append((_("报告住院或出院"), url_for("care.hospital", application_id=application_id)))
        links.append((_("给护理机构评价"), url_for("care.rate", application_id=application_id)))
    if approved(case) and case.step in (
        CaseStep.DELIVERED,
        CaseStep.FINAL,
        CaseStep.CARE,
        CaseStep.SUSPENDED,
    ):
        links.append(
            (_("申请重新评估"), url_for("reassessment.start", application_id=application_id))
        )
    links.append(
        (_("定点护理机构名单"), url_for("institutions.directory", region=case.region_code))
    )
    links.append((_("我的消息"), url_for("inbox.index")))
    return links
