// Upgrades each static chart (an SVG drawn at build time) to the interactive Vega chart,
// using the vega bundle served from this site. If anything fails, the static SVG stays and
// the figure says why.
(function () {
  "use strict";

  function fail(figure, error) {
    figure.dataset.rendered = "error";
    figure.dataset.error = String(error);
    var note = document.createElement("p");
    note.className = "chengyu-chart-error";
    note.textContent = "The interactive chart could not be drawn (" + error + "); the static version is shown.";
    figure.appendChild(note);
    console.error("chengyu chart:", error);
  }

  function upgrade(figure) {
    if (figure.dataset.rendered) return;
    if (typeof window.vegaEmbed !== "function") {
      fail(figure, "the vega bundle did not load");
      return;
    }
    var spec;
    try {
      spec = JSON.parse(figure.querySelector("script.chengyu-chart-spec").textContent);
    } catch (error) {
      fail(figure, error);
      return;
    }
    var staticChart = figure.querySelector(".chengyu-chart-static");
    var live = document.createElement("div");
    live.className = "chengyu-chart-live";
    figure.insertBefore(live, staticChart);
    window.vegaEmbed(live, spec, {
      renderer: "svg",
      actions: { export: true, source: false, compiled: false, editor: false },
    }).then(function () {
      // vega-embed's menu is a <summary> holding only an icon: give it a name
      live.querySelectorAll("details > summary").forEach(function (summary) {
        summary.setAttribute("aria-label", "Save this chart as SVG or PNG");
      });
      staticChart.remove();
      figure.dataset.rendered = "vega";
    }).catch(function (error) {
      live.remove();
      fail(figure, error);
    });
  }

  window.chengyuCharts = { upgrade: upgrade };

  // a printed page shows each chart's sources in full
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.chengyu-chart-sources").forEach(function (sources) {
      sources.open = true;
    });
  });

  function upgradeAll() {
    document.querySelectorAll("figure.chengyu-chart").forEach(upgrade);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", upgradeAll);
  } else {
    upgradeAll();
  }
})();
