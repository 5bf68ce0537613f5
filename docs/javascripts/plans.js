/*
 * Finding a plan on /plans/: typing part of a title, an organization or a district, or
 * choosing a level or a school year, lists the matching plans among all of them
 * (plans/plan-list.js), on any page of the listing, without a server. The address keeps
 * the query (?find=&level=&year=; not "q", which opens Material's search) so that a search
 * can be shared. With nothing asked, the listing shows as it is written.
 */
(function () {
  "use strict";
  var data = window.handbookPlans;
  var form = document.getElementById("plans-filters");
  var found = document.getElementById("plans-found");
  var listing = document.getElementById("plans-listing");
  if (!data || !form || !found || !listing) return;

  var list = document.getElementById("plans-list");
  var count = document.getElementById("plans-count");
  var at = {};
  data.fields.forEach(function (name, i) { at[name] = i; });
  // Addresses in the data are relative to the folder of the data file.
  var script = document.querySelector('script[src$="plan-list.js"]');
  var base = script ? script.src : window.location.href;
  var LEVELS = { state: "State", district: "District", school: "School" };

  // Words match as readers type them: any case, with or without accents ("rio" finds "Río").
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var plans = data.rows.map(function (row) {
    return {
      title: row[at.title], level: row[at.level], organization: row[at.organization], year: row[at.year],
      district: row[at.district], href: new URL(row[at.href], base).href,
      haystack: fold([row[at.title], row[at.organization], row[at.district], row[at.slug]].join(" "))
    };
  });

  function line(parent, className, text) {
    var element = document.createElement("span");
    element.className = className;
    element.textContent = text;
    parent.appendChild(element);
  }

  function show() {
    var words = fold(form.elements.q.value.trim()).split(/\s+/).filter(Boolean);
    var level = form.elements.level.value;
    var year = form.elements.year ? form.elements.year.value : "";
    var asked = words.length > 0 || level !== "" || year !== "";
    found.hidden = !asked;
    listing.hidden = asked;
    var params = new URLSearchParams();
    if (words.length) params.set("find", form.elements.q.value.trim());
    if (level) params.set("level", level);
    if (year) params.set("year", year);
    var query = params.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    } catch (e) { /* file:// in some browsers */ }
    if (!asked) return;
    var matches = plans.filter(function (p) {
      return (!level || p.level === level) && (!year || p.year === year) &&
        words.every(function (w) { return p.haystack.indexOf(w) >= 0; });
    });
    var fragment = document.createDocumentFragment();
    matches.forEach(function (p) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = p.href;
      link.textContent = p.title;
      item.appendChild(link);
      line(item, "handbook-meta", [LEVELS[p.level] + " plan", p.year, p.organization,
        p.district ? "district: " + p.district : ""].filter(Boolean).join(" · "));
      fragment.appendChild(item);
    });
    list.replaceChildren(fragment);
    count.textContent = matches.length + " of " + plans.length + " plans match.";
  }

  var params = new URLSearchParams(window.location.search);
  form.elements.q.value = params.get("find") || "";
  ["level", "year"].forEach(function (name) {
    var field = form.elements[name], value = params.get(name) || "";
    if (field && Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
      field.value = value;
    }
  });
  form.addEventListener("input", show);
  form.addEventListener("change", show);
  form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
  show();
})();
