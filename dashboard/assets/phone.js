/*
 * Narrow screens (≤ 600 px, a phone): grids keep their key columns and nothing pinned, and charts put
 * their legend under the plot. The wide layout is restored when the screen widens again; nothing
 * changes on a desktop.
 *
 * - Grids: a pinned column takes its width from the few hundred pixels of a phone, so every column is
 *   unpinned; a grid listed in KEY_COLUMNS shows only those columns, in that order, with a narrower
 *   first column (the desktop's columns come back when the screen widens). Applied when a grid appears, when its columns are redefined (a callback may send new
 *   columnDefs), and when the screen crosses the width.
 * - Charts: the legend goes horizontal under the plot (Plotly.relayout), for charts whose legend is
 *   vertical on a desktop; the figure the server sends is untouched. Titles, notes and legend names that
 *   do not fit break into lines at every width (assets/chart_heads.js).
 */
(function () {
  "use strict";

  var PHONE = window.matchMedia("(max-width: 600px)");
  // /compare: the indicator and its reporter (two rows of one indicator differ by it), the two years' values,
  // the changes and the source of the figures
  var KEY_COLUMNS = {
    "cmp-grid": ["ag-Grid-SelectionColumn", "label", "reporter", "value_a", "value_b", "abs_change", "pct_change",
      "pp_change", "unit", "edition_source"],
  };
  var wired = {};

  function fitGrid(id, api) {
    var key = KEY_COLUMNS[id];
    if (!PHONE.matches) {
      // a desktop grid is left as it is, unless it was fitted to a phone before
      if (api.__ruazWide) {
        api.applyColumnState({state: api.__ruazWide, applyOrder: true});
        api.__ruazWide = null;
      }
      return;
    }
    var wide = api.__ruazWide || (api.__ruazWide = api.getColumnState());
    var state = wide.map(function (col) {
      var rank = key ? key.indexOf(col.colId) : 0;
      return {colId: col.colId, pinned: null, hide: rank < 0 || !!col.hide, rank: rank < 0 ? 99 : rank,
        width: key && col.colId === "label" ? 150 : col.width};
    });
    if (key) {
      state.sort(function (a, b) { return a.rank - b.rank; });
    }
    api.applyColumnState({state: state, applyOrder: !!key});
  }

  function wireGrids() {
    if (!window.dash_ag_grid || !window.dash_ag_grid.getApiAsync) { return; }
    document.querySelectorAll(".ag-root-wrapper").forEach(function (root) {
      var host = root.closest("[id]");
      if (!host || wired[host.id] === root) { return; }
      wired[host.id] = root;
      window.dash_ag_grid.getApiAsync(host.id).then(function (api) {
        fitGrid(host.id, api);
        api.addEventListener("newColumnsLoaded", function () {
          api.__ruazWide = null;
          fitGrid(host.id, api);
        });
      });
    });
  }

  function fitLegends() {
    if (!window.Plotly) { return; }
    document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
      var legend = (gd.layout && gd.layout.legend) || {};
      if (PHONE.matches && legend.orientation !== "h" && gd.data && gd.data.length > 1) {
        gd.__ruazLegend = {orientation: legend.orientation || "v", x: legend.x, y: legend.y,
          xanchor: legend.xanchor, yanchor: legend.yanchor};
        window.Plotly.relayout(gd, {"legend.orientation": "h", "legend.x": 0, "legend.xanchor": "left",
          "legend.y": -0.15, "legend.yanchor": "top"});
      }
      if (!PHONE.matches && gd.__ruazLegend) {
        var before = gd.__ruazLegend;
        gd.__ruazLegend = null;
        window.Plotly.relayout(gd, {"legend.orientation": before.orientation, "legend.x": before.x,
          "legend.y": before.y, "legend.xanchor": before.xanchor, "legend.yanchor": before.yanchor});
      }
    });
  }

  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    window.setTimeout(function () {
      pending = false;
      wireGrids();
      if (PHONE.matches) { fitLegends(); }
    }, 150);
  }

  function start() {
    new MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) {
        if (records[i].addedNodes.length) { schedule(); return; }
      }
    }).observe(document.body, {childList: true, subtree: true});
    PHONE.addEventListener("change", function () {
      Object.keys(wired).forEach(function (id) {
        window.dash_ag_grid.getApiAsync(id).then(function (api) { fitGrid(id, api); });
      });
      fitLegends();
    });
    schedule();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
