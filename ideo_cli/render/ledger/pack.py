"""`ideo ledger --pack FILE.zip`: the 迎检 pack an inspector opens by double-clicking.

Inside: ``index.html`` (every unit's 台账 with links to its records' ledger
files, its evidence files and its workbook; what is missing or changed marked
in red), ``index.md`` (the same, as text), and per unit ``<id>/台账/`` holding
the ledger YAML beside the 台账 xlsx, and ``<id>/佐证/…`` the evidence.

Links are relative and no local path appears anywhere: a unit's folder is
named by its id, as in the archive.  Deterministic: entries sorted, one fixed
timestamp (SOURCE_DATE_EPOCH, else 1980-01-01), fixed permissions; evidence is
streamed into the archive in blocks.  The evidence that is missing or whose
sha256 differs from the ledger is returned as problems: the command prints
them and exits non-zero, and the pack still shows the inspector what is there.
"""
from __future__ import annotations

import datetime as dt
import html
import io
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ideo_cli.fsutil import open_regular
from ideo_cli.i18n import Message, msg, t
from ideo_cli.ledger.evidence import file_problem
from ideo_cli.ledger.view import COLUMNS
from ideo_cli.render.ledger import header, row_texts, title_text
from ideo_cli.render.ledger.markdown import render_markdown
from ideo_cli.render.ledger.xlsx import render_xlsx

# problems the inspector must hear of; a file only missing its recorded hash is listed, not failed
FAILING = ("missing", "mismatch", "not-a-file", "absolute", "outside", "bad-name", "loop")
PACKED = (None, "mismatch", "no-hash")  # a changed file is packed too: the inspector sees what is there

STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:1.5rem;color:#222;line-height:1.5}
h1{font-size:1.5rem}h2{font-size:1.25rem;border-bottom:2px solid #b22;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem}
.scroll{overflow-x:auto}table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #999;padding:.25rem .45rem;vertical-align:top;text-align:left}th{background:#f2f2f2;white-space:nowrap}
td{min-width:4.5em}td.wide{min-width:12em}.bad{color:#b00;font-weight:bold}.ok{color:#070}
ul.files li{margin:.15rem 0}code{font-size:.85rem;word-break:break-all}
@media print{a{color:inherit;text-decoration:none}h2{break-before:page}h2:first-of-type{break-before:auto}}
"""


@dataclass
class Pack:
    data: bytes
    problems: list[Message] = field(default_factory=list)  # one per missing or changed evidence file


def _info(name: str, when) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _href(name: str) -> str:
    return html.escape(quote(name), quote=True)


def _link(name: str, shown: str | None = None) -> str:
    return f'<a href="{_href(name)}">{html.escape(shown or name)}</a>'


def _workbook_name(view, lang: str) -> str:
    return f"{view.plan_id}/台账/{t(msg('ledger.pack.workbook', year=view.year), lang)}.xlsx"


def _evidence_links(row: dict, prefix: str, lang: str, present: set[str]) -> str:
    """The evidence cell: each item's text, its file a link when the file is in the pack."""
    texts = row_texts(row, lang)[COLUMNS.index("evidence")]
    out = html.escape(texts)
    for relative in sorted(present, key=len, reverse=True):
        escaped = html.escape(relative)
        if escaped in out:
            out = out.replace(escaped, _link(prefix + relative, relative), 1)
    return out


def _index_html(views, lang: str, states: dict[str, list[tuple[str, str | None, str, str]]], ledgers: dict[str, list[str]]) -> str:
    title = t(msg("ledger.pack.title", year=views[0].year if views else ""), lang)
    parts = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{html.escape(title)}</title>",
             f"<style>{STYLE}</style>\n</head>\n<body>", f"<h1>{html.escape(title)}</h1>"]
    failing = sum(1 for items in states.values() for _, _, problem, _ in items if problem in FAILING)
    summary = msg("ledger.pack.summary-bad", n=failing) if failing else msg("ledger.pack.summary-ok")
    parts.append(f'<p class="{"bad" if failing else "ok"}">{html.escape(t(summary, lang))}</p>')
    parts.append("<ul>" + "".join(f'<li><a href="#{_href(v.plan_id)}">{html.escape(v.unit)}</a></li>' for v in views) + "</ul>")
    for view in views:
        prefix = f"{view.plan_id}/"
        present = {rel for rel, _, problem, _ in states[view.plan_id] if problem in PACKED}
        parts.append(f'<h2 id="{html.escape(view.plan_id)}">{html.escape(title_text(view, lang))}</h2>')
        files = [_link(name, name.split("/")[-1]) for name in ledgers[view.plan_id]] + [_link(_workbook_name(view, lang), _workbook_name(view, lang).split("/")[-1])]
        parts.append(f"<p>{html.escape(t(msg('ledger.pack.ledger-files'), lang))}" + ("、" if lang == "zh" else ", ").join(files) + "</p>")
        for section in view.sections:
            parts.append(f"<h3>{html.escape(t(msg(f'ledger.section.{section.code}'), lang))}</h3>")
            head = "".join(f"<th>{html.escape(header(c, lang))}</th>" for c in COLUMNS)
            rows = []
            for row in section.rows:
                cells = []
                for column, text in zip(COLUMNS, row_texts(row, lang)):
                    shown = _evidence_links(row, prefix, lang, present) if column == "evidence" else html.escape(text)
                    wide = ' class="wide"' if column in ("content", "evidence", "note", "attendees") else ""
                    cells.append(f"<td{wide}>{shown}</td>")
                rows.append("<tr>" + "".join(cells) + "</tr>")
            parts.append(f'<div class="scroll"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody></table></div>")
        parts.append(f"<h3>{html.escape(t(msg('ledger.pack.files'), lang))}</h3>")
        items = []
        for relative, sha, problem, state in states[view.plan_id]:
            name = _link(prefix + relative, relative) if problem in PACKED else f"<code>{html.escape(relative)}</code>"
            css = "bad" if problem in FAILING else "ok" if problem is None else ""
            items.append(f'<li>{name} <span class="{css}">{html.escape(state)}</span><br><code>sha256 {html.escape(sha or "—")}</code></li>')
        parts.append('<ul class="files">' + "".join(items) + "</ul>" if items else f"<p>{html.escape(t(msg('ledger.pack.no-files'), lang))}</p>")
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def build_pack(views, lang: str, stamp: dt.datetime | None) -> Pack:
    when = (stamp.astimezone(dt.timezone.utc).replace(tzinfo=None) if stamp else dt.datetime(1980, 1, 1))
    when = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    entries: dict[str, tuple[str, object]] = {}  # archive name → ("bytes", data) | ("file", path)
    index = [render_markdown(views, lang), f"## {t(msg('ledger.pack.files'), lang)}", ""]
    problems: list[Message] = []
    states: dict[str, list] = {}
    ledgers: dict[str, list[str]] = {}
    for view in views:
        prefix = f"{view.plan_id}/"
        ledgers[view.plan_id] = []
        for path in view.ledger_files:
            entries[prefix + "台账/" + path.name] = ("file", path)
            ledgers[view.plan_id].append(prefix + "台账/" + path.name)
        entries[_workbook_name(view, lang)] = ("bytes", render_xlsx([view], lang, stamp))
        states[view.plan_id] = []
        for relative, sha in view.evidence:
            problem = file_problem(view.folder, relative, sha)
            # the unit's folder is named as in the archive: its id, never a local path
            detail = msg(f"ledger.evidence-{problem}", file=relative, folder=view.plan_id) if problem else msg("ledger.pack.ok")
            state = t(detail, lang)
            states[view.plan_id].append((relative, sha, problem, state))
            index.append(f"- `{prefix}{relative}` sha256 `{sha or ''}` — {state}")
            if problem in FAILING:
                problems.append(msg("ledger.pack.problem", unit=view.unit, detail=detail))
            if problem in PACKED:
                entries[prefix + relative] = ("file", view.folder / relative)
    entries["index.md"] = ("bytes", ("\n".join(index) + "\n").encode("utf-8"))
    entries["index.html"] = ("bytes", _index_html(views, lang, states, ledgers).encode("utf-8"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for name in sorted(entries):
            kind, value = entries[name]
            if kind == "bytes":
                archive.writestr(_info(name, when), value)
            else:
                with os.fdopen(open_regular(Path(value)), "rb") as source, archive.open(_info(name, when), "w", force_zip64=True) as target:
                    shutil.copyfileobj(source, target, 1 << 20)
    return Pack(out.getvalue(), problems)
