/*
 * Chart heads and legends that fit their card, at every width (checked by tests/browser/test_phone.py and
 * test_accessibility.py at 390 and 1440 px):
 *  - the title never runs under the modebar (the chart tools, top right) nor past the plot's right edge: a
 *    title that would is broken at spaces into lines that end before the modebar;
 *  - the notes above a plot (annotations "unit-note" / "not-computed", dashboard.chart_notes) break into
 *    lines inside the chart instead of being cut at its edge, and stay stacked;
 *  - the top margin grows until the title ends above the notes and the unit, nothing starts above the chart;
 *  - a legend entry wider than the chart breaks into lines: the whole name stays readable (never cut or
 *    shortened), and the legend's keyboard name (assets/a11y.js) reads it whole; a legend under the plot
 *    that would be cut off (or, on a phone, squeeze the plot) makes the chart taller.
 * Everything is measured on the drawn chart after each draw (plotly_afterplot), so a server redraw or a new
 * width is fitted again; the figure the server sends is untouched, and a chart that already fits is left
 * as it is (no relayout, so no redraw loop).
 */
(function () {
  "use strict";

  var GAP = 6;          // px kept free between the title and the modebar, the notes or the chart's edge
  var NOTE_LINE = 16;   // px between stacked note lines (dashboard.chart_notes)
  var NOTES = {"unit-note": true, "not-computed": true};
  var PHONE = window.matchMedia("(max-width: 600px)");

  // the line break this script inserts: plotly reads it as <br>, and it tells the text's own breaks from
  // ours, so the original is always known (Dash's figure prop is the object plotly's relayout edits)
  var BREAK = "<br >";

  function stripTags(text) {
    return String(text).replace(/<[^>]+>/g, "");
  }

  function unwrap(text) {
    return String(text).split(BREAK).join(" ");
  }

  // ``text`` broken at spaces into lines of at most ``chars`` characters (tags not counted); the text's own
  // line breaks are kept
  function wrap(text, chars) {
    return unwrap(text).split("<br>").map(function (part) {
      var lines = [];
      var line = "";
      part.split(" ").forEach(function (word) {
        if (line && stripTags(line + " " + word).length > chars) {
          lines.push(line);
          line = word;
        } else {
          line = line ? line + " " + word : word;
        }
      });
      lines.push(line);
      return lines.join(BREAK);
    }).join("<br>");
  }

  function lines(text) {
    return String(text).split(/<br ?>/);
  }

  function box(gd, el) {
    var g = gd.getBoundingClientRect();
    var r = el.getBoundingClientRect();
    return {left: r.left - g.left, right: r.right - g.left, top: r.top - g.top, bottom: r.bottom - g.top,
      width: r.width};
  }

  // characters that fit in ``width`` px, from the measured width of the drawn text
  function charsIn(width, drawnWidth, text) {
    var longest = Math.max.apply(null, lines(text).map(function (l) { return stripTags(l).length; }));
    var perChar = drawnWidth / Math.max(longest, 1);
    return Math.max(12, Math.floor(width / Math.max(perChar, 1)));
  }

  function titleText(gd) {
    var title = gd.layout && gd.layout.title;
    return title && (typeof title === "string" ? title : title.text);
  }

  // the title's lines end before the modebar and the chart's right edge
  function fitTitle(gd, update) {
    var text = titleText(gd);
    var el = gd.querySelector(".gtitle");
    if (!text || !el) { return; }
    var t = box(gd, el);
    var bar = gd.querySelector(".modebar");
    var limit = gd.clientWidth - GAP;
    if (bar && bar.getClientRects().length) {
      limit = Math.min(limit, box(gd, bar).left - GAP);
    }
    if (t.right <= limit) { return; }
    var wrapped = wrap(text, charsIn(limit - t.left, t.width, text));
    if (wrapped !== text) {
      update["title.text"] = wrapped;
    }
  }

  // notes wider than the chart break into lines; the stack is rebuilt from the bottom up
  function fitNotes(gd, update) {
    var notes = (gd.layout.annotations || []).map(function (a, i) { return {a: a, i: i}; })
      .filter(function (n) { return NOTES[n.a.name]; });
    if (!notes.length) { return; }
    var changed = false;
    var texts = notes.map(function (n) {
      var el = gd.querySelector(".annotation[data-index='" + n.i + "']");
      if (!el) { return n.a.text; }
      var b = box(gd, el);
      if (b.right <= gd.clientWidth - GAP) { return n.a.text; }
      changed = true;
      return wrap(n.a.text, charsIn(gd.clientWidth - GAP - b.left, b.width, n.a.text));
    });
    if (!changed) { return; }
    var below = 0;
    for (var k = notes.length - 1; k >= 0; k--) {
      update["annotations[" + notes[k].i + "].text"] = texts[k];
      update["annotations[" + notes[k].i + "].yshift"] = 18 + NOTE_LINE * below;
      below += lines(texts[k]).length;
    }
  }

  // the title starts inside the chart and ends above the highest note or unit line: move it, grow the margin
  function fitMargin(gd, update) {
    var el = gd.querySelector(".gtitle");
    var full = gd._fullLayout;
    if (!el || !full) { return; }
    var t = box(gd, el);
    var heads = Array.prototype.map.call(gd.querySelectorAll(".annotation"), function (a) { return box(gd, a); })
      .filter(function (b) { return b.bottom <= full._size.t + 1; });
    var top = Math.min.apply(null, heads.map(function (b) { return b.top; }).concat([full._size.t]));
    var title = gd.layout.title || {};
    if (t.top < 2) {
      // a title of several lines anchored at the top starts above the chart: hold it down by its padding
      update["title.yref"] = "container";
      update["title.y"] = 1;
      update["title.yanchor"] = "top";
      update["title.pad.t"] = ((title.pad && title.pad.t) || 0) + Math.ceil(2 - t.top) + 2;
    }
    var deficit = t.bottom + (t.top < 2 ? 4 - t.top : 0) + 2 - top;
    if (deficit > 1) {
      update["margin.t"] = full.margin.t + Math.ceil(deficit);
    }
  }

  // a legend under the plot that is cut off, or on a phone squeezes the plot: the chart grows by what it lacks
  function fitHeight(gd, update) {
    var full = gd._fullLayout;
    var legend = gd.querySelector(".legend");
    if (!legend || !full.legend || full.legend.orientation !== "h") { return; }
    var bg = legend.querySelector(".bg");
    var scroll = legend.querySelector(".scrollbox");
    var clipped = bg && scroll ? scroll.getBBox().height - bg.getBBox().height : 0;
    // a phone only: a desktop chart keeps its height unless its legend is cut off
    var short = PHONE.matches ? Math.min(180, 0.55 * gd.__ruazHeight0) - full._size.h : 0;
    var grow = Math.max(clipped, 0) + Math.max(short, 0);
    if (grow > 1) {
      update.height = Math.ceil(full.height + grow);
    }
  }

  // legend entries wider than the chart: their names break into lines (restyle), the whole name kept
  function fitLegend(gd) {
    var names = [];
    var indices = [];
    gd.querySelectorAll(".legend .traces").forEach(function (item) {
      var datum = item.__data__ && item.__data__[0];
      var trace = datum && datum.trace;
      var text = item.querySelector(".legendtext");
      if (!trace || !text || String(trace.name || "").indexOf("events") === 0) { return; }
      var t = box(gd, text);
      var limit = gd.clientWidth - GAP;
      if (t.right <= limit) { return; }
      var wrapped = wrap(trace.name, charsIn(limit - t.left, t.width, trace.name));
      if (wrapped !== trace.name && indices.indexOf(trace.index) < 0) {
        names.push(wrapped);
        indices.push(trace.index);
      }
    });
    if (indices.length) {
      window.Plotly.restyle(gd, {name: names}, indices);
      return true;
    }
    return false;
  }

  var MAX_PASSES = 8;  // relayouts per drawn figure: a chart that cannot fit is left as it is, never looped

  function fit(gd) {
    if (!window.Plotly || !gd.layout || !gd._fullLayout || gd.__ruazFitting || !gd.clientWidth) { return; }
    if (gd.__ruazHeadLayout !== gd.layout) {
      gd.__ruazHeadLayout = gd.layout;
      gd.__ruazHeadPasses = 0;
      gd.__ruazHeight0 = gd._fullLayout.height;
    }
    if (gd.__ruazHeadPasses >= MAX_PASSES) { return; }
    if (fitLegend(gd)) {  // its redraw calls fit again
      gd.__ruazHeadPasses += 1;
      return;
    }
    var update = {};
    fitTitle(gd, update);
    fitNotes(gd, update);
    if (!Object.keys(update).length) {
      fitMargin(gd, update);
    }
    if (!Object.keys(update).length) {
      fitHeight(gd, update);
    }
    if (!Object.keys(update).length) { return; }
    if (update.height) {
      // the graph's box (dcc.Graph, a fixed height) grows with it, so the chart does not overlap what follows
      var host = gd.parentElement && gd.parentElement.closest("[id]");
      if (host && host.style.height) { host.style.height = update.height + "px"; }
    }
    gd.__ruazHeadPasses += 1;
    gd.__ruazFitting = true;
    window.Plotly.relayout(gd, update).then(function () {
      gd.__ruazFitting = false;
      fit(gd);
    }, function () {
      gd.__ruazFitting = false;
    });
  }

  // after every change of the page (a chart drawn or redrawn, its title or legend rewritten), once it settles:
  // every chart is measured, and only one that does not fit is changed
  var timer = null;
  function fitAll() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      document.querySelectorAll(".js-plotly-plot").forEach(fit);
    }, 80);
  }

  function start() {
    new MutationObserver(fitAll).observe(document.body, {childList: true, subtree: true});
    window.addEventListener("resize", fitAll);
    fitAll();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  window.ruazHeads = {wrap: wrap, unwrap: unwrap, fit: fit};
}());
