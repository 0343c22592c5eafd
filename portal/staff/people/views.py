"""One person, one file (一人一档, 000:63): every application, assessment, conclusion,
objection and status change of an insured person in order; and the logged reveal of their
full ID number."""

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from portal import id_numbers
from portal.apply.forms import ConfirmForm
from portal.audit.service import log_staff_look
from portal.extensions import db, htmx
from portal.models import Application, Case, CaseEvent, InsuredPerson, StaffRole, StaffUser
from portal.staff.session import require_staff, roles_required

bp = Blueprint("staff_people", __name__, url_prefix="/staff/people")
PEOPLE_ROLES = (StaffRole.REVIEWER, StaffRole.SPECIALIST)
REVEALED = "revealed_person"


def _person(person_id: int) -> InsuredPerson:
    person = db.session.get(InsuredPerson, person_id)
    user = require_staff()
    if person is None or user.region_code not in (None, person.region_code):
        abort(404)
    return person


@bp.get("/")
@roles_required(*PEOPLE_ROLES)
def search() -> str:
    text = (request.args.get("q") or "").strip()[:64]
    found = _find(require_staff(), text) if text else []
    return render_template("staff/people/search.html", q=text, people=found)


def _find(user: StaffUser, text: str) -> list[InsuredPerson]:
    value = id_numbers.normalise(text)
    if id_numbers.has_valid_shape(value):
        query = select(InsuredPerson).filter_by(id_number_lookup=InsuredPerson.lookup_for(value))
    else:
        query = select(InsuredPerson).where(InsuredPerson.name.contains(text))
    if user.region_code:
        query = query.filter_by(region_code=user.region_code)
    return list(db.session.scalars(query.order_by(InsuredPerson.name).limit(50)))


@bp.get("/<int:person_id>")
@roles_required(*PEOPLE_ROLES)
def person_file(person_id: int) -> str:
    person = _person(person_id)
    user = require_staff()
    log_staff_look(user, person.id, "person_file")
    revealed = session.pop(REVEALED, None) == person.id
    applications = list(
        db.session.scalars(
            select(Application).filter_by(insured_person_id=person.id).order_by(Application.id)
        )
    )
    events = list(
        db.session.scalars(
            select(CaseEvent)
            .join(Case)
            .where(Case.insured_person_id == person.id)
            .order_by(CaseEvent.at, CaseEvent.id)
        )
    )
    return render_template(
        "staff/people/person.html",
        person=person,
        revealed=revealed,
        applications=applications,
        events=events,
        form=ConfirmForm(),
    )


@bp.post("/<int:person_id>/reveal")
@roles_required(*PEOPLE_ROLES)
def reveal(person_id: int) -> str | Response:
    """One action shows the full number, and is itself logged. With htmx the number replaces
    the masked one in place; without, the next view of the file shows it once."""
    person = _person(person_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    log_staff_look(require_staff(), person.id, "id_number_revealed")
    if htmx:
        return render_template("staff/people/_id_number.html", person=person, revealed=True)
    session[REVEALED] = person.id
    return redirect(url_for("staff_people.person_file", person_id=person.id), 303)
