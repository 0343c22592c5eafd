"""Staff accounts through their whole life (000:58): created, role changed, disabled or
enabled, password or authenticator reset, unlocked. Each change is written to the account's
history with the administrator who made it; a change that alters access signs the account out
everywhere."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from portal.extensions import db
from portal.models import StaffAccountEvent, StaffRole, StaffUser, utcnow
from portal.staff.auth.service import hash_password, new_password, record
from portal.staff.session import end_sessions_of


class AccountRefused(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class NewAccount:
    username: str
    full_name: str
    role: StaffRole
    region_code: str | None
    organisation: str = ""
    is_expert: bool = False


def accounts() -> list[StaffUser]:
    return list(db.session.scalars(select(StaffUser).order_by(StaffUser.username)))


def history(user: StaffUser) -> list[StaffAccountEvent]:
    query = select(StaffAccountEvent).filter_by(staff_user_id=user.id)
    return list(db.session.scalars(query.order_by(StaffAccountEvent.id.desc()).limit(100)))


def create(admin: StaffUser, new: NewAccount) -> tuple[StaffUser, str]:
    """Returns the account and its first password, shown once to the administrator."""
    if db.session.scalar(select(StaffUser.id).filter_by(username=new.username)):
        raise AccountRefused(_("这个用户名已经有人用了。"), "username")
    password = new_password()
    user = StaffUser(
        username=new.username,
        full_name=new.full_name,
        role=new.role,
        region_code=new.region_code,
        organisation=new.organisation if new.role is StaffRole.ASSESSOR else "",
        is_expert=new.is_expert and new.role is StaffRole.ASSESSOR,
        password_hash=hash_password(password),
    )
    db.session.add(user)
    db.session.flush()
    record(
        user,
        "created",
        admin,
        role=new.role.value,
        region=new.region_code,
        organisation=user.organisation,
        expert=user.is_expert,
    )
    db.session.commit()
    return user, password


def _not_self(admin: StaffUser, user: StaffUser) -> None:
    if admin.id == user.id:
        raise AccountRefused(_("不能修改自己的岗位或停用自己的账号，请另一位管理员操作。"))


def change_role(
    admin: StaffUser,
    user: StaffUser,
    role: StaffRole,
    region_code: str | None,
    organisation: str,
    is_expert: bool,
) -> None:
    """One role per post: the new role replaces the old one."""
    _not_self(admin, user)
    before = {
        "role": user.role.value,
        "region": user.region_code,
        "organisation": user.organisation,
        "expert": user.is_expert,
    }
    user.role, user.region_code = role, region_code
    user.organisation = organisation if role is StaffRole.ASSESSOR else ""
    user.is_expert = is_expert and role is StaffRole.ASSESSOR
    after = {
        "role": role.value,
        "region": region_code,
        "organisation": user.organisation,
        "expert": user.is_expert,
    }
    if before == after:
        return
    record(user, "role_changed", admin, before=before, after=after)
    end_sessions_of(user)
    db.session.commit()


def set_disabled(admin: StaffUser, user: StaffUser, disabled: bool) -> None:
    _not_self(admin, user)
    if disabled == (user.disabled_at is not None):
        return
    user.disabled_at = utcnow() if disabled else None
    record(user, "disabled" if disabled else "enabled", admin)
    if disabled:
        end_sessions_of(user)
    db.session.commit()


def reset_password(admin: StaffUser, user: StaffUser) -> str:
    password = new_password()
    user.password_hash = hash_password(password)
    record(user, "password_reset", admin)
    end_sessions_of(user)
    db.session.commit()
    return password


def reset_second_factor(admin: StaffUser, user: StaffUser) -> None:
    """A lost phone: the authenticator is set up again at the next sign-in."""
    user.totp_secret = None
    user.totp_last_step = None
    record(user, "second_factor_reset", admin)
    end_sessions_of(user)
    db.session.commit()


def unlock(admin: StaffUser, user: StaffUser) -> None:
    user.locked_until = None
    user.failed_sign_ins = 0
    record(user, "unlocked", admin)
    db.session.commit()
