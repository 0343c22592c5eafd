"""The console's front door: each role lands on its own work."""

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from portal.models import StaffRole, StaffUser
from portal.staff.session import ALL_ROLES, require_staff, roles_required

bp = Blueprint("staff_home", __name__, url_prefix="/staff")

ROLE_LABELS = {
    StaffRole.HOTLINE: _l("热线客服"),
    StaffRole.SPECIALIST: _l("长护专员"),
    StaffRole.REVIEWER: _l("经办人员"),
    StaffRole.ASSESSOR: _l("评估人员"),
    StaffRole.ADMIN: _l("系统管理员"),
}
CASE_ROLES = (StaffRole.REVIEWER, StaffRole.SPECIALIST, StaffRole.ASSESSOR)


def staff_role_label(role: StaffRole | str) -> str:
    return str(ROLE_LABELS[StaffRole(role)])


def staff_menu(user: StaffUser) -> list[tuple[str, str]]:
    if user.role is StaffRole.HOTLINE:
        return [
            ("staff_inbox.waiting", str(_l("转人工对话"))),
            ("staff_complaints.queue", str(_l("投诉举报"))),
            ("staff_call_backs.tasks", str(_l("回电任务"))),
            ("staff_callers.lookup", str(_l("查询来电人进度"))),
        ]
    if user.role in CASE_ROLES:
        from portal.staff.alerts import unread_alerts

        unread = unread_alerts(user.id)
        alerts = _l("期限提醒（%(count)s）", count=unread) if unread else _l("期限提醒")
        menu = [
            ("staff_cases.queue", str(_l("工作队列"))),
            ("staff_people.search", str(_l("查找参保人"))),
            ("staff_alerts.index", str(alerts)),
        ]
        if user.role in (StaffRole.REVIEWER, StaffRole.SPECIALIST):
            menu.append(("staff_complaints.queue", str(_l("投诉举报"))))
        return menu
    if user.role is StaffRole.ADMIN:
        return [
            ("staff_admin.accounts", str(_l("账号管理"))),
            ("staff_admin.audit", str(_l("查阅记录"))),
            ("staff_admin.imports", str(_l("导入名单"))),
        ]
    return [("staff_home.home", str(_l("首页")))]


@bp.get("/")
@roles_required(*ALL_ROLES)
def home() -> str | Response:
    user = require_staff()
    menu = staff_menu(user)
    if menu[0][0] != "staff_home.home":
        return redirect(url_for(menu[0][0]), 303)
    return render_template("staff/home.html")
