"""Hypothesis strategies: example files of every kind, mutated; odd command lines.

Seeds are the project's own real files (the example plans, calendar files,
a county rulebook, and whatever further kinds exist, such as ledgers and
rubrics), so the mutants stay close to what users write: most are valid or
near-valid, which is where the interesting bugs live.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
SEED_FILES = {
    "plan": sorted((REPO / "plans").glob("*/计划.yaml")),
    "calendar": [REPO / "calendars" / "2027.yaml", *sorted((REPO / "tests" / "fixtures" / "calendars").glob("*2027*.yaml"))],
    "rulebook": [Path(__file__).parent / "seeds" / "county-rulebook.yaml"],
    "ledger": sorted((REPO / "plans").glob("*/台账/*.yaml")),
    "rubric": sorted((REPO / "ideo_cli" / "data" / "rubrics").glob("*.yaml")),
}
SEEDS = {kind: [(p, p.read_bytes()) for p in paths if p.is_file()] for kind, paths in SEED_FILES.items()}

# values that have broken parsers, exporters and messages elsewhere
ODD_TEXT = st.sampled_from([
    "", " ", "None", "null", "~", "=1+2", "+1", "-1", "@SUM(A1)", "\t=x", "\r=x",
    '=HYPERLINK("http://example.invalid","点击查看")', "[bold red]红[/]", "[/]", "<script>alert(1)</script>",
    "a/b", "..", "../x", "C:\\x", "CON", "nul", "COM1", ".hidden", "x\x00y", "x\x1by", "\u202eabc", "a:b", "a@b",
    "名称[1]", "a[b]", "😀" * 64, "长" * 300, "{x}", "{0}", "%s", "\\N", "a,b;c", "2027-02-30", "9999-12-31",
])
ODD_SCALAR = st.one_of(
    ODD_TEXT,
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([0, -1, 1, 12, 13, 31, 32, 366, 10**9]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=HOURLY", "FREQ=DAILY;COUNT=100000", "FREQ=YEARLY;BYMONTH=13", "FREQ=WEEKLY;BYDAY=XX"]),
    st.text(max_size=20),
)


def _paths(node, prefix=()):
    """Every (path, value) in nested plain data."""
    yield prefix, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


def _set(root, path, value):
    if not path:
        return value
    node = root
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return root


def _delete(root, path):
    node = root
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]
    return root


@st.composite
def structural_mutant(draw, data):
    """Parse, change one to three nodes (value swapped for an odd one, key deleted,
    unknown key added, list item duplicated), dump again."""
    import copy

    tree = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        spots = list(_paths(tree))
        path, value = spots[draw(st.integers(0, len(spots) - 1))]
        action = draw(st.sampled_from(["swap", "swap", "swap", "delete", "add-key", "duplicate"]))
        if action == "swap" or not path:
            tree = _set(tree, path, draw(ODD_SCALAR))
        elif action == "delete":
            tree = _delete(tree, path)
        elif action == "add-key" and isinstance(value, dict):
            value[draw(ODD_TEXT) or "x"] = draw(ODD_SCALAR)
        elif action == "duplicate" and isinstance(value, list) and value:
            value.append(copy.deepcopy(value[draw(st.integers(0, len(value) - 1))]))
        else:
            tree = _set(tree, path, draw(ODD_SCALAR))
    try:
        return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False).encode("utf-8", errors="surrogatepass")
    except (yaml.YAMLError, UnicodeEncodeError, ValueError):
        return yaml.safe_dump(str(tree)[:200], allow_unicode=True).encode("utf-8", errors="replace")


@st.composite
def byte_mutant(draw, data: bytes):
    """Bytes flipped, inserted, deleted; a line duplicated or dropped; truncated."""
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not buf:
            break
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "dup-line", "drop-line", "control"]))
        i = draw(st.integers(0, len(buf) - 1))
        if action == "flip":
            buf[i] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            buf[i:i] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del buf[i : i + draw(st.integers(1, 16))]
        elif action == "truncate":
            del buf[i:]
        elif action == "control":
            buf[i:i] = draw(st.sampled_from([b"\x00", b"\x1b", b"\t", b"\r", b"\xef\xbb\xbf", b"\xe2\x80\xae", b"&a ", b"*a", b"!!python/object:os.system ", b"<<: "]))
        else:
            lines = bytes(buf).split(b"\n")
            j = draw(st.integers(0, len(lines) - 1))
            if action == "dup-line":
                lines.insert(j, lines[j])
            else:
                del lines[j]
            buf = bytearray(b"\n".join(lines))
    return bytes(buf)


@st.composite
def mutated_file(draw, kind: str):
    """(seed name, bytes): a seed of ``kind`` as is, mutated by structure, or by bytes."""
    seeds = SEEDS[kind]
    path, data = seeds[draw(st.integers(0, len(seeds) - 1))]
    how = draw(st.sampled_from(["structure", "structure", "bytes", "as-is"]))
    if how == "as-is":
        return path.name, data
    if how == "bytes":
        return path.name, draw(byte_mutant(data))
    try:
        tree = yaml.safe_load(data.decode("utf-8"))
    except yaml.YAMLError:
        return path.name, draw(byte_mutant(data))
    return path.name, draw(structural_mutant(tree))


ODD_YEAR = st.sampled_from(["2026", "2027", "1900", "2100", "1899", "2101", "0", "-1", "9999", "abc", "2026.5"])
ODD_DATE = st.sampled_from(["2026-06-30", "2027-12-31", "9999-12-31", "0001-01-01", "2027-02-30", "yesterday", "", "2026-6-1"])
ODD_LANG = st.sampled_from(["zh", "en", "EN_us", "fr", ""])
