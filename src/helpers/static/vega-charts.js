/* Draws every chart on the page with the local Vega bundle (vega-bundle.js).
   Each chart is a div.vega-chart whose spec sits in the JSON script named by
   its data-spec attribute (or in the file its data-spec-src names). A chart may
   have a narrow form for a phone's column, named by data-spec-narrow (a script)
   or data-spec-narrow-src (a file in _static/vega-specs/, fetched when needed):
   below 600 px it is the one drawn (the same media query as the static image's
   <picture> source, so the live chart replaces the image it looks like), and a
   chart is drawn again in its other form when the width crosses 600 px (a phone
   turned sideways). It first shows the chart's static SVG
   (img.vega-static, at the chart's size, with a div.vega-controls-space holding
   the room of the chart's input controls and a one-line note that they load with
   the chart; if the bundle fails or is slow to come, the note says the controls are
   unavailable and the image is the chart's default view). Once the page has loaded, this
   script fetches the bundle (named by its own data-bundle attribute), draws
   each chart out of sight in a div.vega-live inside the container and then
   removes the image and the space: the interactive chart takes their place without moving
   the text. Charts follow the site's light or dark mode. */
(function () {
  "use strict";

  var bundle = document.currentScript && document.currentScript.dataset.bundle;

  function mode() {
    var theme = document.documentElement.dataset.theme;
    if (theme === "dark") return "dark";
    if (theme === "light") return "light";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  var views = [];
  var NARROW = "(max-width: 599.98px)"; // helpers.images.NARROW_MEDIA
  var SLOW_MS = 20000; // after this, a bundle still on its way is reported as not available (yet)

  // The note in each chart's room for controls, while the static image stands in for the chart. A
  // longer note may need more lines than the room kept on a narrow screen: the room grows to fit it
  // (nothing will take its place now, so nothing will move later).
  function note(text, scope) {
    (scope || document).querySelectorAll("div.vega-chart .vega-controls-note").forEach(function (p) {
      var space = p.parentElement;
      p.textContent = text;
      if (space.style.height && space.style.height !== "auto") {
        space.style.minHeight = space.style.height;
        space.style.height = "auto";
      }
    });
  }

  // The form a chart is drawn in: narrow below 600 px when it has one, else wide.
  function formOf(el) {
    var narrow = el.dataset.specNarrow || el.dataset.specNarrowSrc;
    return narrow && window.matchMedia && window.matchMedia(NARROW).matches ? "narrow" : "wide";
  }

  // A form's spec: parsed from its script, or fetched from its file (once).
  function specOf(el, form) {
    el._specs = el._specs || {};
    if (!el._specs[form]) {
      var id = form === "narrow" ? el.dataset.specNarrow : el.dataset.spec;
      var src = form === "narrow" ? el.dataset.specNarrowSrc : el.dataset.specSrc;
      var script = id && document.getElementById(id);
      el._specs[form] = script
        ? Promise.resolve(JSON.parse(script.textContent))
        : fetch(src).then(function (response) {
            if (!response.ok) throw new Error("the chart's spec " + src + " did not load (" + response.status + ")");
            return response.json();
          });
    }
    return el._specs[form];
  }

  function draw(el) {
    if (typeof window.vegaEmbed !== "function") return;
    var form = formOf(el);
    return specOf(el, form).then(function (spec) { return embed(el, spec, form); }, function (err) { failed(el, err); });
  }

  function failed(el, err) {
    // The static image, if any, stays; the message goes under it.
    el.classList.add("vega-error");
    note("Interactive controls unavailable: the chart could not be drawn.", el);
    var message = document.createElement("p");
    message.textContent = "This chart could not be drawn: " + err.message;
    el.appendChild(message);
    console.error(err);
  }

  function embed(el, spec, form) {
    var options = {
      renderer: "svg",
      // The export menu's button takes a 38 px gutter beside the chart: a phone's column has no room for it.
      actions: form === "narrow" ? false : { export: true, source: false, compiled: false, editor: false },
      theme: mode() === "dark" ? "dark" : undefined,
      config: { background: "transparent" }
    };
    if (el._vegaView) el._vegaView.finalize();
    var live = el.querySelector(":scope > .vega-live");
    if (!live) {
      live = document.createElement("div");
      live.className = "vega-live";
      el.appendChild(live);
    }
    var placeholder = el.querySelector(":scope > picture, :scope > img.vega-static");
    if (placeholder) {
      // Drawn out of sight and out of the accessibility tree until it is complete.
      el.style.position = "relative";
      live.style.cssText = "position:absolute;top:0;left:0;right:0;visibility:hidden;overflow:hidden";
    }
    return window.vegaEmbed(live, spec, options).then(function (result) {
      el._vegaView = result.view;
      label(el);
      if (placeholder) {
        placeholder.remove();
        el.querySelectorAll(":scope > .vega-controls-space").forEach(function (space) { space.remove(); });
        live.removeAttribute("style");
        el.style.removeProperty("position");
        if (!el.getAttribute("style")) el.removeAttribute("style");
      }
      el.dataset.drawn = mode();
      el.dataset.form = form;
      if (views.indexOf(el) < 0) views.push(el);
    }).catch(function (err) {
      // The static image, if any, stays; the message goes under it.
      el.classList.add("vega-error");
      note("Interactive controls unavailable: the chart could not be drawn.", el);
      live.removeAttribute("style");
      live.textContent = "This chart could not be drawn: " + err.message;
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
    document.querySelectorAll("div.vega-chart[data-spec], div.vega-chart[data-spec-src]").forEach(draw);
  }

  // A phone turned sideways (or a window resized) across 600 px: each chart in the other form.
  function redrawOnWidthChange() {
    if (!window.matchMedia) return;
    var query = window.matchMedia(NARROW);
    var redraw = function () {
      views.forEach(function (el) {
        if (el.dataset.form !== formOf(el)) draw(el);
      });
    };
    if (query.addEventListener) query.addEventListener("change", redraw);
    else if (query.addListener) query.addListener(redraw);
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
    redrawOnWidthChange();
  }

  function loadBundle() {
    if (typeof window.vegaEmbed === "function" || !bundle) return start();
    var script = document.createElement("script");
    var slow = window.setTimeout(function () {
      note("Interactive controls not loaded yet (slow connection?): the chart shows its default view.");
    }, SLOW_MS);
    script.src = bundle;
    script.onload = function () {
      window.clearTimeout(slow);
      start();
    };
    script.onerror = function () {
      window.clearTimeout(slow);
      note("Interactive controls unavailable (the chart library did not load): this is the default view.");
      console.error("The chart library " + bundle + " could not be loaded: the charts stay as static images.");
    };
    document.head.appendChild(script);
  }

  // The static images and the text come first; the 0.9 MB bundle after the page has loaded.
  if (document.readyState === "complete") {
    loadBundle();
  } else {
    window.addEventListener("load", loadBundle);
  }
})();
