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

function spaced(term) {
  return !UNSPACED.test(term) && (/[a-z]/.test(term) || CYRILLIC.test(term));
}

/* A prefix that still matches inflected forms (plural -s, Mongolian case suffixes ...). */
function stem(term) {
  if (spaced(term) && term.length >= 6) return term.slice(0, Math.max(5, term.length - 2));
  return term;
}

function load() {
  if (state) return Promise.resolve(state);
  if (!loading) {
    var url = new URL("../../" + config.index, self.location.href);
    loading = Promise.all([
      fetch(url).then(function (r) { if (!r.ok) throw new Error("search index: " + r.status); return r.json(); }),
      new Promise(function (resolve) { importScripts(new URL("lunr.js", self.location.href).href); resolve(); })
    ]).then(function (parts) {
      var data = parts[0];
      var pages = new Map();
      data.docs.forEach(function (d) {
        if (data.unspaced) {
          d.squeezedTitle = squeeze(d.title);
          d.squeezedText = squeeze(d.text);
          d.squeezedReading = d.reading ? hiragana(squeeze(d.reading)) : "";
          d.squeezedReadingTitle = d.readingTitle ? hiragana(squeeze(d.readingTitle)) : "";
        }
        pages.set(d.location, d);
      });
      state = { index: lunr.Index.load(data.index), docs: data.docs, pages: pages, lang: data.lang, latin: data.latin, unspaced: data.unspaced };
      return state;
    });
  }
  return loading;
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

function search(st, query) {
  var found = words(query, st.lang, st.latin);
  if (!found.length) return { items: [] };
  var scores = new Map();
  var note = function (hits) {
    hits.forEach(function (h) { scores.set(h.ref, Math.max(scores.get(h.ref) || 0, h.score)); });
  };
  note(run(st, function (q) {
    found.forEach(function (w) {
      /* Words of four letters or more are also found inside longer words (Filipino and Indonesian
         affixes: padala in pagpapadala). */
      var inside = spaced(w.term) && w.term.length >= 4 ? lunr.Query.wildcard.LEADING : 0;
      q.term(stem(w.term), { fields: ["title", "text"], presence: lunr.Query.presence.REQUIRED, wildcard: lunr.Query.wildcard.TRAILING | inside });
      q.term(w.term, { fields: ["title"], boost: 4 });
      q.term(w.term, { fields: ["text"], boost: 1 });
    });
  }));
  if (st.unspaced) {
    /* Where ICU split the page's text differently from the query, match the query's runs as text. */
    var pieces = (query.normalize("NFKC").toLowerCase().match(RUNS) || []).filter(function (p) { return UNSPACED.test(p); });
    if (pieces.length) {
      var hits = [];
      st.docs.forEach(function (d, n) {
        var inTitle = 0, count = 0, all = true;
        pieces.forEach(function (p) {
          var kana = hiragana(p);
          var title = occurrences(d.squeezedTitle, p) + occurrences(d.squeezedReadingTitle || "", kana);
          var body = occurrences(d.squeezedText, p) + occurrences(d.squeezedReading, kana);
          if (title) inTitle++;
          else if (!body) all = false;
          count += title + body;
        });
        if (all) hits.push({ ref: String(n), score: 1 + 4 * inTitle / pieces.length + Math.log(1 + count) });
      });
      note(hits);
    }
  }
  var raws = found.map(function (w) { return w.raw; });
  var terms = {};
  raws.forEach(function (r) { terms[r] = true; });
  var groups = new Map();
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

addEventListener("message", function (ev) {
  var message = ev.data;
  if (message.type === SETUP) {
    config = message.data.config.guidebook;
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    load().then(function (st) {
      postMessage({ type: RESULT, data: search(st, message.data) });
    }).catch(function () {
      postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});
