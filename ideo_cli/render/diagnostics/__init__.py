"""Report renderers: ``list[FileResult]`` -> text in one output format.

A registry in the style of check-jsonschema: each format is one small module
that registers a function ``(results, options) -> str`` under its name.  The
built-in modules are imported lazily, on first use, so ``import
ideo_cli.render.diagnostics`` costs next to nothing and only the chosen format is loaded.

    from ideo_cli.render.diagnostics import RenderOptions, render
    sys.stdout.write(render("text", results, RenderOptions(lang="zh", color=True)))

Formats: ``text`` (default, ruff-style with snippets), ``concise``, ``json``
(see ``JSON-FORMAT.md``), ``github`` (Actions workflow commands), ``sarif``
(2.1.0), ``junit``.  ``statistics`` renders per-code counts; with
``RenderOptions.statistics`` it replaces ``text``/``concise`` output, the json
reporter adds a ``"statistics"`` list, the other machine formats ignore it.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from collections.abc import Callable, Mapping

from ideo_cli import __version__
from ideo_cli.diagnostics.model import FileResult, RuleInfo
from ideo_cli.i18n import normalize_lang
from ideo_cli.render.localize import localize_results, localize_rule

__all__ = [
    "FORMATS",
    "REPORTERS",
    "RenderOptions",
    "Reporter",
    "UnknownFormatError",
    "available_formats",
    "get_reporter",
    "register",
    "render",
]


@dataclass(frozen=True)
class RenderOptions:
    lang: str = "zh"  # "zh" | "en" (anything starting with "en" is English, else Chinese)
    color: bool = False  # ANSI colour for text/concise/statistics; never for machine formats
    statistics: bool = False  # --statistics
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)  # every active rule, by code
    tool_version: str = ""  # defaults to ideo_cli.__version__
    information_uri: str = ""  # SARIF tool.driver.informationUri; omitted when empty

    def __post_init__(self) -> None:
        object.__setattr__(self, "lang", normalize_lang(self.lang))

    @property
    def version(self) -> str:
        if self.tool_version:
            return self.tool_version

        return __version__


Reporter = Callable[[list[FileResult], RenderOptions], str]

# user-facing --output-format choices, default first
FORMATS: tuple[str, ...] = ("text", "concise", "json", "github", "sarif", "junit")

# format name -> module (relative to this package) that registers it
_BUILTIN: dict[str, str] = {
    "text": "text",
    "concise": "concise",
    "json": "json_report",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
    "statistics": "statistics",
}

# formats whose output --statistics replaces by the statistics table
_STATISTICS_REPLACES = frozenset({"text", "concise"})

REPORTERS: dict[str, Reporter] = {}


class UnknownFormatError(ValueError):
    def __init__(self, name: str):
        self.name = name
        self.available = available_formats()
        super().__init__(f"unknown output format {name!r}; choose from: {', '.join(self.available)}")


def register(name: str) -> Callable[[Reporter], Reporter]:
    """Decorator: make ``fn(results, options) -> str`` the reporter for ``name``."""

    def decorator(fn: Reporter) -> Reporter:
        REPORTERS[name] = fn
        return fn

    return decorator


def available_formats() -> tuple[str, ...]:
    return tuple(sorted(set(_BUILTIN) | set(REPORTERS)))


def get_reporter(name: str) -> Reporter:
    reporter = REPORTERS.get(name)
    if reporter is None and name in _BUILTIN:
        importlib.import_module(f"{__name__}.{_BUILTIN[name]}")
        reporter = REPORTERS.get(name)
    if reporter is None:
        raise UnknownFormatError(name)
    return reporter


def render(format_name: str, results: list[FileResult], options: RenderOptions | None = None) -> str:
    """Render ``results`` (files in the order given) in ``format_name``; ends with a newline."""
    from dataclasses import replace

    options = options or RenderOptions()
    if options.statistics and format_name in _STATISTICS_REPLACES:
        format_name = "statistics"
    lang = options.lang
    options = replace(options, rules={code: localize_rule(info, lang) for code, info in options.rules.items()})
    return get_reporter(format_name)(localize_results(results, lang), options)
