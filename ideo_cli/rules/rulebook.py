"""Rulebooks: rule parameters and citations as data, one YAML file per profile.

Shipped profiles live in ``ideo_cli/rulebooks/``; a county adds its own with
``--rulebook FILE`` (same format, usually ``extends: [baseline]`` and stricter
``params``).  A profile's effective rules are those of the profiles it
extends, overridden code by code, plus its own.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any, Mapping

import yaml

from ideo_cli.diagnostics import Citation, RuleInfo, Severity
from ideo_cli.i18n import LocalText, local
from ideo_cli.usercache import SummaryCache, content_key

RULEBOOK_PACKAGE = "ideo_cli.data.rulebooks"
ALL_ORG_TYPES = ("党委", "党组", "党工委", "党总支", "党支部")
_SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


@dataclass(frozen=True)
class Source:
    document: str
    section: str
    quote: str
    applies_to: tuple[str, ...] = ()  # organisation types this text speaks of; () = all of the rule's


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    check: str
    severity: Severity
    applies_to: tuple[str, ...]
    texts: Mapping[str, Mapping[str, str]]  # title / why / help -> {zh, en}
    params: Mapping[str, Any]
    source: Source
    also: tuple[Source, ...] = ()
    profiles: tuple[str, ...] = ()  # profiles that define or tighten it
    documents: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False, repr=False)

    def local(self, what: str) -> LocalText:
        """``title`` / ``why`` / ``help`` as data in both languages (renderers pick one)."""
        return local(self.texts.get(what)) or LocalText("")

    def cite(self, source: Source | None = None) -> Citation:
        """The rule's citation (or one of its ``also`` sources); the title stays LocalText."""
        src = source or self.source
        title = self.documents.get((src.document.split() or [""])[0], {})  # a user rulebook may leave the document blank
        return Citation(document=src.document, title=LocalText(str(title.get("zh", "")), str(title.get("en", ""))) if title else "", section=src.section, quote=src.quote)

    def cite_for(self, org_type: str) -> Citation:
        """The first of the rule's sources that speaks of ``org_type`` (the main one if none does)."""
        for src in (self.source, *self.also):
            if not src.applies_to or org_type in src.applies_to:
                return self.cite(src)
        return self.cite()

    def info(self) -> RuleInfo:
        return RuleInfo(
            code=self.code, name=self.name, severity=self.severity,
            title=self.local("title"), help=self.local("help"), why=self.local("why"),
            profiles=self.profiles, citation=self.cite(),
        )


@dataclass(frozen=True)
class Profile:
    name: str
    title: Mapping[str, str]
    description: Mapping[str, str]
    extends: tuple[str, ...]
    entries: tuple[Mapping[str, Any], ...]  # raw rule entries, resolved lazily
    origin: str  # file it came from


class RulebookError(Exception):
    """A rulebook file is malformed; ``diagnostics`` are located (FATAL)."""

    def __init__(self, diagnostics):
        super().__init__("; ".join(str(d.message) for d in diagnostics))
        self.diagnostics = diagnostics


@functools.lru_cache(maxsize=1)
def documents() -> Mapping[str, Mapping[str, str]]:
    text = _folder().joinpath("documents.yaml").read_text(encoding="utf-8")
    data = _parsed(text)
    return {str(k): v.get("title", {}) | {"file_prefix": v.get("file_prefix", "")} for k, v in data["documents"].items()}


@functools.lru_cache(maxsize=1)
def shipped_profiles() -> dict[str, Profile]:
    out: dict[str, Profile] = {}
    folder = _folder()
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml") and entry.name != "documents.yaml":
            data = _parsed(entry.read_text(encoding="utf-8"))
            profile = _profile_from_data(data, f"ideo_cli/rulebooks/{entry.name}")
            out[profile.name] = profile
    return out


def _folder():
    """The shipped rulebooks' folder: a plain path beside this package when it is
    installed as files (importlib.resources' machinery alone costs ~10 ms)."""
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "data" / "rulebooks"
    return folder if (folder / "documents.yaml").is_file() else resources.files(RULEBOOK_PACKAGE)


def _parsed(text: str) -> Any:
    """A shipped rulebook's YAML, parsed; kept as JSON in the user cache under the
    hash of its text (``ideo_cli/usercache.py``; ``IDEO_NO_CACHE=1`` turns it
    off): PyYAML takes ~25 ms for the shipped set on every run, JSON ~0.3 ms
    (issue 6, start-up).  Only data that survives a JSON round trip unchanged is
    stored, so what the cache returns is what PyYAML would have."""
    cache = SummaryCache(kind="rulebook-yaml")
    key = content_key([text.encode("utf-8")], "rulebook-yaml-1", getattr(yaml, "__version__", "?"))
    entry = cache.get(key)
    if isinstance(entry, dict) and entry.get("key") == key and "data" in entry:
        return entry["data"]
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    try:
        faithful = json.loads(json.dumps(data, ensure_ascii=False)) == data
    except (TypeError, ValueError):  # dates, non-string keys …: not JSON
        faithful = False
    if faithful:
        cache.put(key, {"key": key, "data": data})
    return data


def _profile_from_data(data: Mapping[str, Any], origin: str) -> Profile:
    return Profile(
        name=str(data["profile"]),
        title=data.get("title") or {},
        description=data.get("description") or {},
        extends=tuple(data.get("extends") or ()),
        entries=tuple(data.get("rules") or ()),
        origin=origin,
    )


class Rulebook:
    """All known profiles (shipped + user files) and rule resolution."""

    def __init__(self, extra: Mapping[str, Profile] | None = None):
        self.profiles: dict[str, Profile] = dict(shipped_profiles())
        self.profiles.update(extra or {})
        self._resolved: dict[tuple[str, ...], dict[str, Rule]] = {}

    def resolve(self, names) -> dict[str, Rule]:
        key = tuple(sorted(set(names)))
        if key not in self._resolved:  # most plans share a handful of profile sets
            self._resolved[key] = _resolve(self, key)
        return self._resolved[key]

    def all_rules(self) -> dict[str, Rule]:
        return self.resolve(tuple(self.profiles))

    def unknown(self, names) -> list[str]:
        return [n for n in names if n not in self.profiles]


def _resolve(book: Rulebook, names: tuple[str, ...]) -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    visiting: set[str] = set()

    def apply(name: str) -> None:
        if name in visiting or name not in book.profiles:
            return
        visiting.add(name)
        profile = book.profiles[name]
        for parent in profile.extends:
            apply(parent)
        for entry in profile.entries:
            code = str(entry["code"])
            base = rules.get(code)
            rules[code] = _rule_from_entry(entry, base, name)

    for n in names:
        apply(n)
    return dict(sorted(rules.items()))


def _rule_from_entry(entry: Mapping[str, Any], base: Rule | None, profile: str) -> Rule:
    def source_of(raw) -> Source:
        return Source(document=str(raw["document"]), section=str(raw.get("section", "")), quote=str(raw["quote"]), applies_to=tuple(raw.get("applies_to") or ()))

    if base is not None:  # a stricter profile tightening an existing rule
        changes: dict[str, Any] = {"profiles": tuple(dict.fromkeys(base.profiles + (profile,)))}
        if "params" in entry:
            changes["params"] = {**base.params, **entry["params"]}
        if "severity" in entry:
            changes["severity"] = _SEVERITIES[entry["severity"]]
        if "applies_to" in entry:
            changes["applies_to"] = tuple(entry["applies_to"])
        if "source" in entry:
            changes["source"] = source_of(entry["source"])
            changes["also"] = (base.source, *base.also)
        for what in ("title", "why", "help"):
            if what in entry:
                changes["texts"] = {**base.texts, what: entry[what]}
        return replace(base, **changes)
    return Rule(
        code=str(entry["code"]),
        name=str(entry["name"]),
        check=str(entry["check"]),
        severity=_SEVERITIES[entry.get("severity", "error")],
        applies_to=tuple(entry.get("applies_to") or ALL_ORG_TYPES),
        texts={k: entry[k] for k in ("title", "why", "help") if k in entry},
        params=dict(entry.get("params") or {}),
        source=source_of(entry["source"]),
        also=tuple(source_of(s) for s in entry.get("also") or ()),
        profiles=(profile,),
        documents=documents(),
    )

