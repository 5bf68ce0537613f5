/*
 * The activity catalogue: filters, text search and sorting over every activity,
 * on a static host. Rows come from catalogue/activities.js (window.handbookCatalogue),
 * filters live in the URL query so a filtered view can be shared, and only matching
 * rows are shown, a page at a time. Plan text is only ever set as textContent.
 */
(function () {
  "use strict";
  var data = window.handbookCatalogue;
  var form = document.getElementById("catalogue-filters");
  var table = document.getElementById("catalogue-table");
  if (!data || !form || !table) return;

  var PAGE = 100;
  // Not "q": Material opens its own search dialog for a q= parameter.
  var FILTERS = ["level", "plan", "year", "strategy", "type", "audience", "grade", "status", "practice", "text"];
  var body = table.tBodies[0];
  var count = document.getElementById("catalogue-count");
  var more = document.getElementById("catalogue-more");
  var printed = document.getElementById("catalogue-print-summary");
  var state = { sort: "plan", dir: 1, shown: PAGE, matches: [] };

  // Rows are arrays whose fields the data names (`fields`); read them by name.
  var at = {};
  data.fields.forEach(function (name, i) { at[name] = i; });
  // A filter's value as the address keeps it: a ticked box is "1"; a filter this catalogue
  // does not offer (no plan gives a year, say) is never set.
  function valueOf(name) {
    var field = form.elements[name];
    if (!field) return "";
    return field.type === "checkbox" ? (field.checked ? "1" : "") : field.value.trim();
  }

  // The activity anchor's pattern comes with the data, as Python writes it.
  function anchor(goal, activity) {
    return data.anchor.replace("{goal}", goal).replace("{activity}", activity);
  }

  // Words match as readers type them: any case, with or without accents ("rio" finds "Río").
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // One record per activity, with what filters and sorting need precomputed.
  var records = data.rows.map(function (row, index) {
    var plan = data.plans[row[at.plan]];
    var goal = row[at.goal], activity = row[at.activity], text = row[at.text];
    var strategies = row[at.strategies].map(function (i) { return data.strategies[i]; });
    var type = row[at.type] >= 0 ? data.types[row[at.type]] : null;
    var audience = row[at.audience] >= 0 ? data.audience_texts[row[at.audience]] : "";
    var status = row[at.status] >= 0 ? data.statuses[row[at.status]] : null;
    var groups = row[at.audiences].map(function (i) { return data.audiences[i].slug; });
    var terms = type ? type.name : strategies.map(function (s) { return s.name; }).join("; ");
    var goalTitle = plan.goals[goal - 1];
    return {
      index: index,
      plan: plan.slug, planTitle: plan.title, planTitleLower: fold(plan.title), level: plan.level,
      anchor: anchor(goal, activity), href: plan.href + "#" + anchor(goal, activity),
      goal: goal, goalTitle: goalTitle, activity: activity, text: text,
      strategies: strategies.map(function (s) { return s.slug; }),
      type: type ? type.slug : "", terms: terms,
      audiences: groups, audienceName: audience,
      dates: row[at.dates], grades: row[at.grades], year: plan.year,
      status: status ? status.value : "", statusLabel: status ? status.label : "",
      statusOrder: row[at.status] >= 0 ? row[at.status] : data.statuses.length,
      practice: row[at.practice] === 1, outcome: row[at.outcome],
      haystack: fold(text + " " + plan.title + " " + goalTitle + " " + terms + " " +
                 audience + " " + row[at.dates] + " " + row[at.outcome])
    };
  });

  // The plan filter takes part of a title, as typed, or a plan's slug (`?plan=<slug>`, as
  // links and bookmarks give it): a dropdown of a thousand plans could not be used.
  var planSlugs = {};
  data.plans.forEach(function (p) { planSlugs[p.slug] = true; });

  var LEVELS = { state: 0, district: 1, school: 2 };
  var KEYS = {
    plan: function (r) { return r.planTitle.toLowerCase(); },
    level: function (r) { return LEVELS[r.level]; },
    goal: function (r) { return r.goalTitle.toLowerCase(); },
    text: function (r) { return r.text.toLowerCase(); },
    terms: function (r) { return r.terms.toLowerCase(); },
    audience: function (r) { return r.audienceName.toLowerCase(); },
    dates: function (r) { return r.dates.toLowerCase(); },
    status: function (r) { return r.statusOrder; }
  };

  function readQuery() {
    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (name) {
      var field = form.elements[name];
      var value = params.get(name) || "";
      if (!field) return;
      if (field.type === "checkbox") {
        field.checked = value === "1";
        return;
      }
      if (field.tagName === "SELECT" && value &&
          !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
        value = "";
      }
      field.value = value;
    });
    var sort = params.get("sort");
    if (sort && KEYS[sort.replace(/^-/, "")]) {
      state.sort = sort.replace(/^-/, "");
      state.dir = sort.charAt(0) === "-" ? -1 : 1;
    }
  }

  function writeQuery() {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) {
      var value = valueOf(name);
      if (value) params.set(name, value);
    });
    if (state.sort !== "plan" || state.dir !== 1) params.set("sort", (state.dir < 0 ? "-" : "") + state.sort);
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "");
    if (url !== window.location.pathname + window.location.search) {
      try { window.history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
    }
  }

  function matches(r, f) {
    return (!f.level || r.level === f.level) && (!f.year || r.year === f.year) &&
      (!f.status || r.status === f.status) && (!f.practice || r.practice) &&
      (!f.plan || r.plan === f.plan || (!f.planIsSlug && r.planTitleLower.indexOf(f.plan) >= 0)) &&
      (!f.strategy || r.strategies.indexOf(f.strategy) >= 0) &&
      (!f.type || r.type === f.type) &&
      (!f.audience || r.audiences.indexOf(f.audience) >= 0) &&
      (!f.grade || r.grades.indexOf(f.grade) >= 0) &&
      (!f.words.length || f.words.every(function (w) { return r.haystack.indexOf(w) >= 0; }));
  }

  // Each cell says which column it is in: on a phone the rows are cards, labelled from the
  // table's head (catalogue.css); the roles keep the table a table for screen readers there.
  var labels = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
    return th.textContent.replace(/[▲▼]/g, "").trim();
  });
  table.setAttribute("role", "table");
  Array.prototype.forEach.call(table.querySelectorAll("thead, tbody"), function (group) {
    group.setAttribute("role", "rowgroup");
  });
  table.tHead.rows[0].setAttribute("role", "row");  // its th keep their own role (Material styles
  // th[role=columnheader] as a table it sorts itself)

  function cell(row, text) {
    var td = document.createElement("td");
    td.setAttribute("role", "cell");
    td.dataset.label = labels[row.cells.length];
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function render() {
    var fragment = document.createDocumentFragment();
    state.matches.slice(0, state.shown).forEach(function (r) {
      var row = document.createElement("tr");
      row.setAttribute("role", "row");
      row.dataset.activity = r.plan + "/" + r.anchor;
      cell(row, r.planTitle);
      cell(row, r.level.charAt(0).toUpperCase() + r.level.slice(1));
      cell(row, r.goal + ". " + r.goalTitle);
      var link = document.createElement("a");
      link.href = r.href;
      link.textContent = r.goal + "." + r.activity + " " + r.text;
      var activityCell = cell(row, "");
      activityCell.appendChild(link);
      if (r.outcome) {
        var outcome = document.createElement("span");
        outcome.className = "handbook-outcome";
        outcome.textContent = "Outcome: " + r.outcome;
        activityCell.appendChild(outcome);
      }
      cell(row, r.terms);
      cell(row, r.audienceName);
      cell(row, r.dates);
      var standing = cell(row, r.statusLabel);
      if (r.practice) {
        var mark = document.createElement("strong");
        mark.textContent = "Promising practice";
        if (r.statusLabel) standing.appendChild(document.createTextNode(" \u00b7 "));
        standing.appendChild(mark);
      }
      fragment.appendChild(row);
    });
    body.replaceChildren(fragment);
    var total = state.matches.length;
    var shown = Math.min(total, state.shown);
    count.textContent = total === records.length
      ? "All " + total + " activities" + (shown < total ? ", showing the first " + shown : "") + "."
      : total + " of " + records.length + " activities match" + (shown < total ? ", showing the first " + shown : "") + ".";
    more.hidden = shown >= total;
    if (printed) printed.textContent = summary(total);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var key = th.querySelector("button").dataset.sort;
      th.setAttribute("aria-sort", key === state.sort ? (state.dir > 0 ? "ascending" : "descending") : "none");
    });
  }

  // What paper says of the view, in one line: the filters that are set, and the count.
  function summary(total) {
    var set = [];
    FILTERS.forEach(function (name) {
      var field = form.elements[name];
      var value = valueOf(name);
      if (!value) return;
      if (field.type === "checkbox") {
        set.push(field.closest("label").textContent.trim());
        return;
      }
      var label = field.closest("label").firstChild.textContent.trim();
      var shown = field.tagName === "SELECT" ? field.options[field.selectedIndex].text : "\u201c" + value + "\u201d";
      set.push(label + ": " + shown);
    });
    return (set.length ? set.join("; ") + ". " : "Every activity. ") +
      total + " of " + records.length + " activities" +
      (state.shown < total ? "; the first " + state.shown + " are printed." : ".");
  }

  function update() {
    var start = performance.now();
    var q = fold(form.elements.text.value.trim());
    var f = {
      level: valueOf("level"), plan: fold(valueOf("plan")),
      planIsSlug: planSlugs[valueOf("plan")] === true,
      strategy: valueOf("strategy"), type: valueOf("type"), year: valueOf("year"),
      audience: valueOf("audience"), grade: valueOf("grade"), status: valueOf("status"),
      practice: valueOf("practice") === "1",
      words: q ? q.split(/\s+/) : []
    };
    var key = KEYS[state.sort];
    var dir = state.dir;
    state.matches = records.filter(function (r) { return matches(r, f); }).sort(function (a, b) {
      var x = key(a), y = key(b);
      return x < y ? -dir : x > y ? dir : a.index - b.index;
    });
    state.shown = PAGE;
    render();
    writeQuery();
    data.lastFilterMs = performance.now() - start;  // read by the benchmark
  }

  form.addEventListener("change", update);
  form.addEventListener("input", function (event) {
    if (event.target.name === "text" || event.target.name === "plan") update();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  more.addEventListener("click", function () { state.shown += PAGE * 5; render(); });
  table.tHead.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-sort]");
    if (!button) return;
    var key = button.dataset.sort;
    state.dir = state.sort === key ? -state.dir : 1;
    state.sort = key;
    update();
  });

  readQuery();
  update();
})();
