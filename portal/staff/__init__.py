"""The staff console (/staff): its own session, a role per post, and blueprints per task."""

from typing import Any

from flask import Flask

from portal.staff import helpers
from portal.staff import session as staff_session


def init_app(app: Flask) -> None:
    from portal.staff.admin.views import bp as admin_bp
    from portal.staff.alerts import bp as alerts_bp
    from portal.staff.auth.views import bp as auth_bp
    from portal.staff.cases.views import bp as cases_bp
    from portal.staff.home import bp as home_bp
    from portal.staff.home import staff_menu, staff_role_label
    from portal.staff.hotline.callbacks import bp as call_backs_bp
    from portal.staff.hotline.callers import bp as callers_bp
    from portal.staff.hotline.complaints import bp as complaints_bp
    from portal.staff.hotline.inbox import bp as inbox_bp
    from portal.staff.people.views import bp as people_bp

    staff_session.init_app(app)
    helpers.init_app(app)
    for blueprint in (
        auth_bp,
        home_bp,
        cases_bp,
        people_bp,
        admin_bp,
        alerts_bp,
        inbox_bp,
        complaints_bp,
        call_backs_bp,
        callers_bp,
    ):
        app.register_blueprint(blueprint)
    app.jinja_env.globals.update(staff_menu=staff_menu, staff_role_label=staff_role_label)
    app.context_processor(_context)


def _context() -> dict[str, Any]:
    return staff_session.staff_page_context()
