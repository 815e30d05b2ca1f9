"""kaitei (改訂): Japanese municipal plan PDFs as pandas DataFrames.

Three calls, like the table extractors you know (camelot, tabula-py, pdfplumber)::

    import kaitei
    tables = kaitei.read_tables("plan.pdf", pages="1-3")   # list[pandas.DataFrame]
    plan = kaitei.extract("plan.pdf")                       # .projects .budgets .participation .warnings
    log = kaitei.diff("plan-2022.pdf", "plan-2023.pdf")     # .events .to_markdown() .to_html()

The PDF is read by kaitei's Rust library with the GIL released. Errors are ``kaitei.Error``
subclasses whose message is the one line the ``kaitei`` command prints.
"""

from __future__ import annotations

import io
import json
import os
import warnings as _warnings
from functools import cached_property
from typing import Iterable, List, Optional, Sequence, Tuple, Union

import pandas as pd

from . import _kaitei
from ._kaitei import (
    DamagedError,
    EncryptedError,
    Error,
    FileError,
    JsonError,
    LimitError,
    NoSuchPageError,
    NotAVisionError,
    NotPdfError,
)

__version__ = _kaitei.__version__

__all__ = [
    "read_tables",
    "extract",
    "diff",
    "Plan",
    "ChangeLog",
    "KaiteiWarning",
    "Error",
    "FileError",
    "NotPdfError",
    "DamagedError",
    "EncryptedError",
    "LimitError",
    "NotAVisionError",
    "JsonError",
    "NoSuchPageError",
]

PathLike = Union[str, "os.PathLike[str]"]
Pages = Union[None, int, str, Iterable[int]]

_EVENT_JA, _WARNING_JA = (dict(x) for x in _kaitei.labels_ja())


class KaiteiWarning(UserWarning):
    """Something kaitei was unsure of while reading a PDF (a page skipped, unmapped glyphs)."""


def _pages(pages: Pages) -> Optional[str]:
    """``None``, ``3``, ``"1-3,7"`` or ``[1, 2, 7]`` → kaitei's page list ``"1,2,7"``."""
    if pages is None:
        return None
    if isinstance(pages, bool):
        raise TypeError("pages must be an int, a string like '1-3,7' or a list of ints")
    if isinstance(pages, int):
        return str(pages)
    if isinstance(pages, str):
        # camelot and tabula say "all" for every page.
        return None if pages.strip().lower() == "all" else pages
    numbers = [int(p) for p in pages]
    if not numbers:
        raise ValueError("pages: an empty list")
    return ",".join(str(n) for n in numbers)


def read_tables(
    path: PathLike,
    pages: Pages = None,
    password: Optional[str] = None,
    raw: bool = False,
    mode: str = "auto",
    area: Optional[Tuple[float, float, float, float]] = None,
    columns: Optional[Sequence[float]] = None,
) -> List[pd.DataFrame]:
    """The tables of a PDF, one DataFrame per table, in page order.

    Like ``camelot.read_pdf(...)[i].df``: integer column labels, every cell a string, a merged
    cell's text once at its top-left position and ``""`` at the others. ``df.attrs`` holds
    ``page`` (1-based), ``bbox`` (``(x0, y0, x1, y1)`` in PDF points, origin bottom-left of the
    page as displayed), ``mode`` (``"lattice"`` for a table read from its rules, ``"hybrid"`` for a
    ruled table whose open rows or columns were read from its text, ``"stream"`` for a table read
    from text alignment alone), ``confidence`` (``accuracy`` and ``whitespace``, as in camelot's
    parsing report) and what else kaitei knows of the table (``turned``, ``inferred_sides``,
    ``nrows``, ``ncols``).

    ``pages``: ``None`` for all, a page number, ``"1-3,7"`` or a list of numbers.
    ``raw`` keeps the text as the fonts map it (no repair of radical code points).
    ``mode``: ``"auto"`` (ruled tables where rules close the cells, unruled ones elsewhere),
    ``"lattice"`` or ``"stream"``. Hints for one page's table, as camelot takes them: ``area``
    ``(x0, y0, x1, y1)`` in PDF points and ``columns``, the x positions of column boundaries.
    Warnings (a page skipped, unmapped glyphs) are issued as :class:`KaiteiWarning`.
    """
    tables, warnings_json = _kaitei.read_tables(
        os.fspath(path),
        _pages(pages),
        password,
        raw,
        mode,
        tuple(area) if area is not None else None,
        [float(c) for c in columns] if columns is not None else None,
    )
    for w in json.loads(warnings_json):
        page = f" (page {w['page']})" if w.get("page") else ""
        _warnings.warn(f"{w['kind']}: {w['message']}{page}", KaiteiWarning, stacklevel=2)
    out = []
    for rows, attrs in tables:
        df = pd.DataFrame(rows, dtype=object)
        a = json.loads(attrs)
        a["bbox"] = tuple(a["bbox"])
        df.attrs = a
        out.append(df)
    return out


def _read_csv(data: bytes, dtypes: dict) -> pd.DataFrame:
    """A CSV kaitei wrote (UTF-8 with BOM) with the given column types; empty cells are missing."""
    return pd.read_csv(
        io.BytesIO(data),
        encoding="utf-8-sig",
        dtype=dtypes,
        keep_default_na=False,
        na_values=[""],
    )


def _warnings_frame(warnings_json: str) -> pd.DataFrame:
    rows = json.loads(warnings_json)
    df = pd.DataFrame(rows, columns=["kind", "message", "message_ja", "page", "bbox"])
    df["page"] = df["page"].astype("Int64")
    return df


_TEXT = "string"
_INT = "Int64"


class Plan:
    """The records of one version of a vision (returned by :func:`extract`)."""

    def __init__(self, native: "_kaitei.Plan") -> None:
        self._native = native

    @property
    def version(self) -> str:
        """Version id (the file name without its extension)."""
        return self._native.version

    @property
    def title(self) -> str:
        return self._native.title

    @property
    def edition(self) -> str:
        """Edition as printed, e.g. 令和5年(2023年)3月."""
        return self._native.edition

    @property
    def excerpt(self) -> bool:
        """True for a draft that prints only the changed pages."""
        return self._native.excerpt

    def __repr__(self) -> str:
        return f"<kaitei.Plan {self.version!r}: {len(self.projects)} projects>"

    @cached_property
    def _records(self) -> dict:
        return json.loads(self._native.to_json())

    @cached_property
    def projects(self) -> pd.DataFrame:
        """One row per project (matrix row): name, role, initiative, page_ref, partners (the
        matrix ○ set, a list), card (whether the card is printed), purpose, total (千円), page."""
        rows = []
        for p in self._records["projects"]:
            card = p.get("card") or {}
            rows.append(
                {
                    "version": self.version,
                    "project": p["name"],
                    "role": p["role"],
                    "initiative": p["initiative"],
                    "page_ref": p.get("page_ref"),
                    "partners": list(p["matrix_partners"]),
                    "card": bool(card),
                    "purpose": card.get("purpose"),
                    "total": card.get("total"),
                    "page": ((card.get("source") or p.get("source")) or {}).get("page"),
                }
            )
        df = pd.DataFrame(
            rows,
            columns=["version", "project", "role", "initiative", "page_ref", "partners", "card", "purpose", "total", "page"],
        )
        for c in ("page_ref", "total", "page"):
            df[c] = df[c].astype(_INT)
        for c in ("version", "project", "role", "initiative", "purpose"):
            df[c] = df[c].astype(_TEXT)
        return df

    @cached_property
    def budgets(self) -> pd.DataFrame:
        """One row per project and fiscal year (printed cards): the budgets CSV —
        ``version, project, fy, fiscal_year, phase, amount, total, unit`` (amounts in 千円)."""
        return _read_csv(
            self._native.budgets_csv(),
            {
                "version": _TEXT,
                "project": _TEXT,
                "fy": _TEXT,
                "fiscal_year": _INT,
                "phase": _TEXT,
                "amount": _INT,
                "total": _INT,
                "unit": _TEXT,
            },
        )

    @cached_property
    def participation(self) -> pd.DataFrame:
        """One row per project and partner: the participation CSV —
        ``version, project, partner, code, matrix, card`` (code: 全国地方公共団体コード)."""
        return _read_csv(
            self._native.participation_csv(),
            {"version": _TEXT, "project": _TEXT, "partner": _TEXT, "code": _TEXT, "matrix": _INT, "card": _INT},
        )

    @cached_property
    def warnings(self) -> pd.DataFrame:
        """Where kaitei was unsure: ``kind, message, message_ja, page, bbox``."""
        return _warnings_frame(self._native.warnings_json())

    def to_json(self) -> str:
        """The records JSON (``kaitei.records/1``), as ``kaitei extract`` writes it."""
        return self._native.to_json()

    def to_excel(self, path: PathLike) -> None:
        """Writes the Excel workbook of the plan (事業費, 連携市町, 警告)."""
        with open(path, "wb") as f:
            f.write(self._native.to_xlsx())


def extract(path: PathLike, password: Optional[str] = None) -> Plan:
    """The records of a vision PDF (or of a records JSON file kaitei wrote)."""
    return Plan(_kaitei.extract(os.fspath(path), password))


_EVENT_COLUMNS = {
    "kind": _TEXT,
    "project": _TEXT,
    "field": _TEXT,
    "side": _TEXT,
    "fy": _TEXT,
    "partner": _TEXT,
    "indicator": _TEXT,
    "from_name": _TEXT,
    "from": _TEXT,
    "to": _TEXT,
    "added": _TEXT,
    "removed": _TEXT,
    "base_page": _INT,
    "revised_page": _INT,
    "notes": _TEXT,
}


class ChangeLog:
    """The semantic changes from one version to another (returned by :func:`diff`)."""

    def __init__(self, native: "_kaitei.ChangeLog") -> None:
        self._native = native

    @property
    def base(self) -> str:
        """The older version id."""
        return self._native.base

    @property
    def revised(self) -> str:
        """The newer version id."""
        return self._native.revised

    def __len__(self) -> int:
        return len(self._native)

    def __repr__(self) -> str:
        return f"<kaitei.ChangeLog {self.base!r} → {self.revised!r}: {len(self)} events>"

    @cached_property
    def events(self) -> pd.DataFrame:
        """One row per event: the events CSV (``kind, project, field, side, fy, partner,
        indicator, from_name, from, to, added, removed, base_page, revised_page, notes``) and
        ``kind_ja``, the kind as the Japanese reports name it. Amounts in ``from``/``to`` are
        千円."""
        df = _read_csv(self._native.events_csv(), _EVENT_COLUMNS)
        df.insert(1, "kind_ja", df["kind"].map(_EVENT_JA).astype(_TEXT))
        return df

    @cached_property
    def warnings(self) -> pd.DataFrame:
        """Marking mismatches and missing cards: ``kind, message, message_ja, page, bbox``."""
        return _warnings_frame(self._native.warnings_json())

    def to_json(self) -> str:
        """The change log JSON (``kaitei.changes/1``)."""
        return self._native.to_json()

    def to_markdown(self) -> str:
        """The 変更箇所 summary (Markdown, Japanese)."""
        return self._native.to_markdown()

    def to_html(self, new_right: bool = False, markers: bool = False) -> str:
        """The self-contained HTML report (新旧対照表, participation, budgets, warnings)."""
        return self._native.to_html(new_right, markers)

    def to_excel(self, path: PathLike, new_right: bool = False, markers: bool = False) -> None:
        """Writes the Excel workbook (変更一覧, 新旧対照表, 事業費, 連携市町, 警告)."""
        with open(path, "wb") as f:
            f.write(self._native.to_xlsx(new_right, markers))


def diff(old: Union[PathLike, Plan], new: Union[PathLike, Plan], password: Optional[str] = None) -> ChangeLog:
    """Compares two versions in the order given; each a PDF, a records JSON or a :class:`Plan`."""

    def side(v):
        return v._native if isinstance(v, Plan) else os.fspath(v)

    return ChangeLog(_kaitei.diff(side(old), side(new), password))
