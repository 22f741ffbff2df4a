/* The y axis fits the visible years when a chart is zoomed: the same rule as dashboard.figure_base.fit_y
   (data traces only, hidden ones skipped, error-bar tops and stacked-bar totals counted, 5 % padding, a
   positive range kept above 0). linking.js asks for it when it applies a year range to a linked chart; the
   chart the user zoomed is fitted here, on its plotly_relayout. */
(function () {
  "use strict";

  var Y_PAD = 0.05;

  function yRange(gd, x0, x1) {
    var values = [];
    var stacks = {};
    var stacked = gd._fullLayout && gd._fullLayout.barmode === "stack";
    (gd.data || []).forEach(function (t) {
      if (t.visible === false || t.visible === "legendonly" || (t.yaxis && t.yaxis !== "y")) {
        return;
      }
      var errors = (t.error_y && t.error_y.visible !== false && t.error_y.array) || [];
      var xs = t.x || [];
      var ys = t.y || [];
      for (var i = 0; i < Math.min(xs.length, ys.length); i++) {
        var x = xs[i];
        var y = ys[i];
        if (x === null || x === undefined || y === null || y === undefined || Number(x) < x0 || Number(x) > x1) {
          continue;
        }
        y = Number(y);
        if (t.type === "bar" && stacked) {
          var pair = stacks[x] || (stacks[x] = [0, 0]);
          pair[y >= 0 ? 0 : 1] += y;
          continue;
        }
        values.push(y);
        if (errors[i]) {
          values.push(y + Number(errors[i]));
        }
        if (t.type === "bar") {
          values.push(0);
        }
      }
    });
    Object.keys(stacks).forEach(function (k) {
      values.push(stacks[k][0], stacks[k][1]);
    });
    if (!values.length) {
      return null;
    }
    var low = Math.min.apply(null, values);
    var high = Math.max.apply(null, values);
    var pad = (high - low) * Y_PAD || (Math.abs(high) * Y_PAD || 1);
    var bottom = low >= 0 ? Math.max(low - pad, 0) : low - pad;
    var top = high <= 0 ? Math.min(high + pad, 0) : high + pad;
    return [bottom, top];
  }

  function close(a, b) {
    return Array.isArray(a) && a.length === 2 && Math.abs(a[0] - b[0]) < 1e-9 && Math.abs(a[1] - b[1]) < 1e-9;
  }

  function fitUpdate(gd, range) {
    // the relayout keys that fit the y axis to the x range ``range`` (null: back to autorange); {} when it fits
    var yaxis = (gd.layout && gd.layout.yaxis) || {};
    var fitted = range ? yRange(gd, range[0], range[1]) : null;
    if (!fitted) {
      return yaxis.autorange === false ? {"yaxis.autorange": true} : {};
    }
    return yaxis.autorange === false && close(yaxis.range, fitted) ? {} : {"yaxis.range": fitted, "yaxis.autorange": false};
  }

  function onRelayout(gd, ev) {
    // the chart the user zoomed (linking.js fits the other linked charts as it moves their x range)
    if (!ev || !("xaxis.range[0]" in ev || "xaxis.range" in ev || "xaxis.autorange" in ev)) {
      return;
    }
    var xaxis = gd.layout.xaxis || {};
    var range = xaxis.autorange === false && Array.isArray(xaxis.range) ? xaxis.range : null;
    var update = fitUpdate(gd, range);
    if (Object.keys(update).length) {
      // the x range goes along: this relayout's relayoutData replaces the zoom's, and linking.js reads it
      if (range) {
        update["xaxis.range"] = range.slice();
      } else {
        update["xaxis.autorange"] = true;
      }
      window.Plotly.relayout(gd, update);
    }
  }

  function watch() {
    document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
      if (!gd.__ruazFit && typeof gd.on === "function") {
        gd.__ruazFit = true;
        gd.on("plotly_relayout", function (ev) { onRelayout(gd, ev); });
      }
    });
  }

  var pending = false;
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        watch();
      });
    }
  }).observe(document.documentElement, {childList: true, subtree: true});

  window.ruazFit = {yRange: yRange, fitUpdate: fitUpdate};
}());
