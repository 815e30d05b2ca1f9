"""The README's three Python lines run as written (from the repository root)."""

import re

import pandas as pd


def test_readme_python_lines(root, monkeypatch):
    readme = (root / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Python\n.*?```python\n(.*?)```", readme, re.S)
    assert block, "README has a Python section with a python block"
    code = block.group(1)
    assert code.count("kaitei.") >= 3
    monkeypatch.chdir(root)
    ns = {}
    exec(code, ns)
    assert isinstance(ns["tables"][0], pd.DataFrame)
    assert len(ns["plan"].budgets) > 0
    assert len(ns["log"].events) > 0
