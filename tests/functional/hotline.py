"""Steps for the hotline tests: a citizen filing a complaint page by page, staff handling it."""

from typing import Any

from bs4 import BeautifulSoup
from flask import Flask
from sqlalchemy import select

from portal.extensions import db
from portal.models import Complaint
from tests import files
from tests.functional.conftest import ClientRequest
from tests.functional.journey import post_file
from tests.functional.staff import StaffClient


def citizen_files_complaint(
    citizen: ClientRequest,
    *,
    region: str | None = "fuzhou",
    topic: str = "service_quality",
    concerned: str = "care_institution",
    institution: str = "福州仓山颐养院",
    what: str = "护理员每周只来两次，记录上写的是五次。",
    anonymous: bool = True,
    name: str = "林小英",
    phone: str = "13900001111",
    evidence: bool = False,
    contact: str | None = None,
) -> str:
    """Answers each page as a person would and submits; returns the reference number."""
    start = citizen.post("complaints.start")
    if region:
        assert start.headers["Location"].endswith("/complaints/new/region")
        citizen.post("complaints.question", {"answer": region}, key="region")
    citizen.post("complaints.question", {"answer": topic}, key="topic")
    citizen.post("complaints.question", {"answer": concerned}, key="concerned")
    citizen.post("complaints.question", {"answer": institution}, key="institution")
    done = citizen.post("complaints.question", {"answer": what}, key="what_happened")
    assert done.headers["Location"].endswith("/complaints/new/evidence")
    if evidence:
        response = post_file(citizen, "/complaints/new/evidence", files.png(), "记录表.png")
        assert response.status_code == 303
    identity = "anonymous" if anonymous else "real_name"
    citizen.post("complaints.question", {"answer": identity}, key="identity")
    if not anonymous:
        citizen.post("complaints.question", {"answer": name}, key="name")
        if contact:  # asked only when the account has a WeChat bound
            citizen.post("complaints.question", {"answer": contact}, key="contact")
        if contact in (None, "sms"):
            citizen.post("complaints.question", {"answer": phone}, key="phone")
    check = citizen.get("complaints.check")
    assert check.select_one("form[action$='/complaints/new/submit']") is not None
    submitted = citizen.post("complaints.submit")
    return str(submitted.headers["Location"].rsplit("/", 1)[-1])


def complaint_id(app: Flask, reference: str) -> int:
    with app.app_context():
        found = db.session.scalar(select(Complaint.id).filter_by(reference=reference))
        assert found is not None
        return int(found)


def staff_acts(
    staff: StaffClient, complaint: int, action: str, _expected_status: int = 303, **fields: Any
) -> Any:
    data = {f"{action}-{name}": value for name, value in fields.items()}
    return staff.post(
        "staff_complaints.act", data, _expected_status, complaint_id=complaint, action=action
    )


def queue_references(staff: StaffClient, which: str = "waiting") -> list[str]:
    page = staff.get("staff_complaints.queue", which=which)
    return [cell.get_text(strip=True) for cell in page.select("tbody td:first-child a")]


def text_of(page: BeautifulSoup) -> str:
    return " ".join(page.get_text(" ").split())
