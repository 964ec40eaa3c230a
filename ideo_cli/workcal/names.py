"""Names of China's statutory holidays: Chinese canonical names, catalogue ids for renderers.

``chinese_calendar`` names days by English enum values ("National Day");
``holidays.China(language="zh_CN")`` names them in Chinese but adds suffixes
("春节（补假）", "农历除夕", "休息日（由 2003-02-08 调休）").  Everything in ideo
uses the Chinese names of the State Council notice.
"""
from __future__ import annotations

import re
from ideo_cli.i18n import msg

# chinese_calendar.Holiday values -> the name used in the State Council notice.
CC_TO_ZH: dict[str, str] = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}

STATUTORY = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")

_SUFFIX = re.compile(r"[（(](补假|observed)[）)]\s*$")
_SUBSTITUTED = re.compile(r"由\s*(\d{4}-\d{2}-\d{2})\s*调休")

# holidays.China (zh_CN) names that are not the notice's own names.
_HOLIDAYS_ZH_ALIASES = {"农历除夕": "春节", "春节延长假期": "春节"}


def zh_from_cc(name: str | None) -> str | None:
    if name is None:
        return None
    return CC_TO_ZH.get(name, name)


def zh_from_holidays(label: str) -> str | None:
    """Canonical name for a ``holidays.China(language="zh_CN")`` label.

    ``None`` for a substituted rest day ("休息日（由 … 调休）"): it has no
    festival of its own and joins the block it is adjacent to.
    """
    # A date may carry several labels joined by "; ".
    for part in label.split(";"):
        part = part.strip()
        if _SUBSTITUTED.search(part) or part.startswith("休息日"):
            continue
        part = _SUFFIX.sub("", part).strip()
        return _HOLIDAYS_ZH_ALIASES.get(part, part)
    return None


def substituted_workday(label: str) -> str | None:
    """ISO date of the weekend worked in exchange, from "休息日（由 2003-02-08 调休）"."""
    m = _SUBSTITUTED.search(label)
    return m.group(1) if m else None


# the catalogue ids of holiday and festival names (English names live in the catalogue)
HOLIDAY_SLUGS: dict[str, str] = {
    "元旦": "new-year", "春节": "spring-festival", "清明节": "qingming", "劳动节": "labour-day",
    "端午节": "dragon-boat", "中秋节": "mid-autumn", "国庆节": "national-day",
    "除夕": "new-years-eve", "元宵节": "lantern", "七夕节": "qixi", "中元节": "zhongyuan",
    "重阳节": "double-ninth", "腊八节": "laba", "小年": "little-new-year",
}


def holiday_text(name: str):
    """A holiday's name for renderers: a catalogue Message for the known ones, else the name as written."""
    parts = [p for p in name.split("、") if p]
    if parts and all(p in HOLIDAY_SLUGS for p in parts):
        texts = [msg(f"schedule.holiday.{HOLIDAY_SLUGS[p]}") for p in parts]
        return texts[0] if len(texts) == 1 else msg("schedule.holiday.combined", names=texts)
    return name
