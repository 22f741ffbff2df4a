/*
 * Client-side linking for the RU–AZ dashboard (no server round trip).
 *
 * Each page keeps its state in a dcc.Store `<page>-state`:
 *   {year, from, to, events, ...page controls}
 * - updateState: clicks, the clear button, zoom/box selections and page
 *   controls write into that store.
 * - applySelection: every time-series figure of the page gets the selected
 *   year as a shaded band (shape "selection"), the selected range as its
 *   x-axis range, and the events layer shown or hidden.
 * - syncUrl: the state is mirrored into the address bar (replaceState), and
 *   the shell-level selection store so that it survives page changes.
 * - navLinks: the navigation carries the shell selection to other pages.
 */
(function () {
  "use strict";
  var SELECTION_COLOR = "rgba(255, 193, 7, 0.28)";

  function noUpdate() {
    return window.dash_clientside.no_update;
  }

  function triggeredInputs(ctx) {
    // every input that changed in this batch (a control change can arrive together with resize events)
    if (!ctx || !ctx.triggered) {
      return [];
    }
    return ctx.triggered.filter(function (t) {
      return t && typeof t.prop_id === "string" && t.prop_id.lastIndexOf(".") > 0;
    }).map(function (t) {
      var dot = t.prop_id.lastIndexOf(".");
      return {id: t.prop_id.slice(0, dot), prop: t.prop_id.slice(dot + 1), value: t.value};
    });
  }

  function rangeFromRelayout(data) {
    if (!data) {
      return undefined;
    }
    if (data["xaxis.autorange"] === true || data.autosize === true && Object.keys(data).length === 1) {
      return data["xaxis.autorange"] === true ? null : undefined;
    }
    var r0 = data["xaxis.range[0]"];
    var r1 = data["xaxis.range[1]"];
    if (r0 === undefined && Array.isArray(data["xaxis.range"])) {
      r0 = data["xaxis.range"][0];
      r1 = data["xaxis.range"][1];
    }
    if (r0 === undefined || r1 === undefined) {
      return undefined;
    }
    var a = Math.ceil(Number(r0) - 0.01);
    var b = Math.floor(Number(r1) + 0.01);
    if (!isFinite(a) || !isFinite(b)) {
      return undefined;
    }
    if (b < a) {
      b = a;
    }
    return [a, b];
  }

  function sameRange(state, range) {
    if (range === null) {
      return state.from === null && state.to === null;
    }
    return state.from === range[0] && state.to === range[1];
  }

  function applyInput(state, trig, cfg) {
    // returns true when the input changed the state
    if (trig.prop === "n_clicks") {
      if (!trig.value || (state.year === null && state.from === null && state.to === null)) {
        return false;
      }
      state.year = null;
      state.from = null;
      state.to = null;
      return true;
    }
    if (trig.prop === "clickData") {
      var pts = trig.value && trig.value.points;
      if (!pts || !pts.length) {
        return false;
      }
      var cd = pts[0].customdata;
      if (typeof cd === "string" && cd.indexOf("event:") === 0) {
        return false;
      }
      var year = Math.round(Number(pts[0].x));
      if (!isFinite(year) || year === state.year) {
        return false;
      }
      state.year = year;
      return true;
    }
    if (trig.prop === "relayoutData") {
      var range = rangeFromRelayout(trig.value);
      if (range === undefined || sameRange(state, range)) {
        return false;
      }
      state.from = range === null ? null : range[0];
      state.to = range === null ? null : range[1];
      return true;
    }
    var key = (cfg.controls || {})[trig.id];
    if (!key) {
      return false;
    }
    var value = trig.value;
    if ((cfg.booleans || []).indexOf(key) >= 0) {
      value = Array.isArray(value) ? value.length > 0 : !!value;
    }
    if (JSON.stringify(state[key]) === JSON.stringify(value)) {
      return false;
    }
    state[key] = value;
    return true;
  }

  function updateState() {
    var args = Array.prototype.slice.call(arguments);
    var state = Object.assign({}, args[args.length - 1] || {});
    var cfg = args[args.length - 2] || {};
    var changed = false;
    triggeredInputs(window.dash_clientside.callback_context).forEach(function (trig) {
      changed = applyInput(state, trig, cfg) || changed;
    });
    return changed ? state : noUpdate();
  }

  function eventVisible(name, state) {
    var cats = Array.isArray(state.cats) ? state.cats : [];
    var cat = String(name).split(":")[1];
    return state.events === true && (cats.length === 0 || cats.indexOf(cat) >= 0);
  }

  function sameNumbers(a, b) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length &&
      a.every(function (v, k) { return Math.abs(Number(v) - Number(b[k])) < 1e-9; });
  }

  function relinkGraph(gd, state) {
    // Edit the live plot in place (relayout/restyle) instead of replacing its figure: a full redraw of
    // every linked chart on each click cost hundreds of milliseconds.
    var layout = gd.layout || {};
    var shapes = (layout.shapes || []).filter(function (s) {
      return s.name !== "selection";
    });
    var current = (layout.shapes || []).filter(function (s) {
      return s.name === "selection";
    }).map(function (s) { return s.x0; });
    var wanted = state.year !== null && state.year !== undefined ? [state.year - 0.5] : [];
    var update = {};
    if (!sameNumbers(current, wanted)) {
      if (wanted.length) {
        shapes.push({
          type: "rect", name: "selection", xref: "x", yref: "paper",
          x0: state.year - 0.5, x1: state.year + 0.5, y0: 0, y1: 1,
          fillcolor: SELECTION_COLOR, line: {width: 0}, layer: "below"
        });
      }
      update.shapes = shapes;
    }
    var xaxis = layout.xaxis || {};
    if (state.from !== null && state.from !== undefined && state.to !== null && state.to !== undefined) {
      var range = [state.from - 0.5, state.to + 0.5];
      if (xaxis.autorange || !sameNumbers(xaxis.range, range)) {
        update["xaxis.range"] = range;
        update["xaxis.autorange"] = false;
      }
    } else if (xaxis.autorange === false) {
      update["xaxis.autorange"] = true;
    }
    if (Object.keys(update).length) {
      window.Plotly.relayout(gd, update);
    }
    var indices = [];
    var visible = [];
    (gd.data || []).forEach(function (t, k) {
      if (t.name && String(t.name).indexOf("events") === 0) {
        var want = eventVisible(t.name, state);
        if ((t.visible !== false) !== want) {
          indices.push(k);
          visible.push(want);
        }
      }
    });
    if (indices.length) {
      window.Plotly.restyle(gd, {visible: visible}, indices);
    }
  }

  function applySelection() {
    var state = arguments[0] || {};
    var ctx = window.dash_clientside.callback_context;
    var outputs = (ctx && ctx.outputs_list) || [];
    outputs.forEach(function (o) {
      var el = document.getElementById(o.id);
      var gd = el && el.querySelector(".js-plotly-plot");
      if (gd && gd.layout && window.Plotly) {
        relinkGraph(gd, state);
      }
    });
    return outputs.map(function () { return noUpdate(); });
  }

  function selectionText(state) {
    var year = state && state.year ? String(state.year) : "none (click a point)";
    var range = state && state.from && state.to ? "Range: " + state.from + "–" + state.to : "";
    return [year, range];
  }

  function syncUrl(state, defaults) {
    if (!state) {
      return noUpdate();
    }
    var params = new URLSearchParams();
    Object.keys(state).forEach(function (k) {
      var v = state[k];
      var d = defaults ? defaults[k] : undefined;
      if (v === null || v === undefined || v === "" || JSON.stringify(v) === JSON.stringify(d)) {
        return;
      }
      if (Array.isArray(v)) {
        params.set(k, v.join(","));
      } else if (typeof v === "boolean") {
        params.set(k, v ? "1" : "0");
      } else {
        params.set(k, String(v));
      }
    });
    var query = params.toString().replace(/%2C/g, ",");
    var url = window.location.pathname + (query ? "?" + query : "");
    if (url !== window.location.pathname + window.location.search) {
      window.history.replaceState(window.history.state, "", url);
    }
    return {year: state.year || null, from: state.from || null, to: state.to || null};
  }

  function navLinks(sel, paths) {
    paths = paths || [];
    var params = new URLSearchParams();
    if (sel && sel.year) { params.set("year", sel.year); }
    if (sel && sel.from && sel.to) { params.set("from", sel.from); params.set("to", sel.to); }
    var q = params.toString();
    return paths.map(function (p) {
      var base = String(p || "/").split("?")[0];
      var timeSeriesPage = ["/", "/trade", "/energy", "/arms"].indexOf(base) >= 0;
      return q && timeSeriesPage ? base + "?" + q : base;
    });
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    ruaz: {
      updateState: updateState,
      applySelection: applySelection,
      selectionText: selectionText,
      syncUrl: syncUrl,
      navLinks: navLinks
    }
  });
}());
