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
 *  - A graph's text alternative (the visually hidden summary under it, id "<graph>-summary") is linked
 *    to the plot with aria-describedby, and the plot gets role=img with its title as name.
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

  function describeGraphs(root) {
    root.querySelectorAll(".a11y-summary[data-graph]").forEach(function (summary) {
      var graph = document.getElementById(summary.getAttribute("data-graph"));
      if (graph && graph.getAttribute("aria-describedby") !== summary.id) {
        graph.setAttribute("role", "figure");
        graph.setAttribute("aria-describedby", summary.id);
        graph.setAttribute("aria-label", summary.getAttribute("data-title") || "chart");
      }
    });
  }

  function fixAll() {
    fixOptionLists(document);
    fixDropdowns(document);
    describeGraphs(document);
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
