"""Self-assessment: choose the person, one question per page, then the indicative result."""

from flask import Blueprint, abort, redirect, render_template, url_for
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from portal.auth.current import login_required, require_account
from portal.forms import autosave_response, is_autosave
from portal.models import SelfAssessment
from portal.people.service import representation_of, representations_of
from portal.self_assessment import service
from portal.self_assessment.forms import AnswerForm, PersonChoiceForm
from portal.template_helpers import in_language, person_name

bp = Blueprint("self_assessment", __name__, url_prefix="/self-assessment")


@bp.route("/", methods=["GET", "POST"])
@login_required
def start() -> str | Response:
    account = require_account()
    people = representations_of(account)
    form = PersonChoiceForm()
    form.person.choices = [SelectChoice(str(r.id), person_name(r.insured_person)) for r in people]
    if form.validate_on_submit():
        representation = representation_of(account, int(form.person.data))
        if representation is None:
            abort(404)
        assessment = service.start_or_resume(account, representation)
        number = service.first_unanswered(assessment)
        if number is None:
            return redirect(url_for("self_assessment.result", assessment_id=assessment.id), 303)
        return redirect(_question_url(assessment, number), 303)
    return render_template("self_assessment/start.html", form=form, people=people)


def _question_url(assessment: SelfAssessment, number: int) -> str:
    return url_for("self_assessment.question", assessment_id=assessment.id, number=number + 1)


def _assessment(assessment_id: int) -> SelfAssessment:
    assessment = service.assessment_of(require_account(), assessment_id)
    if assessment is None:
        abort(404)
    return assessment


@bp.route("/<int:assessment_id>/questions/<int:number>", methods=["GET", "POST"])
@login_required
def question(assessment_id: int, number: int) -> str | Response:
    assessment = _assessment(assessment_id)
    items = service.form_of(assessment).items
    if not 1 <= number <= len(items):
        abort(404)
    item = items[number - 1]
    form = AnswerForm(data={"answer": assessment.answers.get(item.code)})
    form.answer.label.text = in_language(item.question)
    form.answer.choices = [SelectChoice(o.code, in_language(o.label)) for o in item.options]
    if is_autosave():
        return autosave_response(
            form, lambda: service.save_answer(assessment, item, form.answer.data)
        )
    if form.validate_on_submit():
        service.save_answer(assessment, item, form.answer.data)
        if number < len(items):
            return redirect(_question_url(assessment, number), 303)
        return redirect(url_for("self_assessment.result", assessment_id=assessment.id), 303)
    return render_template(
        "self_assessment/question.html",
        form=form,
        assessment=assessment,
        item=item,
        number=number,
        total=len(items),
        meters={o.code: f"meter-{service.option_meter(item, o.code)}" for o in item.options},
    )


@bp.get("/<int:assessment_id>/result")
@login_required
def result(assessment_id: int) -> str | Response:
    assessment = _assessment(assessment_id)
    number = service.first_unanswered(assessment)
    if number is not None:
        return redirect(_question_url(assessment, number), 303)
    return render_template(
        "self_assessment/result.html",
        assessment=assessment,
        form_definition=service.form_of(assessment),
        result=assessment.result,
    )
