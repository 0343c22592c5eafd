"""Proofs from a camera or gallery: checked by content, cleaned, and stored with their record.

`store_upload` adds the Upload to the session without committing: the caller adds the record
that refers to it and commits both at once, so neither can exist without the other.
"""

import hashlib
import io
from dataclasses import dataclass

import filetype
from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from sqlalchemy import select

from portal.extensions import db
from portal.models import Upload

register_heif_opener()

MAX_BYTES = 10 * 1024 * 1024
LONGEST_EDGE = 2000
IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/heic", "image/heif"})
PDF = "application/pdf"


class UploadRejected(Exception):
    """Why a file cannot be used, in the person's language."""


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    media_type: str


def clean(content: bytes) -> CleanFile:
    if not content:
        raise UploadRejected(_("请选择一个文件。"))
    if len(content) > MAX_BYTES:
        raise UploadRejected(_("文件太大了。每个文件不能超过 10MB，请拍得小一点或分开上传。"))
    detected = filetype.guess_mime(content)
    if detected in IMAGE_TYPES:
        return _clean_image(content)
    if detected == PDF:
        return _check_pdf(content)
    raise UploadRejected(_("只能上传照片（JPG、PNG、HEIC）或 PDF 文件。这个文件不是这几种格式。"))


def _clean_image(content: bytes) -> CleanFile:
    """Re-encode as JPEG: turns HEIC into something every browser shows, and drops EXIF
    (which holds the place the photo was taken) by not copying it."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((LONGEST_EDGE, LONGEST_EDGE))
            output = io.BytesIO()
            upright.convert("RGB").save(output, format="JPEG", quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise UploadRejected(_("这张照片打不开，可能已经损坏，请重新拍一张。")) from error
    return CleanFile(output.getvalue(), "image/jpeg")


def _check_pdf(content: bytes) -> CleanFile:
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise UploadRejected(
                _("这个 PDF 文件有密码保护，工作人员打不开。请上传没有密码的文件。")
            )
        if len(reader.pages) == 0:
            raise PdfReadError("no pages")
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise UploadRejected(
            _("这个 PDF 文件打不开，可能已经损坏，请重新保存后再上传。")
        ) from error
    return CleanFile(content, PDF)


def store_upload(account_id: int, original_name: str, content: bytes) -> Upload:
    """Check and clean a file and add it to the session (the caller commits)."""
    cleaned = clean(content)
    upload = Upload(
        account_id=account_id,
        original_name=(original_name or "upload")[-255:],
        media_type=cleaned.media_type,
        size=len(cleaned.content),
        sha256=hashlib.sha256(cleaned.content).hexdigest(),
        content=cleaned.content,
    )
    db.session.add(upload)
    return upload


def uploads_of(account_id: int) -> list[Upload]:
    query = select(Upload).filter_by(account_id=account_id, deleted_at=None)
    return list(db.session.scalars(query.order_by(Upload.created_at.desc())))


def upload_of(account_id: int, upload_id: int) -> Upload | None:
    upload = db.session.get(Upload, upload_id)
    if upload is None or upload.account_id != account_id or upload.deleted_at is not None:
        return None
    return upload
