"""dbt docs as one static page, and whether every mart column is documented.

``dbt docs generate --static`` writes ``static_index.html``: the docs site with the manifest and
the catalog inlined, so it opens from disk with no server. It loads nothing remote (checked with
orchestration.lib.pages.offline and in a headless browser); its usage tracker only starts when the
manifest says ``send_anonymous_usage_stats: true``, and dbt_project.yml sets it to false.

The page only changes when the dbt project or the warehouse's tables and columns change, so it is
generated once per fingerprint of those (``docs_fingerprint``): most runs load new rows into the
same tables and keep the page, and a new data folder gets a copy of a page generated for the same
project and columns (``dbt docs generate`` costs ~8 s). Generated pages are kept in
``dbt_project/target/docs/<fingerprint>/``; a generation runs in a temporary folder renamed into
place when complete, so concurrent runs never publish half a page.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

STATIC_PAGE = "static_index.html"
FINGERPRINT = "fingerprint.txt"
# dbt's own output and installed packages: not part of the project's source
NOT_SOURCE = {"target", "logs", "dbt_packages"}


def docs_fingerprint(project_dir: Path, columns: Iterable[tuple]) -> str:
    """What the docs page is made of: dbt's version, every source file of the project, and the
    warehouse's columns (schema, table, column, type rows, as the catalog reads them)."""
    digest = hashlib.sha256(importlib.metadata.version("dbt-core").encode())
    files = sorted(
        p
        for p in project_dir.rglob("*")
        if p.is_file()
        and p.relative_to(project_dir).parts[0] not in NOT_SOURCE
        and not any(part.startswith(".") for part in p.relative_to(project_dir).parts)
    )
    for path in files:
        digest.update(path.relative_to(project_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for row in columns:
        digest.update(repr(tuple(row)).encode() + b"\n")
    return digest.hexdigest()


def published_fingerprint(out_dir: Path) -> str | None:
    """The fingerprint of the page in ``out_dir``, if there is a page."""
    marker = out_dir / FINGERPRINT
    if (out_dir / "index.html").exists() and marker.exists():
        return marker.read_text(encoding="utf-8").strip()
    return None


def cache_folder(cache_root: Path, fingerprint: str) -> Path:
    return cache_root / fingerprint[:16]


def new_generation_folder(cache_root: Path) -> Path:
    """A fresh folder for ``dbt docs generate --target-path``, seeded with the newest
    ``partial_parse.msgpack`` (dbt reuses it when the profile matches: seconds saved)."""
    tmp = cache_root / f".generating-{uuid.uuid4().hex}"
    tmp.mkdir(parents=True)
    done = sorted(
        (
            p
            for p in cache_root.glob("*/partial_parse.msgpack")
            if not p.parent.name.startswith(".")
        ),
        key=lambda p: p.stat().st_mtime,
    )
    if done:
        shutil.copyfile(done[-1], tmp / "partial_parse.msgpack")
    return tmp


def keep_generation(tmp: Path, folder: Path, keep: int = 3) -> Path:
    """Rename a finished generation to its fingerprint's folder (another process may have got
    there first: then its copy stands) and drop all but the ``keep`` newest generations."""
    try:
        os.replace(tmp, folder)
    except OSError:  # the folder exists and is not empty
        shutil.rmtree(tmp, ignore_errors=True)
    generations = sorted(
        (p for p in folder.parent.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
    )
    for old in generations[:-keep]:
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
    return folder


def publish_static_docs(target_dir: Path, out_dir: Path, fingerprint: str = "") -> Path:
    """Copy ``static_index.html`` (and the manifest / catalog beside it, for tools) to
    ``out_dir/index.html`` through a temporary file, so a reader never sees half a page."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in ("manifest.json", "catalog.json"):
        if (target_dir / name).exists():
            shutil.copyfile(target_dir / name, out_dir / name)
    index = out_dir / "index.html"
    tmp = out_dir / ".index.html.tmp"
    shutil.copyfile(target_dir / STATIC_PAGE, tmp)
    os.replace(tmp, index)
    (out_dir / FINGERPRINT).write_text(fingerprint, encoding="utf-8")
    return index


def undocumented_columns(
    manifest: Mapping[str, Any], catalog: Mapping[str, Any], folder: str = "marts"
) -> list[str]:
    """``model.column`` for every column the warehouse has (catalog) in the models of ``folder``
    whose description is missing or empty in the dbt project (manifest)."""
    missing: list[str] = []
    for unique_id, node in manifest.get("nodes", {}).items():
        fqn = node.get("fqn") or []
        if node.get("resource_type") != "model" or len(fqn) < 3 or fqn[1] != folder:
            continue
        documented = {
            name.lower()
            for name, column in (node.get("columns") or {}).items()
            if (column.get("description") or "").strip()
        }
        actual = (catalog.get("nodes", {}).get(unique_id) or {}).get("columns") or {}
        missing += [
            f"{node['name']}.{name.lower()}" for name in actual if name.lower() not in documented
        ]
    return sorted(missing)


def documented_models(manifest: Mapping[str, Any], folder: str = "marts") -> list[str]:
    return sorted(
        node["name"]
        for node in manifest.get("nodes", {}).values()
        if node.get("resource_type") == "model" and (node.get("fqn") or [None, None])[1] == folder
    )
