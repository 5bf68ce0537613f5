/*
 * Material's search box, answered from the Pagefind index (handbook/site_search.py).
 *
 * Material runs its search in a worker and talks to it in four messages: SETUP (the index;
 * here only its configuration), READY, QUERY (what the reader typed) and RESULT (groups of
 * results, each a page and its matching sections). This worker speaks the same messages,
 * so Material's header box, "/" to open it, keyboard and result list stay as they are,
 * but a query loads only the fragments of the index it needs, not the whole index.
 *
 * The index holds documents (pages) ten to a record, each under a heading whose id is its
 * number ("d12"), with each of its words once. A query asks Pagefind for the records that
 * hold its words, best first; a record's matched words, read back from its fragment, say
 * which of its documents hold every word of the query; each of those is then read from its
 * own file (search/documents/<n>.json), and the words matched are marked where it says them.
 * Everything a document says is text: it is escaped here, but for the <mark> around a word.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var SHOWN = 20; // documents shown for one query
var RECORDS_AT_ONCE = 5; // records whose fragments are read together
var RECORDS_AT_MOST = 30; // records read before showing what was found (if anything was)
var QUOTED = 24; // words quoted of a text that matches
var WAIT = 100; // ms without a new key before a query is searched
var pagefind = null;
var latest = 0;
var current = null; // the query being answered, or answered last

function loaded() {
  if (!pagefind) {
    pagefind = import(new URL("../pagefind/pagefind.js", self.location.href).href);
  }
  return pagefind;
}

/* A word as the index holds it: lower case, letters and digits only. */
function key(word) {
  return word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

function bare(word) {
  return word.normalize("NFD").replace(/\p{M}/gu, "");
}

function escaped(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/* The query's words, as Pagefind searches them. */
function terms(query) {
  return query.split(/\s+/).map(key).filter(function (term, index, all) { return term && all.indexOf(term) === index; });
}

/* Which of the query's words a matched word answers: those it shares the longest start with
   (Pagefind matches a word's stem and what begins with it; a compound such as
   "after-school" is found by its parts too). */
function answered(word, wanted) {
  var parts = [key(word)].concat(word.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean).map(bare);
  var shared = wanted.map(function (term) {
    var plainTerm = bare(term);
    return Math.max.apply(null, parts.map(function (part) {
      var length = 0;
      while (length < part.length && length < plainTerm.length && part[length] === plainTerm[length]) length++;
      return length;
    }));
  });
  var longest = Math.max.apply(null, shared);
  if (wanted.length === 1) return [0];
  return longest > 0 ? wanted.map(function (_, index) { return index; }).filter(function (index) { return shared[index] === longest; }) : [];
}

/* The documents of one record that hold every word of the query, best first, each with the
   words matched in it (Pagefind matched the record: its documents' words together). */
function documentsOf(data, wanted) {
  var said = data.content.split(/\s+/);
  var anchors = data.anchors.filter(function (anchor) { return /^d\d+$/.test(anchor.id); })
    .sort(function (a, b) { return a.location - b.location; });
  var found = [];
  anchors.forEach(function (anchor, index) {
    var end = index + 1 < anchors.length ? anchors[index + 1].location : Infinity;
    var matched = {}, covered = {}, score = 0;
    data.weighted_locations.forEach(function (place) {
      if (place.location < anchor.location || place.location >= end) return;
      var word = said[place.location] || "";
      if (!key(word)) return;
      matched[key(word)] = true;
      answered(word, wanted).forEach(function (index) { covered[index] = true; });
      score += place.balanced_score;
    });
    if (Object.keys(covered).length === wanted.length) {
      found.push({ number: Number(anchor.id.slice(1)), matched: matched, score: score });
    }
  });
  return found.sort(function (a, b) { return b.score - a.score; });
}

/* A text as HTML with the matched words marked: whole, or the words around the first match. */
function quoted(text, matched, whole) {
  var words = text.split(/\s+/).filter(Boolean);
  var first = words.findIndex(function (word) { return matched[key(word)]; });
  var start = whole ? 0 : Math.max(0, Math.min(first - 4, words.length - QUOTED));
  var end = whole ? words.length : start + QUOTED;
  var html = words.slice(start, end).map(function (word) {
    if (!matched[key(word)]) return escaped(word);
    var parts = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(word);
    return escaped(parts[1]) + "<mark>" + escaped(parts[2]) + "</mark>" + escaped(parts[3]);
  }).join(" ");
  return (start > 0 ? "… " : "") + html + (end < words.length ? " …" : "");
}

function matches(text, matched) {
  return text.split(/\s+/).filter(function (word) { return matched[key(word)]; }).length;
}

/* A document as Material's group: the page, then its sections that say a matched word,
   those that say most first. */
function group(doc, found, shownTerms) {
  var matched = found.matched;
  var article = {
    location: doc.location,
    title: quoted(doc.title, matched, true),
    text: quoted(doc.text, matched, false),
    score: found.score,
    terms: shownTerms
  };
  var sections = doc.sections.map(function (section) {
    return { anchor: section[0], title: section[1], text: section[2], hits: matches(section[1] + " " + section[2], matched) };
  }).filter(function (section) { return section.hits > 0; });
  sections.sort(function (a, b) { return b.hits - a.hits; });
  return [article].concat(sections.map(function (section) {
    return {
      location: doc.location + "#" + section.anchor,
      title: quoted(section.title, matched, true),
      text: quoted(section.text, matched, false),
      score: found.score,
      terms: shownTerms
    };
  }));
}

/* Material's "terms": each word of the query, found. */
function termsShown(query) {
  return query.toLowerCase().split(/[\s\-]+/).filter(Boolean).reduce(function (shown, word) {
    shown[word.replace(/[*+^~:]/g, "")] = true;
    return shown;
  }, {});
}

/* The documents to show for a query, best first: records are read a few at a time, in
   Pagefind's order, until enough documents are found. */
function documentsFor(engine, query, asked) {
  var wanted = terms(query);
  if (!wanted.length) return Promise.resolve([]);
  // Quotation marks would ask Pagefind for words side by side, which the index does not keep.
  return engine.search(query.replace(/"/g, " ")).then(function (search) {
    var records = search.results, next = 0, found = [];
    function more() {
      if (asked !== latest) return null;
      var enough = found.length >= SHOWN || next >= records.length || (next >= RECORDS_AT_MOST && found.length);
      if (enough) return found.slice(0, SHOWN);
      var batch = records.slice(next, next + RECORDS_AT_ONCE);
      next += batch.length;
      return Promise.all(batch.map(function (record) { return record.data(); })).then(function (fragments) {
        fragments.forEach(function (data) { found = found.concat(documentsOf(data, wanted)); });
        return more();
      });
    }
    return more();
  });
}

function read(number) {
  return fetch(new URL("../search/documents/" + number + ".json", self.location.href).href)
    .then(function (response) { return response.ok ? response.json() : null; })
    .catch(function () { return null; }); // a file that does not arrive: its document is left out
}

function answer(query, asked) {
  loaded().then(function (engine) {
    return documentsFor(engine, query, asked);
  }).then(function (found) {
    if (!found || asked !== latest) return null;
    var shownTerms = termsShown(query);
    return Promise.all(found.map(function (each) {
      return read(each.number).then(function (doc) { return doc && group(doc, each, shownTerms); });
    }));
  }).then(function (groups) {
    if (groups && asked === latest) self.postMessage({ type: RESULT, data: { items: groups.filter(Boolean) } });
  }).catch(function () {
    // the index could not be read (a lost connection): say so as no results, not as a search
    // that never ends
    if (asked === latest) self.postMessage({ type: RESULT, data: { items: [] } });
  });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    loaded().then(function () { self.postMessage({ type: READY }); });
  } else if (message.type === QUERY) {
    var query = String(message.data || "").trim();
    if (query === current) return; // Material may ask again for what it already asked
    var asked = ++latest;
    current = query;
    if (!query) {
      self.postMessage({ type: RESULT, data: { items: [] } });
      return;
    }
    // The first key starts Pagefind (its metadata and WebAssembly) while the reader types on;
    // a query is searched once no key has come for a moment (Pagefind's own wait would load
    // the index chunks of every word typed on the way, each a chunk of its own).
    loaded().then(function (engine) { return engine.init(); });
    setTimeout(function () { if (asked === latest) answer(query, asked); }, WAIT);
  }
});
