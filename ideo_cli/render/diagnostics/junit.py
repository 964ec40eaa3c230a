"""``junit``: JUnit XML for CI test-report viewers (GitLab, Jenkins, Azure ...).

    <?xml version="1.0" encoding="UTF-8"?>
    <testsuites name="ideo" tests="5" failures="1" errors="1">
      <testsuite name="ideo" tests="5" failures="1" errors="1">
        <testcase classname="ideo" name="plans/a.yaml">
          <failure type="IDEO201" message="…">plans/a.yaml:17:5 …</failure>
          <system-out>plans/a.yaml:22:9: IDEO105 [警告] …</system-out>
        </testcase>

One ``<testcase>`` per file (clean files pass).  Error-severity diagnostics
become ``<failure>`` elements; a fatal one (file unreadable as a plan: the
"test" could not run) becomes an ``<error>`` element.  Warnings and infos go
to the testcase's ``<system-out>``.  ``tests``/``failures``/``errors`` count
testcases (files), as JUnit consumers expect; a file with a fatal diagnostic
counts as an error, not also as a failure.  Output is UTF-8 text (the caller
must write it as UTF-8) with XML-1.0-illegal characters replaced by U+FFFD.
"""
from __future__ import annotations

import re

from ideo_cli.diagnostics.model import Diagnostic, FileResult
from ideo_cli.render.diagnostics import RenderOptions, register, strings
from ideo_cli.render.diagnostics.common import format_citation, location, severity_value, sorted_diagnostics

_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(value: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", value)


def _body(d: Diagnostic, lang: str, file: str) -> str:
    lines = [location(d, file)]
    for key, value in (
        ("label.path", d.path),
        ("label.help", d.help),
        ("label.citation", format_citation(d.citation, lang) if d.citation else ""),
    ):
        if value:
            lines.append(f"{strings.text(lang, key)}: {value}")
    return _xml("\n".join(lines))


@register("junit")
def render_junit(results: list[FileResult], options: RenderOptions) -> str:
    import xml.etree.ElementTree as ET

    lang = options.lang
    suite = ET.Element("testsuite", name="ideo")
    failures = errors = 0
    for result in results:
        case = ET.SubElement(suite, "testcase", classname="ideo", name=_xml(result.file))
        out = []
        for d in sorted_diagnostics(result):
            severity = severity_value(d)
            if severity in ("error", "fatal"):
                tag = "error" if severity == "fatal" else "failure"
                element = ET.SubElement(case, tag, type=_xml(d.code), message=_xml(d.message))
                element.text = _body(d, lang, result.file)
            else:
                label = strings.severity_label(lang, severity)
                out.append(f"{location(d, result.file)}: {d.code} [{label}] {d.message}")
        if out:
            ET.SubElement(case, "system-out").text = _xml("\n".join(out))
        if result.fatal:
            errors += 1
        elif case.find("failure") is not None:
            failures += 1
    totals = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors)}
    suite.attrib.update(totals)
    root = ET.Element("testsuites", name="ideo", **totals)
    root.append(suite)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
