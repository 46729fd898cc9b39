"""Publish the drop report: read a warehouse's marts, build the page, write it.

The one way the report is made: the Dagster ``drop_report`` asset (orchestration/defs/report/)
and the ``newsdesk report`` command (orchestration/cli.py) both call :func:`publish_report`.
Reading is orchestration/warehouse/report_data.py, the page orchestration/lib/pages/report.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from duckdb import DuckDBPyConnection

from orchestration import settings
from orchestration.lib.pages.report import (
    Report,
    build_report,
    relative_links,
    report_name,
    write_report,
)
from orchestration.warehouse.report_data import read_report_data


class UnknownDropError(LookupError):
    """The drop asked for has no row in marts.drop_files."""


@dataclass(frozen=True)
class PublishedReport:
    report: Report  # the page, its chart specs and its summary
    path: Path  # reports_dir/report-<drop>.html
    latest: Path  # reports_dir/latest.html, the same page


def publish_report(
    connect: Callable[[], AbstractContextManager[DuckDBPyConnection]],
    drop_id: str | None = None,
    *,
    must_exist: bool = False,
    name_by_run: bool = False,
) -> PublishedReport:
    """Read the report of ``drop_id`` (default: the drop ingested last) through a connection of
    ``connect()`` (closed before the page is built), build it with links to the sibling pages
    (dbt docs, Data Docs) and write it to ``settings.reports_dir()`` as report-<drop>.html and
    latest.html.

    The file is named after the drop read; with ``name_by_run``, after ``drop_id`` as given
    (the Dagster asset's: a run without a drop gets report-<UTC timestamp>.html).

    Raises NoMartsError when the warehouse has no marts, and UnknownDropError when
    ``must_exist`` and the drop has no file in the warehouse (a report of nothing is written
    otherwise: an empty drop's run still gets its page).
    """
    now = dt.datetime.now(dt.UTC)
    with connect() as conn:
        data = read_report_data(conn, drop_id)
    if must_exist and data.drop_files.is_empty():
        raise UnknownDropError(drop_id)
    reports = settings.reports_dir()
    report = build_report(data, now, relative_links(reports, settings.docs_pages()))
    name = report_name(drop_id if name_by_run else data.drop_id, now)
    path = write_report(report.html, reports, name)
    return PublishedReport(report=report, path=path, latest=reports / "latest.html")
