"""Indicative scoring of a self-assessment; only the assessment institution concludes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from portal.policy.errors import AnswerProblem, InvalidAnswers, ProfileError
from portal.policy.self_assessment.forms import BAND_ORDER, DEPENDENT, Form, Option, load_form
from portal.policy.text import Text


@dataclass(frozen=True)
class IndicatorScore:
    indicator: str
    name: Text
    score: int  # scored forms: points; graded forms: number of dependent items
    max_score: int
    band: str | None = None  # scored forms only
    band_name: Text | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "name": self.name.to_dict(),
            "score": self.score,
            "max_score": self.max_score,
            "band": self.band,
            "band_name": self.band_name.to_dict() if self.band_name else None,
        }


@dataclass(frozen=True)
class SelfAssessmentResult:
    form: str
    region: str | None
    indicators: tuple[IndicatorScore, ...]
    recommend_apply: bool
    reasons: tuple[Text, ...]
    reading: Text  # the threshold is the portal's indicative reading, and says so
    level: int | None = None  # scored forms: 0 基本正常 … 5 重度失能Ⅲ级
    level_name: Text | None = None
    grade: str | None = None  # graded forms: A … G
    indicative: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "region": self.region,
            "indicative": self.indicative,
            "level": self.level,
            "level_name": self.level_name.to_dict() if self.level_name else None,
            "grade": self.grade,
            "indicators": [i.to_dict() for i in self.indicators],
            "recommend_apply": self.recommend_apply,
            "reading": self.reading.to_dict(),
            "reasons": [r.to_dict() for r in self.reasons],
        }


def score(
    form_code: str,
    answers: Mapping[str, str | int],
    *,
    region: str | None = None,
) -> SelfAssessmentResult:
    """Score ``answers``: item code -> option code (on scored forms the score, e.g. 10 or "10").

    Which results suggest applying is the form's own indicative reading; ``region`` is only
    recorded with the result. Raises ``InvalidAnswers`` listing every missing, unknown or
    impossible answer at once.
    """
    form = load_form(form_code)
    chosen = _validate(form, answers)
    if form.kind == "scored":
        return _score_scored(form, chosen, region)
    return _score_graded(form, chosen, region)


def _validate(form: Form, answers: Mapping[str, str | int]) -> dict[str, Option]:
    problems = [
        AnswerProblem(code, "unknown_item", value)
        for code, value in answers.items()
        if form.item(code) is None
    ]
    chosen: dict[str, Option] = {}
    for item in form.items:
        if item.code not in answers:
            problems.append(AnswerProblem(item.code, "missing"))
            continue
        option = item.option(answers[item.code])
        if option is None:
            problems.append(AnswerProblem(item.code, "invalid_option", answers[item.code]))
        else:
            chosen[item.code] = option
    if problems:
        raise InvalidAnswers(form.code, problems)
    return chosen


def _per_indicator(form: Form, chosen: Mapping[str, Option]) -> dict[str, list[Option]]:
    grouped: dict[str, list[Option]] = {indicator.code: [] for indicator in form.indicators}
    for item in form.items:
        grouped[item.indicator].append(chosen[item.code])
    return grouped


def _closing_reasons(form: Form, recommend: bool, result: Text) -> tuple[Text, Text]:
    decision = form.reasons["apply" if recommend else "not_apply"]
    return form.reasons["result"].format(result=result), decision


def _score_scored(
    form: Form, chosen: Mapping[str, Option], region: str | None
) -> SelfAssessmentResult:
    if form.combination is None:
        raise ProfileError(f"{form.code}: a scored form needs a combination table")
    scores = []
    for indicator in form.indicators:
        total = sum(option.score or 0 for option in _per_indicator(form, chosen)[indicator.code])
        band = indicator.band_for(total)
        scores.append(
            IndicatorScore(
                indicator=indicator.code,
                name=indicator.name,
                score=total,
                max_score=indicator.max_score,
                band=band.code,
                band_name=form.band_names[band.code],
            )
        )
    bands = {s.indicator: BAND_ORDER.index(s.band or "") for s in scores}
    # The standard combines daily living with the worse of the two other indicators.
    worse_other = max(bands["cognition"], bands["perception"])
    level = form.combination[BAND_ORDER[bands["adl"]]][worse_other]
    level_name = form.level(level).name
    recommend = level in form.suggest_levels
    reasons = tuple(
        form.reasons["indicator"].format(
            indicator=s.name, score=s.score, max_score=s.max_score, band=s.band_name
        )
        for s in scores
    )
    return SelfAssessmentResult(
        form=form.code,
        region=region,
        indicators=tuple(scores),
        recommend_apply=recommend,
        reasons=reasons + _closing_reasons(form, recommend, level_name),
        reading=form.reading,
        level=level,
        level_name=level_name,
    )


def _score_graded(
    form: Form, chosen: Mapping[str, Option], region: str | None
) -> SelfAssessmentResult:
    if form.grades is None:
        raise ProfileError(f"{form.code}: a graded form needs a grade table")
    grouped = _per_indicator(form, chosen)
    scores = tuple(
        IndicatorScore(
            indicator=indicator.code,
            name=indicator.name,
            score=sum(1 for option in grouped[indicator.code] if option.code == DEPENDENT),
            max_score=indicator.max_score,
        )
        for indicator in form.indicators
    )
    grade = form.grades[(scores[0].score, scores[1].score)]
    recommend = grade in form.suggest_grades
    reasons = tuple(
        form.reasons["indicator"].format(indicator=s.name, score=s.score, max_score=s.max_score)
        for s in scores
    )
    return SelfAssessmentResult(
        form=form.code,
        region=region,
        indicators=scores,
        recommend_apply=recommend,
        reasons=reasons + _closing_reasons(form, recommend, Text(zh=grade, ug=grade)),
        reading=form.reading,
        grade=grade,
    )
