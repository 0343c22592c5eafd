"""问问小助手: the portal's chat page. It works without JavaScript (each message is a POST,
then 303 back to the page); with htmx, the messages refresh while a person is answering."""

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.assistant import service
from portal.auth.current import current_account
from portal.extensions import htmx, limiter
from portal.template_helpers import language

bp = Blueprint("assistant", __name__, url_prefix="/assistant")
SENDER = "assistant_sender"
REFRESH_SECONDS = 3


class MessageForm(FlaskForm):
    text = TextAreaField(
        _l("您想问什么？"),
        validators=[
            DataRequired(_l("请写下您的问题，说话输入也可以。")),
            Length(max=service.MAX_MESSAGE, message=_l("一次请不要超过 500 个字。")),
        ],
        filters=[lambda value: value.strip() if value else value],
    )
    payload = HiddenField()


class PersonForm(FlaskForm):
    """An empty form: its button asks for a person."""


def _sender() -> str | None:
    value = session.get(SENDER)
    return str(value) if value else None


def _context(form: MessageForm | None = None) -> dict[str, object]:
    sender = _sender()
    return {
        "form": form or MessageForm(),
        "person_form": PersonForm(),
        "messages": service.messages(sender),
        "handoff": service.waiting_for_person(sender),
        "refresh": REFRESH_SECONDS,
        "choices_of": service.choices_of,
    }


@bp.get("/")
def chat() -> str:
    return render_template("assistant/chat.html", **_context())


@bp.get("/messages")
def messages() -> str:
    if not htmx:
        return redirect(url_for("assistant.chat"), 303)  # type: ignore[return-value]
    return render_template("assistant/_messages.html", **_context())


@bp.post("/")
@limiter.limit("20 per minute")
def send() -> Response | tuple[str, int]:
    form = MessageForm()
    payload = (request.form.get("payload") or "").strip()[:200]
    if payload and form.text.data:
        text, shown = payload, form.text.data
    elif form.validate_on_submit():
        text, shown = form.text.data or "", ""
    else:
        return render_template("assistant/chat.html", **_context(form)), 400
    sender = _sender() or service.new_sender_id()
    session[SENDER] = sender
    service.send(sender, text, language(), current_account(), shown=shown)
    return redirect(url_for("assistant.chat", _anchor="latest"), 303)


@bp.post("/person")
@limiter.limit("10 per minute")
def person() -> Response:
    if PersonForm().validate_on_submit():
        sender = _sender() or service.new_sender_id()
        session[SENDER] = sender
        last = service.messages(sender)
        said = [m.text for m in last if m.direction == "in"]
        service.ask_for_person(
            sender, "user_request", language(), current_account(), said[-1] if said else _("找人工")
        )
    return redirect(url_for("assistant.chat", _anchor="latest"), 303)
