"""A small picture of a file the person uploaded, to recognise it when using it again."""

import io

from flask import Blueprint, Response, abort
from PIL import Image

from portal.auth.current import login_required, require_account
from portal.uploads.service import upload_of

bp = Blueprint("uploads", __name__, url_prefix="/uploads")
THUMBNAIL_EDGE = 320


@bp.get("/<int:upload_id>/thumbnail.jpg")
@login_required
def thumbnail(upload_id: int) -> Response:
    upload = upload_of(require_account().id, upload_id)
    if upload is None or upload.content is None or not upload.media_type.startswith("image/"):
        abort(404)
    with Image.open(io.BytesIO(upload.content)) as image:
        image.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE))
        output = io.BytesIO()
        image.convert("RGB").save(output, format="JPEG", quality=80)
    # A photo of an ID card: never kept by a shared phone's browser or a proxy.
    return Response(output.getvalue(), mimetype="image/jpeg", headers={"Cache-Control": "no-store"})
