"""People I act for: add an insured person (matched against the roster) and list them."""

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.apply.forms import ConfirmForm
from portal.auth.current import login_required, require_account
from portal.extensions import db
from portal.forms import restore_form
from portal.models import ActingAs, InsuredPerson, Relation, Upload
from portal.people import service
from portal.people.forms import (
    ACTING_AS_HINTS,
    RELATION_ICONS,
    ActingAsForm,
    PowerOfAttorneyForm,
    RelationForm,
    WhoForm,
)
from portal.policy import UnknownRegion, attorney_form, cite, load_profile
from portal.privacy.service import has_consented
from portal.template_helpers import language
from portal.uploads.earlier import EARLIER_FILES_SHOWN, earlier_uploads
from portal.uploads.service import UploadRejected, store_upload, upload_of

bp = Blueprint("people", __name__, url_prefix="/people")
ADDING = "adding_person"
# Every region refuses an application from someone not insured; the person's region is not
# known until the roster finds them, so the message cites the three provincial procedures.
NOT_INSURED_SOURCE = "000:12.2(1); 001:6.2(1); 002:6.2(1)"


@bp.get("/")
@login_required
def index() -> str:
    account = require_account()
    return render_template("people/index.html", people=service.representations_of(account))


@bp.route("/add", methods=["GET", "POST"])
@login_required
def who() -> str | Response:
    account = require_account()
    if not has_consented(account):
        return redirect(url_for("privacy.consent", next=request.path), 303)
    form = WhoForm()
    if form.validate_on_submit():
        try:
            person = service.find_on_roster(form.name.data, form.id_number.data)
        except service.NotOnRoster:
            form.id_number.errors.append(
                _(
                    "参保名单里没有找到这位参保人。请核对姓名和身份证号码是否和身份证上完全一样。"
                    "只有参加了长期护理保险的人才能申请（%(source)s）。",
                    source=cite(NOT_INSURED_SOURCE).text(language()),
                )
            )
        else:
            existing = service.existing_representation(account, person)
            if existing is not None and existing.removed_at is None:
                flash(_("您已经添加过这位参保人了。"), "notice")
                return redirect(url_for("people.index"), 303)
            session[ADDING] = {"person_id": person.id}
            return redirect(url_for("people.relation"), 303)
    restore_form(form)
    return render_template("people/who.html", form=form)


def _person_being_added() -> InsuredPerson:
    adding = session.get(ADDING) or {}
    person = db.session.get(InsuredPerson, adding.get("person_id", 0))
    if person is None:
        abort(404)
    return person


@bp.route("/add/relation", methods=["GET", "POST"])
@login_required
def relation() -> str | Response:
    account = require_account()
    person = _person_being_added()
    form = RelationForm(data={"relation": session[ADDING].get("relation")})
    if form.validate_on_submit():
        chosen = Relation(form.relation.data)
        if chosen is Relation.SELF:
            service.add_representation(account, person, chosen, ActingAs.SELF, None)
            return _added(person)
        session[ADDING] = {**session[ADDING], "relation": chosen.value}
        return redirect(url_for("people.acting_as"), 303)
    return render_template("people/relation.html", form=form, person=person, icons=RELATION_ICONS)


@bp.route("/add/acting-as", methods=["GET", "POST"])
@login_required
def acting_as() -> str | Response:
    """Guardian or authorised agent: only an agent gives a power of attorney (000:12.1(4),
    001 annex 2); a guardian acts by law."""
    account = require_account()
    person = _person_being_added()
    relation = Relation(session[ADDING].get("relation", Relation.OTHER.value))
    form = ActingAsForm(data={"acting_as": session[ADDING].get("acting_as")})
    if form.validate_on_submit():
        chosen = ActingAs(form.acting_as.data)
        if chosen is ActingAs.GUARDIAN:
            service.add_representation(account, person, relation, chosen, None)
            return _added(person)
        session[ADDING] = {**session[ADDING], "acting_as": chosen.value}
        return redirect(url_for("people.power_of_attorney"), 303)
    return render_template(
        "people/acting_as.html",
        form=form,
        person=person,
        hints={kind.value: hint for kind, hint in ACTING_AS_HINTS.items()},
    )


@bp.route("/add/power-of-attorney", methods=["GET", "POST"])
@login_required
def power_of_attorney() -> str | Response:
    account = require_account()
    person = _person_being_added()
    relation = Relation(session[ADDING].get("relation", Relation.OTHER.value))
    form = PowerOfAttorneyForm()
    if form.validate_on_submit():
        try:
            upload = _chosen_or_uploaded(account.id, form)
        except UploadRejected as error:
            db.session.rollback()
            form.document.errors = [str(error)]
        else:
            service.add_representation(account, person, relation, ActingAs.AGENT, upload)
            return _added(person)
    return render_template(
        "people/power_of_attorney.html",
        form=form,
        person=person,
        earlier=earlier_uploads(account.id)[:EARLIER_FILES_SHOWN],
    )


def _chosen_or_uploaded(account_id: int, form: PowerOfAttorneyForm) -> Upload:
    reuse = request.form.get("reuse_upload", "")
    if reuse.isdigit() and (earlier := upload_of(account_id, int(reuse))):
        return earlier
    file = form.document.data
    return store_upload(account_id, file.filename if file else "", file.read() if file else b"")


def _added(person: InsuredPerson) -> Response:
    session.pop(ADDING, None)
    flash(_("已添加参保人 %(name)s。", name=person.name_in(language())), "notice")
    return redirect(url_for("people.index"), 303)


@bp.route("/<int:representation_id>/remove", methods=["GET", "POST"])
@login_required
def remove(representation_id: int) -> str | Response:
    representation = service.representation_of(require_account(), representation_id)
    if representation is None:
        abort(404)
    form = ConfirmForm()
    name = representation.insured_person.name_in(language())
    if form.validate_on_submit():
        service.remove_representation(representation)
        flash(_("已从名单中删除 %(name)s。", name=name), "notice")
        return redirect(url_for("people.index"), 303)
    return render_template("people/remove.html", representation=representation, form=form)


@bp.get("/power-of-attorney-form/<region>")
def power_of_attorney_form(region: str) -> str:
    """A blank power of attorney to print, sign and photograph (no sign-in needed)."""
    try:
        form = attorney_form(region)
    except UnknownRegion:
        abort(404)
    profile = load_profile(region)
    material = next((m for m in profile.materials if m.code == "power_of_attorney"), None)
    return render_template(
        "people/power_of_attorney_form.html", form=form, region=region, material=material
    )
