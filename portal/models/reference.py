"""Reference data: regions, the insured roster and institutions."""

import enum
from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.models.base import EncryptedString, data_cipher, enum_column


class Region(db.Model):  # type: ignore[name-defined]
    """A region whose rules live in a policy profile of the same code."""

    __tablename__ = "regions"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)


class InsuranceType(enum.StrEnum):
    EMPLOYEE = "employee"  # 职工医保
    RESIDENT = "resident"  # 城乡居民医保
    EXTREME_POVERTY = "extreme_poverty"  # 特困供养
    SUBSISTENCE = "subsistence"  # 最低生活保障
    OTHER = "other"


class InsuredPerson(db.Model):  # type: ignore[name-defined]
    """One row of the insured roster (参保名单) that staff import."""

    __tablename__ = "insured_people"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    # The name as the ID card prints it in Uyghur script; Xinjiang cards print both scripts.
    name_ug: Mapped[str | None] = mapped_column(String(64))
    id_number: Mapped[str] = mapped_column(EncryptedString())
    id_number_lookup: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))
    insurance_type: Mapped[InsuranceType] = mapped_column(enum_column(InsuranceType))
    enrolled_on: Mapped[date] = mapped_column(Date)

    def name_in(self, language: str) -> str:
        """The name in the script of `language` where the roster has it, else the Chinese."""
        return (self.name_ug if language == "ug" else None) or self.name

    @staticmethod
    def lookup_for(id_number: str) -> str:
        return data_cipher().lookup_hash(id_number)


class Institution(db.Model):  # type: ignore[name-defined]
    """A designated care institution (定点护理机构), as published (000:31(5), 002:20(4))."""

    __tablename__ = "institutions"
    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    name: Mapped[str] = mapped_column(String(128))
    district: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(255))
    phone: Mapped[str] = mapped_column(String(32))
    service_types: Mapped[list[str]] = mapped_column(JSON)
    # As the agency publishes them in Uyghur, where it does (xinjiang); empty: Chinese only.
    name_ug: Mapped[str] = mapped_column(String(128), default="", server_default="")
    district_ug: Mapped[str] = mapped_column(String(64), default="", server_default="")
    address_ug: Mapped[str] = mapped_column(String(255), default="", server_default="")
