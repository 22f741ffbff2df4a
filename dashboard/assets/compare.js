/*
 * Client-side helpers of the compare (/compare) and data (/data) pages.
 *
 * - dash_clientside.ruaz_compare.syncUrl: mirrors a page's parameters
 *   ({a, b, release} or {table}) into the address bar with replaceState, so
 *   that the view can be shared without a server round trip, through the one
 *   encoder (ruazProtocol.encode) and the page's spec. Returns the query written.
 * - dashAgGridComponentFunctions.RuazText: a grid cell that shows a text
 *   field of the row (e.g. "no data for 2013", "-40.6%", "-1.14 pp") while
 *   the column sorts and filters on its number; % and pp changes have their
 *   own columns, so a column never sorts the two together. An empty text
 *   (the change does not apply to the row) renders as an empty cell. Plain
 *   text only, never HTML.
 * - dashAgGridFunctions.ruazNumber(value, locale): a number cell's display in
 *   the page's language (dashboard/grid_format.py): "478,5", "1 954,7519" in
 *   ru-RU style (decimal comma, no-break space groups). Text and empty cells
 *   show as they are; the cell value stays the number (sort, filter, CSV).
 *   A function here because dash-ag-grid's expression evaluator has no Intl.
 */
(function () {
  "use strict";

  function syncUrl(values, cfg) {
    // the one encoder (ruazProtocol.encode in linking.js) with the page's spec (store `<page>-cfg`)
    if (!values || typeof values !== "object" || !cfg) {
      return window.dash_clientside.no_update;
    }
    var query = window.ruazProtocol.encode(values, cfg);
    window.ruazProtocol.writeUrl(query);
    return query.replace(/^\?/, "");
  }

  function RuazText(props) {
    var data = props.data || {};
    var field = props.textField;
    var text = field && data[field] !== undefined && data[field] !== null ? String(data[field]) : "";
    var missing = text.indexOf("no data for") === 0;
    return window.React.createElement("span", {className: missing ? "muted" : null}, text);
  }

  function ruazNumber(value, locale) {
    if (typeof value !== "number" || !isFinite(value)) {
      return value === null || value === undefined ? "" : String(value);
    }
    var text = new Intl.NumberFormat(locale, {maximumFractionDigits: 20}).format(value);
    return text.replace(/\u202f/g, "\u00a0");
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.ruaz_compare = {syncUrl: syncUrl};
  window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {};
  window.dashAgGridComponentFunctions.RuazText = RuazText;
  window.dashAgGridFunctions = window.dashAgGridFunctions || {};
  window.dashAgGridFunctions.ruazNumber = ruazNumber;
})();
