/*
 * Client-side helpers of the compare (/compare) and data (/data) pages.
 *
 * - dash_clientside.ruaz_compare.syncUrl: mirrors a page's parameters
 *   ({a, b, release} or {table}) into the address bar with replaceState, so
 *   that the view can be shared without a server round trip. Returns the
 *   query written.
 * - dashAgGridComponentFunctions.RuazText: a grid cell that shows a text
 *   field of the row (e.g. "no data for 2013", "-40.6%", "-1.14 pp") while
 *   the column sorts and filters on its number; % and pp changes have their
 *   own columns, so a column never sorts the two together. An empty text
 *   (the change does not apply to the row) renders as an empty cell. Plain
 *   text only, never HTML.
 */
(function () {
  "use strict";

  function syncUrl(values) {
    var noUpdate = window.dash_clientside.no_update;
    if (!values || typeof values !== "object") {
      return noUpdate;
    }
    var params = new URLSearchParams();
    Object.keys(values).sort().forEach(function (key) {
      var v = values[key];
      if (v === null || v === undefined || v === "") {
        return;
      }
      params.set(key, String(v));
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "");
    if (url !== window.location.pathname + window.location.search) {
      window.history.replaceState(window.history.state, "", url);
    }
    return query;
  }

  function RuazText(props) {
    var data = props.data || {};
    var field = props.textField;
    var text = field && data[field] !== undefined && data[field] !== null ? String(data[field]) : "";
    var missing = text.indexOf("no data for") === 0;
    return window.React.createElement("span", {className: missing ? "muted" : null}, text);
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.ruaz_compare = {syncUrl: syncUrl};
  window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {};
  window.dashAgGridComponentFunctions.RuazText = RuazText;
})();
