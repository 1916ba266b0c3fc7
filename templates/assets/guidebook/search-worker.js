/* Guidebook search worker.
 *
 * Speaks mkdocs-material's search worker protocol (SETUP, READY, QUERY, RESULT), so the theme's
 * search box and result list work unchanged, but searches a prebuilt lunr index whose terms were
 * made with ICU word breaks (see guidebook/search.py). Queries are split with Intl.Segmenter, which
 * uses the same ICU rules, and normalized the same way. The index is fetched on the first query.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var UNSPACED = /[\u0e00-\u0e7f\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
var RUNS = /[\p{L}\p{N}\p{M}_]+/gu;
var CYRILLIC = /[\u0400-\u04ff]/;
/* A page's keywords are the words readers may type for it (front matter `keywords`). */
var FIELDS = ["title", "text", "keywords"];
var HUB_WEIGHT = 0.5;
/* Fewer pages than this found in the reader's language: look further (see withFallback). */
var WEAK = 2;
var EMERGENCY = "disaster/emergency-numbers/";
var config = null;
var state = null;
var loading = null;

function fold(token, latin) {
  token = token.normalize("NFKC").toLowerCase();
  if (latin) {
    token = token.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").normalize("NFC");
  }
  return token;
}

function words(text, lang, latin) {
  var out = [];
  var segmenter = new Intl.Segmenter(lang, { granularity: "word" });
  for (var part of segmenter.segment(text)) {
    if (part.isWordLike && part.segment.trim()) out.push({ raw: part.segment, term: fold(part.segment, latin) });
  }
  return out;
}

/* Text as compared for scripts written without spaces: normalized, lower case, no spaces. */
function squeeze(text) {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

function occurrences(text, piece) {
  if (!text || !piece) return 0;
  var n = 0, at = text.indexOf(piece);
  while (at >= 0) { n++; at = text.indexOf(piece, at + piece.length); }
  return n;
}

/* Katakana to hiragana, to compare a query with the reading of the plain-Japanese text. */
function hiragana(text) {
  return text.replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); });
}

/* Words of scripts written with spaces between words (Latin, Cyrillic, Hangul, Devanagari ...). */
function spaced(term) {
  return !UNSPACED.test(term);
}

/* A prefix that still matches inflected forms (plural -s, Mongolian case suffixes ...). */
function stem(term) {
  if (spaced(term) && term.length >= 6) return term.slice(0, Math.max(5, term.length - 2));
  return term;
}

/* Read an index file into what search() needs. */
function prepare(data) {
  var pages = new Map();
  data.docs.forEach(function (d, n) {
    d.ref = String(n);
    if (data.unspaced) {
      d.squeezedTitle = squeeze(d.title);
      d.squeezedText = squeeze(d.text);
      d.squeezedReading = d.reading ? hiragana(squeeze(d.reading)) : "";
      d.squeezedReadingTitle = d.readingTitle ? hiragana(squeeze(d.readingTitle)) : "";
      d.squeezedKeywords = d.keywords ? squeeze(d.keywords) : "";
      d.squeezedReadingKeywords = d.readingKeywords ? hiragana(squeeze(d.readingKeywords)) : "";
    }
    pages.set(d.location, d);
  });
  return { index: lunr.Index.load(data.index), docs: data.docs, pages: pages, lang: data.lang, latin: data.latin, unspaced: data.unspaced };
}

function fetchIndex(url) {
  return fetch(url).then(function (r) { if (!r.ok) throw new Error("search index: " + r.status); return r.json(); });
}

function load() {
  if (state) return Promise.resolve(state);
  if (!loading) {
    var url = new URL("../../" + config.index, self.location.href);
    loading = Promise.all([
      fetchIndex(url),
      new Promise(function (resolve) { importScripts(new URL("lunr.js", self.location.href).href); resolve(); })
    ]).then(function (parts) {
      state = prepare(parts[0]);
      return state;
    });
  }
  return loading;
}

/* Another language's index (English, plain Japanese), fetched only when a query finds too little. */
var others = new Map();
function loadOther(tag) {
  if (!others.has(tag)) {
    var url = new URL("../../../" + tag + "/search/guidebook_index.json", self.location.href);
    others.set(tag, fetchIndex(url).then(prepare));
  }
  return others.get(tag);
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function highlight(text, raws, limit) {
  var lower = text.toLowerCase();
  var spans = [];
  raws.forEach(function (raw) {
    var needle = raw.toLowerCase();
    if (!needle) return;
    var at = lower.indexOf(needle);
    while (at >= 0) { spans.push([at, at + needle.length]); at = lower.indexOf(needle, at + needle.length); }
  });
  spans.sort(function (a, b) { return a[0] - b[0]; });
  var start = 0, end = text.length;
  if (limit && text.length > limit) {
    start = spans.length ? Math.max(0, spans[0][0] - 40) : 0;
    end = Math.min(text.length, start + limit);
  }
  var out = start > 0 ? "… " : "", pos = start;
  spans.forEach(function (s) {
    if (s[0] < pos || s[1] > end) return;
    out += escapeHtml(text.slice(pos, s[0])) + "<mark>" + escapeHtml(text.slice(s[0], s[1])) + "</mark>";
    pos = s[1];
  });
  out += escapeHtml(text.slice(pos, end)) + (end < text.length ? " …" : "");
  return out;
}

function run(st, build) {
  try { return st.index.query(build); } catch (e) { return []; }
}

/* How each query word is looked up: as typed (with prefix and inside-word matching), or, when a
   word of a spaced script finds nothing at all, as a likely misspelling (one letter off, two for
   long words); a spaced word that still finds nothing cannot help and is left out. A word of a
   script written without spaces is always kept: the browser's word breaks may differ from the
   index's (another ICU version), and the query is then found by the text match below. */
function lookups(st, found) {
  return found.map(function (w) {
    var inside = spaced(w.term) && w.term.length >= 4 ? lunr.Query.wildcard.LEADING : 0;
    var exact = { term: stem(w.term), wildcard: lunr.Query.wildcard.TRAILING | inside, editDistance: 0 };
    if (!spaced(w.term)) return { word: w, use: exact };
    var hits = run(st, function (q) { q.term(exact.term, { fields: FIELDS, wildcard: exact.wildcard }); });
    if (hits.length || w.term.length < 5) return { word: w, use: hits.length ? exact : null };
    var fuzzy = { term: w.term, wildcard: 0, editDistance: w.term.length >= 8 ? 2 : 1 };
    hits = run(st, function (q) { q.term(fuzzy.term, { fields: FIELDS, editDistance: fuzzy.editDistance }); });
    return { word: w, use: hits.length ? fuzzy : null };
  });
}

/* How often a piece of an unspaced script occurs as text in a section: in its title and keywords,
   and in its body; on the plain-Japanese site, a hiragana piece also matches their readings. */
function occurrencesIn(d, piece) {
  var kana = hiragana(piece);
  return {
    title: occurrences(d.squeezedTitle, piece) + occurrences(d.squeezedReadingTitle, kana) +
      occurrences(d.squeezedKeywords, piece) + occurrences(d.squeezedReadingKeywords, kana),
    body: occurrences(d.squeezedText, piece) + occurrences(d.squeezedReading, kana)
  };
}

/* The sections that contain a query word (looked up as in lookups): ref → 3 when it is in the
   title or keywords, else 1. */
function docsWith(st, look) {
  var out = new Map();
  if (st.unspaced && !spaced(look.word.term)) {
    st.docs.forEach(function (d, n) {
      var found = occurrencesIn(d, look.word.term);
      if (found.title) out.set(String(n), 3);
      else if (found.body) out.set(String(n), 1);
    });
    return out;
  }
  if (!look.use) return out;
  var options = { fields: FIELDS, wildcard: look.use.wildcard };
  if (look.use.editDistance) options.editDistance = look.use.editDistance;
  run(st, function (q) { q.term(look.use.term, options); }).forEach(function (h) {
    var strong = Object.keys(h.matchData.metadata).some(function (t) {
      var fields = h.matchData.metadata[t];
      return fields.title || fields.keywords;
    });
    out.set(h.ref, strong ? 3 : 1);
  });
  return out;
}

/* Pages with most of the query's words, anywhere on the page. A word weighs by how rare it is
   (idf over sections); words found nowhere, or in more than a third of all sections (particles,
   "how", "my"), do not count. A page needs at least half of the weight of the words that count. */
function mostWords(st, looks) {
  var n = st.docs.length;
  var perWord = looks.map(function (look) { return docsWith(st, look); });
  var idf = perWord.map(function (m) { return m.size && m.size <= n / 3 ? Math.log(1 + n / m.size) : 0; });
  var total = idf.reduce(function (a, b) { return a + b; }, 0);
  if (!total) return [];
  var sums = new Map();
  perWord.forEach(function (m, i) {
    if (!idf[i]) return;
    var best = new Map();
    m.forEach(function (weight, ref) {
      var page = st.docs[Number(ref)].location.split("#")[0];
      best.set(page, Math.max(best.get(page) || 0, weight));
    });
    best.forEach(function (weight, page) {
      var s = sums.get(page) || { cover: 0, score: 0 };
      s.cover += idf[i];
      s.score += idf[i] * weight;
      sums.set(page, s);
    });
  });
  var out = [];
  sums.forEach(function (s, page) {
    var share = s.cover / total;
    var doc = st.pages.get(page);
    if (share >= 0.5 && doc) out.push({ ref: doc.ref, score: share * share * s.score });
  });
  return out;
}

function search(st, query) {
  var found = words(query, st.lang, st.latin);
  if (!found.length) return { items: [] };
  var scores = new Map();
  var note = function (hits, weight) {
    hits.forEach(function (h) { scores.set(h.ref, Math.max(scores.get(h.ref) || 0, h.score * (weight || 1))); });
  };
  var looks = lookups(st, found);
  var looked = looks.filter(function (l) { return l.use; });
  var add = function (q, l, presence) {
    /* Words of four letters or more are also found inside longer words (Filipino and Indonesian
       affixes: padala in pagpapadala). */
    var options = { fields: FIELDS, presence: presence, wildcard: l.use.wildcard };
    if (l.use.editDistance) options.editDistance = l.use.editDistance; /* lunr goes fuzzy whenever the key is set */
    q.term(l.use.term, options);
    if (!l.use.editDistance) {
      q.term(l.word.term, { fields: ["title"], boost: 4 });
      q.term(l.word.term, { fields: ["keywords"], boost: 2 });
      q.term(l.word.term, { fields: ["text"], boost: 1 });
    }
  };
  if (looked.length) {
    /* Pages with every word first; then, if those are few, pages with most of the words. */
    var every = run(st, function (q) { looked.forEach(function (l) { add(q, l, lunr.Query.presence.REQUIRED); }); });
    note(every);
  }
  if (st.unspaced) {
    /* Where ICU split the page's text differently from the query, match the query's runs as text. */
    var pieces = (query.normalize("NFKC").toLowerCase().match(RUNS) || []).filter(function (p) { return UNSPACED.test(p); });
    if (pieces.length) {
      var hits = [];
      st.docs.forEach(function (d, n) {
        var inTitle = 0, count = 0, all = true;
        pieces.forEach(function (p) {
          var found = occurrencesIn(d, p);
          if (found.title) inTitle++;
          else if (!found.body) all = false;
          count += found.title + found.body;
        });
        if (all) hits.push({ ref: String(n), score: 1 + 4 * inTitle / pieces.length + Math.log(1 + count) });
      });
      note(hits);
    }
  }
  /* When few pages have every word, pages with most of them follow, below all of those. */
  var pagesFound = new Set();
  scores.forEach(function (score, ref) { pagesFound.add((st.docs[Number(ref)] || {}).location); });
  if (found.length > 1 && pagesFound.size < 3) {
    var floor = Infinity;
    scores.forEach(function (score) { floor = Math.min(floor, score); });
    mostWords(st, looks).forEach(function (h) {
      if (!scores.has(h.ref)) scores.set(h.ref, isFinite(floor) ? Math.min(h.score, floor * 0.99) : h.score);
    });
  }
  var raws = found.map(function (w) { return w.raw; });
  var terms = {};
  raws.forEach(function (r) { terms[r] = true; });
  var groups = new Map();
  /* Overview pages (the home page, a chapter's first page, what's new) list what the topic pages
     say; where both match, the topic page that answers comes first. */
  scores.forEach(function (score, ref) {
    var doc = st.docs[Number(ref)];
    if (doc && /^[^/#]*\/?(#|$)/.test(doc.location)) scores.set(ref, score * HUB_WEIGHT);
  });
  Array.from(scores.entries())
    .sort(function (a, b) { return b[1] - a[1]; })
    .forEach(function (entry) {
      var doc = st.docs[Number(entry[0])];
      if (!doc) return;
      var page = doc.location.split("#")[0];
      var item = { location: doc.location, title: highlight(doc.title, raws, 0), text: highlight(doc.text, raws, 240), score: entry[1], terms: terms };
      if (!groups.has(page)) groups.set(page, []);
      groups.get(page).push(item);
    });
  groups.forEach(function (items, page) {
    if (!items.some(function (i) { return i.location === page; })) {
      var doc = st.pages.get(page);
      if (doc) items.push({ location: page, title: escapeHtml(doc.title), text: "", score: 0, terms: {} });
    }
  });
  return { items: Array.from(groups.values()) };
}

/* A result that names a page of the reader's own language. */
function pageItem(st, page) {
  var doc = st.pages.get(page);
  if (!doc) return null;
  return [{ location: page, title: escapeHtml(doc.title), text: escapeHtml(doc.text.slice(0, 160)), score: 0, terms: {} }];
}

/* Where to go when nothing answers: the emergency numbers, then every chapter of the guide. */
function guide(st) {
  var out = [];
  var first = pageItem(st, EMERGENCY);
  if (first) out.push(first);
  st.docs.forEach(function (d) {
    if (/^[^/#]+\/$/.test(d.location) && d.location !== "whats-new/" && d.location !== "status/") {
      var item = pageItem(st, d.location);
      if (item) out.push(item);
    }
  });
  return out;
}

/* Too little found in the reader's language: the same query in the English and the plain-Japanese
   indexes (which also hold every page's romanized Japanese terms), shown as the reader's own pages;
   and when those find nothing either, the way into the guide. Never an empty list. */
function withFallback(st, query, result) {
  if (result.items.length >= WEAK) return Promise.resolve(result);
  var seen = new Set(result.items.map(function (group) { return group[0].location.split("#")[0]; }));
  var tags = ["en", "ja"].filter(function (t) { return t !== st.lang; });
  return Promise.all(tags.map(function (tag) {
    return loadOther(tag).then(function (other) { return search(other, query).items; }).catch(function () { return []; });
  })).then(function (lists) {
    var items = result.items.slice();
    lists.forEach(function (groups) {
      groups.forEach(function (group) {
        var page = group[0].location.split("#")[0];
        if (seen.has(page)) return;
        var item = pageItem(st, page);
        if (item) { seen.add(page); items.push(item); }
      });
    });
    if (!items.length) items = guide(st);
    return { items: items };
  });
}

addEventListener("message", function (ev) {
  var message = ev.data;
  if (message.type === SETUP) {
    config = message.data.config.guidebook;
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    load().then(function (st) {
      var query = message.data;
      var result = search(st, query);
      if (!query.trim()) return postMessage({ type: RESULT, data: result });
      return withFallback(st, query, result).then(function (data) { postMessage({ type: RESULT, data: data }); });
    }).catch(function () {
      postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});
