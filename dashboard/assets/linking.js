/*
 * Client-side linking for the RU–AZ dashboard (no server round trip).
 *
 * window.ruazProtocol: the one validator and the one URL encoder of the browser. Both read a page's
 * parameter specs as the server ships them (store {type: "ruaz-cfg", page}, from dashboard.protocol.PageSpec.config:
 * kind, default, choices, year bounds = the data's year range), so no bound or page list is written here.
 *
 * Every linking element has a pattern-matching id (dashboard.ids): {type: "ruaz-linked", page, chart} for
 * the linked graphs, {type: "ruaz-control", page, key} for a control writing `key`, {type: "ruaz-state",
 * page} ... One set of callbacks (dashboard.linking) serves every page.
 * Each page keeps its state in a dcc.Store {type: "ruaz-state", page}:
 *   {year, from, to, events, ...page controls}
 * - updateState: clicks, the year picker (keyboard), the clear button, zoom/box selections and page
 *   controls write into that store (each value checked by ruazProtocol.check).
 * - applySelection: every time-series figure of the page gets the selected
 *   year as a shaded band (shape "selection"), the selected range as its
 *   x-axis range, and the events layer shown or hidden.
 * - syncUrl: the state is mirrored into the address bar (replaceState), and
 *   the shell-level selection store so that it survives page changes.
 * - navLinks: the navigation (built from dash.page_registry) carries the shell selection to the pages
 *   whose spec takes it, and the language (?lang=) to every page.
 * - shellLang: the shell's words, the language switch's links and <html lang> follow ?lang=.
 */
(function () {
  "use strict";

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  // A value checked against its parameter spec: the value (null = nothing selected) or undefined if invalid.
  function check(param, value) {
    if (!param) {
      return undefined;
    }
    if (value === null || value === undefined) {
      return param["default"] === undefined ? null : param["default"];
    }
    if (param.kind === "year") {
      return typeof value === "number" && Math.floor(value) === value && value >= param.lo && value <= param.hi
        ? value : undefined;
    }
    if (param.kind === "choice") {
      return typeof value === "string" && param.choices.indexOf(value) >= 0 ? value : undefined;
    }
    if (param.kind === "multi") {
      if (!Array.isArray(value)) {
        return undefined;
      }
      return value.every(function (v) { return param.choices.indexOf(v) >= 0; }) ? value : undefined;
    }
    if (param.kind === "bool") {
      return typeof value === "boolean" ? value : undefined;
    }
    return undefined;
  }

  // The selected year of a state, checked against the page's spec (null: none).
  function selectedYear(state, cfg) {
    var year = check(((cfg || {}).params || {}).year, state ? state.year : null);
    return year === undefined ? null : year;
  }

  // Query text of a value (dashboard.state.param_text).
  function text(kind, value) {
    if (kind === "multi" && Array.isArray(value)) {
      return value.join(",");
    }
    if (kind === "bool" && typeof value === "boolean") {
      return value ? "1" : "0";
    }
    return String(value);
  }

  // The query string of a set of values (dashboard.state.to_query): "" or "?a=1&b=2". `spec` is a page's
  // config (or the nav's): {params, order (the parameters in spec order), keepDefaults}.
  function encode(values, spec) {
    var params = (spec && spec.params) || {};
    var query = new URLSearchParams();
    ((spec && spec.order) || []).forEach(function (key) {
      var param = params[key];
      var v = values ? values[key] : undefined;
      if (!param || v === null || v === undefined || v === "" || (!spec.keepDefaults && same(v, param["default"]))) {
        return;
      }
      query.set(key, text(param.kind, v));
    });
    var q = query.toString().replace(/%2C/g, ",");
    return q ? "?" + q : "";
  }

  // The page's language from a query string ("?year=2014&lang=ru" -> "ru"; "" when it names none of ours).
  var LANGS = ["en", "ru", "az"];
  function langOf(search) {
    var lang = new URLSearchParams(search || "").get("lang");
    return LANGS.indexOf(lang) >= 0 ? lang : "";
  }

  // A query with the page's language kept (the shell's parameter: a page's spec does not know it).
  function withLang(query, lang) {
    if (!lang) {
      return query;
    }
    return (query ? query + "&" : "?") + "lang=" + lang;
  }

  // Write a query into the address bar without a reload (nothing when it is already there); the language
  // of the current address stays.
  function writeUrl(query) {
    var url = window.location.pathname + withLang(query, langOf(window.location.search));
    if (url !== window.location.pathname + window.location.search) {
      window.history.replaceState(window.history.state, "", url);
    }
  }

  window.ruazProtocol = {
    check: check, selectedYear: selectedYear, text: text, encode: encode, writeUrl: writeUrl, langOf: langOf,
    withLang: withLang
  };

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
      return {id: parseId(t.prop_id.slice(0, dot)), prop: t.prop_id.slice(dot + 1), value: t.value};
    });
  }

  // A pattern-matching id as the callback context names it (its JSON) -> the id object (dashboard.ids).
  function parseId(text) {
    if (text.charAt(0) !== "{") {
      return {type: null, name: text};
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      return {type: null, name: text};
    }
  }

  // The DOM id Dash gives a dict id: its JSON with sorted keys (dashboard.ids.dom_id).
  function domId(id) {
    if (typeof id !== "object" || id === null) {
      return String(id);
    }
    return "{" + Object.keys(id).sort().map(function (k) {
      return JSON.stringify(k) + ":" + JSON.stringify(id[k]);
    }).join(",") + "}";
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

  function clampRange(range, params) {
    // a zoom beyond the data's years keeps the part inside them (undefined: nothing of it is inside)
    if (range === null || range === undefined || !params.from || !params.to) {
      return range;
    }
    var a = Math.max(range[0], params.from.lo);
    var b = Math.min(range[1], params.to.hi);
    return a <= b ? [a, b] : undefined;
  }

  function applyInput(state, trig, cfg) {
    // returns true when the input changed the state
    var params = cfg.params || {};
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
      var year = check(params.year, Math.round(Number(pts[0].x)));
      if (year === undefined || year === null || year === state.year) {
        return false;
      }
      state.year = year;
      return true;
    }
    if (trig.prop === "relayoutData") {
      var range = clampRange(rangeFromRelayout(trig.value), params);
      if (range === undefined || sameRange(state, range)) {
        return false;
      }
      state.from = range === null ? null : range[0];
      state.to = range === null ? null : range[1];
      return true;
    }
    // a control names the state key it writes in its id; the year picker writes `year`
    var key = trig.id.type === "ruaz-control" ? trig.id.key : (trig.id.type === "ruaz-year-pick" ? "year" : null);
    if (!key || !params[key]) {
      return false;
    }
    var value = trig.value;
    if (params[key] && params[key].kind === "bool") {
      value = Array.isArray(value) ? value.length > 0 : !!value;
    }
    value = check(params[key], value);
    if (value === undefined || same(state[key], value)) {
      return false;
    }
    state[key] = value;
    return true;
  }

  // Outputs: the state, then the year picker's value (every page that links years has one). The picker
  // writes `year`; after a click or a clear it shows the new year (not after its own change: the user set it).
  function updateState() {
    var args = Array.prototype.slice.call(arguments);
    var before = args[args.length - 1] || {};
    var state = Object.assign({}, before);
    var cfg = args[args.length - 2] || {};
    var changed = false;
    var fromPicker = false;
    triggeredInputs(window.dash_clientside.callback_context).forEach(function (trig) {
      fromPicker = fromPicker || trig.id.type === "ruaz-year-pick";
      changed = applyInput(state, trig, cfg) || changed;
    });
    var yearMoved = changed && !fromPicker && state.year !== before.year;
    return [changed ? state : noUpdate(), yearMoved ? state.year : noUpdate()];
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

  // The selected-year band is drawn only here (at load, after a server redraw and on a click); its look is
  // the server's template (cfg.band, from dashboard.figures.SELECTION_BAND), placed at the year.
  function bandX0(shapes) {
    return (shapes || []).filter(function (s) {
      return s.name === "selection";
    }).map(function (s) { return s.x0; });
  }

  function withBand(shapes, year, cfg) {
    var out = (shapes || []).filter(function (s) {
      return s.name !== "selection";
    });
    if (year !== null && cfg.band) {
      out.push(Object.assign({}, cfg.band, {x0: year - 0.5, x1: year + 0.5}));
    }
    return out;
  }

  function wantedBand(year) {
    return year !== null ? [year - 0.5] : [];
  }

  function figureWithBand(fig, year, cfg) {
    // a figure as the server sent it, with the band of the selected year (no_update when it already has it)
    if (!fig || !fig.layout) {
      return noUpdate();
    }
    if (sameNumbers(bandX0(fig.layout.shapes), wantedBand(year))) {
      return noUpdate();
    }
    var layout = Object.assign({}, fig.layout, {shapes: withBand(fig.layout.shapes, year, cfg)});
    return Object.assign({}, fig, {layout: layout});
  }

  function relinkGraph(gd, state, cfg) {
    // Edit the live plot in place (relayout/restyle) instead of replacing its figure: a full redraw of
    // every linked chart on each click cost hundreds of milliseconds.
    var layout = gd.layout || {};
    var year = selectedYear(state, cfg);
    var update = {};
    if (!sameNumbers(bandX0(layout.shapes), wantedBand(year))) {
      update.shapes = withBand(layout.shapes, year, cfg);
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
    if (window.ruazFit) {
      // the y axis fits the visible years (assets/zoom_fit.js)
      var ranged = state.from !== null && state.from !== undefined && state.to !== null && state.to !== undefined;
      Object.assign(update, window.ruazFit.fitUpdate(gd, ranged ? [state.from - 0.5, state.to + 0.5] : null));
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
    // One Plotly.update per chart (band, ranges and event layers together). Not relayout/restyle: those emit
    // plotly_relayout / plotly_restyle, which dcc.Graph echoes back as relayoutData / restyleData, and each echo
    // ran the linking callbacks again (a click cost ~200 store updates, mostly these echoes).
    if (Object.keys(update).length || indices.length) {
      window.Plotly.update(gd, indices.length ? {visible: visible} : {}, update, indices.length ? indices : undefined);
    }
  }

  function applySelection(state, figures, cfg) {
    // arguments: the state, the figures of the page's linked graphs (a list: ALL), the page config. A state
    // change edits the drawn plots in place; at load and when the server sends a new figure, the band is
    // added to that figure.
    state = state || {};
    cfg = cfg || {};
    figures = figures || [];
    var ctx = window.dash_clientside.callback_context;
    var outputs = (ctx && ctx.outputs_list) || [];
    var newFigure = {};
    var stateChanged = false;
    triggeredInputs(ctx).forEach(function (t) {
      if (t.prop === "figure") {
        newFigure[domId(t.id)] = true;
      } else {
        stateChanged = true;
      }
    });
    var year = selectedYear(state, cfg);
    return outputs.map(function (o, i) {
      var dom = domId(o.id);
      var el = document.getElementById(dom);
      var gd = el && el.querySelector(".js-plotly-plot");
      if (stateChanged && !newFigure[dom] && gd && gd.layout && window.Plotly) {
        relinkGraph(gd, state, cfg);
        return noUpdate();
      }
      return figureWithBand(figures[i], year, cfg);
    });
  }

  // The event id of a click on an event marker (customdata "event:<id>", dashboard.linking.clicked_event), else
  // no_update: a click on a year asks the server nothing.
  function eventClick(clicks) {
    var found = null;
    (Array.isArray(clicks) ? clicks : []).forEach(function (click) {
      var pts = click && click.points;
      var cd = pts && pts.length ? pts[0].customdata : null;
      if (found === null && typeof cd === "string" && cd.indexOf("event:") === 0 && cd.length < 40) {
        found = cd.slice("event:".length);
      }
    });
    return found === null ? noUpdate() : found;
  }

  function selectionText(state, cfg) {
    var words = (cfg && cfg.words) || {};  // the page's language (PageSpec.config)
    var year = state && state.year ? String(state.year) : words.none || "none (click a point)";
    var range = state && state.from && state.to ? (words.range || "Range: ") + state.from + "–" + state.to : "";
    return [year, range];
  }

  // The page in view's state and config (lists of one: the shell takes ALL pages' stores, and one page is
  // in view; none on a page without linked graphs).
  function syncUrl(state, cfg) {
    if (Array.isArray(state)) {
      state = state[0];
      cfg = Array.isArray(cfg) ? cfg[0] : cfg;
    }
    if (!state || !cfg) {
      return noUpdate();
    }
    writeUrl(encode(state, cfg));
    return {year: state.year || null, from: state.from || null, to: state.to || null};
  }

  function navLinks(sel, search, nav) {
    var pages = (nav && nav.pages) || [];
    var query = encode(sel || {}, nav);
    var lang = langOf(search);
    return pages.map(function (p) {
      return p.path + withLang(p.carry ? query : "", lang);
    });
  }

  // The current view in language `lang`: the path and query with lang= swapped.
  function switchHref(pathname, search, lang) {
    var query = new URLSearchParams(search || "");
    query.set("lang", lang);
    return (pathname || "/") + "?" + query.toString().replace(/%2C/g, ",");
  }

  // A click on the switch follows the address as it is now (a click on a chart rewrites the query without a
  // navigation, after shellLang last set the links).
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a.lang-link") : null;
    if (link && LANGS.indexOf(link.getAttribute("hreflang")) >= 0) {
      link.setAttribute("href", switchHref(window.location.pathname, window.location.search,
        link.getAttribute("hreflang")));
    }
  }, true);

  // The shell in the language of the address: nav labels, header/footer texts, the switch's links (the current
  // path and query with lang= swapped) and <html lang>. Texts come from the server's catalogues (shell-i18n).
  // The browser title in the address's language: Dash's pages router writes a page's registered (English)
  // title after each navigation, and this puts the language's version from shell-i18n ("titles") in its place.
  var titles = {};
  function translateTitle() {
    var own = titles[document.title];
    if (own && own !== document.title) {
      document.title = own;
    }
  }
  new MutationObserver(translateTitle).observe(document.head, {childList: true, characterData: true, subtree: true});

  function shellLang(pathname, search, texts) {
    var lang = langOf(search) || document.documentElement.lang || "en";
    if (LANGS.indexOf(lang) < 0) {
      lang = "en";
    }
    document.documentElement.lang = lang;
    var words = (texts || {})[lang] || {nav: [], text: {}};
    titles = words.titles || {};
    translateTitle();
    var ids = ["brand-tagline", "copy-link-btn", "copy-link-label", "footer-note", "footer-data-link"];
    var hrefs = LANGS.map(function (l) {
      return switchHref(pathname, search, l);
    });
    var classes = LANGS.map(function (l) {
      return l === lang ? "lang-link current" : "lang-link";
    });
    return words.nav.concat(ids.map(function (id) { return words.text[id]; }), hrefs, classes,
      [withLang("/data", langOf(search))]);
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    ruaz: {
      domId: domId,
      updateState: updateState,
      applySelection: applySelection,
      selectionText: selectionText,
      eventClick: eventClick,
      syncUrl: syncUrl,
      navLinks: navLinks,
      shellLang: shellLang
    }
  });
}());
