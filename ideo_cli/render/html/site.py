"""Build the static site: one page per unit (the year at a glance, the 台账,
findings) and one per tree node with subordinates (heat map, late list, links
up and down).  Every user-written string goes through Jinja2's autoescape;
geometry is computed here so the templates only place shapes."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from rich.cells import cell_len

from ideo_cli.i18n import msg, t
from ideo_cli.ledger.status import STATUSES
from ideo_cli.render.rollup.scores import rounded
from ideo_cli.rollup.aggregate import Aggregates, Rollup, build_rollup, kind_order, walk_to
from ideo_cli.render.rollup.labels import kind_heading, kind_label, percent, status_label, status_short, unit_name
from ideo_cli.rollup.scores import ranking

# colour per status: green done, amber late, red overdue; chosen to stay apart in grey print too
STATUS_COLOURS = {
    "done": "#2e7d32", "waived": "#81c784", "pending": "#e0e0e0", "in-progress": "#64b5f6",
    "done-late": "#f9a825", "evidence-missing": "#ab47bc", "overdue": "#c62828",
}
# an inner roll-up page lists its unit, children and grandchildren (their own pages go deeper;
# its rates count the whole subtree): a deep chain costs what a flat tree costs
NODE_PAGE_DEPTH = 2
TEXT_ON = {"pending": "#222", "in-progress": "#111", "waived": "#111", "done-late": "#111"}


def _env():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")), autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env


def unit_page_name(unit_id: str) -> str:
    return f"unit-{_safe(unit_id)}.html"


def node_page_name(unit_id: str) -> str:
    return f"tree-{_safe(unit_id)}.html"


def _safe(unit_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in unit_id)


def _common(lang: str, title: str, as_of: dt.date):
    def tr(id_: str, **args) -> str:
        return t(msg(id_, **args), lang)

    legend = [{"status": s, "label": status_label(s, lang), "short": status_short(s, lang), "colour": STATUS_COLOURS[s]} for s in STATUSES]
    return {"_": tr, "lang": "zh-CN" if lang == "zh" else "en", "title": title, "as_of": as_of.isoformat(), "legend": legend, "colours": STATUS_COLOURS}


def heatmap(rollup: Rollup, lang: str, link_units: bool = True) -> dict:
    """Geometry of the units × kinds heat map."""
    label_w, cell_w, cell_h = 220, 46, 26
    # the headings name the work (专题研究, not O1 alone), turned 55° up so the columns stay narrow
    labels = {kind: kind_heading(kind, lang) for kind in rollup.kinds}
    longest = max((cell_len(label) for label in labels.values()), default=2)
    head_h = int(24 + longest * 6.5 * 0.82)  # 12px text: about 6.5px a cell; sin 55° ≈ 0.82
    cells, rows = [], []
    for r, row in enumerate(rollup.rows):
        y = head_h + r * cell_h
        rows.append({"y": y + cell_h * 0.68, "x": 6 + 14 * row.depth, "name": unit_name(row.unit), "href": unit_page_name(row.unit["id"]) if link_units else None, "id": row.unit["id"]})
        for c, kind in enumerate(rollup.kinds):
            cell = row.cells.get(kind)
            status = cell.worst if cell else None
            counts = "，".join(f"{status_label(s, lang)} {n}" for s, n in cell.counts.items()) if cell else ""
            cells.append({"x": label_w + c * cell_w, "y": y, "w": cell_w - 2, "h": cell_h - 2, "status": status or "none", "kind": kind, "unit": row.unit["id"],
                          "fill": STATUS_COLOURS.get(status, "#ffffff"), "text": status_short(status, lang) if status else "·", "text_fill": TEXT_ON.get(status or "", "#fff") if status else "#999",
                          "tip": f"{unit_name(row.unit)} · {kind_heading(kind, lang)} · {counts}" if cell else f"{unit_name(row.unit)} · {kind_heading(kind, lang)}"})
    heads = [{"x": label_w + c * cell_w + (cell_w - 2) / 2, "kind": kind, "label": kind_label(kind, lang), "text": labels[kind]} for c, kind in enumerate(rollup.kinds)]
    return {"width": label_w + max(len(rollup.kinds), 1) * cell_w + 4, "height": head_h + max(len(rollup.rows), 1) * cell_h + 4, "cells": cells, "rows": rows, "heads": heads, "head_h": head_h}


def year_grid(summary: dict, as_of: dt.date, lang: str) -> dict:
    """Obligations × months; each occurrence a cell in its due month."""
    label_w, month_w, row_h, head_h = 260, 52, 26, 28
    year = summary["year"]
    obligations: list[str] = []
    titles: dict[str, str] = {}
    for occ in summary["occurrences"]:
        if occ["obligation"] not in titles:
            obligations.append(occ["obligation"])
            titles[occ["obligation"]] = occ["title"]
    index = {ob: i for i, ob in enumerate(obligations)}
    cells = []
    per_slot: dict[tuple[int, int], int] = {}
    for occ in summary["occurrences"]:
        due = dt.date.fromisoformat(occ["due"])
        if due.year != year:
            continue
        row, month = index[occ["obligation"]], due.month
        k = per_slot.get((row, month), 0)
        per_slot[(row, month)] = k + 1
        status = occ["status"]
        cells.append({"x": label_w + (month - 1) * month_w + 2 + k * 6, "y": head_h + row * row_h + 2, "w": month_w - 4 - k * 6, "h": row_h - 4,
                      "status": status, "fill": STATUS_COLOURS[status], "provisional": occ.get("provisional", False), "obligation": occ["obligation"],
                      "tip": f"{occ['title']} · {occ['period']} · {occ['due']} · {status_label(status, lang)}" + (f" · {t(msg('html.provisional'), lang)}" if occ.get("provisional") else ""),
                      "text": f"{due.day}", "text_fill": TEXT_ON.get(status, "#fff")})
    width = label_w + 12 * month_w + 4
    today_x = None
    if as_of.year == year:
        start = dt.date(year, 1, 1)
        days = (dt.date(year + 1, 1, 1) - start).days
        today_x = label_w + 12 * month_w * ((as_of - start).days + 0.5) / days
    months = [{"x": label_w + (m - 1) * month_w + month_w / 2, "label": t(msg("html.month", month=m), lang)} for m in range(1, 13)]
    rows = [{"y": head_h + i * row_h + row_h * 0.68, "title": titles[ob], "id": ob} for i, ob in enumerate(obligations)]
    return {"width": width, "height": head_h + max(len(obligations), 1) * row_h + 4, "cells": cells, "rows": rows, "months": months, "today_x": today_x,
            "label_w": label_w, "month_w": month_w, "head_h": head_h}


def _relative(target: Path, out_dir: Path) -> str:
    return Path(os.path.relpath(target, out_dir)).as_posix()


def unit_context(summary: dict, tree, summaries: dict, out_dir: Path, as_of: dt.date, lang: str) -> dict:
    unit = summary["unit"]
    parent_id = tree.parent(unit["id"]) if tree else None
    folder = Path(unit.get("file", ".")).parent
    ledger = []
    for occ in sorted(summary["occurrences"], key=lambda o: (o["due"], o["obligation"])):
        files = [{"name": f, "href": _relative(folder / f, out_dir)} for f in occ.get("evidence_files") or []]
        ledger.append({**occ, "status_label": status_label(occ["status"], lang), "colour": STATUS_COLOURS[occ["status"]], "files": files,
                       "owners_text": ("、" if lang == "zh" else ", ").join(occ.get("owners") or [])})
    findings = []
    for f in summary.get("findings") or []:
        cite = f.get("citation") or {}
        findings.append({**f, "cite": f"{cite.get('document', '')} {cite.get('section', '')}".strip(), "quote": cite.get("quote", "")})
    return {
        "unit": unit, "name": unit_name(unit), "grid": year_grid(summary, as_of, lang), "ledger": ledger, "findings": findings,
        "parent": {"name": unit_name(summaries[parent_id]["unit"]), "href": node_page_name(parent_id)} if parent_id else None,
        "node_href": node_page_name(unit["id"]) if tree and tree.children.get(unit["id"]) else None,
        "provisional": sum(1 for o in summary["occurrences"] if o.get("provisional")),
        "counts": [{"label": status_label(s, lang), "n": n, "colour": STATUS_COLOURS[s]} for s, n in summary.get("counts", {}).items() if n],
    }


def node_context(rollup: Rollup, summaries: dict, lang: str) -> dict:
    def late_row(item):
        return {"unit": item.unit_name, "href": unit_page_name(item.unit_id), "title": item.title, "period": item.period, "due": item.due.isoformat(),
                "days": "—" if item.days_late is None else item.days_late, "status": item.status, "status_label": status_label(item.status, lang),
                "colour": STATUS_COLOURS[item.status], "owners": ("、" if lang == "zh" else ", ").join(item.owners), "at_risk": item.at_risk or ""}

    def rate_row(label, rate):
        return {"label": label, "planned": rate.planned, "due": rate.due, "on_time": rate.on_time, "late": rate.late, "missing": rate.missing, "rate": percent(rate.rate)}

    root_unit = summaries[rollup.root]["unit"] if rollup.root else None
    return {
        "root": root_unit, "name": unit_name(root_unit) if root_unit else t(msg("rollup.all-units"), lang),
        "heat": heatmap(rollup, lang), "late": [late_row(i) for i in rollup.late],
        "rates": [rate_row(kind_heading(k, lang), r) for k, r in rollup.per_kind.items()]
        + [rate_row(t(msg("rollup.subtree-of", unit=unit_name(u)), lang), r) for u, r in rollup.per_subtree]
        + [rate_row(t(msg("rollup.col-total"), lang), rollup.total)],
        "parent": {"name": unit_name(rollup.parent), "href": node_page_name(rollup.parent["id"])} if rollup.parent else None,
        "self_href": unit_page_name(rollup.root) if rollup.root else None,
        "children": [{"id": c["id"], "name": unit_name(c), "href": unit_page_name(c["id"]), "node_href": None} for c in rollup.children],
    }


HIST_W, HIST_H, HIST_TOP, HIST_BOTTOM = 520, 200, 16, 36  # the score histogram's box (px)


def score_context(ranking, lang: str) -> dict | None:
    """The score section of a roll-up page: an inline SVG histogram, units per grade, the ranking."""
    if ranking is None:
        return None

    bins = ranking.histogram
    most = max((n for _, _, n in bins), default=0) or 1
    slot = HIST_W / max(len(bins), 1)
    plot_h = HIST_H - HIST_TOP - HIST_BOTTOM
    bars = []
    for index, (low, high, n) in enumerate(bins):
        h = round(plot_h * n / most, 1)
        bars.append({"x": round(index * slot + 2, 1), "w": round(slot - 4, 1), "y": round(HIST_TOP + plot_h - h, 1), "h": h, "n": n,
                     "label": f"{rounded(low)}–{rounded(high)}", "tip": t(msg("rollup.score.band", low=rounded(low), high=rounded(high), n=n), lang)})
    return {
        "title": ranking.rubric_title, "total": rounded(ranking.total),
        "hist": {"width": HIST_W, "height": HIST_H, "base": HIST_TOP + plot_h, "bars": bars},
        "grades": [{"grade": g, "n": n} for g, n in ranking.grade_counts.items()],
        "rows": [{"rank": r.rank, "unit": r.unit_name, "id": r.unit_id, "score": rounded(r.score), "grade": r.grade, "vetoed": r.vetoed,
                  "at_risk": rounded(r.at_risk), "href": unit_page_name(r.unit_id)} for r in ranking.rows],
        "unscored": ranking.unscored,
    }


def render_rollup_page(rollup: Rollup, prepared, title: str, lang: str, inline_css: bool = True, ranking=None) -> bytes:
    """One self-contained page (``ideo rollup --format html``)."""
    env = _env()
    ctx = _common(lang, title, rollup.as_of)
    node = node_context(rollup, prepared.summaries, lang)
    node["scores"] = score_context(ranking, lang)
    if node["scores"]:
        for row in node["scores"]["rows"]:
            row["href"] = None  # a lone page links nowhere
    for child in node["children"]:
        child["href"] = None  # a lone page links nowhere
    node["parent"] = None
    node["self_href"] = None
    for row in node["heat"]["rows"]:
        row["href"] = None
    css = (Path(__file__).parent / "templates" / "style.css").read_text(encoding="utf-8")
    return env.get_template("node.html").render(**ctx, **node, css=css if inline_css else None).encode("utf-8")


def build_site(prepared, year: int, as_of: dt.date, out_dir: Path, lang: str, root: str | None = None, rubric=None, cards=None) -> list[tuple[str, bytes]]:
    """(file name, bytes) for every page of the site, in a stable order; with a rubric
    and the units' scorecards, every roll-up page also ranks its subtree by score."""
    env = _env()
    tree, summaries = prepared.tree, prepared.summaries

    def scores_of(tops_of_node: list[str], depth_limit: int | None = None):
        if rubric is None:
            return None

        return score_context(ranking(cards or {}, summaries, [u for top in tops_of_node for u, _ in walk_to(tree, top, depth_limit)], rubric), lang)

    tops = [root] if root else list(tree.roots)
    members = [uid for top in tops for uid, _ in tree.walk(top)]
    shared = Aggregates(tree, summaries, as_of)  # every unit summed once for all pages
    pages: list[tuple[str, bytes]] = [("style.css", (Path(__file__).parent / "templates" / "style.css").read_bytes())]
    unit_tpl, node_tpl = env.get_template("unit.html"), env.get_template("node.html")
    for uid in members:
        summary = summaries[uid]
        ctx = _common(lang, t(msg("html.unit-title", unit=unit_name(summary["unit"]), year=year), lang), as_of)
        pages.append((unit_page_name(uid), unit_tpl.render(**ctx, **unit_context(summary, tree, summaries, out_dir, as_of, lang), css=None).encode("utf-8")))
        if tree.children.get(uid):
            rollup = build_rollup(tree, summaries, year, as_of, uid, depth_limit=NODE_PAGE_DEPTH, aggregates=shared)
            node = node_context(rollup, summaries, lang)
            node["scores"] = scores_of([uid], NODE_PAGE_DEPTH)
            for child in node["children"]:
                child["node_href"] = node_page_name(child["id"]) if tree.children.get(child["id"]) else None
            ctx = _common(lang, t(msg("rollup.title", unit=unit_name(summary["unit"]), year=year, as_of=as_of), lang), as_of)
            pages.append((node_page_name(uid), node_tpl.render(**ctx, **node, css=None).encode("utf-8")))
    # index: the top node's roll-up (a forest gets one over all roots)
    top = tops[0] if len(tops) == 1 else None
    rollup = build_rollup(tree, summaries, year, as_of, top, aggregates=shared)
    node = node_context(rollup, summaries, lang)
    node["scores"] = scores_of(tops)
    for child in node["children"]:
        child["node_href"] = node_page_name(child["id"]) if tree.children.get(child["id"]) else None
    title = t(msg("rollup.title", unit=node["name"], year=year, as_of=as_of), lang)
    pages.append(("index.html", node_tpl.render(**_common(lang, title, as_of), **node, css=None).encode("utf-8")))
    return pages
