"""kaitei.read_tables: one DataFrame per table, with page, bbox and mode in df.attrs."""

import threading
import time

import pandas as pd
import pytest

import kaitei
from conftest import corpus, data


def test_two_tables_as_dataframes_with_their_attributes():
    tables = kaitei.read_tables(data("fixtures/two-tables.pdf"))
    assert len(tables) == 2
    first, second = tables
    assert isinstance(first, pd.DataFrame)
    assert first.values.tolist() == [["岡山市", "津山市", "玉野市"], ["和気町", "吉備中央町", "久米南町"]]
    assert list(first.columns) == [0, 1, 2]
    assert second.values.tolist() == [["指標", "目標値"], ["創業件数", "40件"], ["Startup events", "12"]]
    assert first.attrs["page"] == 1
    assert first.attrs["bbox"] == (60.0, 731.0, 360.0, 775.0)
    assert first.attrs["mode"] == "lattice"
    assert (first.attrs["nrows"], first.attrs["ncols"]) == (2, 3)
    assert second.attrs["bbox"] == (60.0, 589.0, 370.0, 655.0)


def test_unruled_tables_say_their_mode_and_confidence():
    (table,) = kaitei.read_tables(data("fixtures/stream-booktabs.pdf"))
    assert table.values.tolist() == [
        ["Region", "Population", ""],
        ["", "2010", "2020"],
        ["North", "1,204", "1,310"],
        ["South", "980", "1,002"],
        ["East", "2,511", "2,730"],
        ["West", "77", "81"],
    ]
    assert table.attrs["mode"] == "stream"
    assert set(table.attrs["confidence"]) == {"accuracy", "whitespace"}
    assert kaitei.read_tables(data("fixtures/stream-booktabs.pdf"), mode="lattice") == []


def test_a_bad_mode_is_a_value_error():
    with pytest.raises(ValueError, match=r'mode "grid": expected "auto", "lattice" or "stream"'):
        kaitei.read_tables(data("fixtures/two-tables.pdf"), mode="grid")


@pytest.mark.parametrize("pages", [2, "2", [2], "2-2"])
def test_pages_as_number_string_or_list(pages):
    tables = kaitei.read_tables(corpus("okayama-2022-full.lo.pdf"), pages=pages)
    assert [t.attrs["page"] for t in tables] == [2]
    matrix = tables[0]
    assert matrix.shape == (18, 15)
    assert matrix.iloc[1, 2:5].tolist() == ["津山市", "玉野市", "総社市"]
    assert matrix.iloc[2, 0] == "圏域全体の経済成長のけん引"


def test_all_pages_like_camelot():
    every = kaitei.read_tables(corpus("okayama-2023-draft.lo.pdf"), pages="all")
    default = kaitei.read_tables(corpus("okayama-2023-draft.lo.pdf"))
    assert [t.attrs for t in every] == [t.attrs for t in default]
    assert len(every) > 20


def test_bad_pages_are_a_value_error():
    with pytest.raises(ValueError, match=r'pages "x": expected page numbers and ranges like 1-3,7'):
        kaitei.read_tables(data("fixtures/two-tables.pdf"), pages="x")


def test_errors_carry_the_command_lines_one_line_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.pdf").write_bytes(b"<!DOCTYPE html><html><body>404</body></html>")
    (tmp_path / "empty.pdf").write_bytes(b"")
    with pytest.raises(kaitei.NotPdfError) as e:
        kaitei.read_tables("page.pdf")
    assert str(e.value) == "page.pdf: not a PDF (HTML document)"
    with pytest.raises(kaitei.FileError) as e:
        kaitei.read_tables("empty.pdf")
    assert str(e.value) == "empty.pdf: empty file (0 bytes)"
    with pytest.raises(kaitei.FileError) as e:
        kaitei.read_tables("missing.pdf")
    assert str(e.value).startswith("missing.pdf: cannot read file: ")
    assert issubclass(kaitei.NotPdfError, kaitei.Error)
    assert issubclass(kaitei.Error, Exception)


def test_the_gil_is_released_while_a_pdf_is_read():
    """While another thread reads PDFs, this thread keeps running: no gap in its ticks as long
    as a read. (A read holding the GIL would stop this thread for the whole read.)"""
    path = corpus("okayama-2023-full.lo.pdf")
    kaitei.read_tables(path)  # warm the font cache
    durations = []
    done = threading.Event()

    def reader():
        for _ in range(4):
            t0 = time.perf_counter()
            kaitei.read_tables(path)
            durations.append(time.perf_counter() - t0)
        done.set()

    ticks = []
    t = threading.Thread(target=reader)
    t.start()
    while not done.is_set():
        ticks.append(time.perf_counter())
    t.join()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert max(gaps) < 0.5 * min(durations), (max(gaps), durations)
