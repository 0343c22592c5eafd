"""The knowledge file covers every topic, in both languages, briefly, for every region
where POLICY.md says the regions differ; and no Uyghur text uses U+0647."""
import pathlib
import re

import pytest
import yaml

from actions import knowledge, links, messages
from actions.parsing import REGIONS

BOT = pathlib.Path(__file__).resolve().parents[1]
TOPICS = knowledge.topics()

# Regions with their own rule in POLICY.md (one row or bullet per region there).
REQUIRED_REGIONS = {
    "eligibility": {"ningxia", "xinjiang", "heilongjiang"},
    "refusal": {"ningxia", "xinjiang", "heilongjiang"},
    "materials": {"ningxia", "xinjiang", "heilongjiang"},
    "conclusion_time": {"xinjiang"},
    "publicity": {"ningxia", "xinjiang"},
    "objection": {"ningxia", "xinjiang", "heilongjiang"},
    "benefit_start": {"ningxia", "xinjiang"},
    "choose_institution": {"ningxia", "xinjiang", "heilongjiang"},
    "change_institution": {"tianjin"},
    "hospital_pause": {"ningxia"},
    "suspension": {"ningxia"},
    "complaints_info": {"fuzhou"},
    "premium": {"ningxia"},
    "family_caregiver": {"tianjin"},
    "service_types": {"tianjin"},
}
ISSUE_TOPICS = {  # the topics the issue lists, by our names
    "eligibility", "refusal", "materials", "how_to_apply", "acceptance_time", "conclusion_time",
    "publicity", "objection", "reassessment", "validity", "benefit_start", "service_types",
    "choose_institution", "change_institution", "care_plan", "hospital_pause", "suspension",
    "complaints_info", "privacy", "premium",
}
MAX_LEN = {"zh": 120, "ug": 300}
HEH = "\u0647"


def all_entries():
    for topic, entry in TOPICS.items():
        for region, answer in entry["answers"].items():
            yield topic, region, answer


def test_every_issue_topic_is_covered():
    assert ISSUE_TOPICS <= set(TOPICS)


def test_every_topic_is_a_retrieval_intent_with_training_data():
    domain = yaml.safe_load((BOT / "domain.yml").read_text(encoding="utf-8"))
    nlu_text = "".join(p.read_text(encoding="utf-8") for p in (BOT / "data" / "nlu").glob("*.yml"))
    for topic in TOPICS:
        assert f"utter_faq/{topic}" in domain["responses"]
        assert f"intent: faq/{topic}\n" in nlu_text


@pytest.mark.parametrize("topic,region,answer", list(all_entries()))
def test_answer_in_both_languages_short_and_sourced(topic, region, answer):
    for language in ("zh", "ug"):
        text = answer[language]
        assert text and len(text) <= MAX_LEN[language], (topic, region, language, len(text))
    assert answer["source"]
    assert not re.search(r"[\u4e00-\u9fff]", answer["ug"]), "Chinese left in a Uyghur answer"


def test_region_specific_answers_exist_where_policy_differs():
    for topic, regions in REQUIRED_REGIONS.items():
        assert regions <= set(TOPICS[topic]["answers"]), topic
        if topic not in ("service_types", "complaints_info"):  # answered without asking
            assert TOPICS[topic]["region_specific"], topic
    for topic, entry in TOPICS.items():
        assert "default" in entry["answers"], topic
        assert set(entry["answers"]) <= set(REGIONS) | {"default"}, topic
        assert entry["link"] is None or entry["link"] in links.PAGES, topic


def test_a_region_without_its_own_rule_is_told_so():
    found = knowledge.answer("objection", "zh", "tianjin")
    assert found.is_regional_default and found.text.endswith(knowledge.DEFAULT_NOTE["zh"])
    assert knowledge.answer("objection", "zh", "ningxia").text.startswith("宁夏")
    assert "10个工作日" in knowledge.answer("objection", "zh", "ningxia").text
    assert "15个工作日" in knowledge.answer("objection", "zh", "heilongjiang").text
    assert "公示期内" in knowledge.answer("objection", "zh", "xinjiang").text


def _uyghur_texts():
    for topic, region, answer in all_entries():
        yield f"answers.yml {topic}/{region}", answer["ug"]
    yield "knowledge note", knowledge.DEFAULT_NOTE["ug"]
    for key, value in messages.TEXTS.items():
        yield f"messages {key}", value["ug"]
    for path in [BOT / "domain.yml", *(BOT / "data").rglob("*.yml"), *(BOT / "tests").rglob("*.yml"),
                 *(BOT / "actions").rglob("*.py")]:
        yield str(path.relative_to(BOT)), path.read_text(encoding="utf-8")


def test_no_arabic_heh_in_uyghur_text():
    """Uyghur writes h as ھ (U+06BE) and e as ە (U+06D5); ه (U+0647) is always a typo."""
    bad = [name for name, text in _uyghur_texts() if HEH in text]
    assert not bad, bad
