"""Paths to the repository's corpus and fixtures (the package is tested from the source tree)."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def root() -> Path:
    return ROOT


def corpus(name: str) -> Path:
    """A corpus PDF (inputs/)."""
    return ROOT / "inputs" / name


def data(name: str) -> Path:
    """A file under tests/data/."""
    return ROOT / "tests" / "data" / name
