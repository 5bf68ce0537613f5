/*
 * The plan form on /contribute/: the whole plan contract as fields, checked as the editor
 * types with the rules and words of `make check` (plan-check.js), and the finished plan file
 * handed over as a pull request, a download or a copy.
 *
 * The form is drawn from the published JSON Schema (contribute/plan-contract.js): each
 * field's label, hint, levels and kind of input come from the model's own declaration, so
 * a field added to the contract appears here without a line of this file changing; each is
 * named as the plan's printed template names it (handbook/vocabularies/fields.py).
 *
 * Nothing typed is lost. Drafts live in the browser (localStorage), one per plan: the new
 * plan's, and one for each plan whose changes were begun (?plan=<slug> starts from that
 * plan, plans/<slug>/plan-data.js). Opening another plan leaves every other draft as it was;
 * a draft that differs from the published plan is replaced only when the editor chooses;
 * "Start over" and "Start from the published plan" can be undone.
 *
 * Problems are said in words ("Goal 1: choose at least one leadership strategy"), never as
 * the field paths `make check` prints; each keeps its path and `make check`'s message in
 * data attributes, which the tests compare with `make check`.
 */
(function () {
  "use strict";
  var app = document.getElementById("plan-form");
  var contract = window.handbookContract, checker = window.handbookPlanCheck;
  if (!app || !contract || !checker) return;

  var schema = contract.schema, defs = schema.$defs;
  var DRAFTS = "handbook-plan-drafts"; // { new: draft, <slug>: draft }
  var TITLE_SUFFIX = (document.title.match(/\s[-\u2013|]\s.*$/) || [""])[0]; // " - <site name>", as Material writes it
  var OLD_STORE = "handbook-plan-draft"; // the one draft of earlier versions of this form
  var MANY = 40; // more plans than this to choose from: a field to type in, not a list to scroll
  var LONG_FIELDS = ["text", "title", "audience", "results", "measures", "expected_results", "outcome", "preparations", "closing"];
  var PLAN_LEVELS = { state: "State", district: "District", school: "School" };
  var listScript = document.querySelector('script[src$="plan-list.js"]');
  var plans = [];
  if (window.handbookPlans) {
    var names = window.handbookPlans.fields;
    plans = window.handbookPlans.rows.map(function (row) {
      var plan = {};
      names.forEach(function (name, i) { plan[name] = row[i]; });
      return plan;
    });
  }

  var state = blank();
  var shown = {};      // field paths whose problems are shown (touched, or after "Check")
  var problems = [];
  var fileProblems = []; // what reading a pasted file found that its data no longer shows (a key given twice)
  var pending = null;
  var published = {};  // slug -> the plan as the site publishes it (plan-data.js), once loaded
  var undo = null;     // the draft a "Start over" or a choice replaced, until the next edit

  function blank() {
    return { slug: "", existing: null, data: { goals: [{ activities: [{}] }] }, introduction: "", slugTyped: false };
  }

  /* ---- drafts, one per plan ---- */

  function readDrafts() {
    try {
      var drafts = JSON.parse(window.localStorage.getItem(DRAFTS) || "null") || {};
      var old = JSON.parse(window.localStorage.getItem(OLD_STORE) || "null");
      if (old && old.data) { // an earlier form's single draft becomes the draft of its plan
        var key = old.existing || "new";
        old.edited = true;
        old.slugTyped = Boolean(old.slug); // a file name the editor wrote stays theirs
        if (!drafts[key]) drafts[key] = old;
        window.localStorage.setItem(DRAFTS, JSON.stringify(drafts));
        window.localStorage.removeItem(OLD_STORE);
      }
      return drafts;
    } catch (error) {
      return {};
    }
  }

  function writeDrafts(drafts) {
    try { window.localStorage.setItem(DRAFTS, JSON.stringify(drafts)); } catch (error) { /* private mode: the form still works */ }
  }

  function keyOf(draft) { return draft.existing || "new"; }

  /* The draft is kept once the editor has changed something: opening a plan to read it makes
     no draft of it. */
  function save() {
    if (!state.edited) return;
    var drafts = readDrafts();
    state.saved = new Date().toISOString();
    drafts[keyOf(state)] = state;
    writeDrafts(drafts);
  }

  function forget(key) {
    var drafts = readDrafts();
    delete drafts[key];
    writeDrafts(drafts);
  }

  /* Whether a draft says what the published plan says (nothing to choose between). */
  function samePlan(draft, plan) {
    return checker.write(draft.data, draft.introduction) === checker.write(plan.front_matter, plan.introduction);
  }

  function titleOf(draft) {
    var title = draft.data && typeof draft.data.title === "string" ? draft.data.title.trim() : "";
    return title || (draft.existing && published[draft.existing] ? published[draft.existing].front_matter.title : "");
  }

  /* What the page is doing, in its heading: a new plan, or changes to a named one. */
  function heading() {
    var h1 = document.querySelector(".md-content h1");
    var planTitle = state.existing ? (published[state.existing] ? published[state.existing].front_matter.title : state.existing) : "";
    var words = planTitle ? "Propose changes to " + planTitle : "Propose a plan";
    if (h1) h1.textContent = words;
    document.title = words + TITLE_SUFFIX;
  }

  /* The other drafts this browser holds, each a link back to it. */
  function listDrafts() {
    var box = document.getElementById("plan-drafts");
    if (!box) return;
    var drafts = readDrafts(), list = box.querySelector("ul");
    list.textContent = "";
    Object.keys(drafts).filter(function (key) { return key !== keyOf(state); }).sort().forEach(function (key) {
      var draft = drafts[key], title = titleOf(draft);
      var href = window.location.pathname + (key === "new" ? "" : "?plan=" + encodeURIComponent(key));
      var words = key === "new" ? "A new plan" + (title ? ": " + title : " (no title yet)") : "Changes to " + (title || key);
      var when = draft.saved ? new Date(draft.saved) : null;
      list.appendChild(el("li", {}, [
        el("a", { href: href, text: words }),
        when && !isNaN(when) ? document.createTextNode(", last changed " + when.toLocaleString()) : null
      ]));
    });
    box.hidden = !list.children.length;
  }

  /* A replaced draft can be had back, until the next edit. */
  function offerUndo(words, previous, focusIt) {
    undo = previous;
    var box = document.getElementById("plan-form-undo");
    box.querySelector("span").textContent = words + " ";
    box.hidden = false;
    if (focusIt) box.querySelector("button").focus();
  }

  function dropUndo() {
    undo = null;
    var box = document.getElementById("plan-form-undo");
    if (box) box.hidden = true;
  }

  /* ---- the draft's data ---- */

  function at(path) {
    return path.reduce(function (value, part) { return value === undefined || value === null ? undefined : value[part]; }, state.data);
  }

  function put(path, value) {
    var parent = at(path.slice(0, -1)), key = path[path.length - 1];
    if (value === undefined || value === "" || value === false || (Array.isArray(value) && !value.length)) delete parent[key];
    else parent[key] = value;
  }

  function id(path) {
    return "f-" + (path.length ? path.join("-") : "plan").replace(/[^A-Za-z0-9_-]/g, "_");
  }

  /* `goals[2].activities[1].text` -> ["goals", 1, "activities", 0, "text"] */
  function parts(path) {
    var out = [];
    path.replace(/([^.[\]]+)|\[(\d+)\]/g, function (all, name, index) {
      out.push(index !== undefined ? +index - 1 : name);
    });
    return out;
  }

  /* ---- drawing ---- */

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function level() { return state.data.level; }

  /* The field belongs to this plan's level (x-levels), or holds a value already (nothing
     is hidden that would still be written to the file). */
  function applies(field, value) {
    var levels = field["x-levels"];
    return !levels || !level() || levels.indexOf(level()) >= 0 || (value !== undefined && value !== null);
  }

  function isRequired(field, name, owner) {
    var needed = (owner.required || []).indexOf(name) >= 0;
    return needed || (field["x-required-in"] || []).indexOf(level()) >= 0;
  }

  /* A field's name on this plan's level, as its printed template says it. */
  function labelOf(field, name) {
    var labels = field["x-labels"] || {};
    return labels[level()] || field.title || name;
  }

  /* Said after a label: nothing when required, "(optional)", or, before a level is chosen, the
     levels that require it, so that the label never contradicts the hint. */
  function requirement(field, name, owner) {
    if (isRequired(field, name, owner)) return "";
    var names = (field["x-required-in"] || []).slice();
    if (!level() && names.length) {
      var last = names.pop();
      return " (required for " + (names.length ? names.join(", ") + " and " + last : last) + " plans)";
    }
    return " (optional)";
  }

  function enumOf(field) {
    if (field.enum) return field.enum;
    var branch = (field.anyOf || []).find(function (option) { return option.enum; });
    return branch ? branch.enum : null;
  }

  function vocabularyOf(name) {
    return contract.vocabularies[name] ? contract.vocabularies[name].names : null;
  }

  function hintFor(field) {
    return field.description || (field.anyOf || []).map(function (o) { return o.description; }).filter(Boolean)[0] || "";
  }

  function fieldBlock(path, field, labelText, suffix) {
    var key = id(path), value = at(path), name = path[path.length - 1];
    var hint = hintFor(field), hintId = key + "-hint", errorId = key + "-error";
    var label = el("label", { for: key, text: labelText + suffix });
    var described = (hint ? hintId + " " : "") + errorId;
    // Under every field: its hint (from the schema) and where its problem is said.
    var notes = [hint ? el("p", { class: "handbook-hint", id: hintId, text: hint }) : null, el("p", { class: "handbook-error", id: errorId })];
    var control, words = enumOf(field), vocabulary = vocabularyOf(name);
    var list = field.type === "array" || (field.anyOf || []).some(function (option) { return option.type === "array"; });
    if (list && vocabulary) {
      var box = el("fieldset", { class: "handbook-choices", id: key, "aria-describedby": described, "data-path": JSON.stringify(path) }, [
        el("legend", { text: labelText + suffix })
      ]);
      vocabulary.forEach(function (term, index) {
        var boxId = key + "-" + index;
        var checked = Array.isArray(value) && value.indexOf(term) >= 0;
        box.appendChild(el("div", { class: "handbook-choice" }, [
          el("input", { type: "checkbox", id: boxId, value: term, checked: checked, onchange: function () {
            var chosen = vocabulary.filter(function (t, i) { return document.getElementById(key + "-" + i).checked; });
            var extra = (Array.isArray(at(path)) ? at(path) : []).filter(function (t) { return vocabulary.indexOf(t) < 0; });
            edited(path, chosen.concat(extra), true);
          } }),
          el("label", { for: boxId, text: term })
        ]));
      });
      return el("div", { class: "handbook-form-field" }, [box].concat(notes));
    }
    if (field.type === "boolean") {
      control = el("input", { type: "checkbox", id: key, checked: value === true, "aria-describedby": described, onchange: function (event) { edited(path, event.target.checked, true); } });
      return el("div", { class: "handbook-form-field handbook-form-check" }, [control, el("label", { for: key, text: labelText })].concat(notes));
    }
    var options = null;
    if (name === "district") {
      options = plans.filter(function (p) { return p.level === "district"; }).map(function (p) { return [p.slug, p.title]; });
    } else if (name === "previous") {
      options = plans.filter(function (p) { return p.level === level() && p.slug !== state.slug; }).map(function (p) { return [p.slug, p.title + (p.year ? ", " + p.year : "")]; });
    } else if (vocabulary) {
      options = vocabulary.map(function (term) { return [term, term]; });
    } else if (words) {
      options = words.map(function (word) { return [String(word), name === "level" ? PLAN_LEVELS[word] : String(word)]; });
    }
    if (options && options.length > MANY && (name === "district" || name === "previous")) {
      // A state's hundreds of plans: type part of the file name, and the browser offers the matches.
      var listId = key + "-plans";
      control = el("input", { id: key, type: "text", list: listId, "aria-describedby": described, autocomplete: "off",
        oninput: function (event) { edited(path, event.target.value.trim(), false); },
        onchange: function () { touch(path); } });
      control.value = value || "";
      var datalist = el("datalist", { id: listId }, options.map(function (o) { return el("option", { value: o[0], label: o[1] }); }));
      return el("div", { class: "handbook-form-field" }, [label].concat(notes, [control, datalist]));
    }
    if (options) {
      var current = value === undefined || value === null ? "" : String(value);
      if (current && !options.some(function (o) { return o[0] === current; })) options.push([current, current]);
      control = el("select", { id: key, "aria-describedby": described, onchange: function (event) {
        var chosen = event.target.value;
        edited(path, words && typeof words[0] === "number" && chosen ? +chosen : chosen, true);
      } }, [el("option", { value: "", text: suffix ? "(none)" : "Choose one" })].concat(options.map(function (o) {
        return el("option", { value: o[0], text: o[1], selected: o[0] === current });
      })));
    } else {
      var long = (LONG_FIELDS.indexOf(name) >= 0 && !(path.length === 1 && name === "title")) || name === "introduction";
      var text = value === undefined || value === null ? "" : typeof value === "string" ? value : String(value);
      control = el(long ? "textarea" : "input", { id: key, "aria-describedby": described, rows: long ? 2 : null, type: long ? null : "text",
        oninput: function (event) { edited(path, event.target.value, false); },
        onchange: function () { touch(path); } });
      control.value = text;
    }
    return el("div", { class: "handbook-form-field" }, [label].concat(notes, [control]));
  }

  function unknownKeys(path, value, properties) {
    return Object.keys(value || {}).filter(function (key) { return !(key in properties); }).map(function (key) {
      var where = path.concat(key);
      return el("div", { class: "handbook-form-field handbook-unknown", id: id(where) }, [
        el("p", { text: key + ": " + JSON.stringify(value[key]) + " (not part of a plan)" }),
        el("p", { class: "handbook-error", id: id(where) + "-error" }),
        el("button", { type: "button", class: "md-button", text: "Remove " + key, onclick: function () { delete at(path)[key]; state.edited = true; structure(path); } })
      ]);
    });
  }

  /* The owner's fields but the skipped ones (`names`: these alone, in this order), and any key
     the draft holds that no plan has. */
  function fields(path, owner, value, skip, names) {
    var properties = owner.properties;
    return (names || Object.keys(properties)).filter(function (name) {
      return skip.indexOf(name) < 0 && applies(properties[name], value ? value[name] : undefined);
    }).map(function (name) {
      var field = properties[name];
      return fieldBlock(path.concat(name), field, labelOf(field, name), requirement(field, name, owner));
    }).concat(names ? [] : unknownKeys(path, value, properties));
  }

  function mover(label, list, index, path) {
    function move(delta) {
      return function () {
        var items = at(path);
        var item = items.splice(index, 1)[0];
        items.splice(index + delta, 0, item);
        structure(path.concat(index + delta), delta < 0 ? "up" : "down");
      };
    }
    return el("div", { class: "handbook-form-actions" }, [
      index > 0 ? el("button", { type: "button", class: "md-button", "data-move": "up", text: "Move " + label + " up", onclick: move(-1) }) : null,
      index < list.length - 1 ? el("button", { type: "button", class: "md-button", "data-move": "down", text: "Move " + label + " down", onclick: move(1) }) : null,
      list.length > 1 ? el("button", { type: "button", class: "md-button", text: "Remove " + label, onclick: function () {
        at(path).splice(index, 1);
        structure(path.concat(Math.max(0, index - 1)));
      } }) : null
    ]);
  }

  function activityBlock(g, a, activities) {
    var path = ["goals", g, "activities", a];
    var activity = activities[a];
    if (typeof activity === "string") activity = activities[a] = { text: activity };
    var name = "activity " + (a + 1) + " of goal " + (g + 1);
    return el("fieldset", { class: "handbook-activity", id: id(path) }, [
      el("legend", { text: "Activity " + (a + 1) })
    ].concat(fields(path, defs.Activity, activity, [])).concat([mover(name, activities, a, ["goals", g, "activities"])]));
  }

  function goalBlock(g, goals) {
    var path = ["goals", g], goal = goals[g];
    var activities = Array.isArray(goal.activities) ? goal.activities : (goal.activities = [{}]);
    var block = el("fieldset", { class: "handbook-goal", id: id(path) }, [el("legend", { text: "Goal " + (g + 1) })].concat(fields(path, defs.Goal, goal, ["activities"])));
    var list = el("div", { class: "handbook-activities", id: id(path.concat("activities")) }, [el("p", { class: "handbook-error", id: id(path.concat("activities")) + "-error" })]);
    activities.forEach(function (activity, a) { list.appendChild(activityBlock(g, a, activities)); });
    block.appendChild(el("h3", { text: "Activities of goal " + (g + 1) }));
    block.appendChild(list);
    block.appendChild(el("button", { type: "button", class: "md-button", text: "Add an activity to goal " + (g + 1), onclick: function () {
      activities.push({});
      structure(path.concat("activities", activities.length - 1, "text"));
    } }));
    block.appendChild(mover("goal " + (g + 1), goals, g, ["goals"]));
    return block;
  }

  function draw(focusPath) {
    var data = state.data;
    var goals = Array.isArray(data.goals) ? data.goals : (data.goals = [{ activities: [{}] }]);
    var form = document.getElementById("plan-form-fields");
    form.textContent = "";
    var slugField = el("div", { class: "handbook-form-field" }, [
      el("label", { for: "f-file", text: "File name" }),
      el("p", { class: "handbook-hint", id: "f-file-hint", text: state.existing
        ? "This plan's file, " + state.existing + ".md, and its address on the site: they stay as they are."
        : "The plan's address on the site and the name of its file, made from the title and year as you type them; change it if you like. " +
          "Small letters a to z, digits and hyphens, like riverside-elementary-2026-27." }),
      el("p", { class: "handbook-error", id: "f-file-error" }),
      el("input", { id: "f-file", type: "text", readonly: state.existing ? true : null, "aria-describedby": "f-file-hint f-file-error",
        autocomplete: "off", spellcheck: "false",
        oninput: function (event) {
          state.slug = event.target.value.trim();
          state.slugTyped = state.slug !== "";
          edits();
          changed(false);
        },
        onchange: function () { touch(["file"]); } })
    ]);
    slugField.querySelector("input").value = state.slug;
    // Level first (it decides which fields the plan has), then the title the file name comes from.
    fields([], schema, data, [], ["level", "title"]).forEach(function (node) { form.appendChild(node); });
    form.appendChild(slugField);
    fields([], schema, data, ["level", "title", "goals", "closing"]).forEach(function (node) { form.appendChild(node); });
    form.appendChild(fieldBlock(["introduction"], contract.introduction, contract.introduction.title, " (optional)"));
    form.querySelector("#" + id(["introduction"])).value = state.introduction || "";
    form.appendChild(el("h2", { text: "Goals" }));
    form.appendChild(el("p", { class: "handbook-error", id: id(["goals"]) + "-error" }));
    goals.forEach(function (goal, g) { form.appendChild(goalBlock(g, goals)); });
    form.appendChild(el("button", { type: "button", class: "md-button", text: "Add a goal", onclick: function () {
      goals.push({ activities: [{}] });
      structure(["goals", goals.length - 1, "title"]);
    } }));
    form.appendChild(el("h2", { text: "After the goals" }));
    fields([], schema, data, [], ["closing"]).forEach(function (node) { form.appendChild(node); });
    save();
    heading();
    listDrafts();
    // The address names the plan the form holds, so a reload comes back to this draft.
    var query = state.existing ? "?plan=" + encodeURIComponent(state.existing) : "";
    if (window.location.search !== query) history.replaceState(null, "", window.location.pathname + query);
    refresh(false);
    if (focusPath) focus(focusPath);
  }

  function focus(path, direction) {
    var target = document.getElementById(id(path));
    if (target && target.tagName === "FIELDSET") {
      var moved = direction && (target.querySelector(':scope > .handbook-form-actions > button[data-move="' + direction + '"]') ||
        target.querySelector(":scope > .handbook-form-actions > button"));
      target = moved || target.querySelector("input, textarea, select, button") || target;
    }
    if (target) target.focus();
  }

  /* After a goal or activity is added, moved or removed, or the level changes. */
  function structure(focusPath, direction) {
    edits();
    save();
    draw();
    if (focusPath) focus(focusPath, direction);
  }

  /* ---- checking and the plan file ---- */

  /* The editor changed the draft: it is kept from now on, and what Undo held is let go. */
  function edits() {
    state.edited = true;
    if (undo) dropUndo();
  }

  /* A file name made from the title and year, until the editor writes one. */
  function suggestSlug() {
    if (state.existing || state.slugTyped) return;
    var title = typeof state.data.title === "string" ? state.data.title : "";
    var words = title.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/['\u2019]/g, "")
      .split(/[^a-z0-9]+/).filter(Boolean);
    var year = state.data.year === undefined ? "" : String(state.data.year).toLowerCase().replace(/[^0-9]+/g, "-").replace(/^-+|-+$/g, "");
    var slug = words.join("-");
    if (year && slug.indexOf(year) < 0) slug = slug ? slug + "-" + year : year;
    state.slug = slug.slice(0, 80).replace(/-+$/, "");
    var input = document.getElementById("f-file");
    if (input) input.value = state.slug;
  }

  function edited(path, value, now) {
    fileProblems = [];
    edits();
    if (path[0] === "introduction") state.introduction = value;
    else put(path, value);
    if (path.length === 1 && (path[0] === "title" || path[0] === "year")) suggestSlug();
    if (path.length === 1 && path[0] === "level") { touch(path); structure(path); return; } // other fields apply
    if (now) touch(path);
    else changed(false);
  }

  function touch(path) {
    shown[checker.fieldPath(path)] = true;
    changed(true);
  }

  function changed(summary) {
    save();
    window.clearTimeout(pending);
    pending = window.setTimeout(function () { refresh(summary); }, summary ? 0 : 250);
  }

  function visible(problem) {
    return Object.keys(shown).some(function (path) {
      return path === "*" || problem.path === path || problem.path.indexOf(path + ".") === 0 || problem.path.indexOf(path + "[") === 0;
    });
  }

  /* The element a problem is shown at: its field, or the nearest goal or activity holding it. */
  function anchorOf(path) {
    var steps = path === "file" ? ["file"] : parts(path);
    for (var n = steps.length; n > 0; n--) {
      var node = document.getElementById(n === 1 && steps[0] === "file" ? "f-file" : id(steps.slice(0, n)));
      if (node) return { node: node, error: document.getElementById(node.id + "-error") };
    }
    return { node: document.getElementById("plan-form-fields"), error: null };
  }

  function refresh(summary) {
    if (!state.edited && !state.existing && !summary) {
      // An empty new plan, nothing typed yet: nothing to show, and nothing to check (the
      // checker's first run compiles the schema: a first visit should not wait for it).
      problems = [{ path: "file", message: "required" }];
      output();
      return;
    }
    var result = checker.check(state.data, state.introduction, { plans: plans, slug: state.slug || undefined });
    problems = fileProblems.concat(result.problems);
    if (!state.slug) problems.unshift({ path: "file", message: "required" });
    problems.forEach(function (problem) { problem.words = inWords(problem); });
    document.querySelectorAll("#plan-form-fields [aria-invalid]").forEach(function (node) { node.removeAttribute("aria-invalid"); });
    document.querySelectorAll("#plan-form-fields .handbook-error").forEach(function (node) { node.textContent = ""; });
    var listed = [];
    problems.forEach(function (problem) {
      var place = anchorOf(problem.path);
      problem.target = place.node.id;
      if (!visible(problem)) return;
      listed.push(problem);
      if (place.error) {
        place.error.textContent = (place.error.textContent ? place.error.textContent + " " : "") + problem.words.beside;
        place.node.setAttribute("aria-invalid", "true");
      }
    });
    if (summary) showSummary(listed);
    output();
  }

  function showSummary(listed) {
    var box = document.getElementById("plan-form-summary");
    var list = box.querySelector("ul");
    list.textContent = "";
    listed.forEach(function (problem) {
      list.appendChild(el("li", { "data-path": problem.path, "data-message": problem.message }, [el("a", { href: "#" + problem.target, text: problem.words.summary, onclick: function (event) {
        event.preventDefault();
        var target = document.getElementById(problem.target);
        if (target && target.tagName === "FIELDSET") target = target.querySelector("input, textarea, select") || target;
        if (target) target.focus();
      } })]));
    });
    box.hidden = !listed.length;
  }

  /* ---- problems in words ---- */

  /* Where a field is, and the field: ["goals", 0, "activities", 1, "dates"] ->
     { place: "Goal 1, activity 2", field: <its schema>, name: "dates", owner: <Activity> }.
     A numbered item of another list (`strategies[1]`) is its field's, as
     `handbook.vocabularies.fields.field_in_words` says it in `make check`'s summary. */
  function located(path) {
    if (path === "file") return { place: "", field: null, name: "file", label: "File name", owner: schema };
    if (!path) return { place: "", field: null, name: "", label: "", owner: schema };
    var steps = parts(path), place = [], owner = schema, field = null, name = "";
    steps.forEach(function (step, index) {
      var list = steps[index - 1];
      if (typeof step === "number" && (list === "goals" || list === "activities")) {
        place.push(list === "goals" ? "Goal " + (step + 1) : "activity " + (step + 1));
        owner = list === "goals" ? defs.Goal : defs.Activity;
        field = null;
        name = "";
      } else if (typeof step !== "number") {
        name = step;
        field = step === "introduction" ? contract.introduction : owner.properties && owner.properties[step];
      }
    });
    var label = field ? labelOf(field, name) : name ? "'" + name + "'" : "";
    return { place: place.join(", "), field: field, name: name, label: label, owner: owner };
  }

  function capital(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

  /* What to ask for when a field is left out: its own words from the contract, or by its kind. */
  function missingWords(where) {
    if (where.name === "file") return "write a file name (it is made from the title as you type it)";
    var field = where.field || {};
    if (field["x-missing"]) return field["x-missing"];
    var chosen = field.enum || field.anyOf || field.type === "array" || vocabularyOf(where.name);
    return (chosen ? "choose the " : "write the ") + where.label.toLowerCase();
  }

  /* `make check`'s words for a file, said for the form: fields by their labels, not by the keys
     and paths of the file. */
  var SAID = [
    [/^(required|must not be empty|must have at least one item)(: .*)?$/, null],
    [/^unknown key; did you mean '([^']+)'\?$/, function (m, where, owner) { return "not a field of a plan (did you mean " + keyLabel(owner, m[1]) + "?): remove it"; }],
    [/^unknown key; known keys are .*$/, function () { return "not a field of a plan: remove it"; }],
    [/^must be a list, not text \(write .*\)$/, function () { return "must be a list of choices, not text"; }],
    [/^holds ([\d,]+) '\[' characters; Markdown text may hold at most ([\d,]+) .*$/, function (m) { return "holds " + m[1] + " links or footnotes; it may hold at most " + m[2]; }],
    [/^a promising practice needs its outcome: .*$/, function () { return "a promising practice needs its outcome: fill in Outcome, saying what happened and what it achieved"; }],
    [/^a promising practice needs the plan's school year: .*$/, function () { return "a promising practice needs the plan's school year: fill in School year at the top of the form"; }],
    [/^no (district )?plan plans\/([^ ;]+)\.md(; did you mean '([^']+)'\?)?$/, function (m) { return "no " + (m[1] || "") + "plan with the file name " + m[2] + " in the handbook" + (m[4] ? "; did you mean " + m[4] + "?" : ""); }],
    [/^the same title as plans\/([^ ]+)\.md: (.*)$/, function (m) { return "the same title as the plan " + m[1] + ": " + m[2]; }],
    [/^file name must be lowercase words joined by '-' \(the plan's URL\); use (.*)$/, function (m) { return "use small letters a to z, digits and hyphens only, like " + m[1]; }]
  ];

  function keyLabel(owner, key) {
    var field = owner && owner.properties ? owner.properties[key] : null;
    return field ? labelOf(field, key) : key;
  }

  /* A problem in words: in the summary with its place ("Goal 1: choose at least one leadership
     strategy"; "Goal 2, activity 1, Dates: ..."), and beside its field on its own. */
  function inWords(problem) {
    var where = located(problem.path), message = problem.message, owner = where.owner;
    for (var i = 0; i < SAID.length; i++) {
      var match = SAID[i][0].exec(message);
      if (!match) continue;
      if (!SAID[i][1]) {
        var ask = missingWords(where);
        return { summary: where.place ? where.place + ": " + ask : capital(ask), beside: capital(ask) + "." };
      }
      message = SAID[i][1](match, where, owner);
      break;
    }
    message = message.replace(/plans\/([a-z0-9-]+)\.md/g, "the plan $1"); // a plan by its file name, not its path
    var said = [where.place, where.label].filter(Boolean).join(", ");
    return { summary: said ? said + ": " + message : capital(message), beside: capital(message) };
  }

  function planFile() {
    return checker.write(state.data, state.introduction);
  }

  function output() {
    var text = planFile();
    var area = document.getElementById("plan-file");
    area.value = text;
    var slug = state.slug || "my-plan";
    var download = document.getElementById("plan-download");
    if (download.dataset.url) URL.revokeObjectURL(download.dataset.url);
    download.dataset.url = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    download.href = download.dataset.url;
    download.setAttribute("download", slug + ".md");
    var pull = document.getElementById("plan-pull-request");
    var note = document.getElementById("plan-pull-request-note");
    var fine = !problems.length;
    pull.hidden = !fine;
    document.getElementById("plan-pull-request-blocked").hidden = fine;
    var base = app.dataset.newFile, link, copies = false;
    if (state.existing && state.existing === state.slug) {
      link = app.dataset.editFile + state.slug + ".md";
      copies = true;
      note.textContent = "GitHub's page for changing a file takes no text: the link copies the plan file, so paste it there in place of the file's text.";
    } else {
      link = base + "?filename=" + encodeURIComponent(slug + ".md") + "&value=" + encodeURIComponent(text);
      if (link.length > 7000) {
        link = base + "?filename=" + encodeURIComponent(slug + ".md");
        copies = true;
        note.textContent = "The plan is too long to hand over in the address: the link copies the plan file, so paste it into GitHub's page.";
      } else {
        note.textContent = "GitHub opens the new file filled in; if you cannot change the handbook's files yourself, it offers to propose the change as a pull request.";
      }
    }
    pull.href = link;
    pull.dataset.copies = copies ? "true" : "false";
  }

  function copy(text) {
    var said = document.getElementById("plan-form-status");
    function done() { said.textContent = "The plan file is copied."; }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(done, function () { fallback(); });
    }
    fallback();
    function fallback() {
      var area = document.getElementById("plan-file");
      area.select();
      try { document.execCommand("copy"); done(); } catch (error) { said.textContent = "Select the plan file and copy it."; }
    }
  }

  /* ---- loading a plan ---- */

  /* The form holds this plan; `edited`: as the editor's own draft (a pasted file), not a
     published plan opened to read. */
  function fill(data, introduction, slug, existing, edited) {
    var result = checker.check(data, introduction, { plans: plans, slug: slug });
    state = { slug: slug || "", existing: existing || null, data: result.value, introduction: introduction || "",
      slugTyped: Boolean(slug), edited: Boolean(edited) };
    shown = {};
    save();
    draw();
  }

  function openPublished(plan) {
    fill(plan.front_matter, plan.introduction, plan.slug, plan.slug, false);
  }

  function utf8(bytes) {
    try { return new TextDecoder("utf-8", { fatal: true }).decode(bytes); } catch (error) { return null; }
  }

  /* The line of the first byte that is not UTF-8, as `make check` gives it. */
  function lineOfBadByte(bytes) {
    var good = 0, low = 0, high = bytes.length;
    while (low <= high) {
      var middle = (low + high) >> 1;
      try { new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, middle), { stream: true }); good = middle; low = middle + 1; }
      catch (error) { high = middle - 1; }
    }
    return bytes.subarray(0, good).filter(function (b) { return b === 10; }).length + 1;
  }

  /* A file that cannot be read as a plan: what is wrong, as `make check` prints it. */
  function showUnread(found, name) {
    var report = document.getElementById("plan-paste-problems");
    report.textContent = "";
    found.forEach(function (problem) {
      report.appendChild(el("li", { "data-path": problem.path || null, "data-message": problem.message, "data-line": problem.line,
        text: "Line " + problem.line + " of " + (name || "the file") + ": " + inWords(problem).summary }));
    });
    var box = document.getElementById("plan-paste-result");
    box.hidden = false;
    box.focus();
  }

  function load(text, name) {
    var read = checker.read(text);
    if (!read.data) {
      showUnread(read.problems, name);
      return;
    }
    document.getElementById("plan-paste-result").hidden = true;
    var slug = name ? name.replace(/\.md$/, "") : state.slug;
    var known = plans.some(function (p) { return p.slug === slug; });
    var previous = state;
    fill(read.data, read.introduction, slug, known ? slug : null, true);
    if (previous.edited && keyOf(previous) === keyOf(state)) offerUndo("The file you gave replaced your draft.", previous, false);
    fileProblems = read.problems;
    shown = { "*": true };
    refresh(true);
    var summary = document.getElementById("plan-form-summary");
    if (!summary.hidden) summary.focus();
    else document.getElementById("f-file").focus();
  }

  /* The plan as the site publishes it (plans/<slug>/plan-data.js, a script so that the offline
     copy can read it from file://), then `then(plan)`, or `then(null)` when there is none. */
  function fromSite(slug, then) {
    if (published[slug]) { then(published[slug]); return; }
    if (!listScript || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) { then(null); return; }
    var script = document.createElement("script");
    script.src = new URL(slug + "/plan-data.js", listScript.src).href;
    script.onload = function () {
      var plan = window.handbookPlanData;
      if (!plan || plan.slug !== slug) { then(null); return; }
      published[slug] = { slug: slug, front_matter: plan.front_matter, introduction: plan.introduction.replace(/^\n+/, "") };
      then(published[slug]);
    };
    script.onerror = function () { then(null); };
    document.head.appendChild(script);
  }

  /* A draft of this plan that differs from the published plan: the form shows the draft and
     asks which to go on with. */
  function askWhich(plan) {
    var box = document.getElementById("plan-form-choice");
    var when = state.saved ? new Date(state.saved) : null;
    box.querySelector("h2").textContent = "You have a draft of changes to " + plan.front_matter.title;
    box.querySelector("p").textContent = "It differs from the plan as published" +
      (when && !isNaN(when) ? " (last changed " + when.toLocaleString() + ")" : "") +
      ". The form below shows your draft. Continue it, or start again from the published plan?";
    box.hidden = false;
    box.focus();
  }

  function chosen() {
    document.getElementById("plan-form-choice").hidden = true;
  }

  /* ---- start ---- */

  document.getElementById("plan-paste-fill").addEventListener("click", function () {
    load(document.getElementById("plan-paste").value, null);
  });
  document.getElementById("plan-paste-file").addEventListener("change", function (event) {
    var file = event.target.files[0];
    if (!file) return;
    file.arrayBuffer().then(function (buffer) {
      var bytes = new Uint8Array(buffer), text = utf8(bytes);
      if (text === null) {
        showUnread([{ line: lineOfBadByte(bytes), path: "", message: "not UTF-8 text: save the file as UTF-8" }], file.name);
        return;
      }
      load(text, file.name);
    });
  });
  document.getElementById("plan-form-check").addEventListener("click", function () {
    shown = { "*": true };
    refresh(true);
    var summary = document.getElementById("plan-form-summary");
    if (!summary.hidden) summary.focus();
    else document.getElementById("plan-form-status").textContent = "No problems found: the plan file is ready.";
  });
  document.getElementById("plan-copy").addEventListener("click", function () { copy(planFile()); });
  document.getElementById("plan-pull-request").addEventListener("click", function (event) {
    if (event.currentTarget.dataset.copies === "true") copy(planFile());
  });
  document.getElementById("plan-start-over").addEventListener("click", function () {
    var previous = state;
    fileProblems = [];
    forget(keyOf(state));
    chosen();
    if (state.existing && published[state.existing]) {
      openPublished(published[state.existing]);
      offerUndo("The form shows the published plan again.", previous, true);
    } else {
      state = blank();
      shown = {};
      draw();
      offerUndo("The form is empty again.", previous, true);
    }
  });
  document.getElementById("plan-form-undo").querySelector("button").addEventListener("click", function () {
    var previous = undo;
    dropUndo();
    if (!previous) return;
    fileProblems = [];
    state = previous;
    state.edited = true;
    shown = {};
    save();
    draw(["level"]);
    document.getElementById("plan-form-status").textContent = "Your draft is back.";
  });
  document.getElementById("plan-choice-draft").addEventListener("click", function () {
    chosen();
    focus(["level"]);
  });
  document.getElementById("plan-choice-published").addEventListener("click", function () {
    var previous = state;
    chosen();
    forget(keyOf(state));
    openPublished(published[state.existing]);
    offerUndo("The form shows the published plan; your draft is set aside.", previous, true);
  });

  app.hidden = false;
  var asked = new URLSearchParams(window.location.search).get("plan");
  if (asked) {
    fromSite(asked, function (plan) {
      var draft = readDrafts()[asked];
      if (!plan && draft) { // a plan gone from the handbook: its draft is still the editor's
        state = draft;
        draw();
        document.getElementById("plan-form-status").textContent = "The handbook no longer has the plan " + asked + ": the form shows your draft of it.";
      } else if (!plan) {
        state = readDrafts()["new"] || blank();
        draw();
        document.getElementById("plan-form-status").textContent = "The handbook has no plan " + asked + ": the form shows your new plan.";
      } else if (!draft) {
        openPublished(plan);
      } else {
        state = draft;
        draw();
        if (!samePlan(draft, plan)) askWhich(plan);
      }
    });
  } else {
    state = readDrafts()["new"] || blank();
    draw();
  }
  window.handbookPlanForm = { state: function () { return state; }, problems: function () { return problems; }, planFile: planFile };
})();
