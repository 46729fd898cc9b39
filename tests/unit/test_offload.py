"""Rules run in a child process: arguments and result travel intact, small inputs stay in the
process, a failing rule says which and why in one line."""

from __future__ import annotations

import os

import polars as pl
import pytest

from orchestration.runtime import offload
from tests.helpers.offload_rules import failing, pid_and_inputs

FRAME = pl.DataFrame({"value": [1.5, None, 3.0]})


def test_a_large_input_runs_in_a_child_with_its_arguments_intact(monkeypatch):
    monkeypatch.setenv(offload.MIN_ROWS_ENV, "3")
    out = offload.run_rule(pid_and_inputs, FRAME, ["a", "b"], None)
    assert set(out.get_column("pid")) != {os.getpid()}
    assert out.get_column("value").to_list() == [1.5, None, 3.0]
    assert out.get_column("names").to_list() == [["a", "b"]] * 3
    assert out.get_column("nothing").to_list() == [True] * 3


def test_a_small_input_stays_in_the_process(monkeypatch):
    monkeypatch.setenv(offload.MIN_ROWS_ENV, "4")
    out = offload.run_rule(pid_and_inputs, FRAME, ["a"], None)
    assert set(out.get_column("pid")) == {os.getpid()}
    monkeypatch.delenv(offload.MIN_ROWS_ENV)
    assert offload.min_rows() == offload.MIN_ROWS


def test_a_failing_rule_names_itself_and_its_error(monkeypatch):
    monkeypatch.setenv(offload.MIN_ROWS_ENV, "0")
    with pytest.raises(RuntimeError, match=r"failing failed in its child process \(exit 1\).*"
                                           r"ValueError: no rule for 3 rows"):
        offload.run_rule(failing, FRAME)
