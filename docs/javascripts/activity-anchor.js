/*
 * Search results open a plan at the goal's section with the search terms in `?h=`;
 * Material then marks the terms in the page. This moves the reader on to the activity
 * that matched best and puts its own anchor (#goal-<n>-activity-<m>) in the address,
 * so a found activity can be linked to. Runs only on pages opened from search.
 */
(function () {
  "use strict";
  if (!new URLSearchParams(window.location.search).get("h")) return;
  var deadline = Date.now() + 5000;

  // The activity that holds the most different search words, then the most marked words.
  function best() {
    var found = null;
    var score = 0;
    document.querySelectorAll(".handbook-activities > li[id]").forEach(function (item) {
      // Material marks adjacent terms together ("policy forum"), so count words.
      var marks = [];
      item.querySelectorAll("mark[data-md-highlight]").forEach(function (mark) {
        marks = marks.concat(mark.textContent.toLowerCase().split(/\s+/).filter(Boolean));
      });
      var terms = marks.filter(function (term, index) { return marks.indexOf(term) === index; }).length;
      var itemScore = terms * 1000 + marks.length;
      if (itemScore > score) {
        score = itemScore;
        found = item;
      }
    });
    return found;
  }

  (function look() {
    var item = best();
    if (!item) {
      if (Date.now() < deadline) window.setTimeout(look, 100);
      return;
    }
    window.history.replaceState(null, "", window.location.pathname + window.location.search + "#" + item.id);
    item.classList.add("handbook-found");
    item.setAttribute("tabindex", "-1");
    item.focus({ preventScroll: true });
    item.scrollIntoView({ block: "center" });
  })();
})();
