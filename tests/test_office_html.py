"""The roll-up page on a phone and on paper: the late list as labelled cards (never a name
one character a line), the matrix headed by the work's names, no orphan first page in print."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import REPO, run_ideo
from test_html import BROWSER_FLAGS, _browser

ARGS = ["--year", "2026", "--as-of", "2026-12-01", "--root", "xiaozhaiba"]


@pytest.fixture(scope="module", params=["zh", "en"])
def page(request, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    run = run_ideo("html", REPO / "plans", *ARGS, "--lang", request.param, "-o", out)
    assert run.code in (0, 1), run
    return out / "index.html"


def test_matrix_headings_name_the_work(page):
    text = page.read_text(encoding="utf-8")
    heading = "O1 专题研究" if 'lang="zh' in text else "O1 topic study"
    assert f">{heading}<title>" in text, text[:2000]
    assert ">custom<" not in text and ">custom " not in text


@pytest.fixture(scope="module")
def phone(tmp_path_factory):
    chromium, driver_path = _browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in BROWSER_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=390,844")
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    # a window is at least 500 pixels wide in headless Chromium: emulate the phone's screen
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    yield driver
    driver.quit()


def test_late_list_reads_on_a_phone(page, phone):
    phone.get(page.as_uri())
    cells = phone.execute_script("""return Array.from(document.querySelectorAll('#late td.unit, #late td.title'), td => {
        const r = td.getBoundingClientRect(); return [td.textContent.trim(), r.width, r.height]; })""")
    assert cells
    for text, width, height in cells:
        if text:  # a name or title gets the width of the screen, not of one character
            assert width > 150, (text, width)
    page_width = phone.execute_script("return document.documentElement.scrollWidth")
    assert page_width <= 400, page_width  # nothing runs off the screen sideways
    labels = phone.execute_script("return Array.from(document.querySelectorAll('#late td'), td => getComputedStyle(td, '::before').content)")
    assert any("单位" in label or "Unit" in label for label in labels)


def test_printed_roll_up_starts_on_its_first_page(page, tmp_path):
    chromium, _ = _browser()
    pdf = tmp_path / "rollup.pdf"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], check=True, capture_output=True, timeout=120)
    from pypdf import PdfReader

    pages = [p.extract_text() for p in PdfReader(pdf).pages]
    late = "逾期清单" if "逾期清单" in "".join(pages) else "Late list"
    # the matrix and the start of the late list share page 1: no page left with a heading and a chart alone
    assert late in pages[0], [p[:200] for p in pages]
