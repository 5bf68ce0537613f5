/*
 * What Material's search list has no place for, from our search worker (search-worker.js):
 * how many documents match when only the best are shown ("135 matching documents, the 20
 * best shown"), and "Did you mean" with the likeliest words, a button that searches them.
 * The worker tells it by a BroadcastChannel; only what answers the query now in the box is
 * shown. Loaded only where the site's search is answered from Pagefind.
 */
"use strict";

(function () {
  if (typeof BroadcastChannel !== "function") return;
  var channel = new BroadcastChannel("handbook-search");
  var told = null;

  function box() {
    return document.querySelector(".md-search__input");
  }

  function meta() {
    return document.querySelector(".md-search-result__meta");
  }

  function searchFor(words) {
    var input = box();
    if (!input) return;
    input.value = words;
    input.focus();
    // Material reads the box on these events
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  function suggestionFor(place) {
    var shown = document.getElementById("handbook-search-suggestion");
    if (!shown) {
      shown = document.createElement("p");
      shown.id = "handbook-search-suggestion";
      shown.className = "handbook-search-suggestion";
      shown.setAttribute("role", "status");
      place.insertAdjacentElement("afterend", shown);
    }
    return shown;
  }

  function show() {
    var input = box(), count = meta();
    if (!input || !count) return;
    var current = told && input.value.trim() === told.query ? told : null;
    var old = document.getElementById("handbook-search-suggestion");
    if (current && current.total > current.shown) {
      var said = current.total.toLocaleString("en-US") + " matching documents, the " + current.shown + " best shown";
      if (count.textContent !== said) count.textContent = said;
    }
    if (!current || !current.suggestion) {
      if (old) old.remove();
      return;
    }
    var shown = suggestionFor(count);
    if (shown.dataset.words === current.suggestion) return;
    shown.dataset.words = current.suggestion;
    shown.textContent = "Did you mean ";
    var choice = document.createElement("button");
    choice.type = "button";
    choice.className = "handbook-search-suggestion__words";
    choice.textContent = current.suggestion;
    choice.addEventListener("click", function () { searchFor(current.suggestion); });
    shown.appendChild(choice);
    shown.appendChild(document.createTextNode("?"));
  }

  channel.addEventListener("message", function (event) {
    told = event.data;
    show();
  });
  // Material writes its count again when it draws results: say ours after it (watching its
  // result list only, not every change a page's own scripts make)
  var results = document.querySelector(".md-search-result") || document.body;
  new MutationObserver(show).observe(results, { childList: true, subtree: true, characterData: true });
  document.addEventListener("input", function (event) {
    if (event.target === box()) show();
  });
})();
