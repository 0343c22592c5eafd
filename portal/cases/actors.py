"""Who takes a step: a staff member in a role, the citizen who applied, or the public (a
third party's real-name objection during publicity)."""

from dataclasses import dataclass

from portal.models import Account, Case, StaffUser

CITIZEN = "citizen"
PUBLIC = "public"


@dataclass(frozen=True)
class Actor:
    staff: StaffUser | None = None
    account: Account | None = None
    public: bool = False

    @classmethod
    def of_staff(cls, user: StaffUser) -> "Actor":
        return cls(staff=user)

    @classmethod
    def of_citizen(cls, account: Account) -> "Actor":
        return cls(account=account)

    @classmethod
    def of_public(cls) -> "Actor":
        return cls(public=True)

    def may(self, allowed: frozenset[str], case: Case) -> bool:
        if self.staff is not None:
            return (
                self.staff.active
                and self.staff.role.value in allowed
                and self.staff.region_code in (None, case.region_code)
            )
        if self.account is not None:
            return CITIZEN in allowed and case.application.account_id == self.account.id
        return self.public and PUBLIC in allowed
