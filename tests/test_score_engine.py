"""score_unit on Observations built by hand: every deduction names its occurrence,
record or finding; caps, open items, --assume, manual scores and vetoes."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ideo_cli.diagnostics import Diagnostic, Severity
from ideo_cli.formats.rubric import load_rubric
from ideo_cli.ledger import status as st
from ideo_cli.render.score import ScoreRenderOptions, render_scorecards
from ideo_cli.schedule.occurrence import Occurrence, Person
from ideo_cli.scoring.engine import score_unit
from ideo_cli.scoring.observe import AccountabilityFact, EventFact, ManualScore, Observations, RecordRef, UnknownAssumption, assume

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rubric"
MINIMAL = load_rubric(FIXTURES / "minimal.yaml")  # topic-study 10 (O1, 2 required, -5/-1/-2), assessment 10 (manual)
AS_OF = dt.date(2027, 12, 1)


def occ(period: str, due: dt.date, status: str | None = None, record=None, obligation: str = "topic-study", kind: str = "O1") -> Occurrence:
    return Occurrence(
        plan="xx-branch", plan_name="中共XX村支部委员会", plan_file="plans/x/计划.yaml", obligation=obligation, period=period,
        title="支部委员会专题研究意识形态工作", kind=kind, owners=[Person("liuzq", "刘志强", "书记")],
        start=due - dt.timedelta(days=30), due=due, nominal_due=due, status=status, record=record,
    )


def observe(*occurrences, **facts) -> Observations:
    return Observations(unit="xx-branch", unit_name="XX村党支部", year=2027, as_of=AS_OF, occurrences=list(occurrences), **facts)


ASSESSED_8 = ManualScore("assessment", 8, "assessor", by="县委宣传部考核组", on=dt.date(2027, 12, 20), file="plans/x/台账/2027.yaml", line=40)


def item(card, item_id):
    return next(i for i in card.items if i.id == item_id)


def test_a_missing_occurrence_costs_its_points_and_names_itself():
    done = RecordRef("plans/x/台账/2027.yaml:12", ("佐证/2027H1-纪要.pdf",))
    card = score_unit(MINIMAL, observe(occ("2027H1", dt.date(2027, 6, 30), st.DONE, done), occ("2027H2", dt.date(2027, 11, 30)), manual_scores=[ASSESSED_8]))
    topic = item(card, "topic-study")
    assert topic.awarded == 5
    [lost] = topic.deductions
    assert (lost.points, lost.occurrence, lost.status, lost.due) == (5, "xx-branch.topic-study.2027H2@ideo.invalid", st.OVERDUE, dt.date(2027, 11, 30))
    assert lost.reason.id == "score.deduct.missing"
    assert topic.evidence == ["佐证/2027H1-纪要.pdf"]
    assert card.score == 13 and card.grade == "合格"


def test_late_and_evidence_missing_records_cost_their_rates_and_cite_the_record():
    late = RecordRef("plans/x/台账/2027.yaml:30")
    thin = RecordRef("plans/x/台账/2027.yaml:18")
    card = score_unit(MINIMAL, observe(occ("2027H1", dt.date(2027, 6, 30), st.EVIDENCE_MISSING, thin), occ("2027H2", dt.date(2027, 11, 30), st.DONE_LATE, late)))
    topic = item(card, "topic-study")
    assert [(d.points, d.status, d.record) for d in topic.deductions] == [(2, st.EVIDENCE_MISSING, thin.where), (1, st.DONE_LATE, late.where)]
    assert topic.awarded == 7


def test_too_few_planned_is_a_deduction_for_the_absence_and_the_cap_holds():
    card = score_unit(MINIMAL, observe())
    topic = item(card, "topic-study")
    assert [d.reason.id for d in topic.deductions] == ["score.deduct.not-planned"] * 2
    assert topic.deductions[0].reason.get("planned") == 0 and topic.deductions[0].reason.get("required") == 2
    assert topic.awarded == 0 and not topic.capped  # 2 × 5 = 10 = the item's points


def test_open_occurrences_are_at_risk_not_lost():
    card = score_unit(MINIMAL, observe(occ("2027H1", dt.date(2027, 6, 30), st.DONE), occ("2027H2", dt.date(2027, 12, 20))))
    topic = item(card, "topic-study")
    assert topic.deductions == [] and topic.awarded == 10
    [risk] = topic.at_risk
    assert risk.status == st.IN_PROGRESS and risk.points == 5 and card.at_risk == 5


def test_assume_done_gives_back_the_points():
    obs = observe(occ("2027H1", dt.date(2027, 6, 30), st.DONE), occ("2027H2", dt.date(2027, 11, 30)))
    before = score_unit(MINIMAL, obs)
    after = score_unit(MINIMAL, assume(obs, {("topic-study", "2027H2"): st.DONE}))
    assert after.score - before.score == 5
    assert item(after, "topic-study").deductions == []
    assert "xx-branch.topic-study.2027H2@ideo.invalid" in assume(obs, {("topic-study", "2027H2"): st.DONE}).assumed
    with pytest.raises(UnknownAssumption) as caught:
        assume(obs, {("topic-study", "2027Q9"): st.DONE})
    assert caught.value.known == ["topic-study:2027H1", "topic-study:2027H2"]


def test_manual_scores_assessor_outranks_self_and_bad_records_are_findings():
    own = ManualScore("assessment", 9, "self", by="刘志强", file="plans/x/台账/2027.yaml", line=36)
    twice = ManualScore("assessment", 6, "assessor", by="另一考核组", file="plans/x/台账/2027.yaml", line=44)
    outside = ManualScore("assessment", 12, "self", file="plans/x/台账/2027.yaml", line=48)
    stray = ManualScore("no-such-item", 3, "assessor", file="plans/x/台账/2027.yaml", line=52)
    card = score_unit(MINIMAL, observe(manual_scores=[own, ASSESSED_8, twice, outside, stray]))
    assessment = item(card, "assessment")
    assert assessment.awarded == 8 and assessment.scored_by == "assessor"
    assert [d.record for d in assessment.deductions] == ["plans/x/台账/2027.yaml:40"]
    assert sorted((d.code, d.line) for d in card.problems) == [("IDEO961", 44), ("IDEO962", 48), ("IDEO963", 52)]
    assert all(d.severity is Severity.ERROR for d in card.problems)


def test_unscored_manual_item_is_lost_until_scored():
    card = score_unit(MINIMAL, observe())
    assert item(card, "assessment").awarded == 0
    assert item(card, "assessment").deductions[0].reason.id == "score.deduct.unscored"


def full_marks(**facts) -> Observations:
    return observe(occ("2027H1", dt.date(2027, 6, 30), st.DONE), occ("2027H2", dt.date(2027, 11, 30), st.DONE), manual_scores=[ManualScore("assessment", 10, "assessor")], **facts)


def test_accountability_veto_takes_the_award_not_the_grade():
    card = score_unit(MINIMAL, full_marks(accountability=[AccountabilityFact("王晓峰", "通报批评", dt.date(2027, 9, 3), "plans/x/台账/2027.yaml:60")]))
    assert card.score == 20 and card.grade == "合格" and card.loses_award
    [veto] = [v for v in card.vetoes if v.triggered]
    assert veto.id == "accountability" and veto.causes[0].record == "plans/x/台账/2027.yaml:60"


def test_accountability_of_another_year_or_form_does_not_trigger():
    card = score_unit(MINIMAL, full_marks(accountability=[AccountabilityFact("王晓峰", "通报批评", dt.date(2026, 9, 3)), AccountabilityFact("王晓峰", "提醒", dt.date(2027, 3, 1))]))
    assert not card.vetoed and not card.loses_award


def test_mishandled_opinion_event_vetoes_the_grade_to_the_lowest_and_shows_it():
    mishandled = EventFact("major-opinion", "重大舆情", dt.date(2027, 8, 2), "处置不力", "plans/x/台账/2027.yaml:70")
    card = score_unit(MINIMAL, full_marks(events=[mishandled, EventFact("major-opinion", "重大舆情", dt.date(2027, 3, 2), "处置得当")]))
    assert card.score == 20 and card.grade_by_score == "合格" and card.grade == "不合格" and card.loses_award
    [veto] = [v for v in card.vetoes if v.triggered]
    assert veto.id == "opinion-mishandled" and len(veto.causes) == 1
    table = render_scorecards("table", [card], ScoreRenderOptions(lang="zh")).decode("utf-8")
    assert table.index("否决项（已触发 1 项）") < table.index("专题研究意识形态工作")  # vetoes first
    assert "✗ 重大舆情处置不力，一票否决" in table
    assert "事件 major-opinion（重大舆情）结论为“处置不力”（2027-08-02）（plans/x/台账/2027.yaml:70）" in table
    assert "按得分为“合格”，因否决项定为“不合格”" in table and "取消当年考核评优和评先资格" in table
    english = render_scorecards("table", [card], ScoreRenderOptions(lang="en")).decode("utf-8")
    assert "'合格' by score, '不合格' because of a veto" in english


def test_findings_items_deduct_per_finding_and_cite_the_location():
    rubric = load_rubric(FIXTURES / "county.yaml")
    finding = Diagnostic(code="IDEO101", name="first-responsible-is-secretary", severity=Severity.ERROR, message="计划中没有写明第一责任人", file="plans/x/计划.yaml", line=12, col=5)
    card = score_unit(rubric, observe(findings=[finding, finding]))
    responsibility = item(card, "responsibility")
    assert responsibility.awarded == 6
    assert [d.finding for d in responsibility.deductions] == ["plans/x/计划.yaml:12:5"] * 2


def test_every_output_format_renders_the_same_card():
    card = score_unit(MINIMAL, full_marks())
    for fmt in ("table", "json", "html", "xlsx"):
        data = render_scorecards(fmt, [card], ScoreRenderOptions(lang="zh"))
        assert data and data == render_scorecards(fmt, [card], ScoreRenderOptions(lang="zh"))


def test_a_ledger_record_of_any_shape_is_described_by_its_location_and_evidence():
    from types import SimpleNamespace

    from ideo_cli.scoring.observe import describe_record

    record = SimpleNamespace(file="plans/x/台账/2027.yaml", line=12, evidence=[SimpleNamespace(path="佐证/纪要.pdf", note=None), SimpleNamespace(path=None, note="纸质存档：党建办档案柜")])
    assert describe_record(record) == RecordRef("plans/x/台账/2027.yaml:12", ("佐证/纪要.pdf", "纸质存档：党建办档案柜"))
    assert describe_record(None) is None
    card = score_unit(MINIMAL, observe(occ("2027H1", dt.date(2027, 6, 30), st.DONE, record), occ("2027H2", dt.date(2027, 11, 30), st.DONE, record)))
    assert item(card, "topic-study").evidence == ["佐证/纪要.pdf", "纸质存档：党建办档案柜"]


def test_rank_grade_counts_and_histogram_for_the_rollup():
    from dataclasses import replace

    from ideo_cli.scoring.rank import grade_counts, histogram, rank

    full = score_unit(MINIMAL, full_marks())
    vetoed = score_unit(MINIMAL, full_marks(events=[EventFact("e", "重大舆情", dt.date(2027, 5, 1), "处置不力")]))
    cards = [replace(full, unit="b"), replace(full, unit="a"), replace(vetoed, unit="c"), score_unit(MINIMAL, observe())]
    ranked = rank(cards)
    assert [(r.rank, r.card.unit, r.card.score) for r in ranked] == [(1, "a", 20), (1, "b", 20), (3, "xx-branch", 0), (4, "c", 20)]
    assert grade_counts(cards, [g.title for g in MINIMAL.grades]) == {"合格": 2, "不合格": 2}
    assert histogram(cards, 20, bins=4) == [(0, 5, 1), (5, 10, 0), (10, 15, 0), (15, 20, 3)]


def test_a_unit_with_accountability_and_event_facts_is_vetoed():
    import yaml

    facts = yaml.safe_load((FIXTURES / "vetoed-facts.yaml").read_text(encoding="utf-8"))
    obs = observe(
        *[occ(o["周期"], o["截止"], o["状态"], RecordRef(o["位置"])) for o in facts["专题研究"]],
        accountability=[AccountabilityFact(a["人员"], a["形式"], a["决定日期"], a["位置"]) for a in facts["问责"]],
        events=[EventFact(e["编号"], e["类别"], e["日期"], e["结论"], e["位置"]) for e in facts["事件"]],
        manual_scores=[ManualScore(s["项目"], s["得分"], "assessor" if s["角色"] == "考核组" else "self", s["评分人"], s["日期"], "plans/x/台账/2027.yaml", s["行"]) for s in facts["评分"]],
    )
    card = score_unit(MINIMAL, obs)
    assert (card.score, card.grade_by_score, card.grade, card.loses_award) == (20, "合格", "不合格", True)
    assert [v.id for v in card.vetoes if v.triggered] == ["accountability", "opinion-mishandled"]
    table = render_scorecards("table", [card], ScoreRenderOptions(lang="zh", width=80)).decode("utf-8")
    assert "否决项（已触发 2 项）" in table and "问责：王晓峰，通报批评（2027-09-03）（plans/x/台账/2027.yaml:60）" in table
    assert "等次：不合格" in table and "按得分为“合格”，因否决项定为“不合格”" in table


def test_a_veto_naming_a_grade_lowers_to_it_and_never_raises(tmp_path):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8").replace("    后果: {等次降为: 最低, 取消评优: true}", "    后果: {等次降为: 合格}")
    path = tmp_path / "named-grade.yaml"
    path.write_text(text, encoding="utf-8")
    rubric = load_rubric(path)
    mishandled = [EventFact("major-opinion", "重大舆情", dt.date(2027, 8, 2), "处置不力")]
    low = score_unit(rubric, observe(events=mishandled))  # 0 points: 不合格 by score stays 不合格
    assert (low.grade_by_score, low.grade, low.loses_award) == ("不合格", "不合格", False)
    last_year = score_unit(rubric, observe(events=[EventFact("major-opinion", "重大舆情", dt.date(2026, 8, 2), "处置不力")]))
    assert not last_year.vetoed
