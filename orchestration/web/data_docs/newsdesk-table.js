/*
 * newsdesk: the part of bootstrap-table that Great Expectations Data Docs call, written here so the
 * pages load nothing from a CDN (orchestration/lib/quality/data_docs.py swaps the CDN scripts for this).
 *
 * $(table).bootstrapTable({columns, data, search, sortName, sortOrder, rowStyle, rowAttributes})
 * renders the rows (cells are GX's own HTML), sorts on a header click, filters with a search box,
 * and fires "click-row.bs.table" (row, $tr) like the original. Other method calls are no-ops.
 */
(function ($) {
  "use strict";

  function plain(value) {
    return $("<div>").html(value == null ? "" : String(value)).text().trim();
  }

  function sortValue(row, column) {
    var value = row[column.sortName || column.field];
    return typeof value === "number" ? value : plain(value).toLowerCase();
  }

  function callback(name) {
    return typeof name === "function" ? name : window[name];
  }

  function render($table, state) {
    var opts = state.options;
    var rows = opts.data.slice();
    var sortColumn = opts.columns.filter(function (c) {
      return (c.sortName || c.field) === state.sortName || c.field === state.sortName;
    })[0];
    if (sortColumn) {
      rows.sort(function (a, b) {
        var x = sortValue(a, sortColumn), y = sortValue(b, sortColumn);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return state.sortOrder === "desc" ? -order : order;
      });
    }
    var needle = state.search.toLowerCase();
    var $head = $("<tr>");
    opts.columns.forEach(function (column) {
      var $th = $("<th>").text(column.title || "");
      if (column.sortable) {
        $th.addClass("nd-sortable").on("click", function () {
          var key = column.sortName || column.field;
          state.sortOrder = state.sortName === key && state.sortOrder === "asc" ? "desc" : "asc";
          state.sortName = key;
          render($table, state);
        });
        if ((column.sortName || column.field) === state.sortName) {
          $th.addClass(state.sortOrder === "desc" ? "nd-desc" : "nd-asc");
        }
      }
      $head.append($th);
    });
    var $body = $("<tbody>");
    rows.forEach(function (row, index) {
      var cells = opts.columns.map(function (c) { return row[c.field] == null ? "" : row[c.field]; });
      if (needle && plain(cells.join(" ")).toLowerCase().indexOf(needle) < 0) {
        return;
      }
      var $tr = $("<tr>");
      var attributes = callback(opts.rowAttributes);
      if (attributes) {
        $.each(attributes(row, index) || {}, function (name, value) { $tr.attr(name, value); });
      }
      var style = callback(opts.rowStyle);
      if (style) {
        $tr.css((style(row, index) || {}).css || {});
      }
      cells.forEach(function (cell) { $tr.append($("<td>").html(cell)); });
      $tr.on("click", function (event) {
        if (!$(event.target).closest("a").length) {
          $table.trigger("click-row.bs.table", [row, $tr]);
        }
      });
      $body.append($tr);
    });
    $table.empty().append($("<thead>").append($head), $body);
  }

  $.fn.bootstrapTable = function (options) {
    if (typeof options === "string") {
      if (options === "resetSearch") {
        this.each(function () {
          var state = $(this).data("nd-table");
          if (state) {
            state.search = "";
            state.$search.val("");
            render($(this), state);
          }
        });
      }
      return this;
    }
    return this.each(function () {
      var $table = $(this).addClass("table table-hover nd-table");
      var state = {
        options: $.extend({ columns: [], data: [] }, options),
        sortName: options.sortName,
        sortOrder: options.sortOrder || "asc",
        search: "",
      };
      if (String(options.search) === "true") {
        state.$search = $('<input type="search" class="form-control form-control-sm nd-search">')
          .attr("placeholder", "Search")
          .on("input", function () {
            state.search = $(this).val();
            render($table, state);
          });
        $table.before(state.$search);
      }
      $table.data("nd-table", state);
      render($table, state);
    });
  };
})(jQuery);
