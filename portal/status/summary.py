"""A case at a glance, for my applications and the bot: its step, the statutory last day of
what is going on now (with that stage's name), and whether the person has something to do."""

from dataclasses import dataclass

from flask_babel import gettext as _

from portal.models import Case, CaseStep
from portal.status.stage import Due
from portal.status.timeline import timeline as stages_of
from portal.status.todo import todos


@dataclass(frozen=True)
class Summary:
    step: CaseStep
    due: Due | None  # the statutory last day of what is going on now
    to_do: bool  # the person has something to do
    due_stage: str = ""  # the name of the stage that day closes ("公示")

    def due_label(self) -> str:
        """What the date closes, said before it: "公示至少到", "送达评估结论书最晚到"."""
        if self.due is None:
            return ""
        if self.due.at_least:
            return _("%(stage)s至少到", stage=self.due_stage)
        if self.due.in_principle:
            return _("%(stage)s原则上最晚到", stage=self.due_stage)
        return _("%(stage)s最晚到", stage=self.due_stage)


def summary(case: Case) -> Summary:
    pending = [stage for stage in stages_of(case) if stage.state == "now" and stage.due]
    first = pending[0] if pending else None
    return Summary(
        case.step,
        first.due if first else None,
        bool(todos(case)),
        first.title if first else "",
    )
