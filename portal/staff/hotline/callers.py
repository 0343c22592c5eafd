"""Looking up a caller's file: consent first, then a read-only view of status and deadlines."""

from flask import Blueprint, abort, redirect, render_template, session, url_for
from werkzeug.wrappers import Response

from portal.apply.status import case_status
from portal.audit.service import log_staff_look
from portal.cases import dates
from portal.extensions import db
from portal.hotline import callers
from portal.models import Application, CallerConsent, InsuredPerson, StaffRole
from portal.staff.helpers import case_of_application
from portal.staff.hotline.forms import CallerForm
from portal.staff.session import require_staff, roles_required

bp = Blueprint("staff_callers", __name__, url_prefix="/staff/callers")
FOUND = "caller_lookup"


@bp.route("/", methods=["GET", "POST"])
@roles_required(StaffRole.HOTLINE)
def lookup() -> Response | tuple[str, int]:
    staff = require_staff()
    form = CallerForm()
    if form.validate_on_submit():
        query = form.query.data or ""
        consent = callers.record_consent(
            staff, form.caller_name.data or "", form.relation.data or "", query
        )
        people = callers.find(staff, query)
        # The found ids stay in this staff session only: the number typed is never in a URL.
        session[FOUND] = {"consent": consent.id, "people": [p.id for p in people]}
        return redirect(url_for("staff_callers.found", consent_id=consent.id), 303)
    status = 400 if form.errors else 200
    return render_template("staff/callers/lookup.html", form=form), status


def _found(consent_id: int) -> tuple[CallerConsent, list[int]]:
    kept = session.get(FOUND) or {}
    consent = db.session.get(CallerConsent, consent_id)
    if (
        consent is None
        or consent.staff_user_id != require_staff().id
        or kept.get("consent") != consent_id
    ):
        abort(404)
    return consent, list(kept.get("people", []))


@bp.get("/<int:consent_id>")
@roles_required(StaffRole.HOTLINE)
def found(consent_id: int) -> str:
    consent, ids = _found(consent_id)
    people = [db.session.get(InsuredPerson, i) for i in ids]
    return render_template("staff/callers/found.html", consent=consent, people=people)


@bp.get("/<int:consent_id>/people/<int:person_id>")
@roles_required(StaffRole.HOTLINE)
def person(consent_id: int, person_id: int) -> str:
    consent, ids = _found(consent_id)
    if person_id not in ids:
        abort(404)
    found_person = db.session.get(InsuredPerson, person_id)
    if found_person is None:
        abort(404)
    log_staff_look(require_staff(), found_person.id, "caller_lookup", caller_consent_id=consent.id)
    applications = db.session.scalars(
        db.select(Application)
        .filter_by(insured_person_id=found_person.id)
        .where(Application.submitted_at.is_not(None))
        .order_by(Application.id.desc())
    ).all()
    cases = [(a, case_of_application(a)) for a in applications]
    return render_template(
        "staff/callers/person.html",
        consent=consent,
        person=found_person,
        cases=cases,
        dates=dates,
        case_status=case_status,
    )
