/* The theme's icons are drawn by its web font (see helpers/icons.py). Each is decoration beside a
   text label or a button's name: hide the glyph from screen readers, now and in parts of the page
   the theme adds later (a dialog's close button, for example). */
(function () {
  "use strict";
  var SELECTOR = 'i[class*="fa-"]:not([aria-hidden])';
  function hide(root) {
    if (root.matches && root.matches(SELECTOR)) root.setAttribute("aria-hidden", "true");
    if (root.querySelectorAll) root.querySelectorAll(SELECTOR).forEach(function (el) { el.setAttribute("aria-hidden", "true"); });
  }
  function start() {
    hide(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) { change.addedNodes.forEach(hide); });
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
