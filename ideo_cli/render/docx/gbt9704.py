"""The page and the styles of GB/T 9704-2012 (党政机关公文格式), in one place.

A4; the text block (版心) 156 mm × 225 mm with the top margin 37 mm and the left
28 mm; 22 lines of 28 characters (a document grid of 579 twips a line); title
2号 小标宋, body 3号 仿宋_GB2312, level-1 headings 黑体, level-2 楷体_GB2312; page
numbers 4号 半角宋体 "— 1 —" 7 mm below the text block, odd pages right and even
pages left, one character in from the edge.

A font a reader's PC may lack is named with the one it falls back to: the
run names the official font (``w:eastAsia``), the font table gives the
``w:altName`` Word and WPS use when it is missing (方正小标宋简体 → 华文中宋 …).
"""
from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

# ---- the page (mm)
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
TOP_MM, LEFT_MM = 37, 28
BLOCK_WIDTH_MM, BLOCK_HEIGHT_MM = 156, 225
BOTTOM_MM = PAGE_HEIGHT_MM - TOP_MM - BLOCK_HEIGHT_MM  # 35
RIGHT_MM = PAGE_WIDTH_MM - LEFT_MM - BLOCK_WIDTH_MM  # 26
LINES, CHARS = 22, 28

# ---- font sizes (号 → points)
SIZE_2 = Pt(22)  # 2号: the title
SIZE_3 = Pt(16)  # 3号: body and headings
SIZE_4 = Pt(14)  # 4号: page numbers

# ---- the grid: one line = 225 mm / 22; one character = 156 mm / 28
TWIPS_PER_MM = 1440 / 25.4
LINE_PITCH_TWIPS = int(BLOCK_HEIGHT_MM * TWIPS_PER_MM / LINES)  # 579
CHAR_PITCH_PT = BLOCK_WIDTH_MM / 25.4 * 72 / CHARS  # 15.79 pt
# 28 characters a line: 3号 (16 pt) glyphs 0.25 pt closer (w:spacing -5 twentieths) advance 15.75 pt,
# 28 of them fit the 442 pt line and 29 do not.  Not the character grid (docGrid
# linesAndChars with a negative w:charSpace): LibreOffice puts each 16 pt glyph into
# two 15.8 pt grid cells and prints 14 characters a line; Word and WPS honour both.
CONDENSE_TWENTIETHS = -5
CHAR_WIDTH_PT = 16 + CONDENSE_TWENTIETHS / 20  # one body character as set: 15.75 pt
BLOCK_WIDTH_PT = BLOCK_WIDTH_MM / 25.4 * 72
GRID_TYPE = "lines"
PAGE_NUMBER_GAP_MM = 7  # the number's dashes stand 7 mm below the text block

# ---- fonts: the official name and what stands in for it where it is missing
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"  # Arabic numerals and Latin letters in the body
FALLBACKS = {
    TITLE_FONT: "华文中宋",
    "华文中宋": "宋体",
    BODY_FONT: "仿宋",
    HEADING2_FONT: "楷体",
    HEADING1_FONT: "SimHei",
    NUMBER_FONT: "SimSun",
}

# style names (ASCII ids; Word shows them as written)
TITLE, ADDRESSEE, HEADING1, HEADING2, HEADING3, BODY, SIGNATURE, PAGE_NUMBER = (
    "GB Title", "GB Addressee", "GB Heading 1", "GB Heading 2", "GB Heading 3", "GB Body", "GB Signature", "GB Page Number",
)


def set_fonts(rpr_owner, east_asia: str, latin: str | None = None) -> None:
    """Name the fonts of a style or run for every script (East Asian first), dropping theme fonts."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    latin = latin or east_asia
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def setup_page(document) -> None:
    """A4, the 156 × 225 mm text block, the 22 × 28 grid, odd/even page-number footers."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.header_distance = Mm(15)
    # the footer's line (4号, one line) ends this far above the paper's edge, so its top is 7 mm below the block
    section.footer_distance = Mm(BOTTOM_MM - PAGE_NUMBER_GAP_MM) - SIZE_4
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), GRID_TYPE)
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.attrib.pop(qn("w:charSpace"), None)
    document.settings.odd_and_even_pages_header_footer = True
    lang = document.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    section.even_page_footer.is_linked_to_previous = False
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph, alignment) -> None:
    """"— 1 —": 4号 半角宋体, one character in from the outer edge."""
    paragraph.style = PAGE_NUMBER
    paragraph.alignment = alignment
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = SIZE_4
    else:
        paragraph.paragraph_format.left_indent = SIZE_4
    paragraph.add_run("— ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" —")


def _field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    run = paragraph.add_run()
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run._r.append(sep)
    paragraph.add_run("1")  # shown until the field is updated
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def setup_styles(document) -> None:
    """The paragraph styles the writer uses; Normal is the body (3号 仿宋_GB2312 on the grid)."""
    styles = document.styles
    _doc_defaults(document)
    normal = styles["Normal"]
    _base(normal, BODY_FONT, SIZE_3, LATIN_FONT)
    _add(styles, BODY, BODY_FONT, SIZE_3, latin=LATIN_FONT, first_line=2)
    title = _add(styles, TITLE, TITLE_FONT, SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.line_spacing = Pt(SIZE_2.pt * 1.5)  # 2号 lines off the body grid: one title line is not two grid lines
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    title.element.get_or_add_pPr().find(qn("w:spacing")).addprevious(snap)  # schema order: snapToGrid before spacing
    _add(styles, ADDRESSEE, BODY_FONT, SIZE_3, latin=LATIN_FONT)
    _add(styles, HEADING1, HEADING1_FONT, SIZE_3, first_line=2, outline=0)
    _add(styles, HEADING2, HEADING2_FONT, SIZE_3, first_line=2, outline=1)
    _add(styles, HEADING3, BODY_FONT, SIZE_3, latin=LATIN_FONT, first_line=2, outline=2)
    _add(styles, SIGNATURE, BODY_FONT, SIZE_3, latin=LATIN_FONT, align=WD_ALIGN_PARAGRAPH.RIGHT, right=2)
    number = _add(styles, PAGE_NUMBER, NUMBER_FONT, SIZE_4)
    number.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # the footer is off the grid


def _doc_defaults(document) -> None:
    """3号 仿宋 as the document default: the grid's character pitch (w:charSpace) counts from this size."""
    root = document.styles.element
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is not None:
        rpr_default.remove(rpr)
    rpr = OxmlElement("w:rPr")
    rpr_default.append(rpr)
    fonts = OxmlElement("w:rFonts")
    for attr, value in (("ascii", LATIN_FONT), ("hAnsi", LATIN_FONT), ("eastAsia", BODY_FONT), ("cs", LATIN_FONT)):
        fonts.set(qn(f"w:{attr}"), value)
    rpr.append(fonts)
    for tag in ("w:kern", "w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "0" if tag == "w:kern" else str(int(SIZE_3.pt * 2)))
        rpr.append(element)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)


def _base(style, font: str, size, latin: str | None = None) -> None:
    style.font.size = size
    set_fonts(style.element, font, latin)
    if size == SIZE_3:
        _condense(style.element.get_or_add_rPr())
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(LINE_PITCH_TWIPS)  # exactly one grid line: 22 lines a page in any viewer
    fmt.widow_control = False
    # no punctuation hanging past the right edge of the block (w:overflowPunct off; LibreOffice's default hangs it)
    hang = OxmlElement("w:overflowPunct")
    hang.set(qn("w:val"), "0")
    style.element.get_or_add_pPr().find(qn("w:spacing")).addprevious(hang)


def _condense(rpr) -> None:
    """w:spacing in its schema place (before w:w / w:kern / w:position / w:sz)."""
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        later = next((rpr.find(qn(tag)) for tag in ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:lang") if rpr.find(qn(tag)) is not None), None)
        if later is not None:
            later.addprevious(spacing)
        else:
            rpr.append(spacing)
    spacing.set(qn("w:val"), str(CONDENSE_TWENTIETHS))


def _add(styles, name: str, font: str, size, latin: str | None = None, align=None, first_line: int = 0, right: int = 0, outline: int | None = None):
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    _base(style, font, size, latin)
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    else:
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if first_line:
        fmt.first_line_indent = Pt(size.pt * first_line)
    if right:
        fmt.right_indent = Pt(SIZE_3.pt * right)
    if outline is not None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        style.element.get_or_add_pPr().append(level)
    return style


def font_table_entries() -> list[tuple[str, str | None]]:
    """(font, the font Word/WPS uses where it is missing) for the font table."""
    used = (TITLE_FONT, "华文中宋", BODY_FONT, HEADING1_FONT, HEADING2_FONT, NUMBER_FONT)
    return [(name, FALLBACKS.get(name)) for name in used]
