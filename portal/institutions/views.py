"""The public directory of designated care institutions: no sign-in, filtered by district and
service type, each with a tap-to-call phone and a map link. The bot links here."""

from flask import Blueprint, abort, render_template, request
from markupsafe import Markup
from sqlalchemy import select

from portal.auth.current import current_account
from portal.cases.care import SERVICE_MODES, mode_name
from portal.extensions import db, htmx
from portal.institutions import service
from portal.models import Region
from portal.people.service import representations_of
from portal.template_helpers import chinese, in_language, language

bp = Blueprint("institutions", __name__, url_prefix="/institutions")


@bp.get("/")
def directory() -> str:
    regions = list(db.session.scalars(select(Region.code).order_by(Region.code)))
    region = request.args.get("region") or _home_region()
    if region and region not in regions:
        abort(404)
    districts = service.districts(region) if region else []
    district = request.args.get("district") or None
    if district not in {d for d, _ug in districts}:
        district = None
    service_type = request.args.get("type") or None
    if service_type not in SERVICE_MODES:
        service_type = None
    context = {
        "regions": regions,
        "region": region,
        "districts": districts,
        "district": district,
        "service_type": service_type,
        "service_types": list(SERVICE_MODES),
        "listed": service.directory(region, district, service_type) if region else [],
        "choosing_for": _choosing_for(region),
    }
    if htmx and htmx.target == "institution-results":
        return render_template("institutions/_results.html", **context)
    return render_template("institutions/directory.html", **context)


def _choosing_for(region: str) -> int | None:
    """Opened from the care pages (``?choose=<application id>``): the person's own case, in
    this region, still to choose — then each institution offers "choose this one"."""
    from portal.apply.service import application_of, case_of
    from portal.cases.care import CARE_STEPS, approved

    account = current_account()
    chosen = request.args.get("choose", "")
    if account is None or not chosen.isdigit():
        return None
    application = application_of(account, int(chosen))
    case = case_of(application) if application else None
    if case is None or case.region_code != region or case.step not in CARE_STEPS:
        return None
    return case.application_id if approved(case) else None


def _home_region() -> str:
    """A signed-in person's region when all the people they act for live in one."""
    account = current_account()
    found = (
        {r.insured_person.region_code for r in representations_of(account)} if account else set()
    )
    return found.pop() if len(found) == 1 else ""


@bp.app_template_global()
def service_type_label(region: str, code: str) -> str:
    return in_language(mode_name(region, code))


@bp.app_template_filter()
def in_page_language(chinese_text: str, uyghur_text: str = "") -> Markup | str:
    """An institution's name, district or address in Uyghur where the agency publishes it,
    otherwise in Chinese, marked as such."""
    if language() == "ug" and uyghur_text:
        return uyghur_text
    return chinese(chinese_text)
