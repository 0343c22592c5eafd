"""Files a person uploaded before, named by what they were for ("上次上传的身份证照片，11月30日"),
so a photo taken once can be used again without uploading it twice."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import select

from portal.extensions import db
from portal.models import ApplicationMaterial, Representation, Upload
from portal.uploads.service import uploads_of

# What a file was for, by the material code it was attached as (the same in every region).
KINDS = {
    "id_document": _l("身份证照片"),
    "medical_records": _l("病历"),
    "power_of_attorney": _l("委托授权书"),
    "agent_id_and_bank_card": _l("代理人的身份证和银行卡"),
    "other_required": _l("其他材料"),
}


# Enough to find last month's photo; more would make the page long.
EARLIER_FILES_SHOWN = 6


@dataclass(frozen=True)
class EarlierUpload:
    upload: Upload
    kind: str | None  # the material code it was used for, if any

    @property
    def is_image(self) -> bool:
        return self.upload.media_type.startswith("image/")

    @property
    def created_at(self) -> datetime:
        return self.upload.created_at


def earlier_uploads(account_id: int, exclude: frozenset[int] = frozenset()) -> list[EarlierUpload]:
    """The account's files, newest first, each with what it was used for."""
    uploads = [u for u in uploads_of(account_id) if u.id not in exclude]
    ids = [u.id for u in uploads]
    kinds: dict[int, str] = {}
    if ids:
        for upload_id, code in db.session.execute(
            select(ApplicationMaterial.upload_id, ApplicationMaterial.material_code).where(
                ApplicationMaterial.upload_id.in_(ids)
            )
        ):
            kinds.setdefault(upload_id, code)
        for power_of_attorney in db.session.scalars(
            select(Representation.power_of_attorney_id).where(
                Representation.power_of_attorney_id.in_(ids)
            )
        ):
            if power_of_attorney is not None:
                kinds.setdefault(power_of_attorney, "power_of_attorney")
    return [EarlierUpload(u, kinds.get(u.id)) for u in uploads]


def kind_name(kind: str | None) -> str:
    return str(KINDS.get(kind or "", _l("文件")))


def title(earlier: EarlierUpload, when: str) -> Markup:
    """ "上次上传的身份证照片，11月30日": `when` is the date already written for the page
    (markup from the date filter is kept, the rest is escaped)."""
    return Markup.escape(_("上次上传的%(what)s，%(date)s")) % {
        "what": kind_name(earlier.kind),
        "date": when,
    }
