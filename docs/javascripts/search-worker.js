/*
 * Material's search box, answered from the Pagefind index (handbook/outputs/site_search.py).
 *
 * Material runs its search in a worker and talks to it in four messages: SETUP (the index;
 * here only its configuration), READY, QUERY (what the reader typed) and RESULT (groups of
 * results, each a page and its matching sections). This worker speaks the same messages,
 * so Material's header box, "/" to open it, keyboard and result list stay as they are,
 * but a query loads only the fragments of the index it needs, not the whole index.
 *
 * The index holds documents (pages) ten or more to a record, each under a heading whose id
 * is its number ("d12"), with each of its words once. A query asks Pagefind for the records
 * that hold its words, best first; a record's matched words, read back from its fragment,
 * say which of its documents hold every word of the query; the best of those are read from
 * their own files (search/documents/<n>.json), and the words matched are marked where they
 * stand. Everything a document says is text: it is escaped here, but for the <mark> around
 * a word.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var SHOWN = 20; // documents shown for one query
var RECORDS_AT_ONCE = 5; // records whose fragments are read together
var RECORDS_READ = 30; // records read for one query, at most
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

/* The query's words as Pagefind is asked them: keys, each once. (Pagefind would keep some
   signs, "$500", and then find nothing for the word; quotation marks would ask it for words
   side by side, which the index does not keep.) */
function terms(query) {
  return query.split(/\s+/).map(key).filter(function (term, index, all) { return term && all.indexOf(term) === index; });
}

function sharedStart(a, b) {
  var length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/* Which of the query's words a matched word answers. Pagefind finds a word by its stem and
   by what begins with it, and a compound ("family-night") by its parts too: each part
   answers the query words it begins with, or else those it shares the longest start with. */
function answered(word, wanted) {
  if (wanted.length === 1) return [0];
  var plainTerms = wanted.map(bare);
  var parts = [key(word)].concat(word.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean).map(bare);
  var found = {};
  parts.forEach(function (part) {
    var shared = plainTerms.map(function (term) { return sharedStart(part, term); });
    var longest = Math.max.apply(null, shared);
    plainTerms.forEach(function (term, index) {
      if (shared[index] === term.length || (longest > 0 && shared[index] === longest)) found[index] = true;
    });
  });
  return Object.keys(found).map(Number);
}

/* The documents of one record with the query's words each holds (Pagefind matched the
   record: its documents' words together), each with its words matched and its score.
   Pagefind joins a record's words with one space, and counts places by them. */
function documentsOf(data, wanted) {
  var said = data.content.split(" ");
  var seen = {};
  var anchors = data.anchors.filter(function (anchor) {
    var fresh = /^d\d+$/.test(anchor.id) && !seen[anchor.id];
    seen[anchor.id] = true;
    return fresh;
  }).sort(function (a, b) { return a.location - b.location; });
  return anchors.map(function (anchor, index) {
    var end = index + 1 < anchors.length ? anchors[index + 1].location : Infinity;
    var matched = {}, covered = {}, score = 0;
    data.weighted_locations.forEach(function (place) {
      if (place.location < anchor.location || place.location >= end) return;
      var word = said[place.location] || "";
      if (!key(word)) return;
      matched[key(word)] = true;
      answered(word, wanted).forEach(function (term) { covered[term] = true; });
      score += place.balanced_score;
    });
    return { number: Number(anchor.id.slice(1)), matched: matched, covered: covered, score: score };
  });
}

/* A word as HTML, marked: the signs around it stay outside the mark. */
function markedWord(word) {
  var start = 0, end = word.length;
  while (start < end && !/[\p{L}\p{N}]/u.test(word[start])) start++;
  while (end > start && !/[\p{L}\p{N}]/u.test(word[end - 1])) end--;
  return escaped(word.slice(0, start)) + "<mark>" + escaped(word.slice(start, end)) + "</mark>" + escaped(word.slice(end));
}

/* A text as HTML with the matched words marked: whole, or the words around the first match. */
function quoted(text, matched, whole) {
  var words = text.split(/\s+/).filter(Boolean);
  var first = words.findIndex(function (word) { return matched[key(word)]; });
  var start = whole ? 0 : Math.max(0, Math.min(first - 4, words.length - QUOTED));
  var end = whole ? words.length : start + QUOTED;
  var html = words.slice(start, end).map(function (word) {
    return matched[key(word)] ? markedWord(word) : escaped(word);
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

/* Material's "terms": each word of the query, and whether it was found (Material shows the
   others as missing, and highlights the found ones on the page a result opens). */
function termsShown(query, present) {
  return query.toLowerCase().split(/\s+/).reduce(function (shown, word) {
    if (key(word)) shown[word.replace(/[*+^~:"]/g, "")] = present[key(word)] === true;
    return shown;
  }, {});
}

/* The documents to show for a query, best first, and which of its words the index holds.
   Records are read a few at a time, in Pagefind's order, until enough documents hold every
   word the index holds: Pagefind leaves out a word it finds nowhere, so every record it
   gives holds the others, and the first records read say which they are. */
function documentsFor(engine, wanted, asked) {
  return engine.search(wanted.join(" ")).then(function (search) {
    var records = search.results, next = 0, read = [], present = null;
    function holding() {
      return read.filter(function (doc) {
        return present.every(function (term) { return doc.covered[term]; });
      });
    }
    function more() {
      if (asked !== latest) return null;
      var found = present ? holding() : [];
      if (found.length >= SHOWN || next >= records.length || next >= RECORDS_READ) {
        found.sort(function (a, b) { return b.score - a.score; });
        return { documents: found.slice(0, SHOWN), present: present || [] };
      }
      var batch = records.slice(next, next + RECORDS_AT_ONCE);
      next += batch.length;
      return Promise.all(batch.map(function (record) {
        return record.data().then(function (data) {
          // Pagefind keeps one fragment for every search: take its matched places now
          return documentsOf({ content: data.content, anchors: data.anchors, weighted_locations: data.weighted_locations.slice() }, wanted);
        }, function () { return []; }); // a fragment that does not arrive: its documents are left out
      })).then(function (documents) {
        documents.forEach(function (some) { read = read.concat(some); });
        if (present === null && read.length) {
          var union = {};
          read.forEach(function (doc) { Object.keys(doc.covered).forEach(function (term) { union[term] = true; }); });
          present = wanted.map(function (_, index) { return index; }).filter(function (index) { return union[index]; });
        }
        return more();
      });
    }
    return more();
  });
}

function readDocument(number) {
  return fetch(new URL("../search/documents/" + number + ".json", self.location.href).href)
    .then(function (response) { return response.ok ? response.json() : null; })
    .catch(function () { return null; }); // a file that does not arrive: its document is left out
}

function answer(query, asked) {
  var wanted = terms(query);
  if (!wanted.length) {
    self.postMessage({ type: RESULT, data: { items: [] } });
    return;
  }
  loaded().then(function (engine) {
    return documentsFor(engine, wanted, asked);
  }).then(function (found) {
    if (!found || asked !== latest) return null;
    var present = {};
    found.present.forEach(function (term) { present[wanted[term]] = true; });
    var shownTerms = termsShown(query, present);
    return Promise.all(found.documents.map(function (each) {
      return readDocument(each.number).then(function (doc) { return doc && group(doc, each, shownTerms); });
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
