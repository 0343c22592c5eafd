"""Where a submitted application stands, for the applicant: the step in words, and what the
agency asked or decided (the full timeline is the citizen's status page)."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from portal.cases import dates, review
from portal.cases.decisions import conclusion
from portal.cases.engine import last_event
from portal.models import Case, CaseStep
from portal.policy import RefusalRule, load_profile


@dataclass(frozen=True)
class CaseStatus:
    step: CaseStep
    refusals: list[RefusalRule] = field(default_factory=list)
    note: str = ""
    visit_on: date | None = None
    requested: dict[str, Any] = field(default_factory=dict)
    conclusion: dict[str, Any] = field(default_factory=dict)


def case_status(case: Case) -> CaseStatus:
    profile = load_profile(case.region_code)
    refused = last_event(case, "refused")
    refusals: list[RefusalRule] = []
    note = ""
    if case.step is CaseStep.REFUSED and refused is not None:
        data = refused.data or {}
        found = (profile.refusal(code) for code in data.get("reasons", []))
        refusals = [rule for rule in found if rule is not None]
        note = str(data.get("note", ""))
    planned = dates.visit(case)
    return CaseStatus(
        step=case.step,
        refusals=refusals,
        note=note,
        visit_on=planned[0] if planned else None,
        requested=review.requested_items(case) if case.step is CaseStep.MATERIALS_REQUESTED else {},
        conclusion=conclusion(case),
    )
