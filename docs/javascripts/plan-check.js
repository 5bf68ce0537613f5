/*
 * A plan file read, checked and written in the browser, with the rules and the words of
 * `make check`, for the plan form on /contribute/ (plan-form.js).
 *
 * One source of truth: the JSON Schema made from the Python model, the vocabularies'
 * spellings and the limits all come from the contract the build publishes
 * (contribute/plan-contract.js, made by handbook/browser/contract.py); the schema is checked by
 * Ajv. What a schema cannot say is written here once more, in the order the Python model
 * applies it: words read in any case and terms by any of their spellings (before), the
 * rules that depend on the plan's level, the year and other plans (after). Each message is
 * handbook/plans/messages.py's; tests/browser/test_plan_form.py runs both sides on the same plans
 * and holds them together.
 *
 * Paths are written as `make check` prints them: goals[2].activities[1].text, from 1.
 */
(function (root) {
  "use strict";

  var contract = root.handbookContract;
  var jsyaml = root.jsyaml;
  var schema = contract.schema;
  var defs = schema.$defs;
  var LIMITS = contract.limits;
  var CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/;
  var FENCE = /^(---|\.\.\.)[ \t]*\r?$/;
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var QUOTE_LENGTH = 60;

  /* ---- Python's difflib.get_close_matches, for the same "did you mean" ---- */

  function matchingTotal(a, b) {
    var b2j = {};
    b.forEach(function (ch, j) { (b2j[ch] = b2j[ch] || []).push(j); });
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = {};
      for (var i = alo; i < ahi; i++) {
        var next = {}, js = b2j[a[i]] || [];
        for (var n = 0; n < js.length; n++) {
          var j = js[n];
          if (j < blo) continue;
          if (j >= bhi) break;
          var k = next[j] = (j2len[j - 1] || 0) + 1;
          if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
        }
        j2len = next;
      }
      return [besti, bestj, bestsize];
    }
    var total = 0, queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      if (m[2]) {
        total += m[2];
        if (q[0] < m[0] && q[2] < m[1]) queue.push([q[0], m[0], q[2], m[1]]);
        if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]);
      }
    }
    return total;
  }

  function ratio(a, b) {
    var x = Array.from(a), y = Array.from(b);
    return x.length + y.length ? (2 * matchingTotal(x, y)) / (x.length + y.length) : 1;
  }

  function closeMatch(word, possibilities, cutoff) {
    var best = null, score = -1;
    possibilities.forEach(function (candidate) {
      var r = ratio(candidate, word);
      if (r >= cutoff && (r > score || (r === score && candidate > best))) { best = candidate; score = r; }
    });
    return best;
  }

  /* ---- words as messages.py says them ---- */

  function printable(text) {
    return text.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\ufeff]/g, function (ch) {
      var code = ch.charCodeAt(0);
      if (ch === "\n") return "\\n";
      if (ch === "\t") return "\\t";
      if (ch === "\r") return "\\r";
      return code < 0x100 ? "\\x" + code.toString(16).padStart(2, "0") : "\\u" + code.toString(16).padStart(4, "0");
    });
  }

  function quote(value) {
    var text = Array.from(String(value));
    if (text.length > QUOTE_LENGTH) text = text.slice(0, QUOTE_LENGTH - 1).concat("\u2026");
    return printable(text.join(""));
  }

  function pyRepr(value) {
    if (typeof value === "string") return "'" + value + "'";
    if (value === true) return "True";
    if (value === false) return "False";
    if (value === null) return "None";
    return String(value);
  }

  function typeName(value) {
    if (typeof value === "boolean") return "true/false";
    if (typeof value === "number") return "a number";
    if (Array.isArray(value)) return "a list";
    if (value !== null && typeof value === "object") return "a mapping (key: value lines)";
    if (value === null || value === undefined) return "nothing";
    return "text";
  }

  function thousands(n) { return n.toLocaleString("en-US"); }

  /* messages.py's words for a text over the limit, and for a control character in one. */
  function tooLong(text) {
    return thousands(Array.from(text).length) + " characters; a text may hold at most " + thousands(LIMITS.text);
  }

  function controlCharacter(text) {
    var control = CONTROL.exec(text);
    return "holds the control character " + (control ? "\\x" + control[0].charCodeAt(0).toString(16).padStart(2, "0") : "?") + ", which text never needs: remove it";
  }

  function fieldPath(parts) {
    var path = "";
    parts.forEach(function (part) {
      if (typeof part === "number") path += "[" + (part + 1) + "]";
      else path += path ? "." + part : part;
    });
    return path;
  }

  /* ---- reading a file ---- */

  /* A file's lines with their ends, as handbook/plans/loading.py counts them: a line ends at
     \n, \r\n or \r only. */
  function linesOf(text) {
    return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) || [];
  }

  function split(text) {
    var lines = linesOf(text);
    if (!lines.length || lines[0].replace(/\s+$/, "") !== "---") return null;
    for (var i = 1; i < lines.length; i++) {
      if (FENCE.test(lines[i].replace(/\n$/, ""))) {
        return { front: lines.slice(1, i).join(""), body: lines.slice(i + 1).join(""), bodyLine: i + 2 };
      }
    }
    return { front: lines.slice(1).join(""), body: "", bodyLine: 0 };
  }

  /* Line ends only YAML sees, and characters that reorder what the screen shows
     (handbook/plans/loading.py's OTHER_LINE_BREAKS and DIRECTION_CONTROLS). */
  var OTHER_LINE_BREAKS = [["\x85", "U+0085, next line"], ["\u2028", "U+2028, line separator"], ["\u2029", "U+2029, paragraph separator"]];
  var DIRECTION_CONTROLS = [
    ["\u202a", "U+202A, left-to-right embedding"], ["\u202b", "U+202B, right-to-left embedding"],
    ["\u202c", "U+202C, pop directional formatting"], ["\u202d", "U+202D, left-to-right override"],
    ["\u202e", "U+202E, right-to-left override"], ["\u2066", "U+2066, left-to-right isolate"],
    ["\u2067", "U+2067, right-to-left isolate"], ["\u2068", "U+2068, first strong isolate"],
    ["\u2069", "U+2069, pop directional isolate"]
  ];
  var HIDDEN = [
    [OTHER_LINE_BREAKS, "holds an invisible line break ({name}), which the YAML reader takes for the start of a new line that the screen does not show: remove it"],
    [DIRECTION_CONTROLS, "holds an invisible direction control ({name}), which makes the screen show the line in another order than it is read: remove it"]
  ];

  var YAML_HINTS = [
    ["bad indentation of a mapping entry", "a value holds ': '; put the whole value in quotes"],
    ["incomplete explicit mapping pair", "a value holds ': '; put the whole value in quotes"],
    ["end of the stream or a document separator is expected", "this line does not line up with the lines above; check its indentation"],
    ["missed comma between flow collection entries", "a [list] is not closed with ']', or its items are not separated by commas"],
    ["unexpected end of the stream within a flow collection", "a [list] is not closed with ']', or its items are not separated by commas"],
    ["unexpected end of the stream within a double quoted scalar", "a quote is opened but never closed"],
    ["unexpected end of the stream within a single quoted scalar", "a quote is opened but never closed"],
    ["unidentified alias", "'*' starts a YAML alias; put a value that starts with '*' in quotes"],
    ["reserved character", "a value cannot start with '@' or '`'; put it in quotes"]
  ];

  function yamlProblem(error, offset) {
    var line = error.mark ? error.mark.line + offset : offset;
    var reason = error.reason || error.message;
    if (/duplicated mapping key/.test(reason) && error.mark) return { line: line, duplicate: true };
    for (var i = 0; i < YAML_HINTS.length; i++) {
      if (reason.indexOf(YAML_HINTS[i][0]) >= 0) return { line: line, path: "", message: "YAML syntax error: " + YAML_HINTS[i][1] };
    }
    return { line: line, path: "", message: "YAML syntax error: " + reason };
  }

  /* The first character the YAML reader of `make check` (PyYAML) refuses, with its line
     (from 0) and handbook/plans/messages.py's character_problem words. */
  var NOT_PRINTABLE = /[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
  function unreadable(front) {
    var found = NOT_PRINTABLE.exec(front);
    if (!found) return null;
    var code = found[0].codePointAt(0);
    var shown = code < 0x100 ? "\\x" + code.toString(16).padStart(2, "0") : "\\u" + code.toString(16).padStart(4, "0");
    var control = code < 0x20 || (code >= 0x7f && code < 0xa0);
    var line = (front.slice(0, found.index).match(/\r\n|\r|\n/g) || []).length;
    return { line: line, message: "holds the " + (control ? "control character " : "character ") + shown + ", which text never needs: remove it" };
  }

  /* Plain data only, as handbook/plans/plain_yaml.py reads it: no anchors, aliases or tags, and
     not nested deeper than a plan needs. */
  function plainData(state, event) {
    if (event !== "close") return;
    if (state.anchor !== null && state.anchor !== undefined) {
      throw { plain: true, line: state.line, message: "'&" + quote(state.anchor) + "' is a YAML anchor, which plans do not use: remove it, and put a value that starts with '&' in quotes" };
    }
    if (state.tag && state.tag !== "?" && state.tag !== "!" && !/^tag:yaml\.org,2002:(str|int|float|bool|null|seq|map)$/.test(state.tag)) {
      throw { plain: true, line: state.line, message: "'" + quote(state.tag) + "' is a YAML tag, which plans do not use: remove it, and put a value that starts with '!' in quotes" };
    }
  }

  function duplicateKey(front, error, offset) {
    var text = linesOf(front)[error.mark.line] || "";
    var key = text.replace(/^\s*(- )?/, "").split(":")[0].trim();
    var first = linesOf(front).findIndex(function (l) { return l.replace(/^\s*(- )?/, "").split(":")[0].trim() === key; });
    return { line: error.mark.line + offset, path: key, message: "given twice (first on line " + (first + offset) + "): keep one of them" };
  }

  /* A plan file as data: {data, introduction, problems}; problems as `make check` gives them,
     with the line of the file where it can tell. */
  function read(text) {
    text = text.replace(/^\ufeff/, "");
    if (!text.trim()) return { problems: [{ line: 1, path: "", message: "empty file: a plan starts with '---' and its front matter" }] };
    var parts = split(text);
    if (!parts) return { problems: [{ line: 1, path: "", message: "no front matter: the file must start with a '---' line, the plan's YAML, and another '---' line" }] };
    if (!parts.bodyLine) return { problems: [{ line: 1, path: "", message: "the front matter is never closed: add a line '---' after its last line (before the introduction, if there is one)" }] };
    var offset = 2, tabs = [], hidden = [];
    linesOf(parts.front).forEach(function (line, index) {
      HIDDEN.forEach(function (kind) {
        kind[0].forEach(function (pair) {
          if (line.indexOf(pair[0]) >= 0) hidden.push({ line: index + offset, path: "", message: kind[1].replace("{name}", pair[1]) });
        });
      });
      if (/^\s*\t/.test(line) && line.slice(0, line.length - line.replace(/^\s+/, "").length).indexOf("\t") >= 0) {
        tabs.push({ line: index + offset, path: "", message: "tab character: indent with spaces, not tabs" });
      }
    });
    if (hidden.length) return { problems: hidden };
    if (tabs.length) return { problems: tabs };
    var refused = unreadable(parts.front);
    if (refused) return { problems: [{ line: refused.line + offset, path: "", message: refused.message }] };
    var data;
    try {
      data = jsyaml.load(parts.front, { schema: jsyaml.CORE_SCHEMA, listener: plainData });
    } catch (error) {
      if (error && error.plain) return { problems: [{ line: error.line + offset, path: "", message: error.message }] };
      var problem = yamlProblem(error, offset);
      if (problem.duplicate) {
        problem = duplicateKey(parts.front, error, offset);
        data = jsyaml.load(parts.front, { schema: jsyaml.CORE_SCHEMA, json: true });
        return { data: data, introduction: parts.body, problems: [problem] };
      }
      return { problems: [problem] };
    }
    if (data === null || data === undefined || typeof data !== "object" || Array.isArray(data)) {
      var what = data === null || data === undefined ? "empty" : typeName(data);
      return { problems: [{ line: offset, path: "", message: "front matter must be a mapping of keys (title:, level:, goals:), not " + what }] };
    }
    return { data: data, introduction: parts.body, problems: [] };
  }

  /* ---- checking ---- */

  function normalizeName(text) {
    return text.toLowerCase().replace(/&/g, " and ").replace(/[\s,.;:]+/g, " ").trim();
  }

  function choice(names, aliases) {
    return function (value) {
      if (typeof value !== "string") return { value: value };
      var folded = value.trim().toLowerCase();
      folded = (aliases || {})[folded] || folded;
      if (names.indexOf(folded) >= 0) return { value: folded };
      var close = closeMatch(folded, names, 0.5);
      return { message: "must be one of " + names.join(", ") + (close ? "; did you mean '" + close + "'?" : "") };
    };
  }

  var TERMS = {
    strategies: { what: "strategy", listing: "the six are", numbers: false },
    type: { what: "type of involvement", listing: "the six are", numbers: true },
    audience_groups: { what: "audience group", listing: "the groups are", numbers: false }
  };

  function term(name) {
    var vocabulary = contract.vocabularies[name], how = TERMS[name];
    var spellings = vocabulary.spellings;
    function match(value) {
      var key = normalizeName(String(value));
      return Object.prototype.hasOwnProperty.call(spellings, key) ? spellings[key] : null;
    }
    return function (value) {
      var numeric = how.numbers && typeof value === "number" && Number.isInteger(value);
      if (typeof value !== "string" && !numeric) {
        return { message: "must be text, not " + typeName(value) + (typeof value === "number" ? " (put it in quotes to use it as text)" : "") };
      }
      var found = match(value);
      if (found === null && how.numbers && typeof value === "string") {
        var written = /^\s*(\d+)\s*[.):-]?\s+(.+)$/.exec(value);
        if (written && match(written[1]) !== null && match(written[1]) === match(written[2])) found = match(written[1]);
      }
      if (found !== null) return { value: found };
      var suggestion = String(value).length <= 200 ? closeMatch(normalizeName(String(value)), Object.keys(spellings), 0.6) : null;
      return {
        message: "unknown " + how.what + " '" + quote(value) + "'" +
          (suggestion ? "; did you mean '" + spellings[suggestion] + "'?" : "") +
          " (" + how.listing + ": " + vocabulary.names.join(", ") + ")"
      };
    };
  }

  function schoolYear(first) { return first + "-" + String((first + 1) % 100).padStart(2, "0"); }

  function yearProblem(text) {
    if (/(?![0-9])\p{Nd}/u.test(text)) return "write the school year in the digits 0-9, like '" + contract.years.example + "'";
    var match = /^(\d{4})-(\d{2})$/.exec(text);
    if (match) {
      var first = +match[1], second = +match[2];
      return second === (first + 1) % 100 ? null : "the second part is the year after the first: write '" + schoolYear(first) + "'";
    }
    var written = /(\d{4})\s*[-\u2013\u2014/ ]\s*(\d{4}|\d{2})/.exec(text);
    if (written && +written[2] % 100 === (+written[1] + 1) % 100) return "write the school year as '" + schoolYear(+written[1]) + "'";
    return "write the school year as the year it starts in and the next one's last two digits, like '" + contract.years.example + "'";
  }

  var level = choice(["state", "district", "school"]);
  var kind = choice(["academic", "behavior", "climate"], contract.aliases.kind);
  var status = choice(["planned", "in progress", "done", "not done"], contract.aliases.status);
  var strategies = term("strategies"), types = term("type"), groups = term("audience_groups");

  function isMapping(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }

  /* The Python model's "before" validators: each word to its one spelling, the short form of
     an activity to the long, numbers where text is meant; what cannot be read is reported. */
  function before(data, report) {
    var plan = JSON.parse(JSON.stringify(data));
    function strip(object) {
      Object.keys(object).forEach(function (key) { if (typeof object[key] === "string") object[key] = object[key].trim(); });
    }
    function apply(object, key, path, reader) {
      if (!(key in object) || object[key] === null) return;
      var result = reader(object[key]);
      if (result.message) report(path.concat(key), result.message);
      else object[key] = result.value;
    }
    function each(object, key, path, reader) {
      if (!Array.isArray(object[key])) return;
      object[key] = object[key].map(function (value, index) {
        var result = reader(value);
        if (result.message) { report(path.concat(key, index), result.message); return value; }
        return result.value;
      });
    }
    strip(plan);
    apply(plan, "level", [], level);
    if (typeof plan.year === "number" && Number.isInteger(plan.year)) {
      report(["year"], yearProblem(String(plan.year)) + " (a year alone is not a school year)");
    } else if (typeof plan.year === "string") {
      var problem = yearProblem(plan.year);
      if (problem) report(["year"], problem);
    }
    (Array.isArray(plan.goals) ? plan.goals : []).forEach(function (goal, g) {
      if (!isMapping(goal)) return;
      var at = ["goals", g];
      strip(goal);
      apply(goal, "kind", at, kind);
      each(goal, "strategies", at, strategies);
      each(goal, "audience_groups", at, groups);
      if (!Array.isArray(goal.activities)) return;
      goal.activities = goal.activities.map(function (activity, a) {
        if (typeof activity === "string") activity = { text: activity };
        if (!isMapping(activity)) {
          report(at.concat("activities", a), "an activity must be text or a mapping with 'text:', not " + typeName(activity));
          return activity;
        }
        var where = at.concat("activities", a);
        strip(activity);
        if (typeof activity.page === "string") {
          if (activity.page === "1" || activity.page === "2") activity.page = +activity.page;
          else report(where.concat("page"), "must be 1 or 2, not " + quote(pyRepr(activity.page)));
        }
        apply(activity, "type", where, types);
        apply(activity, "status", where, status);
        if (typeof activity.grades === "number" && Number.isInteger(activity.grades)) activity.grades = String(activity.grades);
        return activity;
      });
    });
    return plan;
  }

  /* The schema as the model applies it after its "before" step: an activity is the long
     form by then (the short form, text alone, is read as {text: ...}, as `_short_form` does). */
  var longForm = JSON.parse(JSON.stringify(schema));
  var items = longForm.$defs.Goal.properties.activities.items;
  longForm.$defs.Goal.properties.activities.items = items.anyOf.filter(function (option) { return option.$ref; })[0] || items;
  /* Compiled when a plan is first checked, not when the page loads: compiling takes a phone
     a few hundred milliseconds, which a visitor who only reads the form should not wait for
     (Lighthouse's blocking time, bench/lighthouse.py). */
  var compiled = null;
  function validate(plan) {
    if (!compiled) compiled = new root.ajv2020({ allErrors: true, strict: false }).compile(longForm);
    var valid = compiled(plan);
    validate.errors = compiled.errors;
    return valid;
  }

  var TOO_MANY = {
    goals: ["goals", "a plan may have at most " + LIMITS.goals + " (split it into more than one plan)"],
    activities: ["activities", "a goal may have at most " + LIMITS.activities + " (split it into two goals)"],
    strategies: ["strategies", "there are six: name each one once"],
    audience_groups: ["groups", "name each group once"]
  };

  function known(parent) {
    var names = parent.filter(function (part) { return typeof part === "string"; });
    var last = names[names.length - 1];
    if (last === "activities") return Object.keys(defs.Activity.properties);
    if (last === "goals") return Object.keys(defs.Goal.properties);
    return Object.keys(schema.properties);
  }

  function pointer(instancePath) {
    return instancePath.split("/").slice(1).map(function (part) {
      part = part.replace(/~1/g, "/").replace(/~0/g, "~");
      return /^\d+$/.test(part) ? +part : part;
    });
  }

  function valueAt(data, parts) {
    return parts.reduce(function (value, part) { return value === undefined || value === null ? undefined : value[part]; }, data);
  }

  /* Ajv's errors in messages.py's words, one per field (the first branch of an optional
     field's "text or nothing" says what is wrong). */
  function schemaProblems(plan, report) {
    if (validate(plan)) return;
    validate.errors.forEach(function (error) {
      var parts = pointer(error.instancePath);
      var value = valueAt(plan, parts), last = parts[parts.length - 1];
      if (/\/anyOf\/[1-9]\d*\//.test(error.schemaPath) || error.keyword === "anyOf") return;
      switch (error.keyword) {
        case "required":
          report(parts.concat(error.params.missingProperty), "required"); break;
        case "additionalProperties":
          var key = error.params.additionalProperty, keys = known(parts);
          var close = closeMatch(key, keys, 0.6);
          report(parts.concat(key), "unknown key; " + (close ? "did you mean '" + close + "'?" : "known keys are " + keys.join(", ")));
          break;
        case "type":
          var want = error.params.type;
          if (want === "array") {
            report(parts, typeof value === "string" ? "must be a list, not text (write [" + quote(value) + "] or one '- item' per line)" : "must be a list, not " + typeName(value));
          } else if (want === "object") {
            report(parts, parts[parts.length - 2] === "activities" ? "an activity must be text or a mapping with 'text:', not " + typeName(value) : "must be a mapping (key: value lines), not " + typeName(value));
          } else if (want === "boolean") {
            report(parts, "Input should be a valid boolean");
          } else {
            report(parts, "must be text, not " + typeName(value) + (typeof value === "number" ? " (put it in quotes to use it as text)" : ""));
          }
          break;
        case "minLength": report(parts, "must not be empty"); break;
        case "maxLength": report(parts, tooLong(String(value))); break;
        case "pattern": report(parts, controlCharacter(String(value))); break;
        case "minItems": report(parts, "must have at least one item"); break;
        case "maxItems":
          var many = TOO_MANY[last] || ["items", "too many"];
          report(parts, thousands(value.length) + " " + many[0] + "; " + many[1]);
          break;
        case "enum":
          if (last === "page") report(parts, "must be 1 or 2, not " + quote(pyRepr(value)));
          else report(parts, error.message);
          break;
        default:
          report(parts, error.message);
      }
    });
  }

  function required(field, level) {
    return (field["x-required-in"] || []).indexOf(level) >= 0;
  }

  function missing(value) { return value === undefined || value === null; }

  /* The model's rules that depend on the plan's level, its year and the other plans: what a
     schema cannot say. */
  function after(plan, report, reported, options) {
    var planLevel = ["state", "district", "school"].indexOf(plan.level) >= 0 ? plan.level : null;
    var leadership = planLevel === "state" || planLevel === "district";
    var goalFields = defs.Goal.properties, activityFields = defs.Activity.properties;
    if (leadership && !missing(plan.district)) report(["district"], "only school plans name their district");
    (Array.isArray(plan.goals) ? plan.goals : []).forEach(function (goal, g) {
      if (!isMapping(goal)) return;
      var at = ["goals", g];
      if (planLevel) {
        Object.keys(goalFields).forEach(function (name) {
          if (required(goalFields[name], planLevel) && missing(goal[name])) report(at.concat(name), "required");
        });
      }
      if (leadership && Array.isArray(goal.strategies) && !goal.strategies.length) report(at.concat("strategies"), "must have at least one item");
      if (leadership && !missing(goal.kind)) report(at.concat("kind"), "only goals of school plans have a kind");
      [["strategies", "strategy"], ["audience_groups", "group"]].forEach(function (list) {
        var names = goal[list[0]];
        if (!Array.isArray(names) || reported(at.concat(list[0]))) return;
        var twice = names.find(function (name, index) { return names.indexOf(name) !== index; });
        if (twice !== undefined) report(at.concat(list[0]), "names '" + twice + "' twice; list each " + list[1] + " once");
      });
      (Array.isArray(goal.activities) ? goal.activities : []).forEach(function (activity, a) {
        if (!isMapping(activity)) return;
        var where = at.concat("activities", a);
        if (planLevel && required(activityFields.type, planLevel) && missing(activity.type)) {
          report(where.concat("type"), "required: each activity of a school plan names its type of involvement");
        }
        if (activity.practice === true) {
          if (missing(activity.outcome) && !reported(where.concat("outcome"))) {
            report(where.concat("practice"), "a promising practice needs its outcome: add outcome: saying what happened and what it achieved");
          } else if (missing(plan.year)) {
            report(where.concat("practice"), "a promising practice needs the plan's school year: add year: \"" + contract.years.example + "\" at the top of the file");
          }
        }
      });
    });
    ["closing"].forEach(function (name) {
      if (typeof plan[name] === "string" && !reported([name])) brackets(plan[name], [name], report);
    });
    others(plan, planLevel, report, options);
  }

  function brackets(text, path, report) {
    var count = text.split("[").length - 1;
    if (count > LIMITS.prose_links) {
      report(path, "holds " + thousands(count) + " '[' characters; Markdown text may hold at most " + LIMITS.prose_links + " (each link and footnote takes one)");
    }
  }

  /* Rules across plans: a school plan's district, a plan's previous year. */
  function others(plan, planLevel, report, options) {
    var plans = options.plans || [];
    if (typeof plan.district === "string" && planLevel === "school") {
      var districts = plans.filter(function (p) { return p.level === "district"; }).map(function (p) { return p.slug; }).sort();
      if (districts.indexOf(plan.district) < 0) {
        var close = closeMatch(plan.district, districts, 0.6);
        report(["district"], "no district plan plans/" + plan.district + ".md" + (close ? "; did you mean '" + close + "'?" : ""));
      }
    }
    if (typeof plan.previous === "string" && planLevel) {
      var earlier = plans.find(function (p) { return p.slug === plan.previous; });
      var message = null;
      if (plan.previous === options.slug) message = "names this plan itself: name the plan for an earlier year";
      else if (!earlier) {
        var sameLevel = plans.filter(function (p) { return p.level === planLevel && p.slug !== options.slug; }).map(function (p) { return p.slug; }).sort();
        var near = closeMatch(plan.previous, sameLevel, 0.6);
        message = "no plan plans/" + plan.previous + ".md" + (near ? "; did you mean '" + near + "'?" : "");
      } else if (earlier.level !== planLevel) {
        message = "plans/" + earlier.slug + ".md is a " + earlier.level + " plan: name this " + planLevel + "'s plan for an earlier year";
      } else if (missing(plan.year)) {
        message = "a plan that follows an earlier year's plan gives its own year: add year: \"" + contract.years.example + "\"";
      } else if (!earlier.year) {
        message = "plans/" + earlier.slug + ".md gives no year: add its year there";
      } else if (+earlier.year.slice(0, 4) >= +String(plan.year).slice(0, 4)) {
        message = "plans/" + earlier.slug + ".md is for " + earlier.year + ", not a year before this plan's " + plan.year;
      }
      if (message) report(["previous"], message);
    }
    if (typeof plan.title === "string") {
      /* The same words in any case or spacing, as handbook/plans/lookalikes.py's plain_key (make check
         also refuses titles that only look alike, which the form leaves to it). */
      var titleKey = function (title) { return String(title).toLowerCase().split(/\s+/).filter(Boolean).join(" "); };
      var same = plans.find(function (p) { return titleKey(p.title) === titleKey(plan.title) && p.slug !== options.slug; });
      if (same) report(["title"], "the same title as plans/" + same.slug + ".md: each plan needs its own title");
    }
  }

  /* Every problem of a plan's data, as [{path, message}], and the data with each word in the
     one spelling the site prints (`value`). options: plans (slug, title, level, year of every
     plan of the handbook), slug (this plan's file name). */
  function check(data, introduction, options) {
    options = options || {};
    var problems = [], seen = {};
    function reported(parts) {
      var path = fieldPath(parts);
      return Object.keys(seen).some(function (done) { return done === path || path.indexOf(done + ".") === 0 || path.indexOf(done + "[") === 0; });
    }
    function report(parts, message) {
      var path = fieldPath(parts);
      if (reported(parts)) return;
      seen[path] = true;
      problems.push({ path: path, message: message });
    }
    if (typeof introduction === "string") {
      if (Array.from(introduction).length > LIMITS.text) report(["introduction"], tooLong(introduction));
      else if (CONTROL.test(introduction)) report(["introduction"], controlCharacter(introduction));
      else brackets(introduction, ["introduction"], report);
    }
    var plan = before(data, report);
    schemaProblems(plan, report);
    after(plan, report, reported, options);
    if (options.slug !== undefined && !SLUG.test(options.slug)) {
      var suggestion = options.slug.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "my-plan";
      problems.unshift({ path: "file", message: "file name must be lowercase words joined by '-' (the plan's URL); use " + suggestion });
    }
    return { problems: problems, value: plan };
  }

  /* ---- writing a file ---- */

  function compact(value) {
    if (Array.isArray(value)) return value.map(compact);
    if (!isMapping(value)) return value;
    var out = {};
    Object.keys(value).forEach(function (key) {
      var item = value[key];
      if (item === undefined || item === null || item === "" || item === false || (Array.isArray(item) && !item.length && key !== "activities" && key !== "goals")) return;
      out[key] = compact(item);
    });
    return out;
  }

  function ordered(value, properties) {
    var out = {};
    Object.keys(properties).concat(Object.keys(value)).forEach(function (key) {
      if (key in value && !(key in out)) out[key] = value[key];
    });
    return out;
  }

  /* The plan file the form hands over: the schema line editors' tools read, the front matter
     in the contract's order (an activity with nothing but its text in the short form), the
     introduction after it. */
  function write(data, introduction) {
    var plan = ordered(compact(data), schema.properties);
    if (Array.isArray(plan.goals)) {
      plan.goals = plan.goals.map(function (goal) {
        goal = ordered(goal, defs.Goal.properties);
        if (Array.isArray(goal.activities)) {
          goal.activities = goal.activities.map(function (activity) {
            activity = ordered(activity, defs.Activity.properties);
            var keys = Object.keys(activity);
            return keys.length === 1 && keys[0] === "text" ? activity.text : activity;
          });
        }
        return goal;
      });
    }
    var front = jsyaml.dump(plan, { schema: jsyaml.CORE_SCHEMA, lineWidth: -1, noRefs: true, quotingType: '"' });
    var body = (introduction || "").replace(/^\n+/, "").replace(/\s+$/, "");
    return "---\n# yaml-language-server: $schema=../schema/plan.schema.json\n" + front + "---\n" + (body ? "\n" + body + "\n" : "");
  }

  root.handbookPlanCheck = { read: read, check: check, write: write, fieldPath: fieldPath, closeMatch: closeMatch, ratio: ratio };
})(window);
