"""Demo data for development: the five regions, a small roster, institutions, a staff account
per role and cases at every step."""

import secrets
from dataclasses import dataclass
from datetime import date

import pyotp
from sqlalchemy import select

from portal import id_numbers
from portal.extensions import db
from portal.models import (
    Institution,
    InsuranceType,
    InsuredPerson,
    Region,
    StaffRole,
    StaffUser,
)
from portal.staff.auth.service import hash_password

REGION_CODES = ("ningxia", "xinjiang", "heilongjiang", "fuzhou", "tianjin")

# (name, first 17 digits of the ID number, region, insurance type, enrolled on)
ROSTER = (
    ("马秀兰", "64010419440312002", "ningxia", InsuranceType.EMPLOYEE, date(2020, 1, 1)),
    ("李建国", "64030219480721101", "ningxia", InsuranceType.RESIDENT, date(2026, 9, 1)),
    ("阿依古丽·买买提", "65010219450204202", "xinjiang", InsuranceType.RESIDENT, date(2021, 7, 1)),
    ("艾买提·吐尔逊", "65290119410918101", "xinjiang", InsuranceType.EMPLOYEE, date(2019, 3, 1)),
    ("王淑珍", "23010319470530202", "heilongjiang", InsuranceType.EMPLOYEE, date(2018, 1, 1)),
    ("陈美华", "35010219430808102", "fuzhou", InsuranceType.EMPLOYEE, date(2017, 6, 1)),
    ("张桂英", "12010119460116202", "tianjin", InsuranceType.RESIDENT, date(2016, 1, 1)),
    # People whose demo cases fill the staff console (portal/demo_cases.py).
    ("马玉梅", "64010419400101002", "ningxia", InsuranceType.RESIDENT, date(2018, 1, 1)),
    ("杨德福", "64010419410202101", "ningxia", InsuranceType.EMPLOYEE, date(2018, 1, 1)),
    ("丁秀英", "64010419420303002", "ningxia", InsuranceType.RESIDENT, date(2018, 1, 1)),
    ("海生贵", "64010419430404101", "ningxia", InsuranceType.EMPLOYEE, date(2018, 1, 1)),
    ("金凤兰", "64010419440505002", "ningxia", InsuranceType.RESIDENT, date(2018, 1, 1)),
    ("马占福", "64010419450606101", "ningxia", InsuranceType.EMPLOYEE, date(2018, 1, 1)),
    ("苏桂芳", "64010419460707002", "ningxia", InsuranceType.RESIDENT, date(2018, 1, 1)),
    ("冯有才", "64010419470808101", "ningxia", InsuranceType.EMPLOYEE, date(2018, 1, 1)),
    ("白淑琴", "64010419480909002", "ningxia", InsuranceType.RESIDENT, date(2018, 1, 1)),
    ("田志强", "64010419391010101", "ningxia", InsuranceType.EMPLOYEE, date(2018, 1, 1)),
    ("罗秀珍", "64010419381111002", "ningxia", InsuranceType.RESIDENT, date(2018, 1, 1)),
    ("李凤英", "64010419371212002", "ningxia", InsuranceType.RESIDENT, date(2018, 1, 1)),
    ("张福德", "64010419360115101", "ningxia", InsuranceType.EMPLOYEE, date(2018, 1, 1)),
    ("周桂兰", "64010419350220002", "ningxia", InsuranceType.RESIDENT, date(2018, 1, 1)),
    ("买买提·艾力", "65010219400101101", "xinjiang", InsuranceType.RESIDENT, date(2018, 1, 1)),
    ("帕提古丽·吾买尔", "65010219410202202", "xinjiang", InsuranceType.RESIDENT, date(2018, 1, 1)),
    ("马桂花", "64010419500101002", "ningxia", InsuranceType.RESIDENT, date(2018, 1, 1)),
    ("马福贵", "64010419510202101", "ningxia", InsuranceType.EMPLOYEE, date(2018, 1, 1)),
)

# Xinjiang ID cards print the name in Uyghur script too.
UYGHUR_NAMES = {
    "阿依古丽·买买提": "ئايگۈل مەمەت",
    "艾买提·吐尔逊": "ئەخمەت تۇرسۇن",
}

# (region, name, district, address, phone, service types)
INSTITUTIONS = (
    (
        "ningxia",
        "银川市金凤区康宁护理院",
        "金凤区",
        "银川市金凤区正源北街88号",
        "0951-5012345",
        ["institution", "home"],
    ),
    (
        "ningxia",
        "银川市兴庆区社区居家护理服务中心",
        "兴庆区",
        "银川市兴庆区解放东街12号",
        "0951-6023456",
        ["home", "community"],
    ),
    (
        "xinjiang",
        "乌鲁木齐市天山区颐和护理院",
        "天山区",
        "乌鲁木齐市天山区解放南路66号",
        "0991-2812345",
        ["institution"],
    ),
    (
        "xinjiang",
        "乌鲁木齐市沙依巴克区安康居家护理站",
        "沙依巴克区",
        "乌鲁木齐市沙依巴克区友好南路9号",
        "0991-4823456",
        ["home", "community"],
    ),
    (
        "heilongjiang",
        "哈尔滨市南岗区福寿护理院",
        "南岗区",
        "哈尔滨市南岗区学府路101号",
        "0451-8612345",
        ["institution", "home"],
    ),
    (
        "heilongjiang",
        "哈尔滨市道里区社区护理服务站",
        "道里区",
        "哈尔滨市道里区中央大街20号",
        "0451-8723456",
        ["community"],
    ),
    (
        "fuzhou",
        "福州市鼓楼区康乐护理院",
        "鼓楼区",
        "福州市鼓楼区五四路158号",
        "0591-8712345",
        ["institution"],
    ),
    (
        "fuzhou",
        "福州市台江区居家护理服务中心",
        "台江区",
        "福州市台江区八一七中路33号",
        "0591-8823456",
        ["home"],
    ),
    (
        "tianjin",
        "天津市和平区颐养护理院",
        "和平区",
        "天津市和平区南京路200号",
        "022-2712345",
        ["institution", "home"],
    ),
    (
        "tianjin",
        "天津市南开区社区护理服务中心",
        "南开区",
        "天津市南开区鞍山西道50号",
        "022-2823456",
        ["community", "home"],
    ),
)

# The Uyghur name, district and address, as the agency publishes them in xinjiang.
INSTITUTIONS_UG = {
    "乌鲁木齐市天山区颐和护理院": (
        "ئۈرۈمچى شەھىرى تيانشان رايونى يىخې پەرۋىش ئورنى",
        "تيانشان رايونى",
        "ئۈرۈمچى شەھىرى تيانشان رايونى جيېفاڭ جەنۇبىي يولى 66-نومۇر",
    ),
    "乌鲁木齐市沙依巴克区安康居家护理站": (
        "ئۈرۈمچى شەھىرى سايباغ رايونى ئەنكاڭ ئائىلە پەرۋىش پونكىتى",
        "سايباغ رايونى",
        "ئۈرۈمچى شەھىرى سايباغ رايونى يۇخاۋ جەنۇبىي يولى 9-نومۇر",
    ),
}

# (username, name, role, region, assessment institution, expert)
STAFF: tuple[tuple[str, str, StaffRole, str | None, str, bool], ...] = (
    ("admin", "系统管理员", StaffRole.ADMIN, None, "", False),
    ("hotline", "王芳", StaffRole.HOTLINE, None, "", False),
    ("reviewer.nx", "张伟", StaffRole.REVIEWER, "ningxia", "", False),
    ("specialist.nx", "李娜", StaffRole.SPECIALIST, "ningxia", "", False),
    ("expert.nx.1", "刘强", StaffRole.ASSESSOR, "ningxia", "宁夏康评评估中心", True),
    ("assessor.nx.1", "陈静", StaffRole.ASSESSOR, "ningxia", "宁夏康评评估中心", False),
    ("expert.nx.2", "马丽", StaffRole.ASSESSOR, "ningxia", "银川安和评估所", True),
    ("expert.nx.3", "杨军", StaffRole.ASSESSOR, "ningxia", "银川安和评估所", True),
    ("expert.nx.4", "王磊", StaffRole.ASSESSOR, "ningxia", "宁夏康评评估中心", True),
    ("reviewer.xj", "古丽娜尔", StaffRole.REVIEWER, "xinjiang", "", False),
    ("reviewer.fz", "林敏", StaffRole.REVIEWER, "fuzhou", "", False),
    ("specialist.xj", "阿不都", StaffRole.SPECIALIST, "xinjiang", "", False),
    ("expert.xj.1", "热合曼", StaffRole.ASSESSOR, "xinjiang", "新疆天山评估中心", True),
    ("assessor.xj.1", "周敏", StaffRole.ASSESSOR, "xinjiang", "新疆天山评估中心", False),
    ("expert.xj.2", "米娜", StaffRole.ASSESSOR, "xinjiang", "乌鲁木齐康宁评估所", True),
    ("expert.xj.3", "赵刚", StaffRole.ASSESSOR, "xinjiang", "乌鲁木齐康宁评估所", True),
    ("expert.xj.4", "努尔", StaffRole.ASSESSOR, "xinjiang", "新疆天山评估中心", True),
)


@dataclass(frozen=True)
class Credential:
    username: str
    password: str
    role: StaffRole
    totp_secret: str | None


def load_reference_data() -> None:
    """Regions, the roster and institutions: what citizens' pages need."""
    _add_regions()
    _add_roster()
    _add_institutions()
    db.session.commit()


def load_demo_data() -> list[Credential]:
    """Adds whatever is missing, so it can run on every start: the reference data, a staff
    account per role, a few cases at every step, complaints and a chat waiting for a person."""
    from portal.demo_cases import add_demo_cases
    from portal.demo_hotline import add_demo_hotline

    load_reference_data()
    credentials = _add_staff()
    db.session.commit()
    add_demo_cases()
    add_demo_hotline()
    return credentials


def _add_regions() -> None:
    existing = set(db.session.scalars(select(Region.code)))
    db.session.add_all(Region(code=code) for code in REGION_CODES if code not in existing)
    db.session.flush()


def _add_roster() -> None:
    for name, digits, region, insurance_type, enrolled_on in ROSTER:
        id_number = id_numbers.with_check_character(digits)
        lookup = InsuredPerson.lookup_for(id_number)
        found = db.session.scalar(select(InsuredPerson).filter_by(id_number_lookup=lookup))
        if found is not None:
            found.name_ug = found.name_ug or UYGHUR_NAMES.get(name)
            continue
        db.session.add(
            InsuredPerson(
                name=name,
                name_ug=UYGHUR_NAMES.get(name),
                id_number=id_number,
                id_number_lookup=lookup,
                region_code=region,
                insurance_type=insurance_type,
                enrolled_on=enrolled_on,
            )
        )


def _add_institutions() -> None:
    existing = {i.name: i for i in db.session.scalars(select(Institution))}
    for region, name, district, address, phone, service_types in INSTITUTIONS:
        found = existing.get(name)
        if found is None:
            found = Institution(
                region_code=region,
                name=name,
                district=district,
                address=address,
                phone=phone,
                service_types=service_types,
            )
            db.session.add(found)
        if name in INSTITUTIONS_UG and not found.name_ug:
            found.name_ug, found.district_ug, found.address_ug = INSTITUTIONS_UG[name]


def _add_staff() -> list[Credential]:
    """Demo passwords are set anew on every run so the console always shows working ones; the
    authenticator secrets are kept, so an authenticator app set up once keeps working."""
    credentials = []
    for username, full_name, role, region, organisation, expert in STAFF:
        user = db.session.scalar(select(StaffUser).filter_by(username=username))
        if user is None:
            user = StaffUser(username=username, role=role)
            db.session.add(user)
        user.full_name, user.role, user.region_code = full_name, role, region
        user.organisation, user.is_expert = organisation, expert
        user.disabled_at = user.locked_until = None
        if role.needs_second_factor and user.totp_secret is None:
            user.totp_secret = pyotp.random_base32()
        password = secrets.token_urlsafe(9)
        user.password_hash = hash_password(password)
        credentials.append(Credential(username, password, role, user.totp_secret))
    return credentials
