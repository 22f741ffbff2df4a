/*
 * Accessible markup for Dash 4 controls whose roles cannot be set through props (checked with axe-core in
 * tests/browser/test_accessibility.py):
 *  - RadioItems / Checklist render <div role=listbox> around <label role=option aria-selected> that hold a
 *    native radio or checkbox: an interactive control nested in an option, and a listbox without a name.
 *    The native inputs already carry the semantics, so the list becomes a radiogroup (RadioItems) or a
 *    group (Checklist) and the labels lose their option role and aria-selected.
 *  - dcc.Dropdown puts an aria-hidden, focusable <input> in front of its trigger button and moves focus from
 *    it to the button. The input is made inert and the button itself takes the tab stop. Its open menu
 *    (a dialog) gets a name, and its options the same treatment as RadioItems / Checklist.
 *  - Plotly legend items (show / hide a series on click) become focusable checkboxes named after their
 *    series; Enter or Space toggles them as a click would.
 *  - AG Grid: Tab from a floating filter's cell lands in its input, and Tab from a body cell leaves the
 *    grid (arrow keys move between cells), instead of stepping through every cell of every row.
 * Before printing, every closed <details> (the "Sources" blocks) opens, so that the sources print.
 * The fixes are re-applied whenever Dash re-renders (MutationObserver), batched once per frame.
 */
(function () {
  "use strict";

  function fixOptionLists(root) {
    root.querySelectorAll(".dash-options-list[role=listbox]").forEach(function (list) {
      list.setAttribute("role", list.classList.contains("dash-radioitems") ? "radiogroup" : "group");
      var name = list.closest("[data-a11y-name]");
      if (name && !list.hasAttribute("aria-label")) {
        list.setAttribute("aria-label", name.getAttribute("data-a11y-name"));
      }
    });
    root.querySelectorAll(".dash-options-list-option[role=option], .dash-options-list-option[aria-selected]")
      .forEach(function (label) {
        label.removeAttribute("role");
        label.removeAttribute("aria-selected");
      });
  }

  function fixDropdowns(root) {
    root.querySelectorAll(".dash-dropdown-content[role=dialog]:not([aria-label])").forEach(function (dialog) {
      var trigger = document.querySelector("[aria-controls='" + dialog.id + "']");
      dialog.setAttribute("aria-label", "Options of " + ((trigger && trigger.textContent.trim()) || "the list"));
    });
    root.querySelectorAll(".dash-dropdown-focus-target:not([inert])").forEach(function (target) {
      target.setAttribute("inert", "");
      target.setAttribute("tabindex", "-1");
      var button = target.nextElementSibling;
      if (button && button.tagName === "BUTTON") {
        button.setAttribute("tabindex", "0");
      }
    });
  }

  var grids = {};
  function fixGrids(root) {
    if (!window.dash_ag_grid || !window.dash_ag_grid.getApiAsync) { return; }
    root.querySelectorAll(".ag-root-wrapper").forEach(function (wrapper) {
      var host = wrapper.closest("[id]");
      if (!host || grids[host.id] === wrapper) { return; }
      grids[host.id] = wrapper;
      window.dash_ag_grid.getApiAsync(host.id).then(function (api) {
        api.setGridOption("tabToNextCell", function () { return false; });
      });
    });
  }

  // a floating filter's cell passes the keyboard focus on to its input
  function intoFilterInput(event) {
    var cell = event.target;
    if (cell && cell.classList && cell.classList.contains("ag-floating-filter")) {
      var input = cell.querySelector("input:not([disabled])");
      // after the grid has finished its own focus handling of the cell
      window.setTimeout(function () {
        if (input && document.activeElement === cell) { input.focus(); }
      }, 0);
    }
  }

  // Plotly legend items: a tab stop each, named, with their state; Enter or Space clicks them (show/hide)
  function legendName(item) {
    // a long name drawn on several lines (assets/chart_heads.js) is read whole, its lines joined by spaces
    var text = item.querySelector(".legendtext");
    var lines = text ? text.querySelectorAll("tspan.line") : [];
    if (lines.length > 1) {
      return Array.prototype.map.call(lines, function (l) { return l.textContent; }).join(" ");
    }
    return text ? text.textContent : "series";
  }

  function fixLegends(root) {
    root.querySelectorAll(".js-plotly-plot .legend .traces").forEach(function (item) {
      var hidden = item.style.opacity !== "" && Number(item.style.opacity) < 1;
      if (!item.hasAttribute("tabindex")) {
        item.setAttribute("tabindex", "0");
        item.setAttribute("role", "checkbox");
        item.setAttribute("aria-label", "Show " + legendName(item));
      }
      if (item.getAttribute("aria-checked") !== String(!hidden)) {
        item.setAttribute("aria-checked", String(!hidden));
      }
    });
  }

  function toggleLegend(event) {
    var item = event.target;
    if (!(event.key === "Enter" || event.key === " ") || !item.classList || !item.classList.contains("traces")) {
      return;
    }
    var gd = item.closest(".js-plotly-plot");
    var datum = item.__data__ && item.__data__[0];
    if (!gd || !datum || !datum.trace || !window.Plotly) { return; }
    event.preventDefault();
    var name = legendName(item);
    // as a click on the item: the series and the rest of its legend group, shown <-> legend only
    var trace = datum.trace;
    var show = trace.visible === "legendonly";
    var indices = [];
    gd._fullData.forEach(function (t) {
      if (t.index === trace.index || (trace.legendgroup && t.legendgroup === trace.legendgroup)) {
        indices.push(t.index);
      }
    });
    window.Plotly.restyle(gd, {visible: show ? true : "legendonly"}, indices);
    // Plotly redraws the legend: focus the same item again
    window.setTimeout(function () {
      var again = Array.prototype.find.call(gd.querySelectorAll(".legend .traces"), function (g) {
        return legendName(g) === name;
      });
      if (again && document.activeElement !== again) {
        fixLegends(gd);
        again.focus();
      }
    }, 50);
  }

  // Tab on a floating filter's cell (before it passed the focus on) goes into its input, not to the next cell
  function tabIntoFilterInput(event) {
    var cell = event.target;
    if (event.key !== "Tab" || event.shiftKey || !cell.classList || !cell.classList.contains("ag-floating-filter")) {
      return;
    }
    var input = cell.querySelector("input:not([disabled])");
    if (input) {
      event.preventDefault();
      event.stopPropagation();
      input.focus();
    }
  }

  function fixAll() {
    fixLegends(document);
    fixOptionLists(document);
    fixDropdowns(document);
    fixGrids(document);
  }

  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      fixAll();
    });
  }

  function start() {
    fixAll();
    document.addEventListener("focusin", intoFilterInput);
    document.addEventListener("keydown", toggleLegend);
    document.addEventListener("keydown", tabIntoFilterInput, true);
    new MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) {
        var r = records[i];
        if (r.type === "childList" || r.attributeName === "aria-selected" || r.attributeName === "role") {
          schedule();
          return;
        }
      }
    }).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["aria-selected", "role"],
    });
  }

  // Printing writes every source out: the closed "Sources" blocks open for the print and close after it.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.setAttribute("open", "");
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (d) { d.removeAttribute("open"); });
    openedForPrint = [];
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
