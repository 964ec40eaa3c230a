

def shipped_rule_codes() -> frozenset[str]:
    """The codes of the rules ideo ships (``rulebooks/*.yaml``), read without building
    the rulebook: the rubric format refers to them from a lower layer."""
    import re
    from pathlib import Path

    pattern = re.compile(r"^\s*-?\s*code:\s*[\"']?(IDEO\d+)", re.M)
    folder = Path(__file__).parent / "rulebooks"
    return frozenset(code for path in sorted(folder.glob("*.yaml")) for code in pattern.findall(path.read_text(encoding="utf-8")))
