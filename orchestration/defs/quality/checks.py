"""Great Expectations suites surfaced as Dagster asset checks.

The checks run inside the asset that owns the data (``check_specs``): the frame is validated before
it is written, so the gate needs no second pass over the warehouse and no extra DuckDB connection.
"""

from __future__ import annotations

import dagster as dg

from orchestration import settings
from orchestration.lib.quality.gate import GateResult, check_names
from orchestration.lib.read.drop import DropAccount

BATCH_CHECK = "drop_has_accepted_articles"
ACCOUNTING_CHECK = "every_file_accounted_for"


def article_check_specs(asset_key: str) -> list[dg.AssetCheckSpec]:
    specs = [
        dg.AssetCheckSpec(name=name, asset=asset_key, description=f"GE: {description}")
        for name, description in check_names(settings.ARTICLES_SUITE)
    ]
    specs.append(
        dg.AssetCheckSpec(
            name=ACCOUNTING_CHECK,
            asset=asset_key,
            description="Every file of the drop (recounted independently of the reader) has a "
            "row, every JSON record its own row, and accepted + quarantined + duplicate equals "
            "the rows written: nothing in a drop is silently dropped.",
        )
    )
    specs.append(
        dg.AssetCheckSpec(
            name=BATCH_CHECK,
            asset=asset_key,
            blocking=True,
            description="Blocks extraction and the marts when no file of the drop passed the "
            "gate (a wholly broken batch).",
        )
    )
    return specs


def article_check_results(gate: GateResult, accepted: int, total: int) -> list[dg.AssetCheckResult]:
    results = [
        dg.AssetCheckResult(
            check_name=o.check_name,
            passed=o.success,
            # Failing rows are quarantined, not fatal: the check warns and names them.
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "reason_code": o.reason_code,
                "expectation": o.expectation_type,
                "unexpected_count": o.unexpected_count,
                "quarantined_files": [p.rsplit("/", 1)[-1] for p in o.unexpected_paths][:50],
            },
        )
        for o in gate.outcomes
    ]
    results.append(
        dg.AssetCheckResult(
            check_name=BATCH_CHECK,
            passed=accepted > 0 or total == 0,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={"accepted": accepted, "files": total},
            description=None
            if accepted > 0 or total == 0
            else "every file of this drop was quarantined; see raw.articles.quarantine_detail",
        )
    )
    return results


def accounting_check_result(account: DropAccount) -> dg.AssetCheckResult:
    problems = (
        [f"no row for {p}" for p in account.missing[:20]]
        + [f"row for a file not in the drop: {p}" for p in account.unexpected[:20]]
        + [f"row written twice: {k}" for k in account.repeated[:20]]
    )
    return dg.AssetCheckResult(
        check_name=ACCOUNTING_CHECK,
        passed=account.balanced,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={
            "files_in_drop": account.entries,
            "rows": account.rows,
            "accepted": account.accepted,
            "quarantined": account.quarantined,
            "duplicate": account.duplicate,
            "balance": f"{account.accepted} + {account.quarantined} + {account.duplicate} "
            f"= {account.accepted + account.quarantined + account.duplicate} of {account.rows}",
        },
        description="; ".join(problems) or None,
    )
