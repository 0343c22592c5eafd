"""Who takes part in an assessment and a re-evaluation, and which conclusions are publicised.

All three provincial procedures say the same here, word for word from the national procedure:
at least 2 assessors on the visit, at least 1 of them an expert (000:15(1), 001:8(1)1,
002:8(1)); the conclusion confirmed by at least 2 experts (000:15(2), 001:8(1)2, 002:8(3));
a re-evaluation by at least 2 experts, the first assessment's institution and assessors
stepping aside (000:15(5), 001:8(1)5, 002:8(6)).
"""

from datetime import date

from portal.policy.deadlines import first_day_of_month_after
from portal.policy.errors import RuleNotApplicable
from portal.policy.profiles import RegionProfile

MIN_VISITING_ASSESSORS = 2
MIN_EXPERTS_ON_VISIT = 1
MIN_CONFIRMING_EXPERTS = 2
MIN_RE_EVALUATION_EXPERTS = 2
TEAM_SOURCE = {
    "visit": "000:15(1); 001:8(1)1; 002:8(1)",
    "confirmation": "000:15(2); 001:8(1)2; 002:8(3)",
    "re_evaluation": "000:15(5); 001:8(1)5; 002:8(6)",
}
# The national standard's levels (0 基本正常 … 5 重度失能Ⅲ级) are what conclusions record.
CONCLUSION_FORM = "national_standard"


def conclusion_qualifies(profile: RegionProfile, level: int) -> bool | None:
    """Whether a level meets the benefit conditions, as the region's profile reads them; None
    when the profile sets no levels (the assessors then say so themselves). A qualifying
    conclusion is publicised (000:15(3), 001:8(1)3, 002:8(4)); a failed one is not, and its
    letter is delivered directly."""
    try:
        levels = profile.threshold_for(CONCLUSION_FORM).levels
    except RuleNotApplicable:
        return None
    return level in levels if levels else None


def re_evaluation_month(profile: RegionProfile, objection_received: date) -> date | None:
    """The first day of the month whose batch must do the re-evaluation, where the region says
    so (xinjiang: "与次月评定人员同时进行", 001:8(1)5); None where the document does not."""
    if profile.re_evaluation.batch == "next_month":
        return first_day_of_month_after(objection_received)
    return None
