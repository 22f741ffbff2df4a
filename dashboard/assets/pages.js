/*
 * Trade page: the year-detail panel (chart, heading, key figures) is drawn only here, at load and on every
 * click, from the texts the page ships with (store `trade-detail-data`); the server renders none of it.
 * Returns a flat list matching the callback's outputs: figure, heading, one text per key figure, one
 * "which year" note per key figure, and the chart's text alternative (the year's values, written by the server).
 * With no year selected each key figure shows its own latest year.
 */
(function () {
  "use strict";

  function repeat(value, n) {
    var out = [];
    for (var i = 0; i < n; i++) { out.push(value); }
    return out;
  }

  function detail(state, payload, fig, cfg) {
    var nu = window.dash_clientside.no_update;
    var n = payload && payload.latest ? payload.latest.length : 0;
    var unchanged = [nu, nu].concat(repeat(nu, 2 * n), [nu]);
    if (!payload || !payload.years || !fig) {
      return unchanged;
    }
    var selected = window.ruazProtocol.selectedYear(state, cfg);
    var year = selected || payload["default"];
    var entry = payload.years[String(year)];
    if (!entry) {
      return unchanged;
    }
    var data = (fig.data || []).map(function (trace, i) {
      var rep = i === 0 ? "AZ" : "RU";
      return Object.assign({}, trace, {y: entry.flows[rep], text: entry.labels[rep]});
    });
    var title = Object.assign({}, (fig.layout || {}).title || {}, {text: entry.title});
    var layout = Object.assign({}, fig.layout, {title: title});
    var texts, years;
    if (selected) {
      texts = entry.kpis;
      years = repeat("", n);
    } else {
      texts = payload.latest.map(function (k) { return k.text; });
      var latest = (payload.words && payload.words.latest) || "latest: {year}";
      years = payload.latest.map(function (k) { return k.year === null ? "" : latest.replace("{year}", k.year); });
    }
    var headingWords = (payload.words && payload.words.heading) || "latest figures (chart and statements: {year})";
    var heading = selected ? String(year) : headingWords.replace("{year}", year);
    var figure = Object.assign({}, fig, {data: data, layout: layout});
    // once drawn, the chart is redrawn here, in the frame the linked charts get their band (a figure output
    // would reach the chart only after another round of store updates and a React render)
    var el = document.getElementById("trade-detail");
    var gd = el && el.querySelector(".js-plotly-plot");
    if (gd && gd._fullLayout && window.Plotly) {
      window.Plotly.react(gd, data, layout);
      figure = nu;
    }
    return [figure, heading].concat(texts, years, [entry.summary]);
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {ruaz_trade: {detail: detail}});
}());

/*
 * Energy and arms pages: the year table and the deal register are drawn only here, at load and on every
 * click, from data the page ships with (stores `energy-tables` and `arms-deals-data`, every text written
 * by the server); the server renders neither panel.
 */
(function () {
  "use strict";

  function yearTable(state, payload, cfg) {
    var nu = window.dash_clientside.no_update;
    if (!payload || !payload.years) {
      return [nu, nu];
    }
    var year = window.ruazProtocol.selectedYear(state, cfg) || payload["default"];
    var text = payload.years[String(year)];
    return text === undefined ? [nu, nu] : [String(year), text];
  }

  function deals(state, payload, cfg) {
    var nu = window.dash_clientside.no_update;
    if (!payload || !payload.releases) {
      return [nu, nu, nu];
    }
    var key = window.ruazProtocol.check(((cfg || {}).params || {}).release, state ? state.release : null);
    key = payload.releases[key] ? key : payload["default"];
    var rel = payload.releases[key];
    if (!rel) {
      return [nu, nu, nu];
    }
    var year = window.ruazProtocol.selectedYear(state, cfg);
    var rows = year === null ? rel.rows : rel.rows.filter(function (r) {
      return (r._years || []).indexOf(year) >= 0;
    });
    var caption = rel.captions[year === null ? "all" : String(year)];
    return [year === null ? (cfg && cfg.words && cfg.words.all) || "all years" : String(year), caption, rows];
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    ruaz_pages: {yearTable: yearTable, deals: deals}
  });
}());
