"""Blocks → .docx bytes on the GB/T 9704 page, in one language, reproducibly.

Same blocks and stamp, same bytes: the core properties carry the stamp
(SOURCE_DATE_EPOCH), every zip entry one pinned time, entries in one order.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.shared import Pt
from lxml import etree

from ideo_cli.i18n import msg, t
from ideo_cli.render.docx import gbt9704 as gb
from ideo_cli.render.docx.blocks import Addressee, Heading, Para, Signature, Title
from ideo_cli.render.occurrences.cells import xml_text

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NUMERALS = "零一二三四五六七八九十"


@dataclass(frozen=True)
class DocxOptions:
    lang: str = "zh"
    stamp: dt.datetime = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)  # SOURCE_DATE_EPOCH
    title: object = None  # the document's title for its properties (Message or str)


def render_docx(blocks, options: DocxOptions) -> bytes:
    document = Document()
    gb.setup_styles(document)
    gb.setup_page(document)
    body = document.element.body
    for paragraph in list(document.paragraphs):  # the template's empty first paragraph
        body.remove(paragraph._p)
    numbers = [0, 0, 0]
    for block in blocks:
        _write(document, block, numbers, options.lang)
    _properties(document, options)
    raw = io.BytesIO()
    document.save(raw)
    return _pinned(raw.getvalue(), options.stamp)


def _text(value, lang: str) -> str:
    # user text (a plan's titles, names, problems) may hold control characters an XML part
    # cannot: they are dropped, as in the xlsx outputs, never a crash
    return xml_text(t(value, lang))


def _write(document, block, numbers: list[int], lang: str) -> None:
    if isinstance(block, Title):
        title = document.add_paragraph(style=gb.TITLE)
        for index, line in enumerate(_text(block.text, lang).split("\n")):  # the catalogue breaks a long title where its sense allows
            if index:
                title.add_run().add_break()
            title.add_run(line)
        document.add_paragraph("", style=gb.BODY)  # 标题下空一行
    elif isinstance(block, Addressee):
        document.add_paragraph(_text(msg("docx.addressee", name=block.text), lang), style=gb.ADDRESSEE)
    elif isinstance(block, Heading):
        level = min(max(block.level, 1), 3)
        numbers[level - 1] += 1
        for deeper in range(level, 3):
            numbers[deeper] = 0
        style = (gb.HEADING1, gb.HEADING2, gb.HEADING3)[level - 1]
        heading = document.add_paragraph(_numbered(level, numbers[level - 1], _text(block.text, lang), lang), style=style)
        if lang != "zh":
            heading.alignment = WD_ALIGN_PARAGRAPH.LEFT
    elif isinstance(block, Para):
        paragraph = document.add_paragraph(style=gb.BODY)
        if lang != "zh":  # justified Latin text with Chinese names in it spreads into gaps: ragged right reads better
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        run = paragraph.add_run(_text(block.text, lang))
        if block.placeholder:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW  # to be filled in before the document is sent
    elif isinstance(block, Signature):
        _signature(document, _text(block.org, lang), _text(block.date, lang))


def _signature(document, org: str, date: str) -> None:
    """GB/T 9704 7.3.5.2 (no seal): one blank line below the text, the issuer's name two
    characters in from the right, the date below it starting two characters further right;
    a date longer than the name stands two in from the right and the name moves left.
    The last lines of the text keep with it: the signature never stands alone on a page."""
    if document.paragraphs:
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    org_width, date_width = _width(org), _width(date)
    blank = document.add_paragraph("", style=gb.BODY)
    blank.paragraph_format.keep_with_next = True
    name = document.add_paragraph(org, style=gb.SIGNATURE)
    name.paragraph_format.keep_with_next = True
    day = document.add_paragraph(date, style=gb.SIGNATURE)
    if org_width >= date_width + 2:
        # the name ends two characters in; the date starts where the name starts, plus two:
        # placed from the left, so its digits' width (font-dependent) cannot move its start
        name.paragraph_format.right_indent = Pt(gb.CHAR_WIDTH_PT * 2)
        day.alignment = WD_ALIGN_PARAGRAPH.LEFT
        day.paragraph_format.right_indent = Pt(-gb.CHAR_WIDTH_PT * 2)  # never wrapped where the digits set wider (a substituted font)
        day.paragraph_format.left_indent = Pt(gb.BLOCK_WIDTH_PT - gb.CHAR_WIDTH_PT * org_width)
    else:
        day.paragraph_format.right_indent = Pt(gb.CHAR_WIDTH_PT * 2)
        name.paragraph_format.right_indent = Pt(gb.CHAR_WIDTH_PT * (4 + date_width - org_width))


def _width(text: str) -> float:
    """Width in body characters: an ASCII letter or digit is half a character."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _numbered(level: int, n: int, text: str, lang: str) -> str:
    """一、 / （一） / 1. in Chinese; 1. / (1) / 1) in English."""
    if lang == "zh":
        numeral = chinese_numeral(n)
        return (f"{numeral}、{text}", f"（{numeral}）{text}", f"{n}.{text}")[level - 1]
    return (f"{n}. {text}", f"({n}) {text}", f"{n}) {text}")[level - 1]


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings stay below 100)."""
    if n <= 10:
        return _NUMERALS[n]
    tens, ones = divmod(n, 10)
    return (_NUMERALS[tens] if tens > 1 else "") + "十" + (_NUMERALS[ones] if ones else "")


def _properties(document, options: DocxOptions) -> None:
    stamp = options.stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    props = document.core_properties
    props.author = "ideo"
    props.last_modified_by = "ideo"
    props.comments = ""
    props.title = _text(options.title, options.lang).replace("\n", "") if options.title is not None else ""
    props.language = "zh-CN" if options.lang == "zh" else "en"
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def _pinned(data: bytes, stamp: dt.datetime) -> bytes:
    """The zip rewritten with one timestamp (entries in python-docx's order), and
    the fonts named with their fallbacks in the font table."""
    when = max(stamp.astimezone(dt.timezone.utc).replace(tzinfo=None), dt.datetime(1980, 1, 1)).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/fontTable.xml":
                content = _font_table(content)
            pinned = zipfile.ZipInfo(info.filename, date_time=when)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o600 << 16
            target.writestr(pinned, content)
    return out.getvalue()


def _font_table(xml: bytes) -> bytes:
    """Each official font with ``w:altName`` (its fallback) and the GB2312 charset, so Word and WPS substitute right."""
    root = etree.fromstring(xml)
    for name, fallback in gb.font_table_entries():
        font = etree.SubElement(root, f"{{{_W}}}font", {f"{{{_W}}}name": name})
        if fallback:
            etree.SubElement(font, f"{{{_W}}}altName", {f"{{{_W}}}val": fallback})
        etree.SubElement(font, f"{{{_W}}}charset", {f"{{{_W}}}val": "86"})
        etree.SubElement(font, f"{{{_W}}}family", {f"{{{_W}}}val": "roman" if name not in (gb.HEADING1_FONT,) else "modern"})
        etree.SubElement(font, f"{{{_W}}}pitch", {f"{{{_W}}}val": "variable"})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
