/*
 * Overview: the KPI cards of the selected year are placed here, from the texts the page ships once (store
 * `ov-kpi-data`, dashboard.pages.overview.kpi_payload: every text as the server renders it); the server
 * renders no card on a click. Returns a flat list matching the callback's outputs: per card, per field of
 * CARD_FIELDS (value, context, change, change class, source, sparkline).
 */
(function () {
  "use strict";

  function cards(state, payload, cfg) {
    var nu = window.dash_clientside.no_update;
    var fields = payload && payload.default && payload.default.length ? payload.default[0].length : 0;
    var n = payload && payload.cards ? payload.cards.length * fields : 0;
    var year = payload ? window.ruazProtocol.selectedYear(state, cfg) : null;
    var rows = !payload ? null : (year === null ? payload["default"] : payload.years[String(year)]);
    if (!rows) {
      var unchanged = [];
      for (var k = 0; k < n; k++) { unchanged.push(nu); }
      return unchanged;
    }
    var out = [];
    rows.forEach(function (row, card) {
      row.forEach(function (index, field) {
        var text = payload.strings[index];
        if (field === fields - 1) {
          text = payload.spark[card][0] + text + payload.spark[card][1];
        }
        out.push(text);
      });
    });
    return out;
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {ruaz_overview: {cards: cards}});
}());
