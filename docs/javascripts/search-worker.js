/*
 * Material's search box, answered from the Pagefind index (handbook/outputs/site_search.py).
 *
 * Material runs its search in a worker and talks to it in four messages: SETUP (the index;
 * here only its configuration), READY, QUERY (what the reader typed) and RESULT (groups of
 * results, each a page and its matching sections). This worker speaks the same messages,
 * so Material's header box, "/" to open it, keyboard and result list stay as they are,
 * but a query loads only the fragments of the index it needs, not the whole index.
 *
 * The index holds documents (pages) ten or more to a record, each in a slot of the same
 * length: its title's words, its headings' words, then its other words and the pairs of
 * words it says side by side ("qqreadingqqlogs"), each once. Pagefind is asked for each word
 * of the query and each pair of its words side by side; a matched place says which document
 * holds it, and where (search/records.json gives each record's slot lengths; Pagefind's own
 * order by the "record" sort gives its number). So every document that holds every word is
 * scored, across the whole library: a word in a title or heading weighs more, words side by
 * side (a pair) more still, and words in quotes must stand side by side. The best are read
 * from their own files (search/documents/<n>.json) and the words matched marked where they
 * stand, a phrase as one. A word found nowhere may be a typo: the index's words of about its
 * length (search/words/<n>.json) offer the nearest that pages say. How many documents match
 * and what was meant go to the page by a BroadcastChannel (search-summary.js shows them;
 * Material's list has no place for either). Everything a document says is text: it is
 * escaped here, but for the <mark> around a word.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var SHOWN = 20; // documents shown for one query
var QUOTED = 24; // words quoted of a text that matches
var WAIT = 100; // ms without a new key before a query is searched
var WEIGHTS = { title: 4, heading: 2, body: 1 }; // a word's weight by where a document says it
var SIDE_BY_SIDE = 3; // a pair of the query's words side by side counts their weights this much again
var COMMON = 0.5; // share of all pages beyond which a word is said by most (not required)
var CHECKED_AT_MOST = 60; // documents read to find those that say a phrase of three words or more
var FEW = 3; // results under which a rare word of the query is also offered a likelier one...
var LIKELIER = 10; // ...that pages say this many times as often, one edit away
var PAIR = "qq"; // begins and joins a pair's two words, as the index writes them
var QUOTES = /["\u201c\u201d\u201e]/;
var channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("handbook-search") : null;
var pagefind = null;
var library = null;
var lengths = {}; // the index's words by length, as loaded
var beginnings = {}; // the index's words by their first two letters, as loaded
var latest = 0;
var current = null; // the query being answered, or answered last

function address(path) {
  return new URL("../" + path, self.location.href).href;
}

function loaded() {
  if (!pagefind) pagefind = import(address("pagefind/pagefind.js"));
  return pagefind;
}

function json(path, otherwise) {
  return fetch(address(path))
    .then(function (response) { return response.ok ? response.json() : otherwise; })
    .catch(function () { return otherwise; }); // a file that does not arrive: as if empty
}

/* The records' slot lengths and each record's number by its Pagefind id: Pagefind lists
   every record, with no word asked, in the order of the "record" sort. */
function records(engine) {
  if (!library) {
    library = Promise.all([
      json("search/records.json", null),
      engine.search(null, { sort: { record: "asc" } })
    ]).then(function (both) {
      var numbers = {};
      both[1].results.forEach(function (result, number) { numbers[result.id] = number; });
      return { layout: both[0], numbers: numbers };
    });
  }
  return library;
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

/* The query as words and phrases: words in quotation marks ("reading logs") are a phrase,
   the others each a word; a quotation mark left open runs to the end. */
function parse(query) {
  var parts = query.split(QUOTES);
  var phrases = [], loose = [];
  parts.forEach(function (part, index) {
    // a compound's parts are words side by side, as the index pairs them: a phrase of its
    // own ("K-5" is not K and 5 anywhere in a page)
    var keys = [];
    part.split(/\s+/).forEach(function (word) {
      var pieces = partsOf(word);
      if (index % 2 === 0 && pieces.length > 1) phrases.push(pieces);
      keys = keys.concat(pieces);
    });
    if (index % 2 === 1 && keys.length) phrases.push(keys);
    else if (index % 2 === 0) loose.push(keys);
  });
  var all = [];
  phrases.concat(loose).forEach(function (keys) {
    keys.forEach(function (word) { if (all.indexOf(word) < 0) all.push(word); });
  });
  var pairs = [];
  phrases.forEach(function (keys) {
    pairsOf(keys).forEach(function (pair) { pairs.push({ pair: pair, required: true }); });
  });
  loose.forEach(function (keys) {
    pairsOf(keys).forEach(function (pair) { pairs.push({ pair: pair, required: false }); });
  });
  return { words: all, phrases: phrases, loose: loose, pairs: pairs };
}

function pairsOf(keys) {
  var pairs = [];
  for (var i = 0; i + 1 < keys.length; i++) {
    if (keys[i] !== keys[i + 1]) pairs.push([keys[i], keys[i + 1]]);
  }
  return pairs;
}

/* The documents that hold what Pagefind found, each with the weight of where it says it. */
function placesOf(search, found) {
  var layout = found.layout, held = {};
  if (!layout) return held;
  search.results.forEach(function (result) {
    var record = found.numbers[result.id];
    var slots = layout.records[record];
    if (!slots) return;
    var length = layout.title + slots[0] + slots[1];
    result.words.forEach(function (place) {
      var number = record * layout.per_record + Math.floor(place / length);
      var offset = place % length;
      var weight = offset < layout.title ? WEIGHTS.title : offset < layout.title + slots[0] ? WEIGHTS.heading : WEIGHTS.body;
      if (!(held[number] >= weight)) held[number] = weight;
    });
  });
  return held;
}

function asked(engine, words, found) {
  return engine.search(words).then(function (search) { return placesOf(search, found); });
}

/* Whether pages say a word (or another of its forms): Pagefind answers a word no page begins
   with by the longest word that begins it ("atendance" by "at"), which is not what was asked.
   A word of other signs than letters is taken as Pagefind finds it. */
function said(word) {
  var plain = bare(stem(word));
  if (!/^\p{L}{2,}$/u.test(plain)) return Promise.resolve(true);
  var name = Array.from(plain).slice(0, 2).map(function (letter) { return letter.codePointAt(0).toString(16); }).join("-");
  if (!beginnings[name]) beginnings[name] = json("search/starts/" + name + ".json", []);
  return beginnings[name].then(function (words) {
    return words.some(function (each) { return each.indexOf(plain) === 0; });
  });
}

/* Every document that holds every word the index holds (and each phrase's pairs), scored,
   best first; and for each word, how many documents hold it. */
function scored(engine, query) {
  return records(engine).then(function (found) {
    // each word as Pagefind finds it, by its stem (its search for a quoted word gives only
    // the first place in a record, and a record holds ten documents)
    var words = query.words.map(function (word) {
      return Promise.all([asked(engine, word, found), said(word)]).then(function (both) { return both[1] ? both[0] : {}; });
    });
    var together = query.pairs.map(function (each) {
      return asked(engine, PAIR + each.pair[0] + PAIR + each.pair[1], found);
    });
    return Promise.all([Promise.all(words), Promise.all(together), found]);
  }).then(function (all) {
    var byWord = all[0], byPair = all[1], layout = all[2].layout;
    var total = layout ? layout.documents : 1;
    var counts = byWord.map(function (held) { return Object.keys(held).length; });
    var weights = counts.map(function (count) { return Math.log(1 + total / Math.max(count, 1)); });
    var present = query.words.map(function (_, index) { return index; }).filter(function (index) { return counts[index] > 0; });
    // A word most pages say ("the", "of") is not required of a page beside rarer words: it
    // only counts where it is said (a phrase's words are required by its pairs)
    var required = present.filter(function (index) { return counts[index] <= total * COMMON; });
    if (!required.length) required = present;
    var documents = [];
    if (present.length) {
      var smallest = required.reduce(function (a, b) { return counts[a] <= counts[b] ? a : b; });
      Object.keys(byWord[smallest]).forEach(function (number) {
        if (!required.every(function (index) { return byWord[index][number]; })) return;
        var score = 0;
        present.forEach(function (index) { score += weights[index] * (byWord[index][number] || 0); });
        var phrased = true;
        query.pairs.forEach(function (each, index) {
          var side = byPair[index][number];
          if (each.required && !side) phrased = false;
          if (side) {
            var first = query.words.indexOf(each.pair[0]), second = query.words.indexOf(each.pair[1]);
            score += SIDE_BY_SIDE * (weights[first] + weights[second]);
          }
        });
        if (phrased) documents.push({ number: Number(number), score: score });
      });
    }
    documents.sort(function (a, b) { return b.score - a.score || a.number - b.number; });
    return { documents: documents, counts: counts };
  });
}

/* A start of a word that its other forms share ("families", "family": "famil"), for marking
   the words that answer a query word as Pagefind finds them, by their stem. */
function stem(word) {
  var stemmed = word.replace(/(ies|es|s|ing|ed)$/, "").replace(/[ye]$/, ""); // studying, study: stud
  return stemmed.length >= 3 ? stemmed : word;
}

/* A word's parts as the index pairs them (site_search.said_words): "Back-to-school" is back,
   to, school; "K-5" is k, 5; "district's" is one word. */
function partsOf(word) {
  return word.split(/[^\p{L}\p{N}'\u2019]+/u).map(key).filter(Boolean);
}

/* Whether a part of a text's word answers a word of the query: it begins with the query
   word's stem, accents or not; a word of one or two letters ("a", "of") only as itself. */
function answersPart(part, wanted) {
  var start = bare(stem(wanted));
  return start.length < 3 ? bare(part) === start : bare(part).indexOf(start) === 0;
}

/* Whether a word of a text answers a word of the query: it, or a part of it ("family-night"). */
function answers(word, wanted) {
  return [key(word)].concat(partsOf(word)).some(function (part) { return answersPart(part, wanted); });
}

/* From a word of a text, the query's words said side by side in order, part after part:
   how many of them, and over how many words of the text. */
function runFrom(words, start, keys) {
  var covered = 0, index = start;
  while (index < words.length && covered < keys.length) {
    var parts = partsOf(words[index]);
    for (var part = 0; part < parts.length && covered < keys.length; part++) {
      if (!answersPart(parts[part], keys[covered])) return { keys: covered, words: index - start + (part > 0 ? 1 : 0) };
      covered++;
    }
    if (!parts.length) break; // a sign alone ("&") stands between words
    index++;
  }
  return { keys: covered, words: index - start };
}

/* Each word of a text: `spans` -1 unmarked, or the number of words its mark spans (0 inside a
   span); `runs`, at a span's first word, how many of the query's words it says side by side. */
function marks(words, query) {
  var spans = words.map(function () { return -1; });
  var runs = words.map(function () { return 0; });
  var sequences = query.phrases.concat(query.loose.filter(function (keys) { return keys.length > 1; }));
  sequences.forEach(function (keys) {
    var phrase = query.phrases.indexOf(keys) >= 0;
    for (var start = 0; start < words.length; start++) {
      var run = runFrom(words, start, keys);
      if (run.keys >= 2 && (!phrase || run.keys === keys.length) && spans[start] === -1) {
        spans[start] = run.words;
        runs[start] = run.keys;
        for (var inside = start + 1; inside < start + run.words; inside++) spans[inside] = 0;
        start += run.words - 1;
      }
    }
  });
  words.forEach(function (word, index) {
    if (spans[index] !== -1) return;
    if (query.words.some(function (wanted) { return answers(word, wanted); })) {
      spans[index] = 1;
      runs[index] = 1;
    }
  });
  return { spans: spans, runs: runs };
}

/* Words as HTML, marked as one: the signs around them stay outside the mark. */
function markedWords(words) {
  var text = words.join(" ");
  var start = 0, end = text.length;
  while (start < end && !/[\p{L}\p{N}]/u.test(text[start])) start++;
  while (end > start && !/[\p{L}\p{N}]/u.test(text[end - 1])) end--;
  return escaped(text.slice(0, start)) + "<mark>" + escaped(text.slice(start, end)) + "</mark>" + escaped(text.slice(end));
}

/* A text as HTML with the matched words marked: whole, or the words around the first match. */
function quoted(text, query, whole) {
  var words = text.split(/\s+/).filter(Boolean);
  var marked = marks(words, query).spans;
  var first = marked.findIndex(function (span) { return span > 0; });
  var start = whole ? 0 : Math.max(0, Math.min(first - 4, words.length - QUOTED));
  while (start > 0 && marked[start] === 0) start--; // never half a phrase
  var end = whole ? words.length : start + QUOTED;
  var html = [];
  for (var index = start; index < Math.min(end, words.length); index++) {
    if (marked[index] > 0) {
      html.push(markedWords(words.slice(index, index + marked[index])));
      index += marked[index] - 1;
    } else {
      html.push(escaped(words[index]));
    }
  }
  return (start > 0 ? "… " : "") + html.join(" ") + (end < words.length ? " …" : "");
}

/* How well a text answers the query: how many of its words it says, then its longest run of
   them side by side (a word said again adds nothing). */
function hits(text, query) {
  var words = text.split(/\s+/).filter(Boolean);
  var marked = marks(words, query);
  var covered = {}, longest = 0;
  words.forEach(function (word, index) {
    if (marked.spans[index] === -1) return;
    longest = Math.max(longest, marked.runs[index]);
    query.words.forEach(function (wanted, number) { if (answers(word, wanted)) covered[number] = true; });
  });
  return Object.keys(covered).length * 10 + (longest > 1 ? longest * 5 : 0);
}

/* Whether a document says each phrase of the query, word after word, in one of its texts. */
function saysPhrases(doc, query) {
  var texts = [doc.title, doc.text].concat(doc.sections.map(function (section) { return section[1] + " \u2029 " + section[2]; }));
  return query.phrases.every(function (keys) {
    if (keys.length < 3) return true; // a pair is what the index found
    var only = { words: keys, phrases: [keys], loose: [], pairs: [] };
    return texts.some(function (text) {
      return marks(text.split(/\s+/).filter(Boolean), only).runs.some(function (run) { return run === keys.length; });
    });
  });
}

/* A document as Material's group: the page, then its sections that answer the query, those
   that answer best first. */
function group(doc, found, query, shownTerms) {
  var article = {
    location: doc.location,
    title: quoted(doc.title, query, true),
    text: quoted(doc.text, query, false),
    score: found.score,
    terms: shownTerms
  };
  var sections = doc.sections.map(function (section) {
    return {
      anchor: section[0], title: section[1], text: section[2],
      hits: hits(section[1] + " \u2029 " + section[2], query), heading: hits(section[1], query)
    };
  }).filter(function (section) { return section.hits > 0; });
  // an activity whose own words answer before a goal whose details do
  sections.sort(function (a, b) { return b.hits - a.hits || b.heading - a.heading; });
  return [article].concat(sections.map(function (section) {
    return {
      location: doc.location + "#" + section.anchor,
      title: quoted(section.title, query, true),
      text: quoted(section.text, query, false),
      score: found.score,
      terms: shownTerms
    };
  }));
}

/* Material's "terms": each word of the query, and whether it was found (Material shows the
   others as missing, and highlights the found ones on the page a result opens). */
function termsShown(query, present) {
  return query.toLowerCase().split(/\s+/).reduce(function (shown, word) {
    if (key(word)) shown[word.replace(/[*+^~:"\u201c\u201d\u201e]/g, "")] = present[key(word)] === true;
    return shown;
  }, {});
}

function readDocument(number) {
  return json("search/documents/" + number + ".json", null);
}

/* The documents shown, best first: those whose files arrive and that say each long phrase. */
function shown(documents, query) {
  var checking = query.phrases.some(function (keys) { return keys.length > 2; });
  var candidates = documents.slice(0, checking ? CHECKED_AT_MOST : SHOWN);
  return Promise.all(candidates.map(function (each) {
    return readDocument(each.number).then(function (doc) { return doc && { doc: doc, found: each }; });
  })).then(function (read) {
    return read.filter(function (each) { return each && saysPhrases(each.doc, query); }).slice(0, SHOWN);
  });
}

/* Edits (a letter added, left out, changed, or two swapped) from one word to another, or
   `most + 1` when more than `most`. */
function distance(a, b, most) {
  if (Math.abs(a.length - b.length) > most) return most + 1;
  var before = null, previous = [], row;
  for (var j = 0; j <= b.length; j++) previous[j] = j;
  for (var i = 1; i <= a.length; i++) {
    row = [i];
    var best = i;
    for (j = 1; j <= b.length; j++) {
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j], before[j - 2] + 1);
      }
      best = Math.min(best, row[j]);
    }
    if (best > most) return most + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length];
}

function wordsOfLength(length) {
  if (!lengths[length]) lengths[length] = json("search/words/" + length + ".json", []);
  return lengths[length];
}

/* The likeliest word the pages say for a word: the fewest edits away (one for a short word,
   two for a longer), then the most said; for a word some pages say, one edit away and said
   `LIKELIER` times as often. */
function likeliest(word, count) {
  var most = count > 0 ? 1 : word.length <= 4 ? 1 : 2;
  var least = count > 0 ? count * LIKELIER : 0;
  var near = [word.length - 1, word.length, word.length + 1].map(wordsOfLength);
  return Promise.all(near).then(function (lists) {
    var best = null;
    lists.forEach(function (list) {
      list.forEach(function (each) {
        if (each[0] === word || each[1] <= least) return;
        var edits = distance(word, each[0], most);
        if (edits > most) return;
        if (!best || edits < best.edits || (edits === best.edits && each[1] > best.count)) {
          best = { word: each[0], edits: edits, count: each[1] };
        }
      });
    });
    return best && best.word;
  });
}

/* "Did you mean": the query with each word found nowhere (or, when few documents match, each
   rare word) put in place of the likeliest word the pages say, or null. */
function suggestion(query, parsed, counts, total) {
  var doubtful = parsed.words.filter(function (word, index) {
    return /^\p{L}+$/u.test(word) && (counts[index] === 0 || (total < FEW && counts[index] < FEW));
  });
  if (!doubtful.length) return Promise.resolve(null);
  return Promise.all(doubtful.map(function (word) {
    return likeliest(bare(word), counts[parsed.words.indexOf(word)]);
  })).then(function (better) {
    var instead = {}, changed = false;
    doubtful.forEach(function (word, index) {
      if (better[index]) { instead[word] = better[index]; changed = true; }
    });
    if (!changed) return null;
    return query.split(/(\s+)/).map(function (part) {
      var word = key(part);
      if (!instead[word]) return part;
      var before = part.match(/^[^\p{L}\p{N}]*/u)[0], after = part.match(/[^\p{L}\p{N}]*$/u)[0];
      return before + instead[word] + after; // quotation marks and signs stay where they were
    }).join("");
  });
}

function told(message) {
  if (channel) channel.postMessage(message);
}

function answer(query, asked) {
  var parsed = parse(query);
  if (!parsed.words.length) {
    self.postMessage({ type: RESULT, data: { items: [] } });
    return;
  }
  var counts = [];
  var total = 0;
  loaded().then(function (engine) {
    return scored(engine, parsed);
  }).then(function (found) {
    if (asked !== latest) return null;
    counts = found.counts;
    total = found.documents.length;
    var present = {};
    parsed.words.forEach(function (word, index) { if (counts[index] > 0) present[word] = true; });
    var shownTerms = termsShown(query, present);
    return shown(found.documents, parsed).then(function (read) {
      return read.map(function (each) { return group(each.doc, each.found, parsed, shownTerms); });
    });
  }).then(function (groups) {
    if (!groups || asked !== latest) return null;
    self.postMessage({ type: RESULT, data: { items: groups } });
    return suggestion(query, parsed, counts, total).then(function (meant) {
      if (asked === latest) told({ query: query, total: total, shown: groups.length, suggestion: meant });
    });
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
