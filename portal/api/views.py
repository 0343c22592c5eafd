"""The JSON API (/api/v1/…) for the Rasa bot and other clients; read-only, so GET only.

Errors are ``{"error": "<a sentence in the request's language>"}`` (zh or ug, chosen by
``portal.i18n.select_locale``: ``?lang=``, the language cookie, Accept-Language, then zh):

- 400: a missing or malformed date, a date outside 2000–2100, a bad ``extended``,
  ``publicised`` or ``service_type`` value;
- 404: an unknown region (``national`` included: it holds what the three provincial
  procedures share, and is no region), an unknown rule, or an unknown path under /api/v1/;
- 422: a rule every region knows, but that this region's documents do not state (benefit
  start in heilongjiang, any objection window in fuzhou, xinjiang's objection window with
  ``publicised=false``: a failed conclusion is not publicised, and 001 states no window for
  it), or ``extended=true`` where the documents allow no extension. Not 404: region and
  rule both exist, and a client can tell the person "the documents do not say; the agency
  will tell you" (the sentence says so and gives the hotline) instead of "no such thing".

Every ``source`` (the internal code, e.g. "000:15(5)") comes with ``citation``: the document's
name and the article in words, in Chinese and in Uyghur (the Chinese title isolated with
U+2068/U+2069), for clients to show people instead of the code.

Caching: nothing here is personal, but a signed-in person's session cookie is refreshed on
every response, so a shared cache must not keep them: region data and deadlines change only
with a deployment (profiles and holiday schedules are read once per process), so the client
may keep them for five minutes (``private, max-age=300``); the institution list is edited by
agency staff at any time, so it is revalidated on every use (``no-cache``, with an ETag for a
cheap 304). Every answer depends on the language, hence ``Vary: Accept-Language, Cookie``.
Responses are JSON, so the HTML-only ``no-store`` in ``portal/__init__.py`` leaves them alone.
"""

from flask import Blueprint, Response, jsonify, request

from portal.api import service
from portal.api.service import ApiError

bp = Blueprint("api", __name__, url_prefix="/api/v1")
STATIC_MAX_AGE = 300


def _json(body: object, *, max_age: int | None = None) -> Response:
    response = jsonify(body)
    if max_age is None:
        response.cache_control.no_cache = True
    else:
        response.cache_control.private = True
        response.cache_control.max_age = max_age
    response.add_etag()
    response.make_conditional(request)  # a 304 when the client's copy is still current
    return response


@bp.errorhandler(ApiError)
def api_error(error: ApiError) -> tuple[Response, int]:
    return jsonify(error=str(error)), error.status


@bp.after_request
def _vary_on_language(response: Response) -> Response:
    response.vary.update(("Accept-Language", "Cookie"))
    if response.status_code >= 400:
        response.cache_control.no_cache = True
    return response


@bp.get("/regions")
def regions() -> Response:
    return _json(service.regions(), max_age=STATIC_MAX_AGE)


@bp.get("/regions/<code>")
def region(code: str) -> Response:
    return _json(service.region_profile(code), max_age=STATIC_MAX_AGE)


@bp.get("/regions/<code>/deadlines/<rule>")
def deadline(code: str, rule: str) -> Response:
    """``?from=YYYY-MM-DD`` (required), ``&extended=true`` for xinjiang's complex cases,
    ``&publicised=false`` for a conclusion that was not publicised (default true)."""
    start = service.parse_date(request.args.get("from"))
    extended = service.parse_flag("extended", request.args.get("extended"), default=False)
    publicised = service.parse_flag("publicised", request.args.get("publicised"), default=True)
    body = service.deadline(code, rule, start, extended=extended, publicised=publicised)
    return _json(body, max_age=STATIC_MAX_AGE)


@bp.get("/institutions")
def institutions() -> Response:
    """``?region=&district=&service_type=``, all optional; an empty value means no filter."""
    service_type = service.parse_service_type(request.args.get("service_type"))
    found = service.institutions(
        region=request.args.get("region"),
        district=request.args.get("district"),
        service_type=service_type,
    )
    return _json({"institutions": found})


@bp.get("/<path:unknown>")
def not_found(unknown: str) -> Response:
    # Without this an unknown API path would get the HTML error page.
    raise service.unknown_path()
