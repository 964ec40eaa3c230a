"""``json``: a versioned, documented machine-readable report.

Shape (``version`` 1; also in ``ideo_cli/report/JSON-FORMAT.md``)::

    {
      "version": 1,
      "tool": {"name": "ideo", "version": "0.1.0"},
      "summary": {"files": 5, "fatal": 0, "errors": 2, "warnings": 1, "infos": 0, "waived": 0},
      "files": [
        {
          "file": "plans/xiaozhaiba.yaml",
          "waived": 0,
          "diagnostics": [
            {
              "code": "IDEO201",
              "name": "topic-study-twice-a-year",
              "severity": "error",            // "info" | "warning" | "error" | "fatal"
              "message": "…",                 // in the language of --lang
              "file": "plans/xiaozhaiba.yaml",
              "line": 17,                     // 1-based; 0 = no position (e.g. undecodable file)
              "column": 5,                    // 1-based, in Unicode characters; 0 = none
              "end_line": 17,                 // or null
              "end_column": 15,               // exclusive, or null
              "path": "obligations[0].recurrence",  // data path, "" when none
              "help": "…",                    // "" when none
              "title": "…",                   // the rule's title, "" when none
              "url": "",                      // documentation URL, "" when none
              "citation": {"document": "002", "title": "…", "section": "二(一)4", "quote": "…"}  // or null
            }
          ]
        }
      ],
      "statistics": [                         // only with --statistics
        {"code": "IDEO201", "name": "topic-study-twice-a-year", "severity": "error", "count": 12}
      ]
    }

Files appear in the order they were given (clean files too, with an empty
``diagnostics`` list); diagnostics are sorted by file, line, column, code.
Keys are always present and always in this order.  UTF-8, not ASCII-escaped,
2-space indent, trailing newline.  Adding keys is not a breaking change;
renaming, removing or changing the meaning of one bumps ``version``.
"""
from __future__ import annotations

from ideo_cli.diagnostics.model import Citation, Diagnostic, FileResult
from ideo_cli.render.diagnostics import RenderOptions, register
from ideo_cli.render.diagnostics.common import count, severity_value, sorted_diagnostics
from ideo_cli.render.diagnostics.statistics import collect

FORMAT_VERSION = 1


def citation_dict(citation: Citation | None) -> dict | None:
    if citation is None:
        return None
    return {
        "document": citation.document,
        "title": citation.title,
        "section": citation.section,
        "quote": citation.quote,
    }


def diagnostic_dict(d: Diagnostic) -> dict:
    return {
        "code": d.code,
        "name": d.name,
        "severity": severity_value(d),
        "message": d.message,
        "file": d.file,
        "line": d.line,
        "column": d.col,
        "end_line": d.end_line,
        "end_column": d.end_col,
        "path": d.path,
        "help": d.help,
        "title": d.title,
        "url": d.url,
        "citation": citation_dict(d.citation),
    }


def build(results: list[FileResult], options: RenderOptions) -> dict:
    """The report as plain data (what ``render_json`` serializes)."""
    counts = count(results)
    report: dict = {
        "version": FORMAT_VERSION,
        "tool": {"name": "ideo", "version": options.version},
        "summary": {
            "files": counts.files,
            "fatal": counts.fatal,
            "errors": counts.errors,
            "warnings": counts.warnings,
            "infos": counts.infos,
            "waived": counts.waived,
        },
        "files": [
            {
                "file": result.file,
                "waived": result.waived,
                "diagnostics": [diagnostic_dict(d) for d in sorted_diagnostics(result)],
            }
            for result in results
        ],
    }
    if options.statistics:
        report["statistics"] = [stat.as_dict() for stat in collect(results)]
    return report


@register("json")
def render_json(results: list[FileResult], options: RenderOptions) -> str:
    import json

    return json.dumps(build(results, options), ensure_ascii=False, indent=2) + "\n"
