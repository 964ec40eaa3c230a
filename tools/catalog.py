"""Compile the gettext catalogues (.po -> .mo) with Babel, or check them.

    python tools/catalog.py           # write ideo_cli/i18n/locale/*/LC_MESSAGES/ideo.mo
    python tools/catalog.py --check   # exit 1 if a .mo is stale or the catalogues disagree

Checks: both languages define the same ids; each id's {fields} agree between
languages; no duplicate ids; the committed .mo equals a fresh compile.
"""
from __future__ import annotations

import io
import string
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "ideo_cli" / "i18n" / "locale"
LANGS = ("zh", "en")


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "ideo.po"


def read(lang: str):
    with po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang, domain="ideo")


def compiled(lang: str) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, read(lang), use_fuzzy=False)
    return buf.getvalue()


def fields(text) -> set[str]:
    texts = text if isinstance(text, (tuple, list)) else (text,)
    out: set[str] = set()
    for item in texts:
        for _, name, _, _ in string.Formatter().parse(item or ""):
            if name:
                out.add(name)
    return out


def problems() -> list[str]:
    found: list[str] = []
    for lang in LANGS:  # a union merge can leave an id twice; Babel would keep one silently
        seen: set[str] = set()
        for line in po_path(lang).read_text(encoding="utf-8").splitlines():
            if line.startswith('msgid "') and line != 'msgid ""':
                key = line[7:-1]
                if key in seen:
                    found.append(f"{lang}: id {key} defined twice")
                seen.add(key)
    catalogs = {lang: read(lang) for lang in LANGS}
    ids = {lang: {m.id if isinstance(m.id, str) else m.id[0]: m for m in cat if m.id} for lang, cat in catalogs.items()}
    for lang in LANGS:
        other = "en" if lang == "zh" else "zh"
        for missing in sorted(set(ids[other]) - set(ids[lang])):
            found.append(f"{lang}: missing id {missing}")
        for key, message in ids[lang].items():
            if not (message.string if isinstance(message.string, str) else all(message.string)):
                found.append(f"{lang}: empty text for {key}")
    for key in sorted(set(ids["zh"]) & set(ids["en"])):
        zf, ef = fields(ids["zh"][key].string), fields(ids["en"][key].string)
        if zf != ef and not (zf <= ef and "n" in ef):  # English may add {n} for plurals
            found.append(f"fields differ for {key}: zh {sorted(zf)} en {sorted(ef)}")
    for lang in LANGS:
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled(lang):
            found.append(f"{lang}: {mo.relative_to(LOCALE.parents[2])} is stale: run `make catalog`")
    return found


def main(argv: list[str]) -> int:
    if "--check" in argv:
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    for lang in LANGS:
        po_path(lang).with_suffix(".mo").write_bytes(compiled(lang))
    stale = [p for p in problems() if "stale" not in p]
    for line in stale:
        print(line)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
