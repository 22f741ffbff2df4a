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
