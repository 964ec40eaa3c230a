"""The rulebook's citations are verbatim, and its rule entries are well formed.

Every ``source`` and ``also`` citation in ``ideo_cli/rulebooks/*.yaml`` (except
``documents.yaml``) must quote its seed document exactly: the quote is a substring
of the file in ``<repo>/../shared/seeds/`` whose name starts with the document's
``file_prefix``. The seeds mix （）and (), “” and "", 、 and ，; nothing is
normalised here, so neither may the rulebook be.
"""
from __future__ import annotations

import re
import os
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
RULEBOOKS = REPO / "ideo_cli" / "data" / "rulebooks"
# the seeds sit beside the repository (/work/main → /work/shared) or beside a worktree's parent
SEEDS = next(
    (p for p in (Path(os.environ.get("IDEO_SEEDS", "")), REPO.parent / "shared" / "seeds", REPO.parent.parent / "shared" / "seeds") if str(p) not in ("", ".") and p.is_dir()),
    REPO.parent / "shared" / "seeds",
)

ORG_TYPES = {"党委", "党组", "党工委", "党总支", "党支部"}
SEVERITIES = {"error", "warning", "info"}
PROFILE_KEYS = {"profile", "title", "description", "extends", "rules"}
FULL_REQUIRED = {
    "code", "name", "check", "severity", "applies_to",
    "title", "why", "help", "params", "source",
}
FULL_ALLOWED = FULL_REQUIRED | {"also"}
OVERRIDE_REQUIRED = {"code", "params", "source"}
OVERRIDE_ALLOWED = OVERRIDE_REQUIRED | {"severity", "applies_to", "also"}
CITATION_KEYS = {"document", "section", "quote"}
CODE_RE = re.compile(r"^IDEO\d{3}$")
KEBAB_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CHECK_RE = re.compile(r"^[a-z][a-z0-9_]*$")
QUOTE_MIN, QUOTE_MAX = 8, 60
# plan-file vocabulary the params may refer to
KINDS = {f"O{i}" for i in range(1, 14)}
ROLES = {"书记", "副书记", "第一责任人", "直接责任人", "班子成员", "宣传委员", "纪检", "舆情信息员", "网评员", "联络员"}
EVENT_KINDS = {"重大舆情", "讲座论坛审批", "信息发布审核", "舆情风险评估", "上级部署传达", "问责备案", "网络舆情应急"}
RESPONSES = {"第一时间", "事前", "及时", "限期"}


def _load(path: Path):
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


DOCUMENTS = _load(RULEBOOKS / "documents.yaml")["documents"]
PROFILE_FILES = sorted(p for p in RULEBOOKS.glob("*.yaml") if p.name != "documents.yaml")
PROFILES = {p.stem: _load(p) for p in PROFILE_FILES}


def _ancestors(name: str, seen: tuple[str, ...] = ()) -> list[str]:
    """Profiles ``name`` extends, transitively, nearest first."""
    out: list[str] = []
    for parent in PROFILES[name].get("extends") or []:
        assert parent not in seen + (name,), f"extends cycle through {parent!r}"
        assert parent in PROFILES, f"{name}.yaml extends unknown profile {parent!r}"
        out.append(parent)
        out.extend(_ancestors(parent, seen + (name,)))
    return out


def _inherited_codes(name: str) -> set[str]:
    return {r["code"] for parent in _ancestors(name) for r in PROFILES[parent]["rules"]}


def _citations():
    for stem, data in PROFILES.items():
        for rule in data["rules"]:
            cites = [("source", rule.get("source"))]
            cites += [(f"also[{i}]", c) for i, c in enumerate(rule.get("also") or [])]
            for where, cite in cites:
                yield pytest.param(cite, id=f"{stem}:{rule.get('code')}:{where}")


def _seed_text(document: str) -> str:
    prefix = DOCUMENTS[document]["file_prefix"]
    matches = sorted(SEEDS.glob(f"{prefix}*"))
    assert len(matches) == 1, f"expected one seed file starting {prefix!r} in {SEEDS}, found {matches}"
    return matches[0].read_text(encoding="utf-8")


def test_profiles_found():
    assert "baseline" in PROFILES
    assert len(PROFILES) >= 2


def test_documents_well_formed():
    for key, doc in DOCUMENTS.items():
        assert isinstance(key, str) and re.fullmatch(r"\d{3}", key), f"document key {key!r}"
        assert doc["file_prefix"] == f"{key}_", f"document {key}: file_prefix {doc['file_prefix']!r}"
        assert doc["title"].get("zh") and doc["title"].get("en"), f"document {key}: zh/en title"


@pytest.mark.parametrize("cite", list(_citations()))
def test_quote_is_verbatim(cite):
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not present at {SEEDS}")
    assert isinstance(cite, dict) and CITATION_KEYS <= set(cite) <= CITATION_KEYS | {"applies_to"}, f"citation keys: {cite!r}"
    document, section, quote = cite["document"], cite["section"], cite["quote"]
    assert isinstance(document, str) and document in DOCUMENTS, f"unknown document {document!r}"
    assert isinstance(section, str) and section.strip(), f"empty section in {cite!r}"
    if document == "003":
        assert section.startswith("篇"), f"003 is a bundle: section must name the 篇, got {section!r}"
    assert isinstance(quote, str) and QUOTE_MIN <= len(quote) <= QUOTE_MAX, (
        f"quote length {len(quote)} outside {QUOTE_MIN}-{QUOTE_MAX}: {quote!r}"
    )
    if quote not in _seed_text(document):
        pytest.fail(
            f"quote not found verbatim in document {document} (section {section}):\n"
            f"  {quote}\n"
            f"  searched the seed file {DOCUMENTS[document]['file_prefix']}* in {SEEDS}",
            pytrace=False,
        )


@pytest.mark.parametrize("stem", sorted(PROFILES))
def test_profile_shape(stem):
    data = PROFILES[stem]
    assert set(data) == PROFILE_KEYS, f"{stem}.yaml top-level keys: {sorted(data)}"
    assert data["profile"] == stem, f"{stem}.yaml declares profile {data['profile']!r}"
    for key in ("title", "description"):
        assert data[key].get("zh") and data[key].get("en"), f"{stem}.yaml: zh/en {key}"
    assert isinstance(data["extends"], list)
    _ancestors(stem)  # unknown parents and cycles fail here
    assert isinstance(data["rules"], list) and data["rules"], f"{stem}.yaml has no rules"


def test_codes_and_names_unique_overrides_known():
    full_codes: dict[str, str] = {}
    names: dict[str, str] = {}
    for stem, data in PROFILES.items():
        inherited = _inherited_codes(stem)
        local: set[str] = set()
        for rule in data["rules"]:
            code = rule.get("code")
            assert isinstance(code, str) and CODE_RE.match(code), f"{stem}.yaml: bad code {code!r}"
            assert code not in local, f"{stem}.yaml lists {code} twice"
            local.add(code)
            if code in inherited:
                continue  # an override; its shape is checked below
            assert code not in full_codes, f"{code} defined in both {full_codes[code]} and {stem}.yaml"
            full_codes[code] = f"{stem}.yaml"
            name = rule.get("name")
            assert name not in names, f"name {name!r} used by {names[name]} and {code}"
            names[name] = code


@pytest.mark.parametrize("stem", sorted(PROFILES))
def test_rule_entries(stem):
    inherited = _inherited_codes(stem)
    for rule in PROFILES[stem]["rules"]:
        code = rule["code"]
        keys = set(rule)
        if code in inherited:
            assert OVERRIDE_REQUIRED <= keys <= OVERRIDE_ALLOWED, (
                f"{stem}.yaml override {code}: keys {sorted(keys)}; "
                f"needs {sorted(OVERRIDE_REQUIRED)}, may add {sorted(OVERRIDE_ALLOWED - OVERRIDE_REQUIRED)}"
            )
        else:
            if _ancestors(stem) and "name" not in rule:
                pytest.fail(f"{stem}.yaml overrides {code}, which no profile in {_ancestors(stem)} defines")
            assert FULL_REQUIRED <= keys <= FULL_ALLOWED, (
                f"{stem}.yaml {code}: missing {sorted(FULL_REQUIRED - keys)}, unexpected {sorted(keys - FULL_ALLOWED)}"
            )
            assert KEBAB_RE.match(rule["name"]), f"{code}: name {rule['name']!r} is not kebab-case"
            assert CHECK_RE.match(rule["check"]), f"{code}: check {rule['check']!r}"
            for field in ("title", "why", "help"):
                value = rule[field]
                assert isinstance(value, dict), f"{code}: {field} must be a zh/en mapping"
                for lang in ("zh", "en"):
                    assert isinstance(value.get(lang), str) and value[lang].strip(), f"{code}: {field}.{lang} missing"
        if "severity" in rule:
            assert rule["severity"] in SEVERITIES, f"{code}: severity {rule['severity']!r}"
        if "applies_to" in rule:
            types = rule["applies_to"]
            assert isinstance(types, list) and types, f"{code}: applies_to must be a non-empty list"
            assert set(types) <= ORG_TYPES, f"{code}: unknown organisation types {set(types) - ORG_TYPES}"
        assert isinstance(rule["params"], dict), f"{code}: params must be a mapping"
        also = rule.get("also")
        assert also is None or isinstance(also, list), f"{code}: also must be a list"


def _check_month_day(code: str, value: str) -> None:
    import datetime

    assert isinstance(value, str) and re.fullmatch(r"\d{2}-\d{2}", value), f"{code}: deadline {value!r} is not MM-DD"
    month, day = map(int, value.split("-"))
    datetime.date(2024, month, day)  # a leap year: any real month-day parses


@pytest.mark.parametrize("stem", sorted(PROFILES))
def test_params_use_plan_vocabulary(stem):
    for rule in PROFILES[stem]["rules"]:
        code, params = rule["code"], rule["params"]
        if "responses" in params:  # an event rule
            assert params.get("kind") in EVENT_KINDS, f"{code}: event kind {params.get('kind')!r}"
            assert set(params["responses"]) <= RESPONSES, f"{code}: responses {params['responses']!r}"
        elif "kind" in params:  # an obligation rule
            assert params["kind"] in KINDS, f"{code}: kind {params['kind']!r} is not O1..O13"
        for key in ("before", "after"):
            if key in params:
                assert params[key] in KINDS, f"{code}: {key} {params[key]!r} is not O1..O13"
        for kind in params.get("kinds", []):
            assert kind in KINDS, f"{code}: kinds has {kind!r}"
        if "role" in params:
            assert params["role"] in ROLES, f"{code}: role {params['role']!r}"
            assert isinstance(params.get("min_count"), int) and params["min_count"] >= 1
        if "min_per_year" in params:
            assert isinstance(params["min_per_year"], int) and params["min_per_year"] >= 1
        deadlines = params.get("deadlines", [])
        for value in deadlines:
            _check_month_day(code, value)
        assert deadlines == sorted(deadlines), f"{code}: deadlines out of order"
        if params.get("due_within_period"):
            assert len(deadlines) == params["min_per_year"], f"{code}: one deadline per period expected"


def _why_quotations():
    """Every “…” quotation in a rule's Chinese ``why`` (pieces split at ……)."""
    for stem, data in PROFILES.items():
        for rule in data["rules"]:
            why = (rule.get("why") or {}).get("zh", "")
            for found in re.finditer(r"“((?:[^“”]|“[^“”]*”)+)”", why):
                for piece in re.split(r"……|…", found.group(1)):
                    if len(piece.strip()) >= 6:  # shorter ones are terms (“一岗双责”), not quotations
                        yield pytest.param(piece.strip(), id=f"{stem}:{rule['code']}:{piece.strip()[:12]}")


@pytest.mark.parametrize("piece", list(_why_quotations()))
def test_why_quotes_are_verbatim(piece):
    """A severity argued in ``why`` quotes the seeds as they are (issue 17: 003 篇九 “要全程留痕 … 台账做支撑”)."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed documents not present at {SEEDS}")
    texts = [_seed_text(document) for document in DOCUMENTS]
    assert any(piece in text for text in texts), f"quotation in a why is not verbatim in any seed: {piece!r}"


def test_the_evidence_rules_quote_003_pian_9():
    rules = {r["code"]: r for data in PROFILES.values() for r in data["rules"]}
    quote = "意识形态工作要全程留痕，应充分运用文字、图片、实物等作为档案资料，要有文件、方案、纪要、讲话、总结等台账做支撑"
    assert quote in _seed_text("003") or not SEEDS.is_dir()
    for code in ("IDEO704", "IDEO714"):
        assert f"“{quote}”" in rules[code]["why"]["zh"], code
    assert rules["IDEO714"]["severity"] == "error" and rules["IDEO704"]["severity"] == "warning"
