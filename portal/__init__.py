"""Changhu (长护通): the citizen portal for long-term care insurance."""

from typing import Any

from flask import Flask, Response, current_app, g, request
from flask_babel import get_locale
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import (  # noqa: F401  (models register tables)
    cli,
    forms,
    http_headers,
    jobs,
    models,
    sms,
    staff,
    template_helpers,
)
from portal.assets import asset_url
from portal.auth.current import current_account, remember_account_language
from portal.config import INSTANCE_DIR, PROJECT_ROOT, Base, config_from_env
from portal.crypto import DataCipher, development_secret
from portal.errors import views as error_pages
from portal.extensions import babel, csrf, db, htmx, limiter, migrate
from portal.i18n import ENDONYMS, HTML_LANG, select_locale, text_direction
from portal.preferences.service import read_preferences


def create_app(config: Base | None = None) -> Flask:
    app = Flask(
        __name__,
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=str(INSTANCE_DIR),
    )
    app.config.from_object(config or config_from_env())
    if app.config["TRUSTED_PROXIES"]:
        proxies = int(app.config["TRUSTED_PROXIES"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    if not app.config["SECRET_KEY"]:  # development only: production refuses to start without
        app.config["SECRET_KEY"] = development_secret(INSTANCE_DIR, "secret.key")
    _bind_extensions(app)
    _register_blueprints(app)
    app.before_request(_remember_language_on_post)
    app.after_request(_no_store_html)
    app.context_processor(_page_context)
    app.jinja_env.globals["asset_url"] = lambda name: asset_url(name, str(app.static_folder))
    cli.register(app)
    return app


def _bind_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    http_headers.init_app(app)
    forms.init_app(app)
    error_pages.init_app(app)
    template_helpers.init_app(app)
    sms.init_app(app)
    staff.init_app(app)
    jobs.init_app(app)
    master_key = app.config.get("DATA_KEY") or development_secret(INSTANCE_DIR, "data.key")
    app.extensions["changhu_cipher"] = DataCipher.from_master_key(master_key)


def _register_blueprints(app: Flask) -> None:
    from portal.api.bot import bp as bot_api_bp
    from portal.api.views import bp as api_bp
    from portal.apply.requested import bp as requested_bp
    from portal.apply.views import bp as apply_bp
    from portal.assistant.views import bp as assistant_bp
    from portal.auth.views import bp as auth_bp
    from portal.care.views import bp as care_bp
    from portal.chat.views import bp as chat_bp
    from portal.complaints.views import bp as complaints_bp
    from portal.health.views import bp as health_bp
    from portal.home.views import bp as home_bp
    from portal.institutions.views import bp as institutions_bp
    from portal.notifications.views import bp as inbox_bp
    from portal.objection.views import bp as objection_bp
    from portal.people.views import bp as people_bp
    from portal.preferences.views import bp as preferences_bp
    from portal.privacy.views import bp as privacy_bp
    from portal.publicity.views import bp as publicity_bp
    from portal.reassessment.views import bp as reassessment_bp
    from portal.self_assessment.views import bp as self_assessment_bp
    from portal.speech.views import bp as speech_bp
    from portal.status.views import bp as status_bp
    from portal.uploads.views import bp as uploads_bp
    from portal.wechat.views import bp as wechat_bp

    for blueprint in (
        home_bp,
        preferences_bp,
        health_bp,
        auth_bp,
        people_bp,
        privacy_bp,
        publicity_bp,
        self_assessment_bp,
        apply_bp,
        requested_bp,
        speech_bp,
        uploads_bp,
        chat_bp,
        assistant_bp,
        complaints_bp,
        api_bp,
        bot_api_bp,
        wechat_bp,
        # After submitting: the timeline and the person's requests on their case.
        status_bp,
        objection_bp,
        care_bp,
        reassessment_bp,
        institutions_bp,
        inbox_bp,
    ):
        app.register_blueprint(blueprint)


def _remember_language_on_post() -> None:
    # GET changes nothing; a POST (an answer saved, a setting changed) is the person acting.
    if request.method == "POST":
        remember_account_language(str(get_locale() or "zh"))


def _no_store_html(response: Response) -> Response:
    # Pages can show personal data: never let a shared phone or proxy keep a copy.
    if response.mimetype == "text/html":
        response.headers["Cache-Control"] = "no-store"
        response.vary.add("HX-Request")
    return response


def _page_context() -> dict[str, Any]:
    language = str(get_locale() or "zh")
    return {
        "ui": {
            "language": language,
            "html_lang": HTML_LANG[language],
            "dir": text_direction(language),
            "endonyms": ENDONYMS,
            "preferences": read_preferences(request.cookies),
            "hotline": current_app.config["HOTLINE"],
            # After a database error the page is drawn without asking the database again.
            "account": None if g.get(error_pages.DATABASE_FAILED) else current_account(),
            "session_seconds": int(current_app.permanent_session_lifetime.total_seconds()),
            "session_warning_seconds": current_app.config["SESSION_WARNING_SECONDS"],
        },
    }
