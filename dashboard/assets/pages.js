/*
 * Trade page: the year-detail chart and key figures redraw in the browser from the per-year values
 * the page ships with (store `trade-detail-data`), so a click updates them without a server round trip.
 */
(function () {
  "use strict";

  function detail(state, payload, fig) {
    var nu = window.dash_clientside.no_update;
    if (!payload || !payload.years || !fig) {
      return [nu, nu, [nu, nu, nu, nu, nu]];
    }
    var year = state && state.year ? state.year : payload["default"];
    var entry = payload.years[String(year)];
    if (!entry) {
      return [nu, nu, [nu, nu, nu, nu, nu]];
    }
    var data = (fig.data || []).map(function (trace, i) {
      var rep = i === 0 ? "AZ" : "RU";
      return Object.assign({}, trace, {y: entry.flows[rep], text: entry.labels[rep]});
    });
    var none = entry.flows.AZ.concat(entry.flows.RU).every(function (v) { return v === null; });
    var title = Object.assign({}, (fig.layout || {}).title || {}, {
      text: none ? "No annual flow figures for " + year
                 : "Flows in " + year + ", as each side reports them (USD million)"
    });
    var layout = Object.assign({}, fig.layout, {title: title});
    return [Object.assign({}, fig, {data: data, layout: layout}), String(year), entry.kpis];
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {ruaz_trade: {detail: detail}});
}());

/*
 * Energy and arms pages: year tables and the deal register also switch in the browser, from data the
 * page ships with (stores `energy-tables` and `arms-deals-data`).
 */
(function () {
  "use strict";

  function yearTable(state, payload) {
    var nu = window.dash_clientside.no_update;
    if (!payload || !payload.years) {
      return [nu, nu];
    }
    var year = state && state.year ? state.year : payload["default"];
    var text = payload.years[String(year)];
    return text === undefined ? [nu, nu] : [String(year), text];
  }

  function deals(state, payload) {
    var nu = window.dash_clientside.no_update;
    if (!payload || !payload.releases) {
      return [nu, nu, nu];
    }
    var key = state && payload.releases[state.release] ? state.release : payload["default"];
    var rel = payload.releases[key];
    if (!rel) {
      return [nu, nu, nu];
    }
    var year = state && state.year ? state.year : null;
    var rows = year === null ? rel.rows : rel.rows.filter(function (r) {
      return (r._years || []).indexOf(year) >= 0;
    });
    var caption;
    if (!rel.transcribed) {
      caption = "No register rows were transcribed for the " + rel.label + ".";
    } else if (year === null) {
      // wording (which deals, which columns the release lacks) comes with the payload, as in arms.deals_caption
      caption = "All " + rows.length + " " + rel.every + " in the register of the " + rel.label +
        " (click a year to see that year's deliveries)." + rel.lacks;
    } else if (rows.length === 0) {
      caption = "No deliveries recorded in " + year + " in the " + rel.label + ".";
    } else {
      caption = rows.length + " " + rel.some + " with deliveries in " + year + " (" + rel.label + ")." + rel.lacks;
    }
    return [year === null ? "all years" : String(year), caption, rows];
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    ruaz_pages: {yearTable: yearTable, deals: deals}
  });
}());
