"""`ideo ledger --pack`: the 迎检 pack an inspector double-clicks (index.html), the 台账
workbook beside the YAML, missing or changed evidence on the terminal and in the exit code,
and no local path anywhere inside."""
from __future__ import annotations

import html.parser
import io
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote

from helpers import REPO, run_ideo

TOWN = REPO / "plans" / "xiaozhaiba-town"


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def _links(page: str) -> list[str]:
    parser = _Links()
    parser.feed(page)
    return parser.hrefs


def _every_text(archive: zipfile.ZipFile) -> dict[str, bytes]:
    """Each entry's bytes, the parts of a workbook (a zip in the zip) unpacked too."""
    out = {}
    for name in archive.namelist():
        data = archive.read(name)
        if name.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as book:
                out.update({f"{name}!{part}": book.read(part) for part in book.namelist()})
        else:
            out[name] = data
    return out


def _unit(tmp_path: Path) -> Path:
    folder = tmp_path / "单位" / "xiaozhaiba-town"
    shutil.copytree(TOWN, folder)
    return folder


def test_index_html_links_every_record_and_evidence_file_and_the_workbook(tmp_path):
    folder = _unit(tmp_path)
    target = tmp_path / "迎检.zip"
    run = run_ideo("ledger", folder, "--year", "2026", "--today", "2026-12-01", "--pack", target, "-o", tmp_path / "台账.md", "-f", "markdown")
    assert run.code == 0 and run.err == "", run
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        assert {"index.html", "xiaozhaiba/台账/2026.yaml", "xiaozhaiba/台账/台账-2026.xlsx"} <= names  # the workbook beside the YAML
        page = archive.read("index.html").decode("utf-8")
        texts = _every_text(archive)
    assert "<title>2026 年意识形态工作台账（迎检材料）</title>" in page and "全部佐证文件与台账登记一致" in page
    hrefs = [unquote(h) for h in _links(page)]
    files = [h for h in hrefs if not h.startswith("#")]
    assert files and all(h in names for h in files), sorted(set(files) - names)  # every link opens a file in the pack
    evidence = {n for n in names if "/佐证/" in n}
    assert evidence and evidence <= set(files)  # every evidence file is linked
    assert "xiaozhaiba/台账/2026.yaml" in files and "xiaozhaiba/台账/台账-2026.xlsx" in files
    # no local path inside anything: not the unit's folder, not the temporary folder, not the repository
    for name, data in texts.items():
        for local in (str(tmp_path), str(folder), str(REPO), "file://"):
            assert local.encode("utf-8") not in data, (name, local)
    from openpyxl import load_workbook

    with zipfile.ZipFile(target) as archive:
        book = load_workbook(io.BytesIO(archive.read("xiaozhaiba/台账/台账-2026.xlsx")))
    assert book[book.sheetnames[0]]["A1"].value.startswith("小寨坝镇党委 2026 年意识形态工作台账")


def test_missing_or_changed_evidence_is_printed_and_fails_the_run(tmp_path):
    folder = _unit(tmp_path)
    (folder / "佐证" / "2026" / "training-2026.txt").unlink()
    (folder / "佐证" / "2026" / "annual-plan-2026.txt").write_text("登记之后改过的计划\n", encoding="utf-8")
    target = tmp_path / "迎检.zip"
    run = run_ideo("ledger", folder, "--year", "2026", "--today", "2026-12-01", "--pack", target, "-o", tmp_path / "台账.md", "-f", "markdown")
    assert run.code == 1, run
    lines = run.err.splitlines()
    assert len(lines) == 2, run
    assert any("佐证文件 佐证/2026/training-2026.txt 不存在（相对于 xiaozhaiba）" in line for line in lines), run
    assert any("佐证/2026/annual-plan-2026.txt 的内容与登记的 sha256 不符" in line for line in lines), run
    assert str(tmp_path) not in run.err
    with zipfile.ZipFile(target) as archive:  # the pack is still written, and shows what is wrong
        page = archive.read("index.html").decode("utf-8")
        names = archive.namelist()
    assert "有 2 个佐证文件缺失或与登记不符" in page and 'class="bad"' in page
    assert "xiaozhaiba/佐证/2026/training-2026.txt" not in names and "xiaozhaiba/佐证/2026/annual-plan-2026.txt" in names
    english = run_ideo("ledger", folder, "--year", "2026", "--today", "2026-12-01", "--pack", tmp_path / "en.zip", "--lang", "en", "-o", tmp_path / "en.md", "-f", "markdown")
    assert english.code == 1 and "inspection pack: 小寨坝镇党委:" in english.err, english
    with zipfile.ZipFile(tmp_path / "en.zip") as archive:
        assert "xiaozhaiba/台账/ledger-2026.xlsx" in archive.namelist()
        assert "Evidence files missing or not matching the ledger: 2" in archive.read("index.html").decode("utf-8")
