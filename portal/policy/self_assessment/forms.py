"""Self-assessment form definitions, read from ``forms/<code>.toml``.

Two kinds of form:

- ``scored`` (national standard): each answer has a score; item scores add up per indicator,
  each indicator total falls in a band, and a combination table maps the bands to a level.
- ``graded`` (xinjiang six items): each answer is independent / partial / dependent; the
  number of dependent items in group a and group b picks a grade A–G.

Which results suggest applying (``[suggest_applying]``) is the portal's own indicative
reading: no seed document sets a threshold for a self-assessment, and the form says so.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from itertools import product
from pathlib import Path
from typing import Any, Literal

from portal.policy.errors import ProfileError, UnknownForm
from portal.policy.profiles import RegionProfile
from portal.policy.text import Text

FORMS_DIR = Path(__file__).parent / "forms"
BAND_ORDER = ("intact", "mild", "moderate", "severe")
DEPENDENT = "dependent"
REASON_KEYS = ("indicator", "result", "apply", "not_apply")


@dataclass(frozen=True)
class Option:
    code: str  # what the portal sends back; for scored forms the score as text ("10")
    label: Text
    score: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "label": self.label.to_dict(), "score": self.score}


@dataclass(frozen=True)
class Item:
    code: str
    indicator: str  # indicator code (scored) or group code (graded)
    icon: str
    question: Text
    options: tuple[Option, ...]

    def option(self, answer: str | int) -> Option | None:
        if isinstance(answer, bool):
            return None
        wanted = str(answer)
        return next((o for o in self.options if o.code == wanted), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "indicator": self.indicator,
            "icon": self.icon,
            "question": self.question.to_dict(),
            "options": [o.to_dict() for o in self.options],
        }


@dataclass(frozen=True)
class Band:
    code: str
    low: int
    high: int


@dataclass(frozen=True)
class Indicator:
    code: str
    name: Text
    max_score: int
    bands: tuple[Band, ...] = ()

    def band_for(self, score: int) -> Band:
        for band in self.bands:
            if band.low <= score <= band.high:
                return band
        raise ProfileError(f"indicator {self.code}: no band contains score {score}")

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name.to_dict(),
            "max_score": self.max_score,
            "bands": [{"band": b.code, "low": b.low, "high": b.high} for b in self.bands],
        }


@dataclass(frozen=True)
class Level:
    level: int
    name: Text


@dataclass(frozen=True)
class Form:
    code: str
    kind: Literal["scored", "graded"]
    title: Text
    source: str
    to_be_confirmed: bool
    indicators: tuple[Indicator, ...]
    items: tuple[Item, ...]
    reasons: Mapping[str, Text]
    band_names: Mapping[str, Text]
    reading: Text  # says that the threshold is the portal's reading, not a document's
    levels: tuple[Level, ...] = ()
    # scored: ADL band -> levels by the worse of the other two bands, in BAND_ORDER
    combination: Mapping[str, tuple[int, ...]] | None = None
    # graded: (dependent in group a, dependent in group b) -> grade
    grades: Mapping[tuple[int, int], str] | None = None
    # The portal's reading: results that suggest applying.
    suggest_levels: tuple[int, ...] = ()
    suggest_grades: tuple[str, ...] = ()

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items if i.code == code), None)

    def indicator(self, code: str) -> Indicator:
        return next(i for i in self.indicators if i.code == code)

    def level(self, number: int) -> Level:
        return next(level for level in self.levels if level.level == number)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "title": self.title.to_dict(),
            "source": self.source,
            "to_be_confirmed": self.to_be_confirmed,
            "suggest_applying": {
                "levels": list(self.suggest_levels),
                "grades": list(self.suggest_grades),
                "reading": self.reading.to_dict(),
            },
            "indicators": [i.to_dict() for i in self.indicators],
            "items": [i.to_dict() for i in self.items],
        }


def form_codes() -> list[str]:
    return sorted(path.stem for path in FORMS_DIR.glob("*.toml"))


def form_for(profile: RegionProfile) -> Form:
    """The self-assessment form the region uses."""
    return load_form(profile.self_assessment.form)


@cache
def load_form(code: str) -> Form:
    path = FORMS_DIR / f"{code}.toml"
    if code not in form_codes():
        raise UnknownForm(code, form_codes())
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    where = path.name
    kind = data["kind"]
    if kind == "scored":
        return _scored_form(data, where)
    if kind == "graded":
        return _graded_form(data, where)
    raise ProfileError(f"{where}: kind must be 'scored' or 'graded'")


def _text(data: Any, where: str) -> Text:
    return Text.from_data(data, where)


def _items(
    data: Mapping[str, Any], group_key: str, where: str, *, scored: bool
) -> tuple[Item, ...]:
    items = []
    for raw in data["items"]:
        item_where = f"{where}: items.{raw['code']}"
        options = tuple(
            Option(
                code=str(opt["score"]) if scored else str(opt["code"]),
                label=_text(opt["label"], f"{item_where}.label"),
                score=int(opt["score"]) if scored else None,
            )
            for opt in raw["options"]
        )
        if len({o.code for o in options}) != len(options):
            raise ProfileError(f"{item_where}: duplicate options")
        items.append(
            Item(
                code=str(raw["code"]),
                indicator=str(raw[group_key]),
                icon=str(raw["icon"]),
                question=_text(raw["question"], f"{item_where}.question"),
                options=options,
            )
        )
    return tuple(items)


def _reasons(data: Mapping[str, Any], where: str) -> dict[str, Text]:
    return {key: _text(data["reasons"][key], f"{where}: reasons.{key}") for key in REASON_KEYS}


def _scored_form(data: Mapping[str, Any], where: str) -> Form:
    items = _items(data, "indicator", where, scored=True)
    indicators = tuple(
        Indicator(
            code=str(raw["code"]),
            name=_text(raw["name"], f"{where}: indicators.{raw['code']}.name"),
            max_score=int(raw["max_score"]),
            bands=tuple(Band(str(b["band"]), int(b["low"]), int(b["high"])) for b in raw["bands"]),
        )
        for raw in data["indicators"]
    )
    for indicator in indicators:
        members = [i for i in items if i.indicator == indicator.code]
        reachable = {
            sum(combo) for combo in product(*[[o.score or 0 for o in i.options] for i in members])
        }
        if max(reachable) != indicator.max_score:
            raise ProfileError(f"{where}: {indicator.code} items add up to {max(reachable)}")
        for score in reachable:
            indicator.band_for(score)  # raises when a reachable total has no band
    combination = {band: tuple(int(v) for v in data["combination"][band]) for band in BAND_ORDER}
    if any(len(row) != len(BAND_ORDER) for row in combination.values()):
        raise ProfileError(f"{where}: each combination row needs {len(BAND_ORDER)} levels")
    return Form(
        **_header(data, where),
        kind="scored",
        indicators=indicators,
        items=items,
        band_names={
            b: _text(data["band_names"][b], f"{where}: band_names.{b}") for b in BAND_ORDER
        },
        levels=tuple(
            Level(int(raw["level"]), _text(raw["name"], f"{where}: levels.{raw['level']}"))
            for raw in data["levels"]
        ),
        combination=combination,
    )


def _header(data: Mapping[str, Any], where: str) -> dict[str, Any]:
    """What every form file states about itself, whatever its kind."""
    suggest = data.get("suggest_applying")
    if not isinstance(suggest, Mapping):
        raise ProfileError(f"{where}: needs [suggest_applying], the portal's reading")
    return {
        "code": str(data["code"]),
        "title": _text(data["title"], f"{where}: title"),
        "source": str(data["source"]),
        "to_be_confirmed": bool(data.get("to_be_confirmed", False)),
        "reasons": _reasons(data, where),
        "suggest_levels": tuple(int(level) for level in suggest.get("levels", ())),
        "suggest_grades": tuple(str(grade) for grade in suggest.get("grades", ())),
        "reading": _text(suggest.get("reading"), f"{where}: suggest_applying.reading"),
    }


def _graded_form(data: Mapping[str, Any], where: str) -> Form:
    items = _items(data, "group", where, scored=False)
    indicators = tuple(
        Indicator(
            code=str(raw["code"]),
            name=_text(raw["name"], f"{where}: groups.{raw['code']}.name"),
            max_score=sum(1 for i in items if i.indicator == raw["code"]),
        )
        for raw in data["groups"]
    )
    if [i.code for i in indicators] != ["a", "b"]:
        raise ProfileError(f"{where}: a graded form has groups a and b")
    grades: dict[tuple[int, int], str] = {}
    for grade, cells in data["grades"].items():
        for a, b in cells:
            if (a, b) in grades:
                raise ProfileError(
                    f"{where}: cell ({a}, {b}) is in grades {grades[(a, b)]} and {grade}"
                )
            grades[(a, b)] = str(grade)
    expected = set(product(range(indicators[0].max_score + 1), range(indicators[1].max_score + 1)))
    if set(grades) != expected:
        raise ProfileError(f"{where}: grades miss cells {sorted(expected - set(grades))}")
    return Form(
        **_header(data, where),
        kind="graded",
        indicators=indicators,
        items=items,
        band_names={},
        grades=grades,
    )
