/* Draws the page's charts with the local Vega bundle (vega-bundle.js), each only when it is needed.

   Each chart is a div.vega-chart. Its spec is named by data attributes: data-spec (the id of a JSON
   script on the page) or data-spec-src (the address of a JSON file), and, when the chart has a narrow
   form drawn for a phone's column, data-spec-narrow or data-spec-narrow-src. Until it is drawn, the
   container shows the chart's static image (img.vega-static, or a <picture> holding one image per form,
   each at its own size), with a div.vega-controls-space keeping the room of the chart's input controls and
   a one-line note that they load with the chart.

   A chart is drawn when it comes within MARGIN of the screen (IntersectionObserver) once the reader has
   done something on the page (scrolled, touched it, moved the mouse, pressed a key: until then the static
   images are the charts), when the reader touches, clicks or focuses the chart, or when the page is
   printed (beforeprint). The 0.9 MB bundle is fetched
   the first time a chart is drawn: a reader who never scrolls to a chart never downloads or compiles it.
   The chart is drawn out of sight in a div.vega-live inside the container; the image and the room for
   controls are then removed and the interactive chart takes their place without moving the text. If the
   bundle fails or is slow to come, the note says the controls are unavailable and the image is the
   chart's default view.

   A chart with a narrow form draws it where its static image shows the narrow one (the <picture>'s media
   query; without a picture, below NARROW px of container width), otherwise the wide one; a drawn chart
   is drawn again if that changes (a phone turned) or the site's light or dark mode changes.

   Details by touch: Vega shows a mark's tooltip when a mouse moves over it, and a tap moves no mouse.
   A tap on a mark of a drawn chart is passed to Vega as a pointer moving over that mark, so the tooltip
   shows, as hovering does on a laptop; it goes away when the reader taps elsewhere. */
(function () {
  "use strict";

  var bundle = document.currentScript && document.currentScript.dataset.bundle;
  var NARROW = 600; // px: the container width below which a chart draws its narrow form (if it has one)
  var MARGIN = "150% 0px"; // start drawing a chart when it is within one and a half screens of view
  var ENGAGED = ["scroll", "wheel", "touchstart", "pointerdown", "pointermove", "keydown"];
  var SLOW_MS = 20000; // after this, a bundle still on its way is reported as not available (yet)
  var charts = function () { return document.querySelectorAll("div.vega-chart"); };
  var views = []; // the containers drawn so far
  var loading = null; // the bundle's promise, once asked for
  var specs = {}; // parsed or fetched specs, by script id or address

  function mode() {
    var theme = document.documentElement.dataset.theme;
    if (theme === "dark") return "dark";
    if (theme === "light") return "light";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  // The note in each chart's room for controls, while the static image stands in for the chart. A
  // longer note may need more lines than the room kept on a narrow screen: the room grows to fit it
  // (nothing will take its place now, so nothing will move later).
  function note(text, scope) {
    var notes = scope ? scope.querySelectorAll(".vega-controls-note")
      : document.querySelectorAll("div.vega-chart:not([data-drawn]) .vega-controls-note");
    notes.forEach(function (p) {
      var space = p.parentElement;
      p.textContent = text;
      if (space.style.height && space.style.height !== "auto") {
        space.style.minHeight = space.style.height;
        space.style.height = "auto";
      }
    });
  }

  function loadBundle() {
    if (typeof window.vegaEmbed === "function") return Promise.resolve();
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      if (!bundle) return reject(new Error("this page names no chart library"));
      var script = document.createElement("script");
      var slow = window.setTimeout(function () {
        note("Interactive controls not loaded yet (slow connection?): the chart shows its default view.");
      }, SLOW_MS);
      script.src = bundle;
      script.onload = function () {
        window.clearTimeout(slow);
        resolve();
      };
      script.onerror = function () {
        window.clearTimeout(slow);
        note("Interactive controls unavailable (the chart library did not load): this is the default view.");
        var err = new Error("the chart library " + bundle + " could not be loaded: the charts stay as static images");
        console.error(err.message); // once, not once per chart
        err.bundle = true;
        reject(err);
      };
      document.head.appendChild(script);
    });
    return loading;
  }

  // The form the static image shows is the form drawn, so that nothing jumps: the <picture>'s own media
  // query when it has one (remembered, as the picture goes once the chart is drawn), else the width.
  function formOf(el) {
    if (!(el.dataset.specNarrow || el.dataset.specNarrowSrc)) return "wide";
    if (el._narrowMedia === undefined) {
      var source = el.querySelector(":scope > picture > source[media]");
      el._narrowMedia = source ? source.media : null;
    }
    if (el._narrowMedia && window.matchMedia) return window.matchMedia(el._narrowMedia).matches ? "narrow" : "wide";
    return el.clientWidth < NARROW ? "narrow" : "wide";
  }

  function specOf(el, form) {
    var id = form === "narrow" ? el.dataset.specNarrow : el.dataset.spec;
    var src = form === "narrow" ? el.dataset.specNarrowSrc : el.dataset.specSrc;
    var key = id ? "#" + id : src;
    if (!key) return Promise.reject(new Error("the chart names no spec"));
    if (!specs[key]) {
      specs[key] = id
        ? new Promise(function (resolve) { resolve(JSON.parse(document.getElementById(id).textContent)); })
        : fetch(src).then(function (response) {
          if (!response.ok) throw new Error(src + ": HTTP " + response.status);
          return response.json();
        });
    }
    return specs[key];
  }

  function draw(el) {
    if (el._drawing) return el._drawing;
    var form = formOf(el);
    var theme = mode();
    el._drawing = Promise.all([specOf(el, form), loadBundle()]).then(function (found) {
      return embed(el, found[0], theme, form);
    }).then(function () {
      el.dataset.drawn = theme;
      el.dataset.form = form;
      if (views.indexOf(el) < 0) views.push(el);
    }).catch(function (err) {
      // The static image, if any, stays; the message goes under it.
      el.classList.add("vega-error");
      note(err.bundle
        ? "Interactive controls unavailable (the chart library did not load): this is the default view."
        : "Interactive controls unavailable: the chart could not be drawn.", el);
      if (!err.bundle) console.error(err);
    }).then(function () {
      el._drawing = null;
      // The mode changed or the phone turned while it was being drawn: draw it again.
      if (views.indexOf(el) >= 0 && (el.dataset.drawn !== mode() || el.dataset.form !== formOf(el))) draw(el);
    });
    return el._drawing;
  }

  function embed(el, spec, theme, form) {
    var options = {
      renderer: "svg",
      // The export menu's button takes a 38 px gutter beside the chart: a phone's column has no room for it.
      actions: form === "narrow" ? false : { export: true, source: false, compiled: false, editor: false },
      theme: theme === "dark" ? "dark" : undefined,
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
    }, function (err) {
      live.removeAttribute("style");
      live.textContent = "This chart could not be drawn: " + err.message;
      throw err;
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
    return Promise.all(Array.prototype.map.call(charts(), draw));
  }

  // A tap on a mark: Vega's tooltip listens for the pointer moving over a mark; pass the tap on as such.
  function tapShowsTooltip(el) {
    el.addEventListener("pointerup", function (event) {
      if (event.pointerType !== "touch" && event.pointerType !== "pen") return;
      var target = event.target;
      if (!el._vegaView || !target || !target.closest || !target.closest("svg.marks")) return;
      target.dispatchEvent(new PointerEvent("pointermove", {
        bubbles: true, cancelable: true, clientX: event.clientX, clientY: event.clientY,
        screenX: event.screenX, screenY: event.screenY, pointerType: event.pointerType, isPrimary: true
      }));
      onScreen(document.getElementById("vg-tooltip-element"), event.clientY);
    }, { passive: true });
  }

  // Vega's tooltip goes beside the pointer, and on a phone no side has room: it ran off the screen's edge.
  // After a tap it is kept on screen, across the width, below the finger (or above it if there is no room).
  function onScreen(tip, y) {
    if (!tip || !tip.classList.contains("visible")) return;
    var margin = 8, width = window.innerWidth, height = window.innerHeight;
    var box = tip.getBoundingClientRect();
    if (box.left >= margin && box.right <= width - margin && box.top >= margin && box.bottom <= height - margin) return;
    var left = Math.max(margin, Math.min(box.left, width - margin - box.width));
    var top = y + 24 + box.height <= height - margin ? y + 24 : Math.max(margin, y - 24 - box.height);
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }

  function watch() {
    var list = Array.prototype.slice.call(charts());
    list.forEach(function (el) {
      tapShowsTooltip(el);
      // A reader who reaches a chart before it is drawn (a tap, a click, the keyboard) starts it at once.
      ["pointerdown", "focusin"].forEach(function (type) {
        el.addEventListener(type, function () { if (!el.dataset.drawn) draw(el); }, { passive: true });
      });
    });
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            observer.unobserve(entry.target);
            draw(entry.target);
          }
        });
      }, { rootMargin: MARGIN });
      // Until the reader does something (scrolls, touches, moves the mouse, presses a key), the static
      // images are the charts: a page whose first chart is on the first screen does not spend its
      // first seconds on a phone fetching and compiling the library for a chart nobody has reached yet.
      var started = false;
      var start = function () {
        if (started) return;
        started = true;
        ENGAGED.forEach(function (type) { window.removeEventListener(type, start, { passive: true }); });
        list.forEach(function (el) { observer.observe(el); });
      };
      ENGAGED.forEach(function (type) { window.addEventListener(type, start, { passive: true }); });
      // Opened at a section further down: start at once (reading window.scrollY here would force the
      // browser to lay the whole page out before its first paint; a page scrolled back to a place read
      // before gets a scroll event).
      if (location.hash) start();
    } else {
      drawAll();
    }
    // A printed page (and the PDF edition, helpers.pdf) gets every chart.
    window.addEventListener("beforeprint", drawAll);
    // Light or dark mode changed: draw the drawn charts again in the new mode.
    new MutationObserver(function () {
      views.forEach(function (el) { if (el.dataset.drawn !== mode()) draw(el); });
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    // The column's width crossed NARROW (a phone turned): draw the other form.
    var resizing = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(resizing);
      resizing = window.setTimeout(function () {
        views.forEach(function (el) { if (el.dataset.form !== formOf(el)) draw(el); });
      }, 200);
    }, { passive: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
