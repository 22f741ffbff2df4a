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
 * Two steps, so that a chart is drawn once:
 *  1. before the draw (``prefit``, wrapped around Plotly.react and Plotly.newPlot): the title, the notes and
 *     the legend names are broken into lines from their widths measured on a canvas in the chart's font, and
 *     the top margin is set from the line counts. The figure the server sends is copied, never edited, and
 *     a figure fitted once comes out the same again (dcc.Graph redraws with the server's figure).
 *  2. after each draw (plotly_afterplot, ``fit``): the drawn chart is measured, and only what still does not
 *     fit (a legend under the plot that is cut off, a font measured differently) is relayouted, at most
 *     MAX_PASSES times per figure. A chart that fits is left as it is (no relayout, so no redraw loop).
 */
(function () {
  "use strict";

  // what this script exposes; ``redraws`` counts the charts it had to fix after their draw (a test reads it:
  // a chart fitted before its draw is drawn once)
  var heads = {redraws: 0, resizesSkipped: 0};

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

  function lines(text) {
    return String(text).split(/<br ?>/);
  }

  function box(gd, el) {
    var g = gd.getBoundingClientRect();
    var r = el.getBoundingClientRect();
    return {left: r.left - g.left, right: r.right - g.left, top: r.top - g.top, bottom: r.bottom - g.top};
  }

  // ``text`` broken to fit ``px`` in the font ``el`` (a drawn title, note or legend name) is drawn in
  function wrapDrawn(text, px, el) {
    var node = el.tagName.toLowerCase() === "text" ? el : el.querySelector("text") || el;
    var style = window.getComputedStyle(node);
    return wrapPx(text, px, parseFloat(style.fontSize) || 12, style.fontFamily, /<i>/.test(String(text)));
  }

  function titleText(gd) {
    var title = gd.layout && gd.layout.title;
    return title && (typeof title === "string" ? title : title.text);
  }

  // ---- 1. before the draw ---------------------------------------------------------------------------------

  var DEFAULT_FAMILY = '"Open Sans", verdana, arial, sans-serif';
  var LINE = 1.3;            // plotly's line spacing, in font sizes
  var TITLE_PAD_LINES = 17;  // px of pad that starts a title of several lines 4 px below the chart's top
  var HEAD_LINE = 16;        // px of a one-line note or unit above the plot
  var NOTE_SHIFT = 18;       // px between the plot's top and the lowest note (dashboard.chart_notes)
  var LEGEND_TEXT = 40;      // px from a legend item's left to its name (symbol and gap)
  var SLACK = 1.04;          // canvas and SVG widths of one text differ by a few per cent at most
  var canvas = null;

  function textWidth(text, size, family, italic) {
    canvas = canvas || document.createElement("canvas");
    var ctx = canvas.getContext("2d");
    ctx.font = (italic ? "italic " : "") + size + "px " + family;
    return Math.max.apply(null, lines(text).map(function (l) {
      return ctx.measureText(stripTags(l).replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">"))
        .width * SLACK;
    }));
  }

  // ``text`` broken at spaces into lines no wider than ``px`` (the text's own line breaks kept)
  function wrapPx(text, px, size, family, italic) {
    return unwrap(text).split("<br>").map(function (part) {
      var out = [];
      var line = "";
      part.split(" ").forEach(function (word) {
        var longer = line ? line + " " + word : word;
        if (line && textWidth(longer, size, family, italic) > px) {
          out.push(line);
          line = word;
        } else {
          line = longer;
        }
      });
      out.push(line);
      return out.join(BREAK);
    }).join("<br>");
  }

  function get(obj, path, fallback) {
    var v = path.split(".").reduce(function (o, k) { return o && o[k]; }, obj);
    return v === undefined || v === null ? fallback : v;
  }

  var MODEBAR = 150;         // px of the modebar before any is drawn (five buttons, dashboard.components)

  // width of the modebar drawn at the chart's top right: this chart's, or another chart's on the page (they
  // share one config), or before the first draw the usual width (the title is checked again after the draw)
  function modebarWidth(gd) {
    var bar = gd.querySelector(".modebar") || document.querySelector(".js-plotly-plot .modebar");
    return bar && bar.getClientRects().length ? bar.getBoundingClientRect().width : MODEBAR;
  }

  // the figure with its title, notes and legend names broken to fit ``gd``'s width and its top margin set
  // from the line counts; a copy: ``data`` and ``layout`` themselves are never changed
  function prefit(gd, data, layout) {
    var width = (layout && layout.width) || (gd && gd.clientWidth);
    if (!width || !layout || !Array.isArray(data)) { return {data: data, layout: layout}; }
    var out = Object.assign({}, layout);
    var family = get(layout, "font.family", DEFAULT_FAMILY);
    var fontSize = get(layout, "font.size", 12);
    var margin = Object.assign({l: 80, r: 80, t: 100, b: 80}, layout.margin || {});
    var plotLeft = margin.l;
    var plotWidth = width - margin.l - margin.r;

    // the title: its lines end before the modebar
    var title = layout.title && typeof layout.title === "object" ? layout.title : {text: layout.title};
    var titleLines = 0;
    var titleSize = get(title, "font.size", 17);
    if (title.text) {
      var left = (title.x === undefined ? 0.5 : title.x) * width;
      var limit = width - 2 - modebarWidth(gd) - GAP;
      var text = wrapPx(title.text, limit - left, titleSize, get(title, "font.family", family), false);
      titleLines = lines(text).length;
      out.title = Object.assign({}, title, {text: text});
    }

    // the notes above the plot: broken into lines inside the chart, restacked from the bottom up
    var annotations = (layout.annotations || []).map(function (a) { return Object.assign({}, a); });
    var notes = annotations.filter(function (a) { return NOTES[a.name]; });
    notes.forEach(function (a) {
      var noteLeft = plotLeft + (a.x || 0) * plotWidth;
      a.text = wrapPx(a.text, width - GAP - noteLeft, get(a, "font.size", fontSize), family, true);
    });
    var below = 0;
    var heads = annotations.some(function (a) { return a.name === "unit"; }) ? HEAD_LINE : 0;
    for (var k = notes.length - 1; k >= 0; k--) {
      var count = lines(notes[k].text).length;
      notes[k].yshift = NOTE_SHIFT + NOTE_LINE * below;
      heads = notes[k].yshift + HEAD_LINE + 14 * (count - 1);  // the highest note's top, above the plot
      below += count;
    }
    out.annotations = annotations;

    // the top margin: a title of several lines starts near the chart's top (plotly draws such a title from
    // 13 px above its pad), and the margin leaves it, the notes and the unit their lines
    var titleBottom = 0;
    if (titleLines > 1) {
      out.title = Object.assign({}, out.title, {yref: "container", y: 1, yanchor: "top",
        pad: Object.assign({}, title.pad || {}, {t: TITLE_PAD_LINES})});
      titleBottom = TITLE_PAD_LINES - 13 + HEAD_LINE + LINE * titleSize * (titleLines - 1);
    } else if (titleLines && title.yanchor === "top") {
      titleBottom = get(title, "pad.t", 0) - 3 + HEAD_LINE;
    } else if (titleLines) {
      titleBottom = margin.t / 2 + 3;
    }
    var need = Math.ceil(titleBottom + GAP + heads);
    if (titleLines && need > margin.t) {
      out.margin = Object.assign({}, layout.margin || {}, {t: need});
    }

    // legend names wider than the chart: broken into lines
    var horizontal = get(layout, "legend.orientation", "v") === "h";
    var legendSize = get(layout, "legend.font.size", fontSize);
    var legendLeft = plotLeft + get(layout, "legend.x", 0) * plotWidth;
    var nameLimit = width - GAP - legendLeft - LEGEND_TEXT - 2;
    var fitted = data.map(function (trace) {
      var name = trace && trace.name;
      if (!horizontal || typeof name !== "string" || name.indexOf("events") === 0) { return trace; }
      var wrapped = wrapPx(name, nameLimit, legendSize, family, false);
      return wrapped === name ? trace : Object.assign({}, trace, {name: wrapped});
    });
    return {data: fitted, layout: out};
  }

  // Plotly.react / newPlot, in both their forms (gd, figure) and (gd, data, layout, config), draw the
  // figure fitted first
  function fitted(draw) {
    return function (gd, a, b, c) {
      var el = typeof gd === "string" ? document.getElementById(gd) : gd;
      if (a && !Array.isArray(a) && typeof a === "object" && (a.data || a.layout)) {
        var f = prefit(el, a.data || [], a.layout || {});
        return draw.call(this, gd, Object.assign({}, a, {data: f.data, layout: f.layout}), b, c);
      }
      if (Array.isArray(a)) {
        var g = prefit(el, a, b || {});
        return draw.call(this, gd, g.data, g.layout, c);
      }
      return draw.apply(this, arguments);
    };
  }

  // Plotly.Plots.resize that skips a chart already drawn at its box's size. dcc.Graph (responsive) calls it
  // twice after every first draw (on mount and from its ResizeObserver's first report), and plotly then
  // redraws the chart 100 ms later at the same size: every chart was drawn twice (issue 12, page ready).
  // A box that did change size (a window or print resize, a phone turned) is resized as before.
  function sameSize(gd) {
    var full = gd && gd._fullLayout;
    if (!full || !gd.layout || !gd.isConnected) { return false; }
    var style = window.getComputedStyle(gd);
    var width = parseFloat(style.width);
    var height = parseFloat(style.height);
    return Math.abs(width - full.width) < 1 && (gd.layout.height || Math.abs(height - full.height) < 1);
  }

  function resizedOnlyIfChanged(resize) {
    return function (gd) {
      var el = typeof gd === "string" ? document.getElementById(gd) : gd;
      if (el && !el._redrawTimer && sameSize(el)) {
        heads.resizesSkipped += 1;
        return Promise.resolve(el);
      }
      return resize.apply(this, arguments);
    };
  }

  function install() {
    var P = window.Plotly;
    if (!P || P.__ruazPrefit) { return !!P; }
    P.react = fitted(P.react);
    P.newPlot = fitted(P.newPlot);
    P.Plots.resize = resizedOnlyIfChanged(P.Plots.resize);
    P.__ruazPrefit = true;
    return true;
  }

  // ---- 2. after the draw ----------------------------------------------------------------------------------

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
    var wrapped = wrapDrawn(text, limit - t.left, el);
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
      return wrapDrawn(n.a.text, gd.clientWidth - GAP - b.left, el);
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
    // plotly caps a legend's height at a share of the chart's (half, for one under the plot) and scrolls what
    // is over: the chart grows by what is over divided by that share, so one relayout suffices (plotly's own
    // legend heights when it has them: they count the gaps between groups, which the drawn boxes do not)
    var leg = full.legend;
    var clipped;
    if (leg._height > 0 && leg._maxHeight > 0 && leg._effHeight > 0) {
      clipped = Math.max(leg._height - leg._effHeight, 0) / (leg._maxHeight / full.height);
    } else {
      clipped = bg && scroll ? (scroll.getBBox().height - bg.getBBox().height) / 0.5 : 0;
    }
    // a phone only: a desktop chart keeps its height unless its legend is cut off
    var short = PHONE.matches ? Math.min(180, 0.55 * gd.__ruazHeight0) - full._size.h : 0;
    var grow = Math.max(clipped, 0) + Math.max(short, 0);
    if (grow > 1) {
      update.height = Math.ceil(full.height + grow) + 2;  // 2 px more: a legend a fraction of a pixel too tall scrolls
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
      var wrapped = wrapDrawn(trace.name, limit - t.left, text);
      if (wrapped !== trace.name && indices.indexOf(trace.index) < 0) {
        names.push(wrapped);
        indices.push(trace.index);
      }
    });
    if (indices.length) {
      heads.redraws += 1;
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
    heads.redraws += 1;
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
    install();
    new MutationObserver(fitAll).observe(document.body, {childList: true, subtree: true});
    window.addEventListener("resize", fitAll);
    fitAll();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  heads.wrapPx = wrapPx;
  heads.unwrap = unwrap;
  heads.fit = fit;
  heads.prefit = prefit;
  window.ruazHeads = heads;
}());
