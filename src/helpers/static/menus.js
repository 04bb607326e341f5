/* On a phone or tablet the header's ☰ and ☷ open the theme's menus as dialogs
   (#pst-primary-sidebar-modal: the book's contents; #pst-secondary-sidebar-modal: this page's). The theme
   closes them on Escape or a tap beside them, not when the reader chooses a link: a section of this page
   chosen in ☷ was scrolled to behind the open menu. A link chosen in either menu now closes it. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("dialog a[href]") : null;
    var dialog = link && link.closest("dialog");
    if (dialog && dialog.open && /-sidebar-modal$/.test(dialog.id)) dialog.close();
  });
})();
