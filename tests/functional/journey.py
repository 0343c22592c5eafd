"""Steps of the citizen journey, named after what the person does (SecureDrop style)."""

import io
from typing import Any

from flask import Flask
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from portal.extensions import db
from portal.models import Application, SelfAssessment
from portal.policy import load_form
from tests import files
from tests.functional.conftest import MA_XIULAN, ClientRequest

AYGUL = {"name": "阿依古丽·买买提", "id_number": "650102194502042022"}  # xinjiang


def person_consents(client_request: ClientRequest) -> None:
    client_request.post("privacy.consent", {"agree": "y"})


def person_adds(
    client_request: ClientRequest,
    who: dict[str, str] = MA_XIULAN,
    relation: str = "self",
    acting_as: str = "agent",
) -> None:
    """Adds the insured person; someone else acts as their guardian or their agent, and only
    an agent uploads a power of attorney."""
    client_request.post("people.who", who)
    client_request.post("people.relation", {"relation": relation})
    if relation == "self":
        return
    client_request.post("people.acting_as", {"acting_as": acting_as})
    if acting_as == "agent":
        post_file(
            client_request, "/people/add/power-of-attorney", files.photo_with_location(), "poa.jpg"
        )


def post_file(
    client_request: ClientRequest,
    url: str,
    content: bytes,
    name: str,
    file_field: str = "document",
    **fields: str,
) -> Any:
    # Encoded here in memory: the test client would spool a large body to a temporary file
    # that it never closes.
    boundary, body = encode_multipart(
        {
            "csrf_token": client_request.csrf_token(),
            file_field: FileStorage(io.BytesIO(content), filename=name),
            **fields,
        }
    )
    return client_request.client.post(
        url, data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


def insured_person_id(app: Flask, name: str) -> int:
    from portal.models import InsuredPerson

    with app.app_context():
        return db.session.scalar(select(InsuredPerson.id).filter_by(name=name))


def person_self_assesses(
    app: Flask, client_request: ClientRequest, name: str, most_dependent: bool = True
) -> int:
    person_id = insured_person_id(app, name)
    with app.app_context():
        from portal.models import Representation

        representation_id = db.session.scalar(
            select(Representation.id).filter_by(insured_person_id=person_id)
        )
    response = client_request.post("self_assessment.start", {"person": str(representation_id)})
    while "/questions/" in response.headers["Location"]:
        url = response.headers["Location"]
        page = client_request.get_url(url)
        options = [i["value"] for i in page.select("input[name=answer]")]
        choice = options[-1] if most_dependent else options[0]
        response = client_request.client.post(
            url, data={"csrf_token": client_request.csrf_token(), "answer": choice}
        )
        assert response.status_code == 303
    with app.app_context():
        return db.session.scalar(
            select(SelfAssessment.id)
            .filter_by(insured_person_id=person_id)
            .order_by(SelfAssessment.id.desc())
        )


ANSWERS: dict[str, dict[str, str]] = {
    "ethnicity": {"text": "回族"},
    "insured_phone": {"phone": "13912345678"},
    "address": {"district": "金凤区", "detail": "正源北街 1 号"},
    "education": {"choice": "primary"},
    "living": {"choice": "with_spouse"},
    "months_disabled": {"months": "24"},
    "months_treated": {"months": "24"},
    "rehabilitation": {"choice": "no"},
    "first_application": {"choice": "yes"},
    "last_conclusion": {"choice": "failed"},
    "last_conclusion_date": {"date": "2024-03-15"},
    "condition_changed": {"choice": "yes"},
    "work_injury_allowance": {"choice": "no"},
    "care_category": {"choice": "home_full_time"},
    "carer": {"choice": "spouse"},
    "reason": {"text": "中风后卧床两年，吃饭穿衣都要人帮"},
    "applicant": {
        "name": "马强",
        "id_number": "11010519491231002X",
        "phone": "13800138000",
        "address": "银川市金凤区",
    },
}


def person_answers_everything(client_request: ClientRequest, application_id: int) -> None:
    """Follows the task list's links until every question is answered."""
    while True:
        page = client_request.get("apply.task_list", application_id=application_id)
        pending = [
            a["href"]
            for a in page.select(".task-list__item a")
            if "/questions/" in a["href"] and "未完成" in a.find_parent("li").get_text()
        ]
        if not pending:
            return
        url = pending[0]
        while "/questions/" in url:
            key = url.rsplit("/", 1)[-1].split("?")[0]
            response = client_request.client.post(
                url, data={"csrf_token": client_request.csrf_token(), **ANSWERS[key]}
            )
            assert response.status_code == 303, response.get_data(as_text=True)[:3000]
            url = response.headers["Location"]


def person_uploads_missing_materials(client_request: ClientRequest, application_id: int) -> None:
    page = client_request.get("apply.materials", application_id=application_id)
    for item in page.select(".material--missing"):
        code = item["id"].removeprefix("material-")
        content, name = (
            (files.pdf(), "病历.pdf")
            if code == "medical_records"
            else (files.photo_with_location(), "证件.jpg")
        )
        response = post_file(
            client_request, f"/apply/{application_id}/materials/{code}", content, name
        )
        assert response.status_code == 303, response.get_data(as_text=True)[:2000]


def application_id_for(app: Flask, name: str) -> int:
    person_id = insured_person_id(app, name)
    with app.app_context():
        return db.session.scalar(select(Application.id).filter_by(insured_person_id=person_id))


def person_completes_application(app: Flask, client_request: ClientRequest, name: str) -> int:
    client_request.post("apply.start", {"person": str(insured_person_id(app, name))})
    application_id = application_id_for(app, name)
    person_answers_everything(client_request, application_id)
    person_uploads_missing_materials(client_request, application_id)
    client_request.post("apply.self_assessment", application_id=application_id)
    client_request.post("apply.pledge", {"accept": "y"}, application_id=application_id)
    return application_id


def form_length(code: str) -> int:
    return len(load_form(code).items)


def person_starts_application(
    app: Flask,
    client_request: ClientRequest,
    who: dict[str, str] = MA_XIULAN,
    relation: str = "self",
    acting_as: str = "agent",
) -> int:
    """Consents, adds the person and opens a draft application; returns its id."""
    person_consents(client_request)
    person_adds(client_request, who, relation, acting_as)
    client_request.post("apply.start", {"person": str(insured_person_id(app, who["name"]))})
    return application_id_for(app, who["name"])
