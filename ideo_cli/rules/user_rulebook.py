"""A county's own rulebook file (``--rulebook FILE``), validated with positions.

Same format as the shipped profiles (model: ``ideo_cli/formats/rulebook``).  A
new rule must name a registered check function and carry a full source; an
entry with an existing code only tightens it (params, severity, applies_to,
source).
"""
from __future__ import annotations

import difflib
from pathlib import Path

from ideo_cli.documents.kinds import KINDS, read_any
from ideo_cli.documents.validate import located
from ideo_cli.formats.rulebook.model import RulebookFile
from ideo_cli.i18n import msg
from ideo_cli.rules.registry import PARAMS, load_checks, param_problems
from ideo_cli.rules.rulebook import Profile, Rulebook, RulebookError, shipped_profiles

_TYPE_WORDS = {"int": "doc.type.integer", "float": "doc.type.number", "str": "doc.type.text", "bool": "doc.type.bool", "list": "doc.type.list", "dict": "doc.type.mapping"}


def read_user_rulebook(path: Path) -> Profile:
    found = read_any(path, expect=KINDS["rulebook"].name)
    if found.diagnostics:
        raise RulebookError(found.diagnostics)
    parsed: RulebookFile = found.value
    doc = found.doc
    diagnostics = rulebook_diagnostics(found)
    if diagnostics:
        raise RulebookError(diagnostics)
    data = parsed.model_dump(exclude_none=True)
    return Profile(
        name=parsed.profile,
        title=data.get("title", {}),
        description=data.get("description", {}),
        extends=tuple(parsed.extends),
        entries=tuple(data.get("rules", ())),
        origin=doc.file,
    )


def rulebook_diagnostics(found) -> list:
    """Located problems of a rulebook file that read cleanly (``read_any``'s result):
    what ``--rulebook FILE`` refuses, and what ``ideo check FILE`` reports."""
    return [located(found.doc, where, message) for where, message in rulebook_problems(found.value)]


def rulebook_problems(parsed: RulebookFile) -> list[tuple[tuple, object]]:
    """What the model cannot know: parents, check functions and their parameters."""
    shipped = shipped_profiles()
    checks = load_checks()
    problems: list[tuple[tuple, object]] = []
    for parent_index, parent in enumerate(parsed.extends):
        if parent not in shipped:
            problems.append((("extends", parent_index), msg("rulebook.unknown-parent", name=parent, known=sorted(shipped))))
    base_rules = Rulebook().all_rules()
    for i, entry in enumerate(parsed.rules):
        check_name = entry.check or (base_rules[entry.code].check if entry.code in base_rules else None)
        if check_name in checks and entry.params is not None:
            merged = {**(base_rules[entry.code].params if entry.code in base_rules and not entry.check else {}), **entry.params}
            for key, problem in param_problems(check_name, merged):
                where = ("rules", i, "params", key) if key in entry.params else ("rules", i, "params")
                if problem == "unknown":
                    # like yamllint's unknown rule option: say which one was meant
                    guess = difflib.get_close_matches(key, sorted(PARAMS.get(check_name, {})), n=1, cutoff=0.6)
                    if guess:
                        problems.append((where, msg("rulebook.unknown-param-guess", check=check_name, param=key, guess=guess[0])))
                    else:
                        problems.append((where, msg("rulebook.unknown-param", check=check_name, param=key)))
                elif problem == "missing":
                    problems.append((where, msg("rulebook.missing-param", param=key)))
                else:
                    problems.append((where, msg("rulebook.param-type", param=key, types=[msg(_TYPE_WORDS.get(n, "doc.type.other")) for n in problem[5:].split("/")])))
        if entry.code in base_rules:
            continue
        for needed in ("name", "check", "title", "source"):
            if getattr(entry, needed) is None:
                problems.append((("rules", i), msg("rulebook.new-rule-lacks", code=entry.code, key=needed)))
        if entry.check is not None and entry.check not in checks:
            problems.append((("rules", i, "check"), msg("rulebook.unknown-check", name=entry.check, known=sorted(checks))))
    return problems
