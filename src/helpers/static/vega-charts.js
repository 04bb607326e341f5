/* Draws every chart on the page with the local Vega bundle (vega-bundle.js).
   Each chart is a div.vega-chart whose spec sits in the JSON script named by
   its data-spec attribute. Charts follow the site's light or dark mode. */
(function () {
  "use strict";

  function mode() {
    var theme = document.documentElement.dataset.theme;
    if (theme === "dark") return "dark";
    if (theme === "light") return "light";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  var views = [];

  function draw(el) {
    var source = document.getElementById(el.dataset.spec);
    if (!source || typeof window.vegaEmbed !== "function") return;
    var spec = JSON.parse(source.textContent);
    var options = {
      renderer: "svg",
      actions: { export: true, source: false, compiled: false, editor: false },
      theme: mode() === "dark" ? "dark" : undefined,
      config: { background: "transparent" }
    };
    if (el._vegaView) el._vegaView.finalize();
    return window.vegaEmbed(el, spec, options).then(function (result) {
      el._vegaView = result.view;
      label(el);
      el.dataset.drawn = mode();
      if (views.indexOf(el) < 0) views.push(el);
    }).catch(function (err) {
      el.classList.add("vega-error");
      el.textContent = "This chart could not be drawn: " + err.message;
      console.error(err);
    });
  }

  // Vega draws selection brushes as unlabelled graphics; they carry no
  // information of their own, so screen readers skip them. The export menu's
  // icon-only button gets a name.
  function label(el) {
    el.querySelectorAll('[role="graphics-symbol"]:not([aria-label])').forEach(function (node) {
      node.setAttribute("aria-hidden", "true");
    });
    el.querySelectorAll("details > summary").forEach(function (summary) {
      if (!summary.getAttribute("aria-label")) summary.setAttribute("aria-label", "Chart menu: save this chart as an image");
    });
  }

  function drawAll() {
    document.querySelectorAll("div.vega-chart[data-spec]").forEach(draw);
  }

  function redrawOnModeChange() {
    var observer = new MutationObserver(function () {
      views.forEach(function (el) {
        if (el.dataset.drawn !== mode()) draw(el);
      });
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  }

  function start() {
    drawAll();
    redrawOnModeChange();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
