"""The layout the README promises: pure lib/, modules of a readable size."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orchestration

PACKAGE = Path(orchestration.__file__).resolve().parent
MAX_LINES = 500


def test_lib_imports_neither_dagster_nor_duckdb():
    # A fresh interpreter: the test session itself has both loaded.
    probe = (
        "import importlib, pkgutil, sys, orchestration.lib as lib\n"
        "for m in pkgutil.walk_packages(lib.__path__, 'orchestration.lib.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(sorted({k.split('.')[0] for k in sys.modules} & {'dagster', 'duckdb'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_no_module_is_past_the_size_limit():
    sizes = {
        str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}
