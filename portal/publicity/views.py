"""Publicity (公示) of qualifying conclusions, public and without sign-in, names and ID
numbers masked, per region; a third party raises a real-name objection here during the
period (000:15(3)(5), 001:8, 002:8(4)(6))."""

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Regexp, ValidationError

from portal import id_numbers
from portal.auth.service import MAINLAND_MOBILE
from portal.cases import TransitionRefused, dates
from portal.cases.actors import Actor
from portal.cases.decisions import accepts_third_party_objections, third_party_objects
from portal.clock import china_today
from portal.extensions import db, limiter
from portal.models import Case, CaseStep, Region

bp = Blueprint("publicity", __name__, url_prefix="/publicity")


class ObjectionForm(FlaskForm):
    name = StringField(
        _l("您的姓名"),
        validators=[InputRequired(_l("实名反映：请填写您的姓名。")), Length(max=64)],
        filters=[lambda value: value.strip() if value else value],
    )
    id_number = StringField(
        _l("您的身份证号码"),
        validators=[InputRequired(_l("实名反映：请填写您的 18 位身份证号码。"))],
        filters=[lambda value: id_numbers.normalise(value) if value else value],
    )
    phone = StringField(
        _l("您的手机号码"),
        validators=[
            InputRequired(_l("请填写手机号码，经办机构核实时会联系您。")),
            Regexp(
                MAINLAND_MOBILE.pattern,
                message=_l("手机号码应该是 11 位数字，以 1 开头，例如 13812345678。"),
            ),
        ],
        filters=[lambda value: value.replace(" ", "").replace("-", "") if value else value],
    )
    statement = TextAreaField(
        _l("您了解到的情况"),
        validators=[InputRequired(_l("请写明您了解到的情况。")), Length(max=2000)],
    )

    def validate_id_number(self, field: StringField) -> None:
        if not id_numbers.is_valid(field.data or ""):
            raise ValidationError(_l("这个身份证号码不对，请核对。"))


def _listed(region: str) -> list[Case]:
    today = china_today()
    query = select(Case).filter_by(step=CaseStep.PUBLICITY, region_code=region)
    return [case for case in db.session.scalars(query.order_by(Case.id)) if _running(case, today)]


def _running(case: Case, today: object) -> bool:
    end = dates.publicity_end(case)
    return end is None or today <= end.due  # type: ignore[operator]


@bp.get("/")
def index() -> str:
    region = request.args.get("region", "")
    regions = list(db.session.scalars(select(Region.code).order_by(Region.code)))
    if region and region not in regions:
        abort(404)
    return render_template(
        "publicity/index.html",
        regions=regions,
        region=region,
        cases=_listed(region) if region else [],
        dates=dates,
        today=china_today(),
        accepts=accepts_third_party_objections,
    )


def _case(case_id: int) -> Case:
    case = db.session.get(Case, case_id)
    if case is None or not accepts_third_party_objections(case, china_today()):
        abort(404)
    return case


@bp.route("/<int:case_id>/objection", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def objection(case_id: int) -> str | Response:
    case = _case(case_id)
    form = ObjectionForm()
    if form.validate_on_submit():
        try:
            third_party_objects(
                case,
                Actor.of_public(),
                name=form.name.data,
                id_number=form.id_number.data,
                phone=form.phone.data,
                statement=form.statement.data.strip(),
            )
        except TransitionRefused as refused:
            form.statement.errors = [str(refused)]
        else:
            return redirect(url_for("publicity.objection_received", region=case.region_code), 303)
    return render_template("publicity/objection.html", case=case, form=form, dates=dates)


@bp.get("/objection-received")
def objection_received() -> str:
    return render_template("publicity/received.html", region=request.args.get("region", ""))
