"""Lighthouse's mobile preset (simulated slow 4G and a slow phone CPU) on the pages the
elderly meet most: the home page, a self-assessment question, the application task list and
my applications. Accessibility must be 100 and performance at least 95; the scores are printed
at the end of the run, and the reports kept in test-artifacts/lighthouse/."""

import statistics
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page

from portal import id_numbers
from tests.e2e.audit import REPORT, unaudited
from tests.e2e.conftest import VIEWPORTS
from tests.e2e.steps import (
    carry_on,
    person_adds_relative_with_power_of_attorney,
    person_signs_in,
    unused_phone,
)

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "test-artifacts" / "lighthouse"
MOTHER = {"name": "陈美华", "id_number": id_numbers.with_check_character("35010219430808102")}


@pytest.fixture(scope="module")
def signed_in(
    browser: Browser, base_url: str, live_app: Flask, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """A person signed in, with a self-assessment and an application under way: the session
    cookie and the paths of the pages to measure."""
    context = browser.new_context(base_url=base_url, viewport=VIEWPORTS["phone"])
    page = context.new_page()
    paths = {"home": "/", "my-applications": "/applications/"}
    with unaudited():
        page.goto("/")
        person_signs_in(page, live_app, unused_phone())
        person_adds_relative_with_power_of_attorney(page, MOTHER, tmp_path_factory.mktemp("lh"))
        paths["self-assessment-question"] = first_question(page, "/self-assessment/")
        paths["apply-task-list"] = first_question(page, "/apply/")
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())
    context.close()
    yield {"cookie": cookie, **paths}


def first_question(page: Page, start: str) -> str:
    page.goto(start)
    page.locator(".choice label").first.click()
    carry_on(page)
    return urlsplit(page.url).path


def lighthouse(url: str, report: Path, cookie: str) -> tuple[int, int]:
    run = subprocess.run(
        [ROOT / "scripts" / "lighthouse.sh", url, report, cookie],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    words = run.stdout.split()
    return int(words[words.index("accessibility") + 1]), int(words[words.index("performance") + 1])


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("home", "zh"),
        ("home", "ug"),
        ("self-assessment-question", "ug"),
        ("apply-task-list", "zh"),
        ("my-applications", "ug"),
    ],
)
def test_lighthouse_mobile(
    signed_in: dict[str, str], base_url: str, name: str, language: str
) -> None:
    REPORTS.mkdir(parents=True, exist_ok=True)
    url, cookie = base_url + signed_in[name], f"{signed_in['cookie']}; lang={language}"
    report = REPORTS / f"{name}-{language}.json"
    accessibility, performance = lighthouse(url, report, cookie)
    runs = [performance]
    if performance < 95:
        # One run can be slowed by the machine; the median of three is what counts then.
        runs += [lighthouse(url, report, cookie)[1] for _ in range(2)]
        performance = int(statistics.median(runs))
    REPORT.lighthouse.append(
        f"{name} ({language}): accessibility {accessibility}, performance {performance}"
        + (f" (median of {runs})" if len(runs) > 1 else "")
    )
    print(REPORT.lighthouse[-1])
    assert accessibility == 100, f"{report}: accessibility {accessibility}"
    assert performance >= 95, f"{report}: performance {performance} ({runs})"
