"""Who takes part in an assessment and a re-evaluation, and which conclusions are publicised.

All three provincial procedures say the same here, word for word from the national procedure:
at least 2 assessors on the visit, at least 1 of them an expert (000:15(1), 001:8(1)1,
002:8(1)); the conclusion confirmed by at least 2 experts (000:15(2), 001:8(1)2, 002:8(3));
a re-evaluation by at least 2 experts, the first assessment's institution and assessors
stepping aside (000:15(5), 001:8(1)5, 002:8(6)).
"""

from datetime import date

from portal.policy.deadlines import first_day_of_month_after
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
# Which levels meet the benefit conditions no document here states: the assessors say it
# with each conclusion, and only a qualifying one is publicised (000:15(3), 001:8(1)3).
CONCLUSION_FORM = "national_standard"


def re_evaluation_month(profile: RegionProfile, objection_received: date) -> date | None:
    """The first day of the month whose batch must do the re-evaluation, where the region says
    so (xinjiang: "与次月评定人员同时进行", 001:8(1)5); None where the document does not."""
    if profile.re_evaluation.batch == "next_month":
        return first_day_of_month_after(objection_received)
    return None
