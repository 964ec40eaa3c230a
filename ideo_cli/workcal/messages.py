"""Message catalog for calendar-file diagnostics (IDEO020) and calendar sources.

Messages are stored as (key, params) and rendered at the last moment, so one
``CalendarFileError`` can be shown in Chinese (default) or English.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

_WEEKDAYS = {
    "zh": ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


@dataclass(frozen=True, slots=True)
class Msg:
    """A message not yet rendered: catalog key plus parameters (which may be Msgs)."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, msg_key: str, /, **params: object) -> "Msg":
        return cls(msg_key, tuple(params.items()))

    def render(self, lang: str = "zh") -> str:
        return render(self.key, lang, **dict(self.params))


@dataclass(frozen=True, slots=True)
class Weekday:
    """A parameter rendered as the weekday name of ``day`` in the output language."""

    day: dt.date


CATALOG: dict[str, dict[str, str]] = {
    "title": {
        "zh": "日历文件无效",
        "en": "invalid calendar file",
    },
    "help": {
        "zh": "日历文件格式见 ideo_cli/workcal/FORMAT.md（国务院办公厅节假日安排通知的抄录格式）",
        "en": "the calendar file format is described in ideo_cli/workcal/FORMAT.md",
    },
    "missing-file": {
        "zh": "找不到日历文件：{file}",
        "en": "calendar file not found: {file}",
    },
    "not-a-file": {
        "zh": "日历文件路径不是普通文件：{file}",
        "en": "calendar file path is not a regular file: {file}",
    },
    "not-mapping": {
        "zh": "日历文件顶层必须是映射（year、source、holidays、workdays 等键），实际是{kind}",
        "en": "the top level of a calendar file must be a mapping (year, source, holidays, workdays ...), got {kind}",
    },
    "unknown-key": {
        "zh": "未知的键“{key}”{hint}",
        "en": "unknown key '{key}'{hint}",
    },
    "did-you-mean": {
        "zh": "，是不是“{suggestion}”？",
        "en": "; did you mean '{suggestion}'?",
    },
    "allowed-keys": {
        "zh": "（允许的键：{keys}）",
        "en": " (allowed keys: {keys})",
    },
    "duplicate-alias": {
        "zh": "“{key}”与“{other}”是同一个字段，只能写一个",
        "en": "'{key}' and '{other}' are the same field; write only one of them",
    },
    "missing-key": {
        "zh": "缺少必填的键“{key}”（或中文“{zh}”）",
        "en": "missing required key '{key}' (or Chinese '{zh}')",
    },
    "bad-year": {
        "zh": "year 必须是整数年份，实际是“{value}”",
        "en": "year must be an integer year, got '{value}'",
    },
    "year-range": {
        "zh": "年份 {year} 超出支持范围 1900–2100",
        "en": "year {year} is outside the supported range 1900-2100",
    },
    "bad-source": {
        "zh": "source（来源）必须是非空文本：写通知的文号或网址，例如“国办发明电〔2026〕X号”",
        "en": "source must be non-empty text: the notice's reference number or URL, e.g. 国办发明电〔2026〕X号",
    },
    "not-list": {
        "zh": "“{key}”必须是列表，实际是{kind}",
        "en": "'{key}' must be a list, got {kind}",
    },
    "holiday-not-mapping": {
        "zh": "放假条目必须是映射 {{name: …, from: …, to: …}}，实际是{kind}",
        "en": "a holiday entry must be a mapping {{name: ..., from: ..., to: ...}}, got {kind}",
    },
    "bad-name": {
        "zh": "节日名称（name）必须是非空文本，例如“国庆节”",
        "en": "holiday name must be non-empty text, e.g. 国庆节",
    },
    "bad-date": {
        "zh": "“{value}”不是有效日期，应写成 YYYY-MM-DD，例如 2027-10-01",
        "en": "'{value}' is not a valid date; write YYYY-MM-DD, e.g. 2027-10-01",
    },
    "from-after-to": {
        "zh": "放假区间起始日 {start} 晚于结束日 {end}",
        "en": "holiday starts on {start}, after its last day {end}",
    },
    "block-too-long": {
        "zh": "放假区间 {start} 至 {end} 共 {days} 天，超过 31 天，请检查日期",
        "en": "holiday {start} to {end} lasts {days} days, more than 31; check the dates",
    },
    "date-outside-year": {
        "zh": "日期 {day} 不在 {year} 年内（只有跨年的元旦安排可以写上一年 12 月的日期）",
        "en": "date {day} is not in {year} (only a New Year block may reach back into December of the previous year)",
    },
    "holiday-overlap": {
        "zh": "放假区间“{name}”（{start} 至 {end}）与“{other}”（{ostart} 至 {oend}）重叠",
        "en": "holiday '{name}' ({start} to {end}) overlaps '{other}' ({ostart} to {oend})",
    },
    "workday-not-weekend": {
        "zh": "调休上班日 {day} 是{weekday}，不是周末：只有周六、周日需要写进 workdays",
        "en": "make-up working day {day} is a {weekday}, not a weekend day: only Saturdays and Sundays belong in workdays",
    },
    "workday-is-holiday": {
        "zh": "{day} 同时是放假日（{name}）和调休上班日",
        "en": "{day} is both a holiday ({name}) and a make-up working day",
    },
    "duplicate-year": {
        "zh": "{year} 年的日历已由 {other} 提供，同一年只能有一份日历",
        "en": "the {year} calendar is already given by {other}; only one calendar per year",
    },
    "conflicting-year": {
        "zh": "{year} 年的日历与 {other} 不一致，请只保留正确的一份",
        "en": "the {year} calendar disagrees with {other}; keep only the correct one",
    },
    "kind-mapping": {"zh": "映射", "en": "a mapping"},
    "kind-list": {"zh": "列表", "en": "a list"},
    "kind-text": {"zh": "文本", "en": "text"},
    "kind-number": {"zh": "数字", "en": "a number"},
    "kind-bool": {"zh": "布尔值", "en": "a boolean"},
    "kind-null": {"zh": "空值", "en": "null"},
    "kind-date": {"zh": "日期", "en": "a date"},
    "kind-other": {"zh": "其他类型", "en": "another type"},
    # calendar sources (source_for)
    "source-cc": {
        "zh": "chinese-calendar {version}（官方）",
        "en": "chinese-calendar {version} (official)",
    },
    "source-file": {
        "zh": "日历文件 {file}（{source}）",
        "en": "calendar file {file} ({source})",
    },
    "source-inline": {
        "zh": "{file} 内嵌日历（{source}）",
        "en": "calendar inline in {file} ({source})",
    },
    "source-fallback": {
        "zh": "holidays {version} + 周末推算（暂定）",
        "en": "holidays {version} + weekends (provisional)",
    },
}


def norm_lang(lang: str | None) -> str:
    return "en" if (lang or "zh").lower().startswith("en") else "zh"


def render(msg_key: str, lang: str = "zh", /, **params: object) -> str:
    lang = norm_lang(lang)
    values = {k: _value(v, lang) for k, v in params.items()}
    return CATALOG[msg_key][lang].format(**values)


def _value(v: object, lang: str) -> object:
    if isinstance(v, Weekday):
        return _WEEKDAYS[lang][v.day.weekday()]
    if isinstance(v, Msg):
        return v.render(lang)
    return v


def kind_of(value: object) -> Msg:
    """Message naming the YAML type of ``value`` ("列表" / "a list")."""
    return Msg.of(_kind_key(value))


def _kind_key(value: object) -> str:
    if isinstance(value, dict):
        return "kind-mapping"
    if isinstance(value, list):
        return "kind-list"
    if isinstance(value, str):
        return "kind-text"
    if isinstance(value, bool):
        return "kind-bool"
    if isinstance(value, (int, float)):
        return "kind-number"
    if value is None:
        return "kind-null"
    if isinstance(value, dt.date):
        return "kind-date"
    return "kind-other"
