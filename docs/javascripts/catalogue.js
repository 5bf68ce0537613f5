/*
 * The activity catalogue: filters, text search and sorting over every activity,
 * on a static host. Filters live in the URL query so a filtered view can be shared, and
 * only matching rows are shown, a page at a time, with how many activities each filter's
 * values would leave. Plan text is only ever set as textContent.
 *
 * Where the rows come from: the offline copy (and `make serve`) has every activity in the
 * page (catalogue/activities.js, window.handbookCatalogue). The published site has, besides,
 * a file for each view of no, one or two filters (catalogue/views/, handbook/browser/catalogue_views.py:
 * its first rows and its counts), and one for each plan (every activity of the plan, which
 * the page filters itself), so a reader who follows a link sees it after a few kilobytes;
 * every activity (megabytes in a state's e-library) is loaded only for what no view
 * answers: more filters, words, another order, or more rows.
 *
 * On a phone the table is a card per activity (catalogue.css), the filters fold behind a
 * button that says how many are set, and a "Sort by" list stands for the header row. The
 * rows the filters select can be taken away as CSV or JSON made in the page, with the
 * published files' columns (a file of the fields the table lacks, downloads.ACTIVITY_DETAILS).
 */
(function () {
  "use strict";
  var form = document.getElementById("catalogue-filters");
  var table = document.getElementById("catalogue-table");
  if (!form || !table) return;

  // Rows a page shows, and the filters views are made of in their order: written on the table
  // by the page (VIEW_ROWS and FACETS in handbook/browser/catalogue_views.py), said once.
  var PAGE = Number(table.getAttribute("data-page")) || 100;
  var FACETS = (table.getAttribute("data-facets") || "").split(" ").filter(Boolean);
  // Not "q": Material opens its own search dialog for a q= parameter.
  var FILTERS = ["level", "plan", "year", "strategy", "type", "audience", "grade", "status", "practice", "text"];
  var viewsUrl = table.getAttribute("data-views");
  var wholeUrl = table.getAttribute("data-whole");
  var detailsUrl = table.getAttribute("data-details");
  var body = table.tBodies[0];
  var count = document.getElementById("catalogue-count");
  var more = document.getElementById("catalogue-more");
  var printed = document.getElementById("catalogue-print-summary");
  var toggle = document.getElementById("catalogue-filters-toggle");
  var sorter = document.getElementById("catalogue-sort");
  var results = document.getElementById("catalogue-results");
  var empty = document.getElementById("catalogue-empty");
  var clear = document.getElementById("catalogue-clear");
  var offer = document.getElementById("catalogue-download");
  var state = { sort: "plan", dir: 1, shown: PAGE, matches: [], total: 0, every: 0, whole: null, plan: null, asked: 0, cleared: false };
  // How the last change went, for the benchmark and the tests: its time, and what answered it.
  var report = window.handbookCatalogueStatus = { lastFilterMs: -1, source: "" };
  // A filter's value as the address keeps it: a ticked box is "1"; a filter this catalogue
  // does not offer (no plan gives a year, say) is never set.
  function valueOf(name) {
    var field = form.elements[name];
    if (!field) return "";
    return field.type === "checkbox" ? (field.checked ? "1" : "") : field.value.trim();
  }

  // Words match as readers type them: any case, with or without accents ("rio" finds "Río").
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // One record per activity of some data (every activity, or a view's first rows), with
  // what filters and sorting need precomputed. Rows are arrays whose fields the data names
  // (`fields`); the activity anchor's pattern comes with the data, as Python writes it.
  function recordsOf(data) {
    var at = {};
    data.fields.forEach(function (name, i) { at[name] = i; });
    function anchor(goal, activity) {
      return data.anchor.replace("{goal}", goal).replace("{activity}", activity);
    }
    return data.rows.map(function (row, index) {
      var plan = data.plans[row[at.plan]];
      var goal = row[at.goal], activity = row[at.activity], text = row[at.text];
      var strategies = row[at.strategies].map(function (i) { return data.strategies[i]; });
      var type = row[at.type] >= 0 ? data.types[row[at.type]] : null;
      var audience = row[at.audience] >= 0 ? data.audience_texts[row[at.audience]] : "";
      var status = row[at.status] >= 0 ? data.statuses[row[at.status]] : null;
      var groups = row[at.audiences].map(function (i) { return data.audiences[i].slug; });
      var strategyNames = strategies.map(function (s) { return s.name; });
      var terms = type ? type.name : strategyNames.join("; ");
      var goalTitle = plan.goals[goal - 1];
      return {
        index: index,
        plan: plan.slug, planTitle: plan.title, planTitleLower: fold(plan.title), level: plan.level,
        anchor: anchor(goal, activity), href: plan.href + "#" + anchor(goal, activity),
        goal: goal, goalTitle: goalTitle, activity: activity, text: text,
        strategies: strategies.map(function (s) { return s.slug; }), strategyNames: strategyNames,
        type: type ? type.slug : "", typeName: type ? type.name : "", terms: terms,
        audiences: groups, audienceName: audience,
        dates: row[at.dates], grades: row[at.grades], year: plan.year,
        status: status ? status.value : "", statusLabel: status ? status.label : "",
        statusOrder: row[at.status] >= 0 ? row[at.status] : data.statuses.length,
        practice: row[at.practice] === 1, outcome: row[at.outcome],
        haystack: fold(text + " " + plan.title + " " + goalTitle + " " + terms + " " +
                   audience + " " + row[at.dates] + " " + row[at.outcome])
      };
    });
  }

  // A record's value of each view filter, as catalogue_views.py reads them (facets_of).
  function facets(r) {
    return {
      level: [r.level], year: r.year ? [r.year] : [], strategy: r.strategies, type: r.type ? [r.type] : [],
      audience: r.audiences, grade: r.grades, status: r.status ? [r.status] : [], practice: r.practice ? ["1"] : []
    };
  }

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

  // Which filters a record fails: none (it is shown), or the names of those it fails.
  function fails(r, f) {
    var failed = [];
    if (f.level && r.level !== f.level) failed.push("level");
    if (f.year && r.year !== f.year) failed.push("year");
    if (f.status && r.status !== f.status) failed.push("status");
    if (f.practice && !r.practice) failed.push("practice");
    if (f.plan && r.plan !== f.plan && (f.planIsSlug || r.planTitleLower.indexOf(f.plan) < 0)) failed.push("plan");
    if (f.strategy && r.strategies.indexOf(f.strategy) < 0) failed.push("strategy");
    if (f.type && r.type !== f.type) failed.push("type");
    if (f.audience && r.audiences.indexOf(f.audience) < 0) failed.push("audience");
    if (f.grade && r.grades.indexOf(f.grade) < 0) failed.push("grade");
    if (f.words.length && !f.words.every(function (w) { return r.haystack.indexOf(w) >= 0; })) failed.push("text");
    return failed;
  }

  // Beside each value of a filter, how many activities choosing it would leave: counted with
  // every other filter set (a filter's own value aside), as catalogue_views.py counts.
  function counted(records, f) {
    var counts = {};
    FACETS.forEach(function (name) { counts[name] = {}; });
    records.forEach(function (r) {
      var failed = fails(r, f);
      if (failed.length > 1) return;
      var values = facets(r);
      FACETS.forEach(function (name) {
        if (failed.length && failed[0] !== name) return;
        values[name].forEach(function (value) { counts[name][value] = (counts[name][value] || 0) + 1; });
      });
    });
    return counts;
  }

  function showCounts(counts) {
    FACETS.forEach(function (name) {
      var field = form.elements[name];
      if (!field) return;
      var of = counts[name] || {};
      if (field.type === "checkbox") {
        var label = field.closest("label");
        var note = label.querySelector(".handbook-count");
        if (!note) {
          note = document.createElement("span");
          note.className = "handbook-count";
          label.appendChild(note);
        }
        note.textContent = " (" + (of["1"] || 0) + ")";
        return;
      }
      Array.prototype.forEach.call(field.options, function (option) {
        if (!option.value) return;
        if (!option.hasAttribute("data-name")) option.setAttribute("data-name", option.text);
        option.text = option.getAttribute("data-name") + " (" + (of[option.value] || 0) + ")";
      });
    });
  }

  // Each cell says which column it is in: on a phone the rows are cards, labelled from the
  // table's head (catalogue.css); the roles keep the table a table for screen readers there.
  // Its class names the column's sort key, which the cards are laid out by.
  var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
    return { label: th.textContent.trim(), key: th.querySelector("button").dataset.sort };
  });
  table.setAttribute("role", "table");
  Array.prototype.forEach.call(table.querySelectorAll("thead, tbody"), function (group) {
    group.setAttribute("role", "rowgroup");
  });
  table.tHead.rows[0].setAttribute("role", "row");  // its th keep their own role (Material styles
  // th[role=columnheader] as a table it sorts itself)

  function cell(row, text) {
    var td = document.createElement("td");
    var column = headers[row.cells.length];
    td.setAttribute("role", "cell");
    td.className = "handbook-column-" + column.key;
    td.dataset.label = column.label;
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  // How many filters are set, for the button that folds them on a phone.
  function active() {
    return FILTERS.filter(function (name) { return valueOf(name) !== ""; }).length;
  }

  function showActive() {
    var set = active();
    toggle.textContent = set ? "Filters, " + set + " active" : "Filters";
  }

  // "Resources for these filters": the e-library's list on /resources/ under the filters it
  // shares with the catalogue (data-filters: catalogue.py's RESOURCE_FILTERS), kept in step
  // with them; with none of them set, every resource, as the page says without the script.
  var resources = document.getElementById("catalogue-resources");
  var everyResource = resources && { href: resources.getAttribute("href"), text: resources.textContent };
  function showResources() {
    if (!resources) return;
    var params = new URLSearchParams();
    (resources.getAttribute("data-filters") || "").split(" ").forEach(function (name) {
      var value = name && valueOf(name);
      if (value) params.set(name, value);
    });
    var query = params.toString();
    resources.setAttribute("href", everyResource.href + (query ? "?" + query : ""));
    resources.textContent = query ? "Resources for these filters" : everyResource.text;
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
      // Where it comes from, in a short line under the activity: shown on a phone's card in
      // place of the plan, level and goal cells (catalogue.css), never beside them. The goal's
      // title is for screen readers there, which would otherwise not hear it.
      var from = document.createElement("span");
      var goalTitle = document.createElement("span");
      from.className = "handbook-card-source";
      from.textContent = r.planTitle + " \u00b7 Goal " + r.goal;
      goalTitle.className = "handbook-card-goal";
      goalTitle.textContent = ": " + r.goalTitle;
      from.appendChild(goalTitle);
      activityCell.appendChild(from);
      if (r.outcome) {
        var outcome = document.createElement("span");
        outcome.className = "handbook-outcome";
        outcome.textContent = "Outcome: " + r.outcome;
        activityCell.appendChild(outcome);
      }
      // A card says which of the two the terms are; the table's head says "or".
      cell(row, r.terms).dataset.label = r.type ? "Type of involvement" : "Strategies";
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
    var total = state.total;
    var shown = Math.min(total, state.shown, state.matches.length);
    count.textContent = total === state.every
      ? "All " + total + " activities" + (shown < total ? ", showing the first " + shown : "") + "."
      : total + " of " + state.every + " activities match" + (shown < total ? ", showing the first " + shown : "") + ".";
    more.hidden = shown >= total;
    if (printed) printed.textContent = summary(total);
    // Nothing matches: say so, with the way back, in place of a table of headers alone.
    empty.hidden = total > 0;
    results.hidden = total === 0;
    offer.hidden = total === 0 || active() === 0;
    offer.querySelector(".handbook-download-count").textContent = total;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var key = th.querySelector("button").dataset.sort;
      th.setAttribute("aria-sort", key === state.sort ? (state.dir > 0 ? "ascending" : "descending") : "none");
    });
    sorter.value = (state.dir < 0 ? "-" : "") + state.sort;
    showActive();
    if (state.cleared && total > 0) results.focus();  // "Clear filters" leads to what it brought back
    state.cleared = false;
  }

  // What paper says of the view, in one line: the filters that are set, and the count.
  function summary(total) {
    var set = [];
    FILTERS.forEach(function (name) {
      var field = form.elements[name];
      var value = valueOf(name);
      if (!value) return;
      if (field.type === "checkbox") {
        set.push(field.closest("label").textContent.replace(/\s*\(\d+\)$/, "").trim());
        return;
      }
      var label = field.closest("label").firstChild.textContent.trim();
      var option = field.tagName === "SELECT" ? field.options[field.selectedIndex] : null;
      var shown = option ? option.getAttribute("data-name") || option.text : "\u201c" + value + "\u201d";
      set.push(label + ": " + shown);
    });
    return (set.length ? set.join("; ") + ". " : "Every activity. ") +
      total + " of " + state.every + " activities" +
      (state.shown < total ? "; the first " + state.shown + " are printed." : ".");
  }

  function filters() {
    var q = fold(form.elements.text.value.trim());
    return {
      level: valueOf("level"), plan: fold(valueOf("plan")),
      planIsSlug: (state.whole !== null && state.whole.slugs[valueOf("plan")] === true) || ofPlan(),
      strategy: valueOf("strategy"), type: valueOf("type"), year: valueOf("year"),
      audience: valueOf("audience"), grade: valueOf("grade"), status: valueOf("status"),
      practice: valueOf("practice") === "1",
      words: q ? q.split(/\s+/) : []
    };
  }

  // The view file that answers the form as it stands (catalogue_views.view_key), or null:
  // none is published (the offline copy), or the form asks for more than a view holds.
  function viewKey() {
    if (!viewsUrl || state.sort !== "plan" || state.dir !== 1 || state.shown > PAGE) return null;
    if (valueOf("plan") || valueOf("text")) return null;
    var parts = [];
    FACETS.forEach(function (name) {
      var value = valueOf(name);
      if (value) parts.push(name + "-" + value.replace(/[^A-Za-z0-9-]/g, "-"));
    });
    return parts.length > 2 ? null : parts.join("_") || "all";
  }

  function drawn(start, source) {
    render();
    writeQuery();  // last: the address says the rows shown are those it asks for
    report.source = source;
    report.lastFilterMs = performance.now() - start;
  }

  // The records the filters `f` keep, in the order chosen.
  function matching(records, f) {
    var key = KEYS[state.sort];
    var dir = state.dir;
    return records.filter(function (r) { return fails(r, f).length === 0; }).sort(function (a, b) {
      var x = key(a), y = key(b);
      return x < y ? -dir : x > y ? dir : a.index - b.index;
    });
  }

  // Rows filtered and sorted here: every activity, or every activity of one plan.
  function fromRecords(records, every, start, source) {
    var f = filters();
    state.matches = matching(records, f);
    state.total = state.matches.length;
    state.every = every;
    showCounts(counted(records, f));
    drawn(start, source);
  }

  function fromWhole(start) {
    fromRecords(state.whole.records, state.whole.records.length, start, "every activity");
  }

  // The file of the plan the address names by its slug (catalogue_views.plan_views), or
  // null: no views are published, or the plan filter holds what a reader types (part of a
  // title, which no file answers).
  var addressPlan = null;
  function planViewKey() {
    var plan = valueOf("plan");
    return viewsUrl && plan === addressPlan && /^[a-z0-9][a-z0-9-]*$/.test(plan) ? "plan-" + plan : null;
  }

  // Whether the plan filter names the plan whose every activity is loaded.
  function ofPlan() {
    return state.plan !== null && state.plan.slug === valueOf("plan");
  }

  function fromPlan(start) {
    fromRecords(state.plan.records, state.plan.every, start, "plan view");
  }

  // Every activity, from the page (window.handbookCatalogue) or its script, loaded once.
  var loading = null;
  function whole() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (window.handbookCatalogue) { resolve(window.handbookCatalogue); return; }
        var script = document.createElement("script");
        script.src = wholeUrl;
        script.onload = function () { resolve(window.handbookCatalogue); };
        script.onerror = reject;
        document.body.appendChild(script);
      }).then(function (data) {
        var slugs = {};
        // The plan filter takes part of a title, as typed, or a plan's slug (`?plan=<slug>`, as
        // links and bookmarks give it): a dropdown of a thousand plans could not be used.
        data.plans.forEach(function (p) { slugs[p.slug] = true; });
        state.whole = { records: recordsOf(data), slugs: slugs, audiences: data.audiences };
      });
    }
    return loading;
  }

  function fromView(view, start) {
    state.matches = recordsOf(view);
    state.total = view.view.total;
    state.every = view.view.every;
    showCounts(view.view.counts);
    drawn(start, "view");
  }

  function failed() {
    count.textContent = "The catalogue could not be loaded. Every activity is in the CSV and JSON downloads above.";
  }

  var viewFiles = {};  // each asked for once
  function viewFile(key) {
    if (!viewFiles[key]) {
      viewFiles[key] = fetch(viewsUrl + key + ".json").then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }
    return viewFiles[key];
  }

  // Taking away the rows the filters select, as the published downloads write every row
  // (handbook/browser/downloads.py: the same columns, CSV cells a spreadsheet never runs), made
  // here from every activity: a view holds only its first rows. Addresses are in full, from
  // the page's own, so that they open from a spreadsheet wherever the page was opened.
  var detailsLoading = null;
  function details() {
    if (!detailsLoading) {
      detailsLoading = new Promise(function (resolve, reject) {
        if (window.handbookActivityDetails) { resolve(window.handbookActivityDetails); return; }
        var script = document.createElement("script");
        script.src = detailsUrl;
        script.onload = function () { resolve(window.handbookActivityDetails); };
        script.onerror = reject;
        document.body.appendChild(script);
      });
      detailsLoading.catch(function () { detailsLoading = null; });  // asked again next time
    }
    return detailsLoading;
  }

  // One activity as a row of the downloads, its fields in the downloads' order (`columns`).
  function exported(r, extra, data) {
    var d = {};
    extra.forEach(function (value, i) { d[data.fields[i]] = value; });
    var value = {
      plan: r.plan, plan_title: r.planTitle, level: r.level, year: r.year || null,
      goal: r.goal, goal_title: r.goalTitle, activity: r.activity, text: r.text,
      strategies: r.strategyNames, type: r.typeName || null, audience: r.audienceName || null,
      audience_groups: d.audience_groups.map(function (i) { return state.whole.audiences[i].name; }),
      page: d.page, dates: r.dates || null, responsible: d.responsible, expected_results: d.expected_results,
      costs: d.costs, grades: d.grades, preparations: d.preparations, status: r.status || null,
      outcome: r.outcome || null, practice: r.practice, url: new URL(r.href, window.location.href).href
    };
    var row = {};
    data.columns.forEach(function (name) {
      if (!Object.prototype.hasOwnProperty.call(value, name)) throw new Error("no value for the column " + name);
      row[name] = value[name];
    });
    return row;
  }

  // A cell a spreadsheet shows and never runs: downloads.spreadsheet_cell, said again.
  // The first characters that make a spreadsheet run a cell: downloads.FORMULA_STARTS, written
  // on the table by the page, so the page's CSV and the published one follow one rule.
  var FORMULA_STARTS = Array.from(JSON.parse(table.getAttribute("data-formula-starts") || '""'));
  function spreadsheetCell(value) {
    if (Array.isArray(value)) value = value.map(String).join("; ");
    if (value === null || value === undefined) return "";
    if (typeof value === "string" && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0) return "'" + value;
    return value;
  }

  // A value as Python's csv module writes it (downloads.to_csv): True and False as Python
  // spells them, quoted only where a comma, a quote or a line break needs it.
  function csvField(value) {
    var text = value === true ? "True" : value === false ? "False" : String(value);
    return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  function toCsv(rows, columns) {
    var lines = [columns.map(csvField).join(",")];
    rows.forEach(function (row) {
      lines.push(columns.map(function (name) { return csvField(spreadsheetCell(row[name])); }).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  // What the file is called: the filters set, as a view's file is named.
  function fileName(format) {
    var parts = ["activities"];
    FILTERS.forEach(function (name) {
      var value = valueOf(name);
      if (value) parts.push(name + "-" + value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""));
    });
    return parts.join("_").slice(0, 120) + "." + format;
  }

  function download(format) {
    var note = offer.querySelector(".handbook-download-note");
    note.textContent = "Preparing the download\u2026";
    Promise.all([whole(), details()]).then(function (loaded) {
      var data = loaded[1];
      var rows = matching(state.whole.records, filters()).map(function (r) {
        return exported(r, data.rows[r.index], data);
      });
      var text = format === "csv" ? toCsv(rows, data.columns) : JSON.stringify(rows) + "\n";
      var file = new Blob([text], { type: format === "csv" ? "text/csv;charset=utf-8" : "application/json" });
      var address = URL.createObjectURL(file);
      var link = document.createElement("a");
      link.href = address;
      link.download = fileName(format);
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { URL.revokeObjectURL(address); }, 60000);
      note.textContent = "";
    }).catch(function () {
      note.textContent = "This download could not be made here: every activity is in the files above.";
    });
  }

  function update(keepShown) {
    var start = performance.now();
    showActive();
    showResources();
    var asked = ++state.asked;
    if (!keepShown) state.shown = PAGE;
    if (state.whole) { fromWhole(start); return; }
    if (ofPlan()) { fromPlan(start); return; }
    var key = viewKey();
    var planKey = key === null ? planViewKey() : null;
    var slug = valueOf("plan");
    count.textContent = "Loading the catalogue\u2026";
    var answer;  // how to show what arrived
    if (key !== null) {
      answer = viewFile(key).then(function (view) { return function () { fromView(view, start); }; });
    } else if (planKey !== null) {
      answer = viewFile(planKey).then(function (view) {
        state.plan = { slug: slug, records: recordsOf(view), every: view.view.every };
        return function () { if (ofPlan()) fromPlan(start); else update(true); };
      });
    } else {
      answer = whole().then(function () { return function () { fromWhole(start); }; });
    }
    answer.then(function (show) {
      if (asked === state.asked) show();  // else a later change asked for something else
    }).catch(function () {
      if (asked !== state.asked) return;
      whole().then(function () { if (asked === state.asked) fromWhole(start); }, failed);
    });
  }

  form.addEventListener("change", function () { update(); });
  form.addEventListener("input", function (event) {
    if (event.target.name === "text" || event.target.name === "plan") update();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  // On a phone the filters fold behind a button saying how many are set, closed at first so
  // that the activities are in sight; wider screens show them always (catalogue.css).
  function showFilters(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    form.classList.toggle("handbook-filters--closed", !open);
  }
  toggle.addEventListener("click", function () { showFilters(toggle.getAttribute("aria-expanded") !== "true"); });
  clear.addEventListener("click", function () {
    state.cleared = true;
    form.reset();
  });
  offer.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-format]");
    if (!link) return;
    event.preventDefault();
    download(link.dataset.format);
  });
  sorter.addEventListener("change", function () {
    state.sort = sorter.value.replace(/^-/, "");
    state.dir = sorter.value.charAt(0) === "-" ? -1 : 1;
    update();
  });
  more.addEventListener("click", function () {
    state.shown += PAGE * 5;
    if ((state.whole || ofPlan()) && state.matches.length >= state.total) { render(); return; }
    update(true);  // a view holds its first page: the rest comes with every activity
  });
  table.tHead.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-sort]");
    if (!button) return;
    var key = button.dataset.sort;
    state.dir = state.sort === key ? -state.dir : 1;
    state.sort = key;
    update();
  });

  readQuery();
  addressPlan = valueOf("plan");
  toggle.hidden = false;
  sorter.closest("label").hidden = false;
  showFilters(false);
  update();
})();
