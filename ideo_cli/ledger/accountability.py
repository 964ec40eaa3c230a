"""What an accountability decision costs, computed from 000 第十九条.

"受到责任追究的领导班子、领导干部，取消当年考核评优和评先资格。受到调离岗位处理的，
一年内不得提拔;引咎辞职和受到责令辞职、免职处理的，一年内不得重新担任与其原任职务
相当的领导职务，两年内不得提拔;受到降职处理的，两年内不得提拔;同时受到纪律处分的，
按影响期较长的规定执行。"
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ideo_cli.formats.ledger.model import AccountabilityRecord

CITATION = ("000", "第十九条", "受到责任追究的领导班子、领导干部，取消当年考核评优和评先资格")

# consequence codes (catalogue: ledger.consequence.<code>)
NO_AWARDS = "no-awards"  # 取消当年考核评优和评先资格
NO_PROMOTION = "no-promotion"  # 不得提拔
NO_EQUIVALENT_POST = "no-equivalent-post"  # 不得重新担任相当职务

_MEASURE_YEARS = {  # measure → [(consequence, years)]
    "调离岗位": [(NO_PROMOTION, 1)],
    "引咎辞职": [(NO_EQUIVALENT_POST, 1), (NO_PROMOTION, 2)],
    "责令辞职": [(NO_EQUIVALENT_POST, 1), (NO_PROMOTION, 2)],
    "免职": [(NO_EQUIVALENT_POST, 1), (NO_PROMOTION, 2)],
    "降职": [(NO_PROMOTION, 2)],
}


@dataclass(frozen=True)
class Consequence:
    code: str
    start: dt.date
    end: dt.date  # the last day it applies


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _until(start: dt.date, months: int) -> dt.date:
    return add_months(start, months) - dt.timedelta(days=1)


def consequences(record: AccountabilityRecord) -> list[Consequence]:
    start = record.decided
    out = [Consequence(NO_AWARDS, start, dt.date(start.year, 12, 31))]
    periods = {code: years * 12 for code, years in _MEASURE_YEARS.get(record.measure or "", [])}
    if record.discipline and record.discipline_months:
        # 同时受到纪律处分的，按影响期较长的规定执行
        periods[NO_PROMOTION] = max(periods.get(NO_PROMOTION, 0), record.discipline_months)
    for code in (NO_EQUIVALENT_POST, NO_PROMOTION):
        if periods.get(code):
            out.append(Consequence(code, start, _until(start, periods[code])))
    return out
