"""The applicant's objection to a conclusion (异议 → 复评, POLICY.md §3): within the region's
window, stating the request, the facts, the reasons and the grounds (001:8(一)5) with any
evidence, in writing (a printable application to sign). A late one is warned with the date
the window closed and still filed: the agency decides (000:15(5))."""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.cases import dates, decisions
from portal.cases.actors import Actor
from portal.cases.engine import last_event
from portal.clock import china_today
from portal.extensions import db
from portal.models import ApplicationMaterial, Case, CaseEvent, CaseStep, Upload
from portal.policy import Lateness, ObjectionWindow, objection_lateness
from portal.status import drafts
from portal.status.forms import TextQuestion

KIND = "objection"
EVIDENCE = "objection_evidence"
OPEN_STEPS = frozenset({CaseStep.PUBLICITY, CaseStep.DELIVERED, CaseStep.CARE})
QUESTIONS = (
    TextQuestion(
        "request",
        _l("您希望经办机构怎么做？"),
        _l("这是您的复评请求。例如：请求组织复评，重新认定失能等级。"),
        _l("请写明您的复评请求。"),
    ),
    TextQuestion(
        "facts",
        _l("评估时是什么情况？"),
        _l("这是事实。写清评估那天的情况，和结论不符的地方。"),
        _l("请写明事实。"),
    ),
    TextQuestion(
        "reasons",
        _l("您为什么认为结论不对？"),
        _l("这是理由。例如：结论写能自己吃饭，实际上每顿饭都要人喂。"),
        _l("请写明理由。"),
    ),
    TextQuestion(
        "grounds",
        _l("您有什么依据？"),
        _l("例如：医院的诊断证明、住院病历、护理记录。下一步可以拍照上传。"),
        _l("请写明依据。"),
    ),
)
BY_KEY = {question.key: question for question in QUESTIONS}


WHY_NOT = {
    "final": _l("复评结论是最终评估结论，不能再提出异议。"),
    "filed": _l("已经收到您的异议，经办机构正在处理。"),
    "closed": _l("现在不能提出异议。"),
    "not_yet": _l("评估结论书送达以后，可以提出异议。"),
}


@dataclass(frozen=True)
class ObjectionState:
    possible: bool  # the portal takes an objection now
    window: ObjectionWindow | None  # None: not open yet (before the event it runs from)
    lateness: Lateness = Lateness.NOT_STATED
    why_not: str = ""  # final, filed, closed or not_yet (WHY_NOT)

    @property
    def late(self) -> bool:
        """After the window closed, or perhaps so (after the least publicity): warned."""
        return self.lateness in (Lateness.LATE, Lateness.MAY_BE_LATE)

    @property
    def closes(self) -> date | None:
        """The last day to object, where the region's document states one."""
        stated = self.window is not None and self.window.stated
        return self.window.closes if stated and self.window else None


def state(case: Case, today: date | None = None) -> ObjectionState:
    today = today or china_today()
    window = dates.objection_window(case)
    delivered = last_event(case, "delivered")
    if delivered is not None and int((delivered.data or {}).get("round", 1)) == 2:
        return ObjectionState(False, None, why_not="final")
    if _filed_since_opening(case):
        return ObjectionState(False, window, why_not="filed")
    if case.step not in OPEN_STEPS:
        return ObjectionState(False, window, why_not="closed")
    if case.step is CaseStep.PUBLICITY and (window is None or not window.stated):
        return ObjectionState(False, None, why_not="not_yet")
    lateness = objection_lateness(window, today) if window else Lateness.NOT_STATED
    return ObjectionState(True, window, lateness)


def _filed_since_opening(case: Case) -> bool:
    filed = last_event(case, "objection_filed")
    opened = last_event(case, "publicity_started", "delivered")
    return filed is not None and (opened is None or filed.id > opened.id)


def missing_answers(answers: dict[str, str]) -> list[TextQuestion]:
    return [q for q in QUESTIONS if not answers.get(q.key)]


def send(case: Case, actor: Actor) -> CaseEvent | None:
    """Files the objection from the draft; None when it was sent already (a double press)."""
    answers = drafts.take(case, KIND)
    if answers is None:
        return None
    evidence = [int(i) for i in answers.get("evidence", [])]
    link_evidence(case, EVIDENCE, evidence)
    return decisions.file_objection(
        case,
        actor,
        received_on=china_today(),
        request=answers.get("request", ""),
        facts=answers.get("facts", ""),
        reasons=answers.get("reasons", ""),
        grounds=answers.get("grounds", ""),
        evidence=evidence,
    )


def link_evidence(case: Case, code: str, upload_ids: list[int]) -> None:
    """Evidence joins the application's files, where staff open it (and the look is logged)."""
    linked = set(
        db.session.scalars(
            select(ApplicationMaterial.upload_id).filter_by(
                application_id=case.application_id, material_code=code
            )
        )
    )
    for upload_id in dict.fromkeys(upload_ids):
        if upload_id not in linked:
            db.session.add(
                ApplicationMaterial(
                    application_id=case.application_id, material_code=code, upload_id=upload_id
                )
            )


def filed(case: Case) -> CaseEvent | None:
    return last_event(case, "objection_filed")


def evidence_files(event: CaseEvent) -> list[Upload]:
    ids = (event.data or {}).get("evidence", [])
    return [u for i in ids if (u := db.session.get(Upload, int(i))) is not None]
