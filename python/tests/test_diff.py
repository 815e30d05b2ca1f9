"""kaitei.diff: the change log as a DataFrame and the Japanese reports."""

import pytest

import kaitei
from conftest import corpus, data


@pytest.fixture(scope="module")
def log():
    return kaitei.diff(corpus("okayama-2022-full.lo.pdf"), corpus("okayama-2023-full.lo.pdf"))


def test_events_one_row_per_event(log):
    assert (log.base, log.revised) == ("okayama-2022-full.lo", "okayama-2023-full.lo")
    assert len(log) == 56
    e = log.events
    assert len(e) == 56
    # The corpus README's counts of 2022 -> 2023.
    assert e.kind.value_counts().to_dict() == {
        "text_changed": 14,
        "budget_changed": 13,
        "partner_added": 9,
        "kpi_changed": 6,
        "total_changed": 5,
        "phase_changed": 4,
        "partner_removed": 3,
        "project_added": 1,
        "project_renamed": 1,
    }
    first = e.iloc[0]
    assert (first.kind, first.kind_ja, first.project, first.partner) == (
        "partner_added",
        "連携市町の追加",
        "スタートアップ企業支援",
        "吉備中央町",
    )
    budget = e.iloc[1]
    assert (budget.fy, budget["from"], budget.to) == ("R4", "12000", "15000")


def test_reports(log):
    md = log.to_markdown()
    assert md.startswith("# 変更箇所一覧\n")
    assert "## 追加事業" in md and "文学によるまちづくり推進事業" in md
    html = log.to_html(new_right=True)
    assert html.startswith("<!DOCTYPE html>")
    assert "新旧対照表 okayama-2022-full.lo → okayama-2023-full.lo" in html


def test_plans_and_records_json_compare_like_paths(log):
    a = kaitei.extract(corpus("okayama-2022-full.lo.pdf"))
    b = kaitei.extract(corpus("okayama-2023-full.lo.pdf"))
    assert kaitei.diff(a, b).to_json() == log.to_json()
    truth = kaitei.diff(data("okayama-2022-full.json"), data("okayama-2023-full.json"))
    assert len(truth) == 56


def test_a_missing_version_raises(tmp_path):
    with pytest.raises(kaitei.FileError) as e:
        kaitei.diff(tmp_path / "a.pdf", corpus("okayama-2023-full.lo.pdf"))
    assert str(e.value).startswith(f"{tmp_path / 'a.pdf'}: cannot read file: ")
