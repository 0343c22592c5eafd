"""The pages every request on a case shares: a question in the person's own words, and
evidence photographed or chosen from the phone. Each answer is saved at once (drafts)."""

from flask import flash, redirect, render_template, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from portal.apply.forms import ConfirmForm
from portal.auth.current import require_account
from portal.extensions import db
from portal.forms import restore_form
from portal.models import Application, Case
from portal.status import drafts
from portal.status.forms import EvidenceForm, TextAnswerForm, TextQuestion
from portal.uploads.service import UploadRejected, store_upload


def text_question(
    application: Application,
    case: Case,
    kind: str,
    question: TextQuestion,
    *,
    back: str,
    after: str,
    hint: object = None,
) -> str | Response:
    answers = drafts.answers_of(case, kind)
    form = TextAnswerForm(data={"answer": answers.get(question.key, "")})
    if form.require(question.missing):
        drafts.save_answers(case, require_account(), kind, **{question.key: form.answer.data})
        return redirect(after, 303)
    return question_page(application, case, form, question, back=back, hint=hint)


def question_page(
    application: Application,
    case: Case,
    form: TextAnswerForm,
    question: TextQuestion,
    *,
    back: str,
    hint: object = None,
) -> str:
    """One written question about a case, with the answer given so far and any error."""
    restore_form(form)
    return render_template(
        "status/question.html",
        application=application,
        case=case,
        form=form,
        question=question,
        hint=hint or question.hint,
        back=back,
    )


def evidence(
    application: Application,
    case: Case,
    kind: str,
    *,
    title: str,
    hint: str,
    back: str,
    after: str,
    remove_endpoint: str,
) -> str | Response:
    account = require_account()
    form = EvidenceForm()
    if form.validate_on_submit():
        file = form.document.data
        try:
            upload = store_upload(
                account.id, file.filename if file else "", file.read() if file else b""
            )
        except UploadRejected as error:
            db.session.rollback()
            form.document.errors = [str(error)]
        else:
            drafts.add_evidence(case, account, kind, upload)
            flash(_("文件已上传：%(name)s", name=upload.original_name), "notice")
            return redirect(request.path, 303)
    return render_template(
        "status/evidence.html",
        application=application,
        case=case,
        form=form,
        title=title,
        hint=hint,
        uploads=drafts.evidence_of(case, account, kind),
        back=back,
        after=after,
        remove_endpoint=remove_endpoint,
    )


def remove_evidence(case: Case, kind: str, upload_id: int, back: str) -> Response:
    if ConfirmForm().validate_on_submit():
        drafts.remove_evidence(case, require_account(), kind, upload_id)
        flash(_("已删除这个文件。"), "notice")
    return redirect(back, 303)
