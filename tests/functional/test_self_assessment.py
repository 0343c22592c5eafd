"""Self-assessment: one question per page, saved as it goes, indicative result."""

from flask import Flask

from portal.extensions import db
from portal.models import SelfAssessment
from tests.functional.conftest import MA_XIULAN, ClientRequest, sign_in_as
from tests.functional.journey import (
    AYGUL,
    form_length,
    person_adds,
    person_consents,
    person_self_assesses,
)


def test_ningxia_uses_the_national_standard_one_question_per_page(
    signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    person_adds(signed_in)
    start = signed_in.get("self_assessment.start")
    representation = start.select_one("input[name=person]")["value"]
    response = signed_in.post("self_assessment.start", {"person": representation})
    page = signed_in.get_url(response.headers["Location"])
    assert "第 1 题，共 17 题" in page.select_one(".progress").get_text()
    assert len(page.select("fieldset legend h1")) == 1
    options = page.select(".choice")
    assert [o.input["value"] for o in options] == ["10", "5", "0"]
    assert all(o.select_one("svg use") for o in options), "every option has a picture"
    question = page.select_one("#question")
    assert question.h1.get_text(strip=True) in page.get_text(), "the question is the heading"
    assert page.get_text().count(question.h1.get_text(strip=True)) == 1, "said once"
    (control,) = page.select("button[data-read-aloud]")
    assert control["data-read-aloud-target"] == "question", "one control reads it, answers too"


def test_missing_answer_is_explained(signed_in: ClientRequest, roster: None) -> None:
    person_consents(signed_in)
    person_adds(signed_in)
    rep = signed_in.get("self_assessment.start").select_one("input[name=person]")["value"]
    url = signed_in.post("self_assessment.start", {"person": rep}).headers["Location"]
    response = signed_in.client.post(url, data={"csrf_token": signed_in.csrf_token()})
    page = signed_in.parse(response)
    assert "请选一个最符合的情况。" in page.select_one(".error-summary").get_text()
    assert page.title.get_text().startswith("错误：")


def test_answers_are_kept_and_resumed(app: Flask, signed_in: ClientRequest, roster: None) -> None:
    person_consents(signed_in)
    person_adds(signed_in)
    rep = signed_in.get("self_assessment.start").select_one("input[name=person]")["value"]
    url = signed_in.post("self_assessment.start", {"person": rep}).headers["Location"]
    signed_in.client.post(url, data={"csrf_token": signed_in.csrf_token(), "answer": "5"})
    again = signed_in.post("self_assessment.start", {"person": rep}).headers["Location"]
    assert again.endswith("/questions/2")
    page = signed_in.get_url(url)
    assert page.select_one("input[name=answer][value='5']").has_attr("checked")


def test_fully_dependent_person_in_ningxia_is_advised_to_apply(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    person_adds(signed_in)
    assessment_id = person_self_assesses(app, signed_in, MA_XIULAN["name"], most_dependent=True)
    page = signed_in.get("self_assessment.result", assessment_id=assessment_id)
    assert "建议申请失能等级评估。" in page.select_one(".result-panel").get_text()
    assert page.select_one("a[href*='/apply/?person=']")
    with app.app_context():
        assessment = db.session.get(SelfAssessment, assessment_id)
        assert assessment.result["level"] == 5
        assert len(assessment.answers) == form_length("national_standard")


def test_independent_person_is_not_advised_to_apply_and_told_why(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    person_adds(signed_in)
    assessment_id = person_self_assesses(app, signed_in, MA_XIULAN["name"], most_dependent=False)
    page = signed_in.get("self_assessment.result", assessment_id=assessment_id)
    assert "暂时不建议申请。" in page.get_text()
    assert page.select(".reasons li")
    # The way to apply is never hidden: the result is only the portal's indicative reading.
    link = page.select_one("a[href*='/apply/?person=']")
    assert link and "button--secondary" in link["class"]
    assert "长护通的参考读法" in page.get_text()


def test_xinjiang_uses_the_six_item_form_and_grades(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    person_consents(signed_in)
    person_adds(signed_in, AYGUL)
    assessment_id = person_self_assesses(app, signed_in, AYGUL["name"], most_dependent=True)
    page = signed_in.get("self_assessment.result", assessment_id=assessment_id)
    assert "G 级" in page.select_one(".result-panel__value").get_text()
    # Annex 3 prints no grades: the page says the grade is the portal's reading, and never
    # cites annex 3 for it.
    text = page.get_text()
    assert "附件3没有印出分级" in text and "001:" not in text


def test_someone_elses_self_assessment_is_not_found(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request, "13800138000")
    person_consents(client_request)
    person_adds(client_request)
    assessment_id = person_self_assesses(app, client_request, MA_XIULAN["name"])
    client_request.post("auth.sign_out_view")
    sign_in_as(client_request, "13900139000")
    client_request.get("self_assessment.result", assessment_id=assessment_id, _expected_status=404)
    client_request.get(
        "self_assessment.question", assessment_id=assessment_id, number=1, _expected_status=404
    )
