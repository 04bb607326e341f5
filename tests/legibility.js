// Measures every chart drawn on the page (used by tests/test_legibility.py).
// Returns one record per div.vega-chart: the smallest text as shown on screen,
// labels cut short (by Vega's ellipsis, by the SVG's edge, or under the chart's menu button),
// axes that repeat a tick label, overlapping text, contrast failures, and its legend entries.
() => {
  "use strict";
  const TINY = 2; // px: boxes that touch by less than this do not overlap

  function rgba(css) {
    if (!css || css === "none" || css === "transparent") return null;
    const m = css.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    const a = p.length > 3 ? p[3] : 1;
    return a > 0 ? { r: p[0], g: p[1], b: p[2], a } : null;
  }
  function over(top, under, alpha) {
    const a = top.a * alpha;
    return { r: top.r * a + under.r * (1 - a), g: top.g * a + under.g * (1 - a), b: top.b * a + under.b * (1 - a), a: 1 };
  }
  function lum(c) {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function ratio(a, b) {
    const x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }
  function hex(c) {
    return "#" + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
  }
  // The opacity an element is drawn with: its own and its ancestors' up to the svg.
  function opacity(el, svg) {
    let o = 1;
    for (let n = el; n && n !== svg.parentNode; n = n.parentNode) {
      if (n.nodeType === 1) o *= parseFloat(getComputedStyle(n).opacity || "1");
    }
    return o;
  }
  // What the chart is drawn on: the page's colour under it, with the chart's own background over it.
  function pageBackground(el) {
    const layers = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentNode) {
      const c = rgba(getComputedStyle(n).backgroundColor);
      if (c && c.a > 0) layers.push(c);
      if (c && c.a === 1) break;
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg, 1);
    return bg;
  }
  function chartBackground(svg) {
    let bg = pageBackground(svg);
    const back = svg.querySelector("g > path.background, g > rect.background");
    if (back) {
      const f = rgba(getComputedStyle(back).fill);
      if (f) bg = over(f, bg, parseFloat(getComputedStyle(back).fillOpacity || "1") * opacity(back, svg));
    }
    return bg;
  }
  function visibleText(t, svg) {
    const s = getComputedStyle(t);
    if (!t.textContent.trim() || s.display === "none" || s.visibility === "hidden") return false;
    const r = t.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && opacity(t, svg) * parseFloat(s.fillOpacity || "1") > 0.01 && rgba(s.fill);
  }
  function local(el, x, y) {
    const p = el.ownerSVGElement.createSVGPoint();
    p.x = x; p.y = y;
    return p.matrixTransform(el.getScreenCTM().inverse());
  }
  // The data marks under a screen point (areas a label may sit on: cells, countries).
  function areaUnder(areas, x, y) {
    for (let i = areas.length - 1; i >= 0; i--) {
      const a = areas[i];
      const r = a.getBoundingClientRect();
      if (x < r.left || x > r.right || y < r.top || y > r.bottom) continue;
      if (typeof a.isPointInFill !== "function" || a.isPointInFill(local(a, x, y))) return a;
    }
    return null;
  }
  function inset(r, d) {
    return { left: r.left + d, right: r.right - d, top: r.top + d, bottom: r.bottom - d };
  }
  function meets(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  // Does mark m draw anything inside the box r (sampled every 2 px)?
  function markIn(m, r) {
    const stroke = getComputedStyle(m).stroke !== "none" && parseFloat(getComputedStyle(m).strokeWidth) > 0;
    const fill = rgba(getComputedStyle(m).fill);
    for (let x = r.left; x <= r.right; x += 2) {
      for (let y = r.top; y <= r.bottom; y += 2) {
        const p = local(m, x, y);
        if ((fill && m.isPointInFill(p)) || (stroke && m.isPointInStroke(p))) return true;
      }
    }
    return false;
  }
  // The box a clipped mark is cut to (Vega clips a mark to its plot: a zoom moves marks past its edges).
  function clipBox(m) {
    const clipped = m.closest("[clip-path]");
    const scope = clipped && clipped.parentElement.closest("g.role-scope");
    const plot = scope && scope.querySelector(":scope > g > path.background, :scope > path.background");
    return plot ? plot.getBoundingClientRect() : null;
  }
  function label(t) {
    return t.textContent.trim().slice(0, 60);
  }

  return [...document.querySelectorAll("div.vega-chart")].map((chart, index) => {
    const svg = chart.querySelector("svg.marks");
    const out = { index, drawn: !!svg, texts: 0, minPx: null, smallest: "", cut: [], outside: [], underMenu: [], repeats: [], spill: [], overlaps: [],
                  lowContrast: [], legend: [], chartWidth: 0, boxWidth: chart.clientWidth, scrolls: false };
    if (!svg) return out;
    out.chartWidth = svg.getBoundingClientRect().width;
    out.scale = out.chartWidth / parseFloat(svg.getAttribute("width"));
    out.scrolls = chart.scrollWidth > chart.clientWidth + 1;
    const bg = chartBackground(svg);
    out.background = hex(bg);
    const texts = [...svg.querySelectorAll("text")].filter((t) => visibleText(t, svg));
    const areas = [...svg.querySelectorAll("g.role-mark.mark-rect > path, g.role-mark.mark-rect > rect, g.role-mark.mark-shape > path")];
    // Marks that carry meaning: decoration is hidden from assistive technology (aria-hidden) and skipped.
    const marks = [...svg.querySelectorAll("g.role-mark.mark-symbol > path, g.role-mark.mark-rule > line, g.role-mark.mark-rule > path, g.role-mark.mark-line > path")]
      .filter((m) => opacity(m, svg) > 0.01 && !m.closest('[aria-hidden="true"]'));
    // A label with a halo (the same text drawn underneath with a wide light stroke) is read against the halo.
    const halos = texts.filter((t) => getComputedStyle(t).stroke !== "none" && parseFloat(getComputedStyle(t).strokeWidth) >= 2);
    function haloOf(t) {
      const r = t.getBoundingClientRect();
      return halos.find((h) => {
        const q = h.getBoundingClientRect();
        return h.textContent === t.textContent && Math.abs(q.left - r.left) < 2 && Math.abs(q.top - r.top) < 2;
      });
    }
    out.texts = texts.length;
    const frame = svg.getBoundingClientRect();
    const summary = chart.querySelector("details > summary");  // vega-embed's menu button
    const menu = summary && summary.getBoundingClientRect().width > 0 ? summary.getBoundingClientRect() : null;
    // An axis whose neighbouring ticks carry the same label (a year format on half-year ticks).
    svg.querySelectorAll("g.role-axis").forEach((axis) => {
      const ticks = [...axis.querySelectorAll("g.role-axis-label text")].filter((t) => visibleText(t, svg))
        .map((t) => ({ text: t.textContent.trim(), r: t.getBoundingClientRect() }));
      const across = ticks.length > 1 && Math.abs(ticks[0].r.top - ticks[ticks.length - 1].r.top) < 2;
      ticks.sort((a, b) => (across ? a.r.left - b.r.left : a.r.top - b.r.top));
      for (let i = 1; i < ticks.length; i++) {
        if (ticks[i].text === ticks[i - 1].text) out.repeats.push(`"${ticks[i].text}" twice in a row on an axis`);
      }
    });
    const boxes = texts.map((t) => inset(t.getBoundingClientRect(), TINY));
    texts.forEach((t, i) => {
      const ctm = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
      if (out.minPx === null || px < out.minPx) { out.minPx = Math.round(px * 100) / 100; out.smallest = label(t); }
      // Vega shortens a label past its limit with an ellipsis ("…", or "..." if configured so).
      if (/(…|\.\.\.)$/.test(t.textContent.trim())) out.cut.push(label(t));
      // The browser clips what runs past the SVG's box: no ellipsis shows it, only the box does.
      const r0 = t.getBoundingClientRect();
      const past = Math.max(frame.left - r0.left, r0.right - frame.right, frame.top - r0.top, r0.bottom - frame.bottom);
      if (past > 1) out.outside.push(`"${label(t)}" runs ${past.toFixed(0)} px past the chart's edge`);
      if (menu && meets(inset(r0, 1), menu)) out.underMenu.push(label(t));
      for (let j = i + 1; j < texts.length; j++) {
        if (haloOf(t) === texts[j] || haloOf(texts[j]) === t) continue; // a label and its own halo
        if (meets(boxes[i], boxes[j])) out.overlaps.push(`text "${label(t)}" / text "${label(texts[j])}"`);
      }
      for (const m of marks) {
        const clip = clipBox(m);
        if (clip && !meets(boxes[i], clip)) continue;  // hidden where the text is
        if (meets(boxes[i], m.getBoundingClientRect()) && markIn(m, boxes[i])) {
          out.overlaps.push(`text "${label(t)}" / ${m.parentNode.getAttribute("class").split(" ")[0]}`);
          break;
        }
      }
      // Contrast: against the cell or country it sits on, else the chart's background.
      const s = getComputedStyle(t);
      const r = t.getBoundingClientRect();
      const area = areaUnder(areas, (r.left + r.right) / 2, (r.top + r.bottom) / 2);
      let under = bg;
      if (area) {
        const f = rgba(getComputedStyle(area).fill);
        if (f) under = over(f, bg, parseFloat(getComputedStyle(area).fillOpacity || "1") * opacity(area, svg));
      }
      const halo = haloOf(t);
      if (halo) {  // its own halo, or one drawn under it
        const hs = getComputedStyle(halo);
        under = over(rgba(hs.stroke), under, parseFloat(hs.strokeOpacity || "1") * opacity(halo, svg));
      }
      const ink = over(rgba(s.fill), under, parseFloat(s.fillOpacity || "1") * opacity(t, svg));
      const large = px >= 24 || (px >= 18.66 && parseInt(s.fontWeight, 10) >= 700);
      const c = ratio(ink, under);
      if (c < (large ? 3 : 4.5)) out.lowContrast.push(`text "${label(t)}" ${hex(ink)} on ${hex(under)}: ${c.toFixed(2)}`);
    });
    // A mark drawn outside its own plot (a zoom moves marks past the edges): its centre must lie
    // within the plot's box across, unless a clip path (Vega's clip) hides what spills.
    for (const m of marks) {
      if (m.closest("[clip-path]")) continue;
      const cell = m.closest("g.role-scope");
      const plot = cell && cell.querySelector(":scope > g > path.background, :scope > path.background");
      if (!plot) continue;
      const p = plot.getBoundingClientRect(), r = m.getBoundingClientRect();
      const mid = (r.left + r.right) / 2;
      if (p.width > 0 && (mid < p.left - 1 || mid > p.right + 1)) {
        out.spill.push(`${m.parentNode.getAttribute("class").split(" ")[0]} at ${Math.round(mid - p.left)} px in a ${Math.round(p.width)} px plot`);
      }
    }
    // Marks that carry meaning (symbols, rules, lines) need 3:1 against the chart's background.
    for (const m of marks) {
      const s = getComputedStyle(m);
      const stroked = s.stroke !== "none" && parseFloat(s.strokeWidth) > 0 && rgba(s.stroke);
      const filled = rgba(s.fill);
      const paint = filled && parseFloat(s.fillOpacity || "1") > 0 ? filled : stroked;
      if (!paint) continue;
      const alpha = (paint === filled ? parseFloat(s.fillOpacity || "1") : parseFloat(s.strokeOpacity || "1")) * opacity(m, svg);
      const ink = over(paint, bg, alpha);
      const c = ratio(ink, bg);
      if (c < 3) {
        const kind = m.parentNode.getAttribute("class").split(" ")[0];
        const desc = m.getAttribute("aria-label") || "";
        out.lowContrast.push(`${kind} ${hex(paint)} at opacity ${(paint.a * alpha).toFixed(2)} = ${hex(ink)} on ${hex(bg)}: ${c.toFixed(2)} ${desc.slice(0, 40)}`);
      }
    }
    // Legend entries: label, colour and shape (the symbol's path, scaled to unit size).
    svg.querySelectorAll("g.role-legend-entry g.mark-group.role-scope > g").forEach((entry) => {
      const sym = entry.querySelector("g.role-legend-symbol path");
      const txt = entry.querySelector("g.role-legend-label text");
      if (!sym || !txt) return;
      const s = getComputedStyle(sym);
      const paint = rgba(s.fill) && parseFloat(s.fillOpacity || "1") > 0 ? rgba(s.fill) : rgba(s.stroke);
      const d = sym.getAttribute("d") || "";
      const nums = (d.match(/-?\d*\.?\d+(e-?\d+)?/g) || []).map(Number);
      const scale = Math.max(...nums.map(Math.abs), 1e-9);
      const shape = d.replace(/-?\d*\.?\d+(e-?\d+)?/g, "#") + "|" + nums.map((n) => (n / scale).toFixed(2)).join(",");
      out.legend.push({ label: txt.textContent.trim(), colour: paint ? hex(paint) : null, shape });
    });
    return out;
  });
}
