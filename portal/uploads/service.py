"""Proofs from a camera or gallery: checked by content, cleaned, and stored with their record.

`store_upload` adds the Upload to the session without committing: the caller adds the record
that refers to it and commits both at once, so neither can exist without the other.

Files are the most sensitive data held (ID cards, medical records): they are encrypted at rest
(portal.models.base.EncryptedBytes) and their bytes are deleted as soon as nothing uses them
(`erase_unused`). Only `open_for` (and `open_complaint_evidence` for the hotline) hands out a file's
bytes, and each logs who looked.
"""

import hashlib
import io
import threading
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

import filetype
from flask import has_request_context, request
from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from sqlalchemy import exists, or_, select

from portal.audit.service import log_staff_look
from portal.extensions import db
from portal.models import (
    AccessLog,
    Account,
    Application,
    ApplicationMaterial,
    ComplaintEvidence,
    Representation,
    StaffUser,
    Upload,
    utcnow,
)

register_heif_opener()

MAX_BYTES = 10 * 1024 * 1024
LONGEST_EDGE = 2000
# A phone photo has 12–48 million pixels; decoding costs 3–4 bytes each. A few hundred KB of
# PNG can claim far more (a "decompression bomb"): Pillow refuses anything past this budget
# when it reads the header, before decoding a single pixel.
PIXEL_BUDGET = 50_000_000
Image.MAX_IMAGE_PIXELS = PIXEL_BUDGET
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)
# Decoding is where memory goes (a 48-megapixel photo: 150 MB before it is shrunk); a few at a
# time per process keeps many simultaneous uploads from adding up. The others wait their turn.
_DECODING = threading.BoundedSemaphore(2)
IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/heic", "image/heif"})
PDF = "application/pdf"


class UploadRejected(Exception):
    """Why a file cannot be used, in the person's language."""


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    media_type: str


def too_large_message() -> str:
    return _("文件太大了。每个文件不能超过 10MB，请拍得小一点或分开上传。")


def clean(content: bytes, name: str = "") -> CleanFile:
    if not content:
        if name:
            raise UploadRejected(_("这个文件是空的。请重新拍照，或选择另一个文件。"))
        raise UploadRejected(_("请选择一个文件。"))
    if len(content) > MAX_BYTES:
        raise UploadRejected(too_large_message())
    detected = filetype.guess_mime(content)
    if detected in IMAGE_TYPES:
        return _clean_image(content)
    if detected == PDF:
        return _clean_pdf(content)
    raise UploadRejected(_("只能上传照片（JPG、PNG、HEIC）或 PDF 文件。这个文件不是这几种格式。"))


def _clean_image(content: bytes) -> CleanFile:
    """Re-encode as JPEG: turns HEIC into something every browser shows, and drops EXIF
    (which holds the place the photo was taken) by not copying it."""
    try:
        with _DECODING, Image.open(io.BytesIO(content)) as image:
            # A JPEG is decoded straight at a fraction of its size (1/2 … 1/8): less memory,
            # the same picture once shrunk to LONGEST_EDGE.
            scale = LONGEST_EDGE / max(image.size)
            if scale < 1:
                image.draft("RGB", (round(image.width * scale), round(image.height * scale)))
            ImageOps.exif_transpose(image, in_place=True)
            image.thumbnail((LONGEST_EDGE, LONGEST_EDGE))
            rgb = image if image.mode == "RGB" else image.convert("RGB")
            output = io.BytesIO()
            rgb.save(output, format="JPEG", quality=85, optimize=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise UploadRejected(
            _("这张图片太大了（超过 5000 万像素），打不开。请用手机相机的普通模式重新拍一张。")
        ) from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise UploadRejected(_("这张照片打不开，可能已经损坏，请重新拍一张。")) from error
    return CleanFile(output.getvalue(), "image/jpeg")


def _clean_pdf(content: bytes) -> CleanFile:
    """Only the pages are kept: the file is written anew from them, so JavaScript, embedded
    files, form actions and anything after the end of the file are left behind."""
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise UploadRejected(
                _("这个 PDF 文件有密码保护，工作人员打不开。请上传没有密码的文件。")
            )
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        if not writer.pages:
            raise PyPdfError("no pages")
        writer.remove_annotations(subtypes=None)  # links, attachments, buttons with actions
        for page in writer.pages:
            page.pop("/AA", None)  # actions run when a page is opened or closed
        output = io.BytesIO()
        writer.write(output)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise UploadRejected(
            _("这个 PDF 文件打不开，可能已经损坏，请重新保存后再上传。")
        ) from error
    return CleanFile(output.getvalue(), PDF)


def store_upload(account_id: int, original_name: str, content: bytes) -> Upload:
    """Check and clean a file and add it to the session (the caller commits)."""
    cleaned = clean(content, original_name)
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


# ------------------------------------------------------------------ deletion


def _used() -> list[object]:
    """Conditions under which an upload is still used: by an application (draft or sent), as
    the power of attorney of a person the account acts for, or as a complaint's evidence."""
    return [
        exists().where(ApplicationMaterial.upload_id == Upload.id),
        exists().where(Representation.power_of_attorney_id == Upload.id),
        exists().where(ComplaintEvidence.upload_id == Upload.id),
    ]


def erase_unused(upload_ids: Iterable[int]) -> int:
    """Deletes the bytes, name and hash of each of these uploads that nothing uses any more;
    the caller commits. Returns how many were erased. Only files the caller has just let go
    of are named: a case's objection evidence is referred to from its answers, not by a
    foreign key, so no file is ever erased merely for looking unused."""
    erased = list(
        db.session.scalars(
            select(Upload).where(
                Upload.id.in_(list(upload_ids)),
                Upload.deleted_at.is_(None),
                ~or_(*_used()),  # type: ignore[arg-type]
            )
        )
    )
    for upload in erased:
        upload.content = None
        upload.original_name = ""
        upload.sha256 = ""
        upload.deleted_at = utcnow()
    return len(erased)


def uploads_of_application(application: Application) -> list[int]:
    return [link.upload_id for link in application.materials]


# ------------------------------------------------------------------ reading a file


@dataclass(frozen=True)
class OpenedFile:
    name: str
    media_type: str
    content: bytes


def _belongs_to_person(upload_id: int, insured_person_id: int) -> bool:
    """Whether the file is a proof in this person's file (an application's material or the
    power of attorney of someone acting for them)."""
    as_material = exists().where(
        ApplicationMaterial.upload_id == upload_id,
        ApplicationMaterial.application_id == Application.id,
        Application.insured_person_id == insured_person_id,
    )
    as_power = exists().where(
        Representation.power_of_attorney_id == upload_id,
        Representation.insured_person_id == insured_person_id,
    )
    return bool(db.session.scalar(select(or_(as_material, as_power))))


def open_for(
    viewer: Account | StaffUser, upload_id: int, insured_person_id: int
) -> OpenedFile | None:
    """A proof's decrypted bytes for someone looking at a person's file, logged (action
    "material", with the file) and committed before a byte is handed out, like every look
    (查阅登记, 000:64, 001:51). None, logged as "refused:material", when the file is not in that
    person's file, is deleted, or (for a citizen) was not uploaded by them. Staff roles and
    regions are the caller's to check."""
    upload = db.session.get(Upload, upload_id)
    allowed = (
        upload is not None
        and upload.content is not None
        and _belongs_to_person(upload_id, insured_person_id)
        and (not isinstance(viewer, Account) or upload.account_id == viewer.id)
    )
    staff = isinstance(viewer, StaffUser)
    db.session.add(
        AccessLog(
            insured_person_id=insured_person_id,
            actor=f"staff:{viewer.id}" if staff else f"account:{viewer.id}",
            action="material" if allowed else "refused:material",
            staff_user_id=viewer.id if staff else None,
            screen=(request.endpoint or "")[:64] if has_request_context() else "",
            upload_id=upload_id if upload is not None else None,
        )
    )
    db.session.commit()
    if not allowed or upload is None or upload.content is None:
        return None
    return OpenedFile(upload.original_name, upload.media_type, upload.content)


def open_complaint_evidence(
    staff: StaffUser, complaint_id: int, upload_id: int
) -> OpenedFile | None:
    """A complaint's evidence file for a member of staff allowed to handle the complaint,
    logged like a look at a person's file (action "complaint_evidence", with the complaint)
    and committed before a byte is handed out."""
    evidence = db.session.scalar(
        select(ComplaintEvidence).filter_by(complaint_id=complaint_id, upload_id=upload_id)
    )
    upload = evidence.upload if evidence is not None else None
    log_staff_look(
        staff,
        None,
        "complaint_evidence",
        upload_id=upload.id if upload is not None else None,
        complaint_id=complaint_id,
    )
    if upload is None or upload.content is None:
        return None
    return OpenedFile(upload.original_name, upload.media_type, upload.content)
