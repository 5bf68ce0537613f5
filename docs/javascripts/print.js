/*
 * Print buttons: a button marked `data-handbook-print` prints the page. It is hidden in the
 * page as written and shown here, so that no one meets a button that does nothing (a
 * browser's own Print stays the way without scripts).
 */
(function () {
  "use strict";
  function wire() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-handbook-print]"), function (button) {
      if (button.dataset.handbookPrintWired) return;
      button.dataset.handbookPrintWired = "true";
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  wire();
  // Material's instant loading swaps pages without a reload; wire the new page's buttons too.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(wire);
})();
