/* Charts that travel: PNG/SVG with the sources burned in, the CSV and the "view data" table of each chart
   (dashboard.components.chart_tools; the server side is dashboard/chart_routes.py), and "Copy link".
   Plain event delegation on the document: the buttons work on every page and after any redraw. */
(function () {
  "use strict";

  var LINE_PX = 14;      // height of one burned-in line (font 10 px)
  var CHAR_PX = 5.6;     // average width of a character at that size, for wrapping
  var MIN_WIDTH = 800;   // exports are at least this wide, so that the source lines stay readable

  // the page's address, plus what the chart's figure says its view needs and the address lacks
  // (layout.meta.view_query: /compare's slope chart names its ticked rows, dashboard.charts.compare)
  function viewAddress(graphId) {
    var view = window.location.pathname + window.location.search;
    var gd = graphId ? graphDiv(graphId) : null;
    var extra = gd && gd.layout && gd.layout.meta && gd.layout.meta.view_query;
    if (typeof extra === "string" && extra) {
      view += (view.indexOf("?") < 0 ? "?" : "&") + extra;
    }
    return view;
  }

  function dataUrl(graphId, kind) {
    return "/chart-data/" + encodeURIComponent(graphId) + "." + kind + "?view=" + encodeURIComponent(viewAddress(graphId));
  }

  // A graph's name (dashboard.ids.dom_name): a string id itself; a pattern-matching id, rendered as its JSON,
  // "<page>-<chart>" ("trade-main"). data-graph, the /chart-data/ route and the file names use this name.
  function graphName(domId) {
    if (domId.charAt(0) !== "{") {
      return domId;
    }
    var id;
    try {
      id = JSON.parse(domId);
    } catch (e) {
      return domId;  // an element of a component, "<JSON id>-<part>": not a graph
    }
    var tail = id.chart !== undefined ? id.chart : id.key !== undefined ? id.key : String(id.type).replace(/^ruaz-/, "");
    return id.page + "-" + tail;
  }

  function graphDiv(graphId) {
    var el = document.getElementById(graphId);
    if (!el) {
      el = Array.prototype.find.call(document.querySelectorAll("[id^='{\"']"), function (g) {
        return graphName(g.id) === graphId && g.querySelector(".js-plotly-plot") !== null;
      });
    }
    return el && el.querySelector(".js-plotly-plot");
  }

  function wrap(line, width) {
    // break a line at spaces so that it fits ``width`` characters
    var out = [];
    var current = "";
    line.split(" ").forEach(function (word) {
      if (current && (current + " " + word).length > width) {
        out.push(current);
        current = word;
      } else {
        current = current ? current + " " + word : word;
      }
    });
    if (current) {
      out.push(current);
    }
    return out;
  }

  function escapeText(text) {
    // annotations read a small HTML subset: keep the source text literal
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function exportLayout(gd, meta) {
    // the live layout, taller by the burned-in lines, which sit in the new bottom margin
    var full = gd._fullLayout;
    var layout = JSON.parse(JSON.stringify(gd.layout));
    var width = Math.max(full.width, MIN_WIDTH);
    var lines = [];
    meta.lines.forEach(function (line) {
      lines = lines.concat(wrap(line, Math.floor((width - 20) / CHAR_PX)));
    });
    var extra = lines.length * LINE_PX + 12;
    var size = full._size;
    var plotHeight = size.h;
    layout.width = width;
    layout.height = full.height + extra;
    layout.margin = Object.assign({}, layout.margin, {b: size.b + extra, t: size.t, l: size.l, r: size.r, autoexpand: false});
    var title = (layout.title && layout.title.text) || meta.title;
    layout.title = Object.assign({}, layout.title, {text: title});
    layout.annotations = (layout.annotations || []).concat([{
      name: "export-sources",
      text: lines.map(escapeText).join("<br>"),
      xref: "paper",
      yref: "paper",
      x: 0,
      xanchor: "left",
      xshift: -size.l + 10,
      y: -(size.b + extra - 6) / plotHeight,
      yanchor: "bottom",
      align: "left",
      showarrow: false,
      font: {size: 10, color: "#333"}
    }]);
    return layout;
  }

  function image(graphId, format) {
    // a data URL of the chart as PNG or SVG with its title, unit, sources (publisher, edition) and dates
    var gd = graphDiv(graphId);
    if (!gd || !window.Plotly) {
      return Promise.reject(new Error("no chart " + graphId));
    }
    return fetch(dataUrl(graphId, "json")).then(function (r) {
      if (!r.ok) {
        throw new Error("chart data " + graphId + ": HTTP " + r.status);
      }
      return r.json();
    }).then(function (meta) {
      var layout = exportLayout(gd, meta);
      return window.Plotly.toImage({data: gd.data, layout: layout, config: {}}, {
        format: format,
        width: layout.width,
        height: layout.height,
        scale: format === "png" ? 2 : 1
      }).then(function (url) {
        return {url: url, filename: meta.filename + "." + format};
      });
    });
  }

  function download(graphId, format) {
    return image(graphId, format).then(function (out) {
      var a = document.createElement("a");
      a.href = out.url;
      a.download = out.filename;
      document.body.appendChild(a);
      a.click();
      a.remove();
      return out.filename;
    });
  }

  function fillTable(details) {
    var graphId = details.getAttribute("data-graph");
    var box = details.querySelector(".chart-table-wrap");
    var url = dataUrl(graphId, "html");
    if (!box || box.getAttribute("data-view") === url) {
      return Promise.resolve();
    }
    box.textContent = "Loading…";
    return fetch(url).then(function (r) {
      return r.text().then(function (text) {
        // the server escapes every cell (dashboard.chart_export.table_html)
        box.innerHTML = r.ok ? text : "";
        if (!r.ok) {
          box.textContent = text;
        }
        box.setAttribute("data-view", url);
      });
    });
  }

  function copyLink(button) {
    var wrapper = button.closest(".copy-link");
    var box = wrapper.querySelector("input");
    var url = window.location.href;
    box.value = url;
    wrapper.classList.add("shown");
    var shown = function (text) {
      button.textContent = text;
      box.focus();
      box.select();
    };
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(url).then(function () {
        shown("Link copied");
      }, function () {
        shown("Copy the link below");
      });
    }
    shown("Copy the link below");
    return Promise.resolve();
  }

  document.addEventListener("click", function (ev) {
    var target = ev.target instanceof Element ? ev.target : null;
    var imageButton = target && target.closest(".chart-image");
    if (imageButton) {
      ev.preventDefault();
      download(imageButton.getAttribute("data-graph"), imageButton.textContent.trim().toLowerCase()).catch(
        function (err) {
          imageButton.title = "The image could not be made: " + err.message;
        });
      return;
    }
    var csv = target && target.closest("a.chart-csv");
    if (csv) {
      csv.href = dataUrl(csv.getAttribute("data-graph"), "csv");
      return;
    }
    var copy = target && target.closest("button.copy-link-btn");
    if (copy) {
      copyLink(copy);
    }
  });

  // keep a CSV link's address current before it is followed or copied (hover, keyboard focus)
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (ev) {
      var csv = ev.target instanceof Element ? ev.target.closest("a.chart-csv") : null;
      if (csv) {
        csv.href = dataUrl(csv.getAttribute("data-graph"), "csv");
      }
    });
  });

  // "toggle" does not bubble: listen in the capture phase
  document.addEventListener("toggle", function (ev) {
    var details = ev.target;
    if (details instanceof Element && details.classList.contains("chart-data") && details.open) {
      fillTable(details).catch(function (err) {
        details.querySelector(".chart-table-wrap").textContent = "The table could not be loaded: " + err.message;
      });
    }
  }, true);

  window.ruazExport = {image: image, download: download, fillTable: fillTable, dataUrl: dataUrl, copyLink: copyLink};
}());
