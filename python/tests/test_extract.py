"""kaitei.extract: the records of a vision as DataFrames."""

import json

import pandas as pd
import pytest

import kaitei
from conftest import corpus, data


@pytest.fixture(scope="module")
def plan():
    return kaitei.extract(corpus("okayama-2023-full.lo.pdf"))


def test_plan_identity(plan):
    assert plan.version == "okayama-2023-full.lo"
    assert plan.title == "第2期岡山連携中枢都市圏ビジョン《別冊》"
    assert plan.edition == "令和5年(2023年)3月"
    assert plan.excerpt is False


def test_projects_one_row_per_matrix_row(plan):
    p = plan.projects
    assert len(p) == 42
    row = p[p.project == "スタートアップ企業支援"].iloc[0]
    assert row.partners == ["玉野市", "総社市", "備前市", "真庭市", "吉備中央町"]
    assert bool(row.card) is True
    assert row.total == 75000
    assert row.role == "圏域全体の経済成長のけん引"


def test_budgets_say_their_year_and_unit(plan):
    b = plan.budgets
    assert list(b.columns) == ["version", "project", "fy", "fiscal_year", "phase", "amount", "total", "unit"]
    assert str(b.amount.dtype) == "Int64"
    r = b[(b.project == "スタートアップ企業支援") & (b.fy == "R4")].iloc[0]
    assert (r.fiscal_year, r.amount, r.total, r.unit) == (2022, 15000, 75000, "千円")
    assert set(b.unit) == {"千円"}
    # An empty amount cell is missing, not 0.
    empty = b[(b.project == "高齢者見守りネットワーク連携") & (b.fy == "R6")].iloc[0]
    assert pd.isna(empty.amount)


def test_participation_has_municipality_codes(plan):
    p = plan.participation
    assert list(p.columns) == ["version", "project", "partner", "code", "matrix", "card"]
    r = p[(p.project == "スタートアップ企業支援") & (p.partner == "吉備中央町")].iloc[0]
    assert (r.code, r.matrix, r.card) == ("336815", 1, 1)


def test_warnings_in_english_and_japanese(plan):
    w = plan.warnings
    assert list(w.columns) == ["kind", "message", "message_ja", "page", "bbox"]
    m = w[w.kind == "total_mismatch"].iloc[0]
    assert m.message == "外国人コミュニケーション支援: the amounts add up to 150千円 but 計 is 0千円"
    assert m.message_ja == "各年度の事業費の合計が、記載された計と一致しません。"
    assert m.page == 42


def test_to_json_is_the_records_format(plan):
    v = json.loads(plan.to_json())
    assert v["schema"] == "kaitei.records/1"
    assert len(v["projects"]) == 42


def test_records_json_reads_too():
    p = kaitei.extract(data("okayama-2023-draft.json"))
    assert p.version == "okayama-2023-draft"
    assert p.excerpt is True


def test_excel_workbook(plan, tmp_path):
    out = tmp_path / "plan.xlsx"
    plan.to_excel(out)
    assert out.read_bytes()[:2] == b"PK"


def test_a_pdf_that_is_not_a_vision():
    path = data("fixtures/two-tables.pdf")
    with pytest.raises(kaitei.NotAVisionError) as e:
        kaitei.extract(path)
    assert str(e.value) == f"{path}: not a vision: no participation matrix found"
