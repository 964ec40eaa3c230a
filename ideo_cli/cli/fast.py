"""`ideo check FILES… [simple options]` without typer.

A clerk's save hook and every pre-commit run start ``ideo check`` on one
file; importing typer and letting it build a pydantic adapter per parameter
costs more than the check itself.  This parser accepts exactly the spellings
``ideo_cli/cli/check.py`` declares (``--opt VALUE``, ``--opt=VALUE``, flags)
and hands anything else — ``--help``, an unknown or repeated option, a bad
choice, a value that looks like an option, ``--`` — back to typer by
returning ``None``, so every error message and help text stays typer's.
tests/test_startup.py runs both paths over a matrix of arguments and compares
exit code, stdout and stderr byte for byte.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ideo_cli.app.result import UsageError
from ideo_cli.cli import check_cache
from ideo_cli.cli.emit import emit, encode_text, write_streams
from ideo_cli.i18n import resolve_lang, t

# option spellings -> (field, kind); kind: "flag", "one" (a value), "many" (repeatable)
_OPTIONS = {
    "--format": ("format", "one"), "--output-format": ("format", "one"), "-f": ("format", "one"),
    "--lang": ("lang", "one"),
    "--profile": ("profile", "many"), "-p": ("profile", "many"),
    "--rulebook": ("rulebook", "many"),
    "--strict": ("strict", "flag"),
    "--statistics": ("statistics", "flag"),
    "--output": ("output", "one"), "-o": ("output", "one"),
    "--color": ("color", "one"),
    "--today": ("today", "one"),
    "--as-of": ("today", "one"),
    "--exclude": ("exclude", "many"),
    "--tree": ("tree", "flag"),
}
# the values typer's enums accept (cli/check.py: OutputFormat, ColorChoice)
_CHOICES = {"format": ("text", "concise", "json", "github", "sarif", "junit"), "color": ("auto", "always", "never")}


def parse_check(args: list[str]) -> "ParsedCheck | None":
    """The parsed ``args`` (which start with "check"), or None: let typer parse."""
    if len(args) < 2 or args[0] != "check":
        return None
    paths: list[str] = []
    one: dict[str, str] = {}
    many: dict[str, list[str]] = {"profile": [], "rulebook": [], "exclude": []}
    flags: set[str] = set()
    rest = iter(args[1:])
    for token in rest:
        if not token.startswith("-"):
            if token == "":
                return None  # typer's Path("") handling is its own business
            paths.append(token)
            continue
        name, eq, value = token.partition("=")
        spec = _OPTIONS.get(name)
        if spec is None or (eq and not name.startswith("--")):
            return None  # --help, --, -, -fjson, an unknown option: typer answers
        field, kind = spec
        if kind == "flag":
            if eq or field in flags:
                return None
            flags.add(field)
            continue
        if not eq:
            value = next(rest, None)
            if value is None:
                return None
        if value == "" or value.startswith("-") or (field in _CHOICES and value not in _CHOICES[field]):
            return None
        if kind == "many":
            many[field].append(value)
        elif field in one:
            return None  # repeated: typer's "last one wins" is not worth copying
        else:
            one[field] = value
    if not paths:
        return None

    return ParsedCheck(paths, one, many, flags)


class ParsedCheck:
    """The arguments as typed; ``options()`` builds the ``CheckOptions`` (which
    imports the checker, so the result cache is consulted before it)."""

    def __init__(self, paths: list[str], one: dict[str, str], many: dict[str, list[str]], flags: set[str]):
        self.paths, self.one, self.many, self.flags = paths, one, many, flags

    def options(self):
        # imported here: start-up (a cached `ideo check` answer must not load app.check)
        from ideo_cli.app.check import CheckOptions

        one, many, flags = self.one, self.many, self.flags
        output = one.get("output")
        return CheckOptions(
            paths=[Path(p) for p in self.paths], lang=resolve_lang(one.get("lang")), format=one.get("format"),
            profiles=tuple(many["profile"]), rulebook_files=[Path(p) for p in many["rulebook"]],
            strict="strict" in flags, statistics="statistics" in flags, output=Path(output) if output else None,
            color=one.get("color", "auto"), today_text=one.get("today"), excludes=tuple(many["exclude"]), tree="tree" in flags,
        )


def run_check(parsed: ParsedCheck) -> int:
    """What ``cli/common.py: run_command`` + ``finish`` do, returning the exit code.

    Files only (no directories), no --tree/--rulebook/--output: the answer may
    come from the result cache (``ideo_cli/cli/check_cache.py``), else it is
    computed and, unless a ledger was among the files, stored there.
    """
    key = check_cache.key_for(parsed)
    if key is not None:
        hit = check_cache.get(key)
        if hit is not None:
            return _emit(*hit)
    options = parsed.options()
    code, out, err = _compute(options)
    if key is not None and check_cache.storable(options, code):
        check_cache.put(key, code, out, err)
    return _emit(code, out, err)


def _emit(code: int, out: bytes, err: bytes) -> int:
    write_streams(out, err)
    return code


def _compute(options) -> tuple[int, bytes, bytes]:
    """(exit code, stdout, stderr) of ``ideo check``; files named by --output are written here."""
    # imported here: start-up (a cached `ideo check` answer must not load app.check)
    from ideo_cli.app.check import run

    lang = options.lang
    try:
        result = run(options)
    except UsageError as exc:
        return exc.exit_code, b"", encode_text(f"ideo: {t(exc.message, lang)}\n", sys.stderr)

    return emit(result, lang)


