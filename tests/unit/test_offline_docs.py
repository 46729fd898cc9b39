"""Pages that open offline: the remote-resource scanner, GE Data Docs rewritten to local copies,
and the dbt docs column check."""

from __future__ import annotations

from pathlib import Path

from orchestration.lib.pages.dbt_docs import undocumented_columns
from orchestration.lib.pages.offline import remote_resources
from orchestration.lib.quality import data_docs
from tests.helpers.html_tools import loaded_urls

# The remote loads of a real GX 1.24 Data Docs page.
GX_PAGE = (Path(__file__).resolve().parents[1] / "fixtures" / "gx_data_docs_page.html").read_text()


def test_scanner_counts_loads_not_links():
    html = """<html><head><link rel="stylesheet" href="//cdn.example/x.css">
    <link rel="canonical" href="https://example.org/page">
    <style>@import url("https://fonts.example/f.css");
    .a { background: url(data:image/png;base64,x) }</style></head>
    <body><img srcset="a.png 1x, https://img.example/b.png 2x">
    <svg xmlns="http://www.w3.org/2000/svg"><image href="https://img.example/c.svg"/></svg>
    <div style="background-image: url('https://img.example/d.png')"></div>
    <a href="https://example.org/read-more">read more</a></body></html>"""
    assert remote_resources(html) == [
        "//cdn.example/x.css",
        "https://fonts.example/f.css",
        "https://img.example/b.png",
        "https://img.example/c.svg",
        "https://img.example/d.png",
    ]


def test_gx_page_points_at_local_copies():
    html, replaced = data_docs.localise_html(GX_PAGE, "../static")
    assert remote_resources(html) == []
    assert "integrity=" not in html and "crossorigin" not in html
    local = sorted(u for u in loaded_urls(html) if u.startswith("../static/"))
    assert local == sorted(
        [
            "../static/vendor/newsdesk/data-docs.css",
            "../static/vendor/bootstrap/css/bootstrap.min.css",
            "../static/images/logo-long.png",  # the dark-mode background, now local
            "../static/vendor/font-awesome/css/all.min.css",
            "../static/vendor/jquery/jquery.min.js",
            "../static/vendor/bootstrap/js/bootstrap.bundle.min.js",
            "../static/vendor/newsdesk/table.js",
            "../static/images/logo-long.png",
        ]
    )
    assert replaced["https://cdn.jsdelivr.net/npm/vega@5"] == "dropped"
    assert 'href="https://greatexpectations.io"' in html  # plain links stay


def test_site_gets_every_file_its_pages_load(tmp_path):
    site = tmp_path / "data_docs"
    (site / "validations" / "suite" / "run").mkdir(parents=True)
    (site / "static" / "images").mkdir(parents=True)
    (site / "static" / "images" / "logo-long.png").write_bytes(b"png")
    (site / "index.html").write_text(GX_PAGE)
    deep = site / "validations" / "suite" / "run" / "result.html"
    # GX points a validation page's favicon one folder too high
    deep.write_text(GX_PAGE + '<link rel="icon" href="../../static/images/favicon.ico">')
    (site / "static" / "images" / "favicon.ico").write_bytes(b"ico")
    result = data_docs.localise_site(site)
    assert result.pages == 2 and result.remaining == []
    for page in (site / "index.html", deep):
        for url in loaded_urls(page.read_text()):
            assert (page.parent / url).resolve().exists(), (page, url)
    fonts = site / "static" / "vendor" / "font-awesome" / "webfonts"
    assert any(f.suffix == ".woff2" for f in fonts.iterdir())
    # a second pass finds nothing left to do
    assert data_docs.localise_site(site).replaced == {}


def test_undocumented_mart_columns():
    manifest = {
        "nodes": {
            "model.p.events": {
                "resource_type": "model",
                "name": "events",
                "fqn": ["p", "marts", "events"],
                "columns": {"event_id": {"description": "id"}, "date": {"description": " "}},
            },
            "model.p.stg": {
                "resource_type": "model",
                "name": "stg",
                "fqn": ["p", "staging", "stg"],
                "columns": {},
            },
        }
    }
    catalog = {
        "nodes": {
            "model.p.events": {"columns": {"EVENT_ID": {}, "date": {}, "extra": {}}},
            "model.p.stg": {"columns": {"x": {}}},
        }
    }
    assert undocumented_columns(manifest, catalog) == ["events.date", "events.extra"]


def test_vendored_files_exist():
    for relative, source in data_docs.vendored_files().items():
        assert Path(source).is_file(), relative


def test_docs_fingerprint_follows_project_files_and_columns(tmp_path):
    from orchestration.lib.pages.dbt_docs import docs_fingerprint

    project = tmp_path / "dbt_project"
    (project / "models").mkdir(parents=True)
    (project / "target").mkdir()
    (project / "models" / "m.sql").write_text("select 1")
    columns = [("w", "marts", "m", "x", "INTEGER")]
    first = docs_fingerprint(project, columns)
    (project / "target" / "manifest.json").write_text("{}")  # dbt's output is not the project
    (project / ".user.yml").write_text("id: 1")
    assert docs_fingerprint(project, columns) == first
    assert docs_fingerprint(project, [*columns, ("w", "marts", "m", "y", "VARCHAR")]) != first
    (project / "models" / "m.sql").write_text("select 2")
    assert docs_fingerprint(project, columns) != first


def test_docs_generations_are_kept_per_fingerprint(tmp_path):
    from orchestration.lib.pages.dbt_docs import (
        cache_folder,
        keep_generation,
        new_generation_folder,
    )

    cache = tmp_path / "docs"
    for n in range(4):
        tmp = new_generation_folder(cache)
        (tmp / "static_index.html").write_text(f"page {n}")
        (tmp / "partial_parse.msgpack").write_text(f"parse {n}")
        keep_generation(tmp, cache_folder(cache, str(n) * 32))
    kept = sorted(p.name for p in cache.iterdir())
    assert len(kept) == 3 and cache_folder(cache, "3" * 32).name in kept  # the newest three
    # the next generation starts from the newest partial parse
    assert (new_generation_folder(cache) / "partial_parse.msgpack").read_text() == "parse 3"
    # a second process finishing the same fingerprint leaves the first page in place
    late = new_generation_folder(cache)
    (late / "static_index.html").write_text("late")
    folder = keep_generation(late, cache_folder(cache, "3" * 32))
    assert (folder / "static_index.html").read_text() == "page 3" and not late.exists()
