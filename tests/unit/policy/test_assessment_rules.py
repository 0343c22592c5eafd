"""Who assesses and which conclusions are publicised; re-evaluation as each region says."""

from datetime import date
from pathlib import Path

import pytest

from portal.policy import (
    MIN_CONFIRMING_EXPERTS,
    MIN_EXPERTS_ON_VISIT,
    MIN_RE_EVALUATION_EXPERTS,
    MIN_VISITING_ASSESSORS,
    ProfileError,
    load_profile,
    re_evaluation_month,
)
from portal.policy.profiles import REGIONS_DIR


def test_the_team_sizes_all_three_procedures_share() -> None:
    """000:15(1)(2)(5), 001:8(1)1, 2, 5, 002:8(1)(3)(6): at least 2 on the visit, 1 of them an
    expert; 2 experts confirm; 2 experts re-evaluate."""
    assert (MIN_VISITING_ASSESSORS, MIN_EXPERTS_ON_VISIT) == (2, 1)
    assert MIN_CONFIRMING_EXPERTS == MIN_RE_EVALUATION_EXPERTS == 2


def test_xinjiang_re_evaluates_with_the_next_months_batch_and_never_publicises_it() -> None:
    """001:8(1)5: 与次月评定人员同时进行……不再进行公示."""
    xinjiang = load_profile("xinjiang")
    assert xinjiang.re_evaluation.source == "001:8(1)5; 001:8(2)5"
    assert xinjiang.re_evaluation.publicised_again is False
    assert re_evaluation_month(xinjiang, date(2026, 3, 31)) == date(2026, 4, 1)
    assert re_evaluation_month(xinjiang, date(2026, 12, 1)) == date(2027, 1, 1)


@pytest.mark.parametrize("region", ["ningxia", "heilongjiang"])
def test_other_regions_do_not_say_how_a_re_evaluation_runs(region: str) -> None:
    profile = load_profile(region)
    assert profile.re_evaluation.batch is None
    assert profile.re_evaluation.publicised_again is None
    assert re_evaluation_month(profile, date(2026, 3, 31)) is None


def test_a_re_evaluation_rule_must_be_one_the_documents_use(tmp_path: Path) -> None:
    for name in ("national.toml", "ningxia.toml"):
        (tmp_path / name).write_text((REGIONS_DIR / name).read_text(encoding="utf-8"))
    with (tmp_path / "ningxia.toml").open("a", encoding="utf-8") as handle:
        handle.write('\n[re_evaluation]\nbatch = "next_week"\nsource = "000:15(5)"\n')
    with pytest.raises(ProfileError, match="next_month"):
        load_profile("ningxia", tmp_path)
