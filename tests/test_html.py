"""`ideo html`: the static site, read as files and in a real browser (headless Chromium).

Browser tests need Debian's ``chromium`` and ``chromium-driver`` and the
``selenium`` package.  Without them they are skipped with a warning naming
what is missing — except under ``CI=true``, where a missing browser fails.
Screenshots of the unit page and the roll-up page are kept in
``tests/artifacts/`` (gitignored).
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import urllib.parse
import warnings
from pathlib import Path

import pytest
from helpers import REPO, assert_no_traceback, run_ideo

from ideo_cli.render.html.site import STATUS_COLOURS

WORKSPACE = Path(__file__).parent / "fixtures" / "tree" / "workspace"
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = ["--year", "2027", "--as-of", "2027-07-15"]
BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    run = run_ideo("html", WORKSPACE, *ARGS, "-o", out)
    assert run.code == 0, run
    return out


def test_site_files_and_note(site):
    assert sorted(p.name for p in site.iterdir()) == ["index.html", "style.css", "tree-xiaozhaiba.html", "unit-xiaozhaiba-community-branch.html", "unit-xiaozhaiba.html", "unit-xx-town-village-branch.html"]
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in text, page.name  # no CDN, nothing online
        assert "<script" not in text, page.name


def test_unit_page_shows_the_year_ledger_and_findings(site):
    text = (site / "unit-xx-town-village-branch.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in text
    assert text.count('<g class="cell"') == 15
    assert 'id="today-line"' in text
    assert 'data-provisional="true"' in text and "暂定" in text  # 2027 has no official calendar yet
    assert '<a class="up" href="tree-xiaozhaiba.html">' in text
    assert "台账" in text and "ideo check 没有发现问题。" in text


def test_town_page_lists_its_findings_with_citations(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(WORKSPACE, ws)
    plan = ws / "town" / "计划.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("    截止: {月: 末, 日: 10}\n    汇入", "    截止: {月: 末, 日: 30}\n    汇入"), encoding="utf-8")
    run = run_ideo("html", ws, *ARGS, "-o", tmp_path / "out")
    assert run.code == 0, run
    text = (tmp_path / "out" / "unit-xiaozhaiba.html").read_text(encoding="utf-8")
    assert "<b>IDEO901</b> subordinate-lead-time" in text
    assert "依据： 003 篇五 第八条 “各部门各单位党委（党组），要将本部门本单位意识形态领城情况报告" in text


def test_user_text_is_escaped(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(WORKSPACE, ws)
    plan = ws / "town" / "计划.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("标题: 向县委专题汇报意识形态工作", '标题: "<script>alert(1)</script>向县委汇报"')
                    .replace("简称: 小寨坝镇党委", '简称: "小寨坝<b>镇</b>党委"'), encoding="utf-8")
    out = tmp_path / "out"
    run = run_ideo("html", ws, *ARGS, "-o", out)
    assert_no_traceback(run)
    assert run.code == 0, run
    for page in out.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text and "<b>镇</b>" not in text, page.name
    unit = (out / "unit-xiaozhaiba.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;向县委汇报" in unit
    assert "小寨坝&lt;b&gt;镇&lt;/b&gt;党委" in unit


def test_english_site(tmp_path):
    run = run_ideo("html", WORKSPACE, *ARGS, "-o", tmp_path / "en", "--lang", "en")
    assert run.code == 0, run
    text = (tmp_path / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "Late list (12)" in text and "Print / save as PDF" in text


def test_site_is_deterministic(tmp_path):
    for name in ("a", "b"):
        assert run_ideo("html", WORKSPACE, *ARGS, "-o", tmp_path / name).code == 0
    for page in (tmp_path / "a").iterdir():
        assert page.read_bytes() == (tmp_path / "b" / page.name).read_bytes(), page.name


def test_print_stylesheet_is_a4_landscape(site):
    css = (site / "style.css").read_text(encoding="utf-8")
    assert re.search(r"@media print \{\s*@page \{ size: A4 landscape;", css)


# ── in a real browser ───────────────────────────────────────────────────────

def _browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    missing = [name for name, path in (("chromium", chromium), ("chromedriver (chromium-driver)", driver)) if not path]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install -e '.[test]')")
    if missing:
        what = ", ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the browser tests cannot run: missing {what}")
        message = f"BROWSER TESTS SKIPPED: missing {what} (apt-get install chromium chromium-driver)"
        warnings.warn(message)
        sys.stderr.write(f"\n*** {message} ***\n")
        pytest.skip(message)
    return chromium, driver


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium, driver_path = _browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in BROWSER_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1280,1000")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def _open(browser, page: Path):
    browser.get(page.as_uri())
    assert browser.execute_script("return document.readyState") == "complete"
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == [], errors


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def _links_resolve(browser) -> int:
    """Every link (HTML and SVG) points at a file that exists."""
    urls = browser.execute_script("return Array.from(document.querySelectorAll('a[href]'), a => new URL(a.getAttribute('href'), document.baseURI).href)")
    for url in urls:
        assert url.startswith("file://"), url
        target = Path(urllib.parse.unquote(urllib.parse.urlparse(url).path))
        assert target.is_file(), f"{url} → {target}"
    return len(urls)


def _screenshot(browser, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(max(height + 40, 600), 4000))
    path = ARTIFACTS / name
    assert browser.save_screenshot(str(path))
    browser.set_window_size(1280, 1000)
    assert path.stat().st_size > 10_000
    return path


def test_rollup_page_in_the_browser(browser, site):
    from selenium.webdriver.common.by import By

    _open(browser, site / "index.html")
    cells = browser.find_elements(By.CSS_SELECTOR, "#heatmap g.cell")
    assert len(cells) == 3 * 12  # three units × the kinds they have
    expected = {("xx-town-village-branch", "O6"): "evidence-missing", ("xiaozhaiba-community-branch", "O6"): "overdue",
                ("xx-town-village-branch", "O3"): "done-late", ("xx-town-village-branch", "O12"): "done"}
    for (unit, kind), status in expected.items():
        cell = browser.find_element(By.CSS_SELECTOR, f'#heatmap g.cell[data-unit="{unit}"][data-kind="{kind}"]')
        assert cell.get_attribute("data-status") == status
        rect = cell.find_element(By.TAG_NAME, "rect")
        assert rect.value_of_css_property("fill") == _rgb(STATUS_COLOURS[status])
        assert rect.is_displayed()
    rows = browser.find_elements(By.CSS_SELECTOR, "#late tbody tr")
    assert len(rows) == 12
    assert "向县委专题汇报意识形态工作" in browser.find_element(By.ID, "late").text
    assert _links_resolve(browser) >= 5
    _screenshot(browser, "rollup-page.png")


def test_unit_page_in_the_browser(browser, site):
    from selenium.webdriver.common.by import By

    _open(browser, site / "unit-xx-town-village-branch.html")
    cells = browser.find_elements(By.CSS_SELECTOR, "#year-grid g.cell")
    assert len(cells) == 15
    evidence = browser.find_element(By.CSS_SELECTOR, '#year-grid g.cell[data-status="evidence-missing"] rect')
    assert evidence.value_of_css_property("fill") == _rgb(STATUS_COLOURS["evidence-missing"])
    provisional = browser.find_elements(By.CSS_SELECTOR, '#year-grid g.cell[data-provisional="true"] rect[stroke-dasharray]')
    assert provisional, "provisional dates are drawn dashed"
    today = browser.find_element(By.ID, "today-line")
    x = float(today.get_attribute("x1"))
    grid = browser.find_element(By.ID, "year-grid")
    assert 260 + 6 * 52 < x < 260 + 7 * 52  # mid-July falls in the seventh month column
    assert grid.size["width"] > 800
    link = browser.find_element(By.CSS_SELECTOR, "#ledger a.evidence")
    assert link.text == "佐证/2027H1-自查报告.txt"
    assert _links_resolve(browser) >= 3
    _screenshot(browser, "unit-page.png")


def test_pages_fit_a_phone(browser, site):
    browser.set_window_size(390, 844)
    try:
        for page in ("index.html", "unit-xx-town-village-branch.html"):
            _open(browser, site / page)
            overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{page} is {overflow}px wider than a phone"
    finally:
        browser.set_window_size(1280, 1000)


def test_escaped_title_renders_as_text_in_the_browser(browser, tmp_path):
    from selenium.webdriver.common.by import By

    ws = tmp_path / "ws"
    shutil.copytree(WORKSPACE, ws)
    plan = ws / "town" / "计划.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("标题: 向县委专题汇报意识形态工作", '标题: "<script>console.error(1)</script>向县委汇报"'), encoding="utf-8")
    assert run_ideo("html", ws, *ARGS, "-o", tmp_path / "out").code == 0
    _open(browser, tmp_path / "out" / "unit-xiaozhaiba.html")  # no console error: the script never ran
    assert "<script>console.error(1)</script>向县委汇报" in browser.find_element(By.ID, "ledger").text
    assert browser.find_elements(By.TAG_NAME, "script") == []


def test_printing_gives_a4_landscape_pages(site, tmp_path):
    """Chromium's "print to PDF" of the roll-up page: A4 landscape (842 × 595 pt)."""
    import subprocess

    chromium, _ = _browser()
    pdf = tmp_path / "rollup.pdf"
    subprocess.run([chromium, *BROWSER_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer", (site / "index.html").as_uri()],
                   capture_output=True, timeout=120, check=True)
    boxes = set(re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf.read_bytes()))
    assert boxes, "no page in the PDF"
    for box in boxes:
        x0, y0, width, height = (float(v) for v in box.split())
        assert abs(width - 842) < 2 and abs(height - 595) < 2, box


def test_score_distribution_in_the_browser(browser, tmp_path):
    from selenium.webdriver.common.by import By

    out = tmp_path / "site"
    run = run_ideo("html", WORKSPACE, *ARGS, "--rubric", "sample", "-o", out)
    assert run.code == 0, run
    _open(browser, out / "index.html")
    bars = browser.find_elements(By.CSS_SELECTOR, "#score-histogram g.bar")
    assert len(bars) == 10
    counts = [int(b.get_attribute("data-count")) for b in bars]
    assert sum(counts) == 1  # the town: its branches are summaries only (no plan, no ledger)
    for bar, n in zip(bars, counts):  # a band with units is drawn, an empty one is flat
        height = float(bar.find_element(By.TAG_NAME, "rect").get_attribute("height"))
        assert (height > 0) == (n > 0), (bar.get_attribute("data-band"), n, height)
    grades = {c.get_attribute("data-grade"): int(c.text) for c in browser.find_elements(By.CSS_SELECTOR, "#grade-counts td")}
    assert sum(grades.values()) == 1 and list(grades) == ["好", "较好", "一般", "差"]
    ranks = browser.find_elements(By.CSS_SELECTOR, "#score-rank tbody tr")
    assert len(ranks) == 1 and ranks[0].find_element(By.TAG_NAME, "td").text == "1"
    note = browser.find_element(By.CSS_SELECTOR, "#scores p.note").text
    assert "未计分" in note and "XX村党支部" in note and "XX社区党支部" in note
    assert _links_resolve(browser) >= 5
    _screenshot(browser, "rollup-scores.png")
