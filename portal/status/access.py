"""A case is shown only to the account that applied: anyone else gets 404, as if it did not
exist. Every look is written to the access log (portal/apply/service.application_of)."""

from flask import abort

from portal.apply import service as apply_service
from portal.auth.current import require_account
from portal.cases.actors import Actor
from portal.models import Application, Case


def owned_case(application_id: int) -> tuple[Application, Case]:
    application = apply_service.application_of(require_account(), application_id)
    case = apply_service.case_of(application) if application else None
    if application is None or case is None:
        abort(404)
    return application, case


def citizen() -> Actor:
    return Actor.of_citizen(require_account())
