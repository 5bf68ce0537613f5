/*
 * Filtering the resources on /resources/: choosing a kind, a strategy, an audience group, a
 * type of involvement, a level or a language lists the resources of the whole library that
 * have every value chosen, says how many ("3 of 40 resources"), and counts beside each value
 * the resources it would show with the other filters as they are. The page holds only the
 * first page of cards (the rest continue on /resources/page-2/...); the filters read every
 * resource from resources/resource-list.js (window.handbookResources: each card's words and
 * its filter values), loaded the first time a filter is chosen, and draw the matching cards
 * as text. With no filter chosen the page shows as it is written. The address keeps the
 * filters (?kind=research-brief&strategy=share-knowledge), so a filtered list can be linked,
 * as a strategy's page does.
 */
(function () {
  "use strict";
  var form = document.getElementById("resources-filters");
  var count = document.getElementById("resources-count");
  var found = document.getElementById("resources-found");
  var list = document.getElementById("resources-found-list");
  var listing = document.getElementById("resources-listing");
  var none = document.getElementById("resources-none");
  var clear = document.getElementById("resources-clear");
  if (!form || !count || !found || !list || !listing) return;

  var KEYS = ["kind", "strategy", "audience", "type", "level", "language"];
  var written = count.textContent;  // what the page says with no filter chosen
  var dataUrl = form.getAttribute("data-list");
  var items = null;  // every resource, once loaded

  function chosen() {
    var values = {};
    KEYS.forEach(function (key) {
      values[key] = form.elements[key] ? form.elements[key].value : "";
    });
    return values;
  }

  function asked(values) {
    return KEYS.some(function (key) { return values[key] !== ""; });
  }

  // Every resource, from its script, loaded once (a copy opened as files cannot fetch JSON).
  var loading = null;
  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (window.handbookResources) { resolve(window.handbookResources); return; }
        var script = document.createElement("script");
        script.src = dataUrl;
        script.onload = function () { resolve(window.handbookResources); };
        script.onerror = reject;
        document.body.appendChild(script);
      }).then(function (data) {
        var at = {};
        data.fields.forEach(function (name, i) { at[name] = i; });
        // Links in the data are relative to its folder (resources/), not to this page.
        var base = new URL(dataUrl, window.location.href).href;
        items = data.rows.map(function (row) {
          var has = {};
          KEYS.forEach(function (key) { has[key] = row[at[key]].split(" ").filter(Boolean); });
          return {
            href: new URL(row[at.href], base).href, title: row[at.title], meta: row[at.meta],
            summary: row[at.summary], facts: row[at.facts], has: has
          };
        });
      });
      loading.catch(function () { loading = null; });  // asked again next time
    }
    return loading;
  }

  // Whether a resource has every value chosen, but for the filter `except` (for its counts).
  function matches(item, values, except) {
    return KEYS.every(function (key) {
      return key === except || !values[key] || item.has[key].indexOf(values[key]) >= 0;
    });
  }

  function line(parent, tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = text;
    parent.appendChild(element);
    return element;
  }

  // A resource's card as _resources.html writes it, every word set as text.
  function card(item) {
    var element = document.createElement("li");
    element.className = "handbook-resource";
    var link = line(element, "a", "handbook-resource-title", item.title);
    link.href = item.href;
    line(element, "span", "handbook-meta", item.meta);
    line(element, "span", "", item.summary);
    line(element, "span", "handbook-meta", item.facts);
    return element;
  }

  // Each value's count: the resources it would show with the other filters as they are.
  function showCounts(values) {
    KEYS.forEach(function (key) {
      var field = form.elements[key];
      if (!field) return;
      var counted = {}, all = 0;
      items.forEach(function (item) {
        if (!matches(item, values, key)) return;
        all += 1;
        item.has[key].forEach(function (value) { counted[value] = (counted[value] || 0) + 1; });
      });
      Array.prototype.forEach.call(field.options, function (option) {
        var name = option.value ? option.getAttribute("data-name") : "All";
        option.textContent = name + " (" + (option.value ? counted[option.value] || 0 : all) + ")";
      });
    });
  }

  function remember(values) {
    var params = new URLSearchParams();
    KEYS.forEach(function (key) {
      if (values[key]) params.set(key, values[key]);
    });
    var query = params.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    } catch (e) { /* file:// in some browsers */ }
  }

  function draw(values) {
    if (!asked(values)) {
      found.hidden = true;
      listing.hidden = false;
      count.textContent = written;
      if (items) showCounts(values);
      return;
    }
    var shown = items.filter(function (item) { return matches(item, values); });
    var fragment = document.createDocumentFragment();
    shown.forEach(function (item) { fragment.appendChild(card(item)); });
    list.replaceChildren(fragment);
    if (none) none.hidden = shown.length > 0;
    found.hidden = false;
    listing.hidden = true;
    showCounts(values);
    count.textContent = shown.length + " of " + items.length + " resource" + (items.length === 1 ? "" : "s");
  }

  function show() {
    var values = chosen();
    remember(values);
    if (!asked(values) || items) { draw(values); return; }
    count.textContent = "Finding the resources\u2026";
    load().then(function () {
      draw(chosen());  // the filters as they are now, which may have changed meanwhile
    }, function () {
      count.textContent = "The resources could not be loaded: every resource is listed below, page by page, " +
        "and in the downloads above.";
      found.hidden = true;
      listing.hidden = false;
    });
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
