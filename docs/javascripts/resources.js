/*
 * Filtering the resources on /resources/: choosing a kind, a strategy, an audience group, a
 * type of involvement, a level or a language shows the resources that have every value
 * chosen, says how many ("3 of 40 resources"), and counts beside each value the resources
 * it would show with the other filters as they are. The page lists every resource without
 * the script; each card carries its values (data-kind, data-strategy, ...). The address keeps
 * the filters (?kind=research-brief&strategy=share-knowledge), so a filtered list can be
 * linked, as a strategy's page does.
 */
(function () {
  "use strict";
  var form = document.getElementById("resources-filters");
  var list = document.getElementById("resources-list");
  var count = document.getElementById("resources-count");
  var none = document.getElementById("resources-none");
  var clear = document.getElementById("resources-clear");
  if (!form || !list || !count) return;

  var KEYS = ["kind", "strategy", "audience", "type", "level", "language"];
  var items = Array.prototype.map.call(list.children, function (element) {
    var has = {};
    KEYS.forEach(function (key) {
      has[key] = (element.getAttribute("data-" + key) || "").split(" ").filter(Boolean);
    });
    return { element: element, has: has };
  });

  function chosen() {
    var values = {};
    KEYS.forEach(function (key) {
      values[key] = form.elements[key] ? form.elements[key].value : "";
    });
    return values;
  }

  // Whether a resource has every value chosen, but for the filter `except` (for its counts).
  function matches(item, values, except) {
    return KEYS.every(function (key) {
      return key === except || !values[key] || item.has[key].indexOf(values[key]) >= 0;
    });
  }

  function show() {
    var values = chosen();
    var shown = 0;
    items.forEach(function (item) {
      var match = matches(item, values);
      item.element.hidden = !match;
      if (match) shown += 1;
    });
    KEYS.forEach(function (key) {
      var field = form.elements[key];
      if (!field) return;
      Array.prototype.forEach.call(field.options, function (option) {
        var found = items.filter(function (item) {
          return matches(item, values, key) && (!option.value || item.has[key].indexOf(option.value) >= 0);
        }).length;
        option.textContent = (option.value ? option.getAttribute("data-name") : "All") + " (" + found + ")";
      });
    });
    count.textContent = shown + " of " + items.length + " resource" + (items.length === 1 ? "" : "s");
    if (none) none.hidden = shown > 0;
    var params = new URLSearchParams();
    KEYS.forEach(function (key) {
      if (values[key]) params.set(key, values[key]);
    });
    var query = params.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    } catch (e) { /* file:// in some browsers */ }
  }

  var params = new URLSearchParams(window.location.search);
  KEYS.forEach(function (key) {
    var field = form.elements[key], value = params.get(key) || "";
    if (field && Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
      field.value = value;
    }
  });
  form.addEventListener("change", show);
  form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
  if (clear) {
    clear.addEventListener("click", function () {
      KEYS.forEach(function (key) {
        if (form.elements[key]) form.elements[key].value = "";
      });
      show();
    });
  }
  form.hidden = false;
  show();
})();
