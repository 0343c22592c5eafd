"""Staff import the insured roster; unsent drafts get a reminder, then go."""

from datetime import date, timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select

from portal.clock import china_date
from portal.extensions import db
from portal.models import Application, InsuredPerson
from tests.functional.conftest import ClientRequest, sign_in_as
from tests.functional.journey import AYGUL, person_starts_application

HEADER = "name,id_number,region,insurance_type,enrolled_on\n"


def run(app: Flask, *args: str) -> tuple[int, str]:
    result = app.test_cli_runner().invoke(args=list(args))
    return result.exit_code, result.output


def test_roster_import_adds_and_updates(app: Flask, roster: None, tmp_path: Path) -> None:
    csv_file = tmp_path / "roster.csv"
    csv_file.write_text(
        HEADER
        + "王小明,11010519491231002X,tianjin,resident,2019-05-01\n"
        + "马秀兰,640104194403120022,ningxia,resident,2021-01-01\n",
        encoding="utf-8",
    )
    code, output = run(app, "import-roster", str(csv_file))
    assert code == 0, output
    assert "1 added, 1 updated" in output
    with app.app_context():
        person = db.session.scalar(select(InsuredPerson).filter_by(name="马秀兰"))
        assert person.insurance_type.value == "resident"
        assert (
            db.session.scalar(select(InsuredPerson).filter_by(name="王小明")).region_code
            == "tianjin"
        )


def test_roster_import_is_all_or_nothing_and_names_each_bad_line(
    app: Flask, roster: None, tmp_path: Path
) -> None:
    csv_file = tmp_path / "roster.csv"
    csv_file.write_text(
        HEADER
        + "王小明,11010519491231002X,tianjin,resident,2019-05-01\n"
        + "李四,110105194912310021,tianjin,resident,2019-05-01\n"
        + "张三,11010519491231002X,shanghai,resident,2019-05-01\n",
        encoding="utf-8",
    )
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(InsuredPerson))
    code, output = run(app, "import-roster", str(csv_file))
    assert code != 0
    assert "line 3: 身份证号码不对" in output
    assert "line 4: 没有这个地区：shanghai" in output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(InsuredPerson)) == before


def _draft(app: Flask, signed_in: ClientRequest) -> int:
    return person_starts_application(app, signed_in)


def _expire_in(app: Flask, application_id: int, delta: timedelta) -> None:
    from portal.models import utcnow

    with app.app_context():
        db.session.get(Application, application_id).draft_expires_at = utcnow() + delta
        db.session.commit()


def _last_day(app: Flask, application_id: int) -> date:
    with app.app_context():
        return china_date(db.session.get(Application, application_id).draft_expires_at)


def test_a_draft_is_kept_for_60_days_and_says_so(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = _draft(app, signed_in)
    day = _last_day(app, application_id)
    page = signed_in.get("apply.task_list", application_id=application_id)
    assert f"草稿会保留到 {day.year}年{day.month}月{day.day}日。" in page.get_text()
    mine = signed_in.get("apply.mine")
    assert "草稿保留到" in mine.get_text()


def test_a_uyghur_reader_sees_the_last_day_in_words(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = _draft(app, signed_in)
    day = _last_day(app, application_id)
    # A Chinese date may break after its year: 2027年 | 1月20日.
    chinese = signed_in.get("apply.task_list", application_id=application_id)
    parts = [part.get_text() for part in chinese.select(".nobreak")]
    assert parts == [f"{day.year}年", f"{day.month}月{day.day}日"]
    signed_in.client.get("/language/ug")
    page = signed_in.get("apply.task_list", application_id=application_id)
    text = page.get_text()
    until = f"{day.year}-يىلى {day.month}-ئاينىڭ {day.day}-كۈنىگىچە ساقلىنىدۇ"
    assert until in text
    # A narrow screen may break the line between the parts, never after "2027-".
    parts = [part.get_text() for part in page.select(".nobreak")]
    assert parts == [f"{day.year}-يىلى", f"{day.month}-ئاينىڭ", f"{day.day}-كۈنىگىچە"]
    mine = signed_in.get("apply.mine").select_one(".summary-card__facts").get_text()
    assert f"{day.year}-يىلى {day.month}-ئاينىڭ {day.day}-كۈنى" in mine
    assert day.isoformat() not in text + mine


def test_reminder_once_a_week_before_a_draft_expires(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = _draft(app, signed_in)
    outbox = app.extensions["changhu_sms"].outbox
    outbox.clear()
    assert run(app, "remind-drafts")[1].strip() == "Reminders sent: 0"
    _expire_in(app, application_id, timedelta(days=6))
    assert run(app, "remind-drafts")[1].strip() == "Reminders sent: 1"
    assert outbox[0].phone == "13800138000"
    assert "马秀兰" in outbox[0].text and "还没有提交" in outbox[0].text
    day = _last_day(app, application_id)
    assert f"草稿将在{day.year}年{day.month}月{day.day}日删除" in outbox[0].text
    assert run(app, "remind-drafts")[1].strip() == "Reminders sent: 0"


def test_expired_drafts_are_deleted(app: Flask, signed_in: ClientRequest, roster: None) -> None:
    application_id = _draft(app, signed_in)
    assert run(app, "purge-drafts")[1].strip() == "Drafts deleted: 0"
    _expire_in(app, application_id, timedelta(seconds=-1))
    assert run(app, "purge-drafts")[1].strip() == "Drafts deleted: 1"
    with app.app_context():
        assert db.session.get(Application, application_id) is None


def test_saving_an_answer_extends_the_draft(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = _draft(app, signed_in)
    _expire_in(app, application_id, timedelta(days=1))
    signed_in.post(
        "apply.question_page", {"text": "回族"}, application_id=application_id, key="ethnicity"
    )
    with app.app_context():
        from portal.models import utcnow

        expires = db.session.get(Application, application_id).draft_expires_at
        assert expires - utcnow() > timedelta(days=59)


def test_my_applications_warns_a_week_before_a_draft_goes(
    app: Flask, signed_in: ClientRequest, roster: None
) -> None:
    application_id = _draft(app, signed_in)
    assert not signed_in.get("apply.mine").select_one(".summary-card .warning-panel")
    _expire_in(app, application_id, timedelta(days=5))
    warning = signed_in.get("apply.mine").select_one(".summary-card .warning-panel")
    assert "还没有提交" in warning.h3.get_text()
    assert "草稿删除日期：" in warning.select_one(".warning-panel__date").get_text()


def test_the_reminder_is_in_the_language_the_person_used(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request)
    application_id = person_starts_application(app, client_request)
    client_request.client.get("/language/ug")
    client_request.post("preferences.text_size", {"size": "2", "next": "/"})
    outbox = app.extensions["changhu_sms"].outbox
    outbox.clear()
    _expire_in(app, application_id, timedelta(days=3))
    run(app, "remind-drafts")
    day = _last_day(app, application_id)
    text = outbox[0].text
    assert text.startswith("【پەرۋىش سۇغۇرتىسى مۇلازىمىتى】")
    assert "تېخى تاپشۇرۇلمىدى" in text
    assert f"{day.year}-يىلى {day.month}-ئاينىڭ {day.day}-كۈنى ئۆچۈرۈلىدۇ" in text
    assert day.isoformat() not in text


def test_the_roster_keeps_the_name_in_uyghur_script_too(
    app: Flask, roster: None, tmp_path: Path
) -> None:
    csv_file = tmp_path / "roster.csv"
    csv_file.write_text(
        "name,id_number,region,insurance_type,enrolled_on,name_ug\n"
        + "阿依古丽·买买提,650102194502042022,xinjiang,resident,2021-07-01,ئايگۈل مەمەت\n"
        + "王小明,11010519491231002X,tianjin,resident,2019-05-01,\n",
        encoding="utf-8",
    )
    code, output = run(app, "import-roster", str(csv_file))
    assert code == 0, output
    with app.app_context():
        names = dict(db.session.execute(select(InsuredPerson.name, InsuredPerson.name_ug)).all())
    assert names["阿依古丽·买买提"] == "ئايگۈل مەمەت"
    assert names["王小明"] is None


def test_a_uyghur_reminder_names_the_person_in_uyghur_script(
    app: Flask, client_request: ClientRequest, roster: None
) -> None:
    sign_in_as(client_request)
    application_id = person_starts_application(app, client_request, AYGUL)
    client_request.client.get("/language/ug")
    client_request.post("preferences.text_size", {"size": "2", "next": "/"})
    outbox = app.extensions["changhu_sms"].outbox
    outbox.clear()
    _expire_in(app, application_id, timedelta(days=3))
    run(app, "remind-drafts")
    assert "ئايگۈل مەمەت" in outbox[0].text and "阿依古丽" not in outbox[0].text
