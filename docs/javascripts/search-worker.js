/*
 * Material's search box, answered from the Pagefind index (handbook/site_search.py).
 *
 * Material runs its search in a worker and talks to it in four messages: SETUP (the index;
 * here only its configuration), READY, QUERY (what the reader typed) and RESULT (groups of
 * results, each a page and its matching sections). This worker speaks the same messages,
 * so Material's header box, "/" to open it, keyboard and result list stay as they are,
 * but a query loads only the fragments of the index it needs, not the whole index.
 *
 * A page's title comes from the handbook's own build (plan words already escaped); section
 * titles are Pagefind's plain text, escaped here; the quoted words come from Pagefind's
 * excerpt, which escapes the text, and are escaped again here but for the <mark> around
 * each matching word.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var SHOWN = 20; // results whose details are loaded for one query
var pagefind = null;
var latest = 0;

function loaded() {
  if (!pagefind) {
    pagefind = import(new URL("../pagefind/pagefind.js", self.location.href).href).then(function (module) {
      return Promise.resolve(module.options({ excerptLength: 24 })).then(function () { return module; });
    });
  }
  return pagefind;
}

function safe(excerpt) {
  return excerpt.replace(/<(?!\/?mark>)/g, "&lt;");
}

function words(query) {
  return query.toLowerCase().split(/[\s\-]+/).filter(Boolean).reduce(function (terms, word) {
    terms[word.replace(/[*+^~:]/g, "")] = true;
    return terms;
  }, {});
}

function escaped(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/* Pagefind's results, best first, as Material's groups: each page, then the sections of
   it that match (Pagefind's sub-results: the headings of the indexed page, one for each
   goal, activity or heading, whose ids are the page's anchors). */
function groups(results, terms) {
  return results.map(function (result) {
    var data = result.data, page = data.meta.location || "";
    var article = { location: page, title: data.meta.title, text: safe(data.excerpt), score: result.score, terms: terms };
    var matching = (data.sub_results || []).filter(function (sub) { return sub.url.indexOf("#") >= 0; });
    matching.sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; }); // most matches first
    var sections = matching.map(function (sub) {
      return {
        location: page + "#" + sub.url.split("#")[1],
        title: escaped(sub.title),
        text: safe(sub.excerpt),
        score: result.score,
        terms: terms
      };
    });
    return [article].concat(sections);
  });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    loaded().then(function () { self.postMessage({ type: READY }); });
  } else if (message.type === QUERY) {
    var asked = ++latest, query = String(message.data || "").trim();
    if (!query) {
      self.postMessage({ type: RESULT, data: { items: [] } });
      return;
    }
    loaded().then(function (engine) {
      return engine.debouncedSearch(query, {}, 100);
    }).then(function (search) {
      if (!search || asked !== latest) return null; // a newer query replaced this one
      return Promise.all(search.results.slice(0, SHOWN).map(function (result) {
        return result.data().then(function (data) { return { score: result.score, data: data }; });
      }));
    }).then(function (results) {
      if (results && asked === latest) self.postMessage({ type: RESULT, data: { items: groups(results, words(query)) } });
    });
  }
});
