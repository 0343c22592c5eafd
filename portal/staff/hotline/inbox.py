"""The handoff inbox: chats waiting for a person (the list refreshes itself every few seconds
with htmx), one chat with its transcript, and claiming, answering and closing it."""

import secrets

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from portal.chat import transcript
from portal.extensions import htmx
from portal.hotline import inbox
from portal.models import StaffRole
from portal.staff.hotline.forms import CallBackForm, ReplyForm, SmsForm
from portal.staff.session import require_staff, roles_required

bp = Blueprint("staff_inbox", __name__, url_prefix="/staff/inbox")
REFRESH_SECONDS = 3


def _waiting(handoff_id: int) -> inbox.Waiting:
    found = inbox.visible_handoff(require_staff(), handoff_id)
    if found is None:
        abort(404)
    return found


@bp.get("/")
@roles_required(StaffRole.HOTLINE)
def waiting() -> str:
    # The list's own polling gets the fragment; a boosted link to the page gets the page.
    polled = bool(htmx) and not htmx.boosted
    template = "staff/inbox/_list.html" if polled else "staff/inbox/index.html"
    return render_template(
        template, waiting=inbox.waiting(require_staff()), refresh=REFRESH_SECONDS
    )


@bp.get("/<int:handoff_id>")
@roles_required(StaffRole.HOTLINE)
def chat(handoff_id: int) -> str:
    found = _waiting(handoff_id)
    staff = require_staff()
    if htmx and not htmx.boosted:
        return _messages(found)
    inbox.log_look(staff, found.handoff)
    return _page(found)


def _messages(found: inbox.Waiting) -> str:
    return render_template(
        "staff/inbox/_messages.html",
        found=found,
        messages=transcript.messages_of(found.handoff.sender_id),
        refresh=REFRESH_SECONDS,
    )


def _page(
    found: inbox.Waiting,
    reply_form: ReplyForm | None = None,
    refused: str | None = None,
    sms_form: SmsForm | None = None,
    call_back_form: CallBackForm | None = None,
) -> str:
    handoff = found.handoff
    if sms_form is None:
        sms_form = SmsForm(prefix="sms", data={"phone": inbox.phone_of(handoff)})
    if call_back_form is None:
        call_back_form = CallBackForm(
            prefix="call_back",
            data={"phone": inbox.phone_of(handoff), "key": secrets.token_urlsafe(24)},
        )
    return render_template(
        "staff/inbox/chat.html",
        found=found,
        messages=transcript.messages_of(handoff.sender_id),
        refresh=REFRESH_SECONDS,
        window_open=inbox.window_open(handoff),
        window_closes_at=inbox.window_closes_at(handoff),
        reply_form=reply_form or ReplyForm(prefix="reply"),
        refused=refused,
        wechat_refusal=inbox.wechat_refusal(handoff),
        sms_form=sms_form,
        call_back_form=call_back_form,
    )


@bp.post("/<int:handoff_id>/claim")
@roles_required(StaffRole.HOTLINE)
def claim(handoff_id: int) -> Response:
    found = _waiting(handoff_id)
    if not inbox.claim(found.handoff, require_staff()):
        flash(_("这个对话已经有同事在回复了。"), "notice")
    return redirect(url_for("staff_inbox.chat", handoff_id=handoff_id), 303)


@bp.post("/<int:handoff_id>/reply")
@roles_required(StaffRole.HOTLINE)
def reply(handoff_id: int) -> Response | tuple[str, int]:
    found = _waiting(handoff_id)
    form = ReplyForm(prefix="reply")
    if not form.validate_on_submit():
        return _page(found, reply_form=form), 400
    if found.handoff.claimed_by_id != require_staff().id:
        flash(_("请先接手这个对话再回复。"), "notice")
        return redirect(url_for("staff_inbox.chat", handoff_id=handoff_id), 303)
    if not inbox.window_open(found.handoff):
        return _page(found, reply_form=form, refused=_outside_window()), 409
    try:
        inbox.reply(found.handoff, require_staff(), form.text.data or "")
    except inbox.ReplyRefused as refused:
        return _page(found, reply_form=form, refused=str(refused)), 409
    return redirect(url_for("staff_inbox.chat", handoff_id=handoff_id), 303)


def _outside_window() -> str:
    return _("对方最后一次发消息已超过 48 小时，微信不再让我们发客服消息。请发短信，或者安排回电。")


@bp.post("/<int:handoff_id>/sms")
@roles_required(StaffRole.HOTLINE)
def sms(handoff_id: int) -> Response | tuple[str, int]:
    found = _waiting(handoff_id)
    form = SmsForm(prefix="sms")
    if not form.validate_on_submit():
        return _page(found, sms_form=form), 400
    inbox.send_sms(found.handoff, form.phone.data or "", form.text.data or "")
    flash(_("短信已发出。"), "notice")
    return redirect(url_for("staff_inbox.chat", handoff_id=handoff_id), 303)


@bp.post("/<int:handoff_id>/call-back")
@roles_required(StaffRole.HOTLINE)
def call_back(handoff_id: int) -> Response | tuple[str, int]:
    from portal.hotline import callbacks

    found = _waiting(handoff_id)
    form = CallBackForm(prefix="call_back")
    if not form.validate_on_submit():
        return _page(found, call_back_form=form), 400
    handoff = found.handoff
    callbacks.create(
        require_staff(),
        form.key.data or secrets.token_urlsafe(24),
        source="handoff" if inbox.window_open(handoff) else "window",
        handoff_id=handoff.id,
        region_code=found.region,
        name=form.name.data or "",
        phone=form.phone.data or "",
        about=form.about.data or handoff.last_message,
        promised_at=form.promised_utc(),
    )
    flash(_("已加入回电任务。"), "notice")
    return redirect(url_for("staff_inbox.chat", handoff_id=handoff_id), 303)


@bp.post("/<int:handoff_id>/close")
@roles_required(StaffRole.HOTLINE)
def close(handoff_id: int) -> Response:
    found = _waiting(handoff_id)
    if found.handoff.closed_at is None:
        if inbox.close(found.handoff, require_staff()):
            flash(_("对话已结束，小助手会接着回答。"), "notice")
        else:
            flash(
                _(
                    "对话已结束，但暂时联系不上小助手。对方下次发消息时会再通知它；"
                    "如果那时它还不能回答，对话会回到这里。"
                ),
                "notice",
            )
    return redirect(url_for("staff_inbox.waiting"), 303)


CHANNELS = {"wechat": _l("微信公众号"), "portal": _l("长护通网页")}
REASONS = {
    "user_request": _l("本人要求转人工"),
    "complaint": _l("投诉"),
    "repeated_fallback": _l("小助手两次没听懂"),
    "bot_unavailable": _l("小助手暂时不能回答"),
    "answer_not_sent": _l("小助手的回答没发出去"),
}
DIRECTIONS = {"in": _l("对方"), "bot": _l("小助手"), "staff": _l("工作人员")}


@bp.app_template_global()
def channel_label(channel: str) -> str:
    return str(CHANNELS.get(channel, channel))


@bp.app_template_global()
def handoff_reason_label(reason: str) -> str:
    return str(REASONS.get(reason, reason))


@bp.app_template_global()
def chat_direction_label(direction: str) -> str:
    return str(DIRECTIONS.get(direction, direction))
