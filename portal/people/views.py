"""People I act for: add an insured person (matched against the roster) and list them."""

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from portal import limits
from portal.apply.forms import ConfirmForm
from portal.auth.current import current_account, login_required, require_account
from portal.errors.views import error_page
from portal.extensions import db
from portal.forms import restore_form
from portal.models import Account, ActingAs, InsuredPerson, Relation, Upload
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
from portal.uploads.service import UploadRejected, store_upload, too_large_message, upload_of

bp = Blueprint("people", __name__, url_prefix="/people")
ADDING = "adding_person"
# Every region refuses an application from someone not insured; the person's region is not
# known until the roster finds them, so the message cites the three provincial procedures.
NOT_INSURED_SOURCE = "000:12.2(1); 001:6.2(1); 002:6.2(1)"


@bp.get("/")
@login_required
def index() -> str:
    account = require_account()
    people = service.representations_of(account)
    service.log_access_to(account, [r.insured_person_id for r in people], "people_list")
    return render_template("people/index.html", people=people)


@bp.route("/add", methods=["GET", "POST"])
@login_required
def who() -> str | Response:
    account = require_account()
    if not has_consented(account):
        return redirect(url_for("privacy.consent", next=request.path), 303)
    form = WhoForm()
    if form.validate_on_submit():
        person = _look_up_roster(account, form)
        if person is not None:
            existing = service.existing_representation(account, person)
            if existing is not None and existing.removed_at is None:
                flash(_("您已经添加过这位参保人了。"), "notice")
                return redirect(url_for("people.index"), 303)
            session[ADDING] = {"person_id": person.id}
            return redirect(url_for("people.relation"), 303)
    restore_form(form)
    return render_template("people/who.html", form=form)


def _look_up_roster(account: Account, form: WhoForm) -> InsuredPerson | None:
    """The person on the roster, or None with the reason next to the ID number. A few tries
    are enough to fix a typo; many more would find ID numbers by guessing, so they are
    limited per account and per address."""
    address = request.remote_addr or "unknown"
    if not (
        limits.spend("ROSTER_MATCHES_PER_IP", address)
        and limits.spend("ROSTER_MATCHES_PER_ACCOUNT", str(account.id))
    ):
        form.id_number.errors.append(
            _("查找的次数太多了。为了保护参保人的信息，请一小时后再试，或打客服电话。")
        )
        return None
    try:
        return service.find_on_roster(form.name.data, form.id_number.data)
    except service.NotOnRoster:
        form.id_number.errors.append(
            _(
                "参保名单里没有找到这位参保人。请核对姓名和身份证号码是否和身份证上完全一样。"
                "只有参加了长期护理保险的人才能申请（%(source)s）。",
                source=cite(NOT_INSURED_SOURCE).text(language()),
            )
        )
        return None


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
            return _add(account, person, chosen, ActingAs.SELF, None)
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
            return _add(account, person, relation, chosen, None)
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
            return _add(account, person, relation, ActingAs.AGENT, upload)
    return _power_of_attorney_page(account, person, form)


def _power_of_attorney_page(
    account: Account, person: InsuredPerson, form: PowerOfAttorneyForm
) -> str:
    return render_template(
        "people/power_of_attorney.html",
        form=form,
        person=person,
        earlier=earlier_uploads(account.id)[:EARLIER_FILES_SHOWN],
    )


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> tuple[str | Response, int]:
    """A request past MAX_CONTENT_LENGTH cannot be read at all: the message still stands next
    to the file field."""
    account = current_account()
    person = db.session.get(InsuredPerson, (session.get(ADDING) or {}).get("person_id", 0))
    if request.endpoint != "people.power_of_attorney" or account is None or person is None:
        return error_page(error)
    form = PowerOfAttorneyForm(formdata=None)
    form.document.errors = [too_large_message()]
    return _power_of_attorney_page(account, person, form), 413


def _chosen_or_uploaded(account_id: int, form: PowerOfAttorneyForm) -> Upload:
    reuse = request.form.get("reuse_upload", "")
    if reuse.isdigit() and (earlier := upload_of(account_id, int(reuse))):
        return earlier
    file = form.document.data
    return store_upload(account_id, file.filename if file else "", file.read() if file else b"")


def _add(
    account: Account,
    person: InsuredPerson,
    relation: Relation,
    acting_as: ActingAs,
    upload: Upload | None,
) -> Response:
    session.pop(ADDING, None)
    try:
        service.add_representation(account, person, relation, acting_as, upload)
    except service.AlreadyAdded:
        flash(_("您已经添加过这位参保人了。"), "notice")
    else:
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
