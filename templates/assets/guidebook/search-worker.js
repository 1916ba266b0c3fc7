/* Guidebook search worker.
 *
 * Speaks mkdocs-material's search worker protocol (SETUP, READY, QUERY, RESULT), so the theme's
 * search box and result list work unchanged, but searches the guidebook's own index (see
 * guidebook/search/index.py): sorted terms made with ICU word breaks, and for each term the pages
 * that have it with a weight. Queries are split with Intl.Segmenter, which uses the same ICU rules,
 * and normalized the same way. The index is fetched on the first query.
 *
 * Each query word is looked up as typed, as the start of longer words (deposit → deposits), with
 * its last letters dropped (Korean particles, plurals, case endings), inside longer words in
 * scripts written without spaces, and, when none of that finds anything, as a typo (lunr's
 * TokenSet automaton, one or two letters off). Two adjacent query words that the index holds as one
 * word count as both (zairyu kado: zairyukado). Words in Latin letters are also looked up in the
 * English index, whose pages are the reader's own pages at the same address: residents mix English
 * words into their own language. A page scores the sum of the best weight of each query word it has,
 * times the square of the share of the query's (rarity-weighted) words it has: a description of a
 * problem in many words ranks the page that has most of the telling words.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var UNSPACED = /[\u0e00-\u0e7f\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
var CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;
var HANGUL = /[\uac00-\ud7a3]/;
var RUNS = /[\p{L}\p{N}\p{M}_]+/gu;
/* A letter that belongs to the one before it (a vowel sign, a tone mark, a Khmer subscript
   consonant): in scripts written without spaces, where a word's end is only guessed, a match inside
   a longer word neither ends nor starts before one (យក is not the start of យក្ស). */
var MARK = /^\p{M}/u;
var LATIN_WORD = /^[\p{Script=Latin}\p{M}]+$/u;
/* Overview pages (home, chapters) hold their pages' words too: they come first only when no page of
   their own answers as well. */
var HUB_WEIGHT = 0.25;
/* How much a page's share of the query's words counts against the weights of the words it has. */
var COVERAGE = 2;
var TITLE_MATCH = 1.5;
/* Fewer pages than this found in the reader's language: look further (see withFallback). */
var WEAK = 2;
var SHORT_RUN = 5;
var MAX_RESULTS = 25;
var KANA_RUN = /^[\u3040-\u30ff]+$/;
var KANA_DOUBT = 0.6;
var MAX_SECTIONS = 3;
var EMERGENCY = "disaster/emergency-numbers/";
var config = null;
var state = null;
var loading = null;

function fold(token, latin) {
  token = token.normalize("NFKC").toLowerCase().replace(/\u17b2/g, "\u17b1");  /* ឲ្យ is ឱ្យ (see index.py) */
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

/* The letters of a word as a reader sees them (grapheme clusters: ပါ is one, not two code points),
   by which a short run is measured. */
var graphemes = null;
function letters(text) {
  if (!graphemes) graphemes = new Intl.Segmenter("und", { granularity: "grapheme" });
  return Array.from(graphemes.segment(text)).length;
}

/* Katakana to hiragana: the plain-Japanese index holds the readings of kanji words in hiragana. */
function hiragana(text) {
  return text.replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); });
}

/* Read an index file into what search() needs. */
function prepare(data) {
  var n = data.pages.length;
  var lookup = new Map();
  var idf = new Float64Array(data.terms.length);
  var spelt = data.spelt || {};
  data.terms.forEach(function (t, i) {
    lookup.set(t, i);
    /* A Latin spelling is as common as the word it spells (see spelt_counts in index.py). */
    var df = Math.max(data.postings[i].length / 2, spelt[t] || 0);
    idf[i] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  });
  var pages = new Map();
  data.pages.forEach(function (p, i) { pages.set(p.url, i); });
  var sound = new Map();
  Object.keys(data.sounds || {}).forEach(function (syllable) {
    Array.from(data.sounds[syllable]).forEach(function (c) { sound.set(c, syllable); });
  });
  return {
    kanji: new Map(Object.entries(data.kanji || {})),
    lang: data.lang, latin: data.latin, unspaced: data.unspaced, skeletons: !!data.skeletons, pages: data.pages, byUrl: pages,
    terms: data.terms, postings: data.postings, lookup: lookup, idf: idf, tokenSet: null, sound: sound
  };
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

/* The first position in the sorted terms at or after key. */
function lowerBound(terms, key) {
  var lo = 0, hi = terms.length;
  while (lo < hi) {
    var mid = (lo + hi) >> 1;
    if (terms[mid] < key) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function note(found, i, factor) {
  if (!(found.get(i) >= factor)) found.set(i, factor);
}

/* Terms that start with prefix: weighed by how much of the term the prefix is. */
function withPrefix(st, prefix, factor, found) {
  var unspaced = UNSPACED.test(prefix);
  for (var i = lowerBound(st.terms, prefix); i < st.terms.length; i++) {
    var t = st.terms[i];
    if (t.lastIndexOf(prefix, 0) !== 0) break;
    if (unspaced && MARK.test(t.charAt(prefix.length))) continue;
    note(found, i, factor * (0.5 + 0.5 * prefix.length / t.length));
  }
}

/* Terms one or two letters away from word (lunr's Levenshtein automaton over the sorted terms). */
function typos(st, word, distance, factor, found) {
  if (!st.tokenSet) st.tokenSet = lunr.TokenSet.fromArray(st.terms.slice().sort());
  st.tokenSet.intersect(lunr.TokenSet.fromFuzzyString(word, distance)).toArray().forEach(function (t) {
    var i = st.lookup.get(t);
    if (i !== undefined && t !== word) note(found, i, factor);
  });
}

/* A Khmer word typed in Latin letters as the index holds Khmer words' consonants (see
   guidebook/search/latin.py): chh, ch, j, c: c; kh, k, g: k; ng, nh, ny, n: n; th, t: t; ph, p, b, f: p;
   vowels, y and the v of -ov left out; a letter repeated counts once. */
function skeleton(word) {
  var w = word.replace(/ng|nh|ny/g, "n").replace(/chh|ch|j/g, "c").replace(/kh|g|q/g, "k").replace(/th/g, "t")
    .replace(/ph|b|f/g, "p").replace(/sh|z|x/g, "s").replace(/w/g, "v").replace(/([aeiou])v(?![aeiou])/g, "$1")
    .replace(/[aeiouy]/g, "").replace(/(.)\1+/g, "$1");
  return /^[a-z]{2,}$/.test(w) ? "~" + w : "";
}

/* The terms a query word stands for, each with how sure the match is (1 = as typed). */
function expand(st, term) {
  var found = new Map();
  var exact = st.lookup.get(term);
  if (exact !== undefined) note(found, exact, 1);
  if (st.lang === "ja") {
    var kana = hiragana(term);
    if (kana !== term && st.lookup.has(kana)) note(found, st.lookup.get(kana), 1);
  }
  var unspaced = UNSPACED.test(term), hangul = HANGUL.test(term);
  var shortest = unspaced || hangul ? 2 : 3;
  if (term.length >= shortest) withPrefix(st, term, 0.9, found);
  if (unspaced && exact === undefined && term.length >= 2) {
    /* The browser's word breaks may differ from the index's: terms that hold the word. */
    st.terms.forEach(function (t, i) {
      var at = t.length > term.length ? t.indexOf(term) : -1;
      if (at > 0 && !MARK.test(t.charAt(at + term.length)) && !MARK.test(t.charAt(at))) {
        note(found, i, 0.6 * term.length / t.length + 0.2);
      }
    });
  }
  var direct = found.size;
  if (exact === undefined && !CJK.test(term)) {
    /* Endings: the word with its last letters dropped (보증금을 → 보증금, deposits → deposit); down to
       three letters in Cyrillic, where Mongolian stems are short (хогны → хог). */
    var keep = hangul ? 1 : unspaced || /[\u0400-\u04ff]/.test(term) ? 3 : 4;
    for (var cut = 1; cut <= 3 && term.length - cut >= keep; cut++) {
      var stem = term.slice(0, term.length - cut);
      var before = found.size;
      if (st.lookup.has(stem)) note(found, st.lookup.get(stem), 0.85 - 0.1 * cut);
      if (stem.length >= shortest) withPrefix(st, stem, 0.75 - 0.1 * cut, found);
      if (found.size > before) break;
    }
  }
  /* Typos, unless the word is the start of a term: Hangul syllables and CJK characters carry more
     than a letter, so fewer are enough. A typo can also look like an ending (ประกันสงคม). */
  var enough = hangul || CJK.test(term) ? 3 : unspaced ? 4 : 5;
  if (!direct && term.length >= enough) {
    typos(st, term, !hangul && !CJK.test(term) && term.length >= 8 ? 2 : 1, 0.6, found);
  }
  if (st.skeletons && /^[a-z]+$/.test(term)) {
    var consonants = st.lookup.get(skeleton(term));
    if (consonants !== undefined) note(found, consonants, 0.7);
  }
  found.direct = direct > 0;
  return found;
}

/* A run of a script without spaces that is no term, split into the index's own terms: the split
   with the fewest pieces, letters no term covers costing more; those letters are then split with
   Intl.Segmenter. The index's words come from the same ICU rules, but the browser's ICU version,
   and the words readers run together, may differ. */
function split(st, run) {
  var n = run.length, cost = [0], from = [0], known = [false];
  var most = Math.log(1 + st.pages.length * 2);
  for (var i = 1; i <= n; i++) {
    cost[i] = cost[i - 1] + 2; from[i] = i - 1; known[i] = false;
    for (var j = Math.max(0, i - 16); j < i; j++) {
      var piece = run.slice(j, i), t = st.lookup.get(piece);
      /* A piece is a word of the index, of two letters or more outside Han and kana (a lone Thai
         consonant, ม, is a stray of the index's own word breaks), and starts no syllable with a vowel
         sign. Between splits of as many pieces, the one of commoner words (大家 + が, not 大 + 家が). */
      var ok = t !== undefined && !MARK.test(piece) && (CJK.test(piece) || piece.replace(/\p{M}/gu, "").length > 1);
      var c = ok ? cost[j] + 1 + 0.5 * st.idf[t] / most : Infinity;
      if (c < cost[i]) { cost[i] = c; from[i] = j; known[i] = true; }
    }
  }
  var out = [], unknown = "";
  for (var k = n; k > 0; k = from[k]) {
    if (!known[k]) { unknown = run.slice(from[k], k) + unknown; continue; }
    if (unknown) { out.unshift({ unknown: unknown }); unknown = ""; }
    out.unshift({ term: run.slice(from[k], k) });
  }
  if (unknown) out.unshift({ unknown: unknown });
  return out;
}

/* The words that read like a run of Han characters, in an index that has their pinyin. */
function soundAlike(st, run) {
  var found = new Map();
  if (!st.sound.size || run.length < 2) return found;
  var spelt = "";
  for (var c of run) {
    if (!st.sound.has(c)) return found;
    spelt += st.sound.get(c);
  }
  var i = st.lookup.get(spelt);
  if (i !== undefined) note(found, i, 0.8);
  else withPrefix(st, spelt, 0.7, found);
  found.direct = found.size > 0;
  return found;
}

/* The query's words, each with the terms it stands for. */
function queryWords(st, query) {
  var out = [], seen = new Set();
  /* The look of a word, added once: its place in out, or -1. */
  function add(raw, term, doubt) {
    /* One kana left over from a split is an ending or a particle (切れ + る, 大家 + が), not a word. */
    if (seen.has(term) || /^[\u3040-\u30ff]$/.test(term)) return -1;
    seen.add(term);
    var found = expand(st, term);
    if (doubt) found.forEach(function (factor, i) { found.set(i, factor * doubt); });
    out.push({ raw: raw, term: term, found: found, doubt: doubt });
    return out.length - 1;
  }
  var segmented = function (text) {
    words(text, st.lang, st.latin).forEach(function (w) { add(w.raw, w.term); });
  };
  /* A run looked up whole, once; with parts, the looks of the words it is made of. */
  function addRun(raw, run, found, parts) {
    if (seen.has(run)) return;
    seen.add(run);
    out.push(parts && parts.length ? { raw: raw, term: run, found: found, parts: parts } : { raw: raw, term: run, found: found });
  }
  /* Japanese forms of kanji typed on the Chinese site read as their simplified forms (児童 → 儿童). */
  if (st.kanji.size) query = Array.from(query).map(function (c) { return st.kanji.get(c) || c; }).join("");
  (query.normalize("NFKC").match(RUNS) || []).forEach(function (raw) {
    var run = fold(raw, st.latin);
    if (!UNSPACED.test(run)) return segmented(raw);
    /* The run as a whole: a term, the start of one, a typo of one, or (Chinese) a word that sounds
       the same: a pinyin keyboard offers homophones, and 中署 is read zhongshu like 中暑. */
    var whole = expand(st, run);
    if (!whole.size) whole = soundAlike(st, run);
    var pieces = split(st, run);
    /* Kana alone split into words is a guess (おとした: おと, sound, + した): such words count less. */
    var doubt = KANA_RUN.test(run) ? KANA_DOUBT : undefined;
    var known = pieces.length > 1 && pieces.every(function (piece) { return piece.term; });
    if (!known) {
      if (whole.size) return addRun(raw, run, whole);
      pieces.forEach(function (piece) { if (piece.term) add(piece.term, piece.term, doubt); else segmented(piece.unknown); });
      return;
    }
    /* A run that the index's words make up, and that is a word of the index or the start of one
       (a compound, 在留カードを), is those words, and a page that has the run whole has them all:
       its pages come first, then the pages of its words. Found only as a typo or with an ending cut,
       a short run is its words alone (ដក + វិញ, not the typo មកវិញ); one letter off in a long run
       is a typo. */
    var strong = false;
    whole.forEach(function (factor, i) { if (factor >= 0.7 && st.terms[i].lastIndexOf(run, 0) === 0) strong = true; });
    if (whole.size && !strong && (whole.direct || letters(run) > SHORT_RUN)) {
      return addRun(raw, run, whole);  /* found only inside a longer word, or as a typo of a long run */
    }
    var parts = [];
    pieces.forEach(function (piece) { var n = add(piece.term, piece.term, doubt); if (n >= 0) parts.push(n); });
    if (strong) addRun(raw, run, whole, parts);
  });
  /* Two adjacent words that the index holds as one (zairyu kado → zairyukado, hello work →
     hellowork; Vietnamese syllable pairs, tiền điện): a page that has the pair has both words. */
  var single = [];
  out.forEach(function (look, n) { if (!look.parts) single.push(n); });
  for (var k = 1; k < single.length; k++) {
    var a = out[single[k - 1]], b = out[single[k]];
    var pair = a.term + b.term, at = st.lookup.get(pair);
    if (at !== undefined && !seen.has(pair)) {
      seen.add(pair);
      out.push({ raw: a.raw, term: pair, found: new Map([[at, 1]]), parts: [single[k - 1], single[k]] });
    }
  }
  return out;
}

/* Words in Latin letters that the English index knows: residents mix English words into their own
   language (health insurance ญี่ปุ่น, hellowork រកការងារ). On a site in another script every such
   word is also looked up there, on a site in Latin letters each word the site's own index lacks; the
   pages found are the reader's own pages of the same address. */
function borrows(st, look) {
  return !look.parts && LATIN_WORD.test(look.term) && !(st.latin && look.found.size);
}

function borrow(st, english, looks) {
  looks.forEach(function (look) {
    if (!borrows(st, look)) return;
    var other = { term: fold(look.term, true), found: expand(english, fold(look.term, true)) };
    if (!other.found.size) return;
    var pages = new Map();
    bestWeights(english, other.found).forEach(function (w, page) {
      var own = st.byUrl.get(english.pages[page].url);
      if (own !== undefined) pages.set(own, w);
    });
    look.borrowed = { pages: pages, rarity: rarityOf(english, other) };
  });
}

/* Each page that has one of the found terms, with the best of its weights for them. */
function bestWeights(st, found, best) {
  best = best || new Map();
  found.forEach(function (factor, i) {
    var flat = st.postings[i];
    for (var k = 0; k < flat.length; k += 2) {
      var w = factor * flat[k + 1];
      if (!(best.get(flat[k]) >= w)) best.set(flat[k], w);
    }
  });
  return best;
}

/* Text as compared whole: folded, without spaces or punctuation. */
function squeeze(st, text) {
  return (fold(text, st.latin).match(RUNS) || []).join("");
}

/* Pages ranked for a query: [page number, score], best first. A page whose title holds the whole
   query, as typed, counts more. */
function rank(st, looks, query) {
  var whole = squeeze(st, query || ""), kana = hiragana(whole);
  var scores = new Map(), covered = new Map();
  var rarity = looks.map(function (look) {
    return Math.max(rarityOf(st, look), look.borrowed ? look.borrowed.rarity : 0);
  });
  var total = 0;
  looks.forEach(function (look, n) { if (!look.parts) total += rarity[n]; });
  looks.forEach(function (look, n) {
    bestWeights(st, look.found, look.borrowed ? new Map(look.borrowed.pages) : new Map()).forEach(function (w, page) {
      scores.set(page, (scores.get(page) || 0) + w);
      if (!covered.has(page)) covered.set(page, new Set());
      (look.parts || [n]).forEach(function (m) { covered.get(page).add(m); });
    });
  });
  var out = [];
  scores.forEach(function (score, page) {
    var cover = 0;
    covered.get(page).forEach(function (m) { cover += rarity[m]; });
    var share = total ? Math.min(1, cover / total) : 0;
    var p = st.pages[page];
    var hub = /^[^/]*\/?$/.test(p.url) ? HUB_WEIGHT : 1;
    var inTitle = squeeze(st, p.title).indexOf(whole) >= 0 || (p.reading && p.reading.indexOf(kana) >= 0);
    var titled = whole.length >= 2 && inTitle ? TITLE_MATCH : 1;
    out.push([page, score * Math.pow(share, COVERAGE) * hub * titled, share]);
  });
  return out.sort(function (a, b) { return b[1] - a[1]; });
}

/* How much a query word counts: as rare as the rarest term it stands for, as sure as that match is.
   A word typed as it is in the index, in a script without spaces, is as rare as it: a common word
   (ណា, "where") is not made rarer by the longer words that start with it. */
function rarityOf(st, look) {
  var exact = UNSPACED.test(look.term) ? st.lookup.get(look.term) : undefined;
  if (exact !== undefined && look.found.has(exact)) return st.idf[exact] * (look.doubt || 1);
  var rarity = 0;
  look.found.forEach(function (factor, i) { rarity = Math.max(rarity, factor * st.idf[i]); });
  return rarity;
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function highlight(text, raws) {
  var lower = text.toLowerCase();
  var spans = [];
  raws.forEach(function (raw) {
    var needle = raw.toLowerCase();
    if (!needle) return;
    var at = lower.indexOf(needle);
    while (at >= 0) { spans.push([at, at + needle.length]); at = lower.indexOf(needle, at + needle.length); }
  });
  spans.sort(function (a, b) { return a[0] - b[0]; });
  var out = "", pos = 0;
  spans.forEach(function (s) {
    if (s[0] < pos) return;
    out += escapeHtml(text.slice(pos, s[0])) + "<mark>" + escapeHtml(text.slice(s[0], s[1])) + "</mark>";
    pos = s[1];
  });
  return out + escapeHtml(text.slice(pos));
}

/* A page as the theme's result list shows it: the page, then the sections whose heading has a
   query word (words are compared folded, so a query typed without accents still marks them). */
function group(st, page, score, raws) {
  var p = st.pages[page];
  var items = [{ location: p.url, title: highlight(p.title, raws), text: highlight(p.text, raws), score: score, terms: {} }];
  var folded = raws.map(function (r) { return fold(r, st.latin); });
  p.sections.forEach(function (s) {
    if (items.length > MAX_SECTIONS) return;
    var heading = fold(s[1], st.latin);
    if (folded.some(function (r) { return r && heading.indexOf(r) >= 0; })) {
      items.push({ location: p.url + "#" + s[0], title: highlight(s[1], raws), text: "", score: score, terms: {} });
    }
  });
  return items;
}

function search(st, query, looks) {
  looks = looks || queryWords(st, query);
  if (!looks.length) return { items: [], pages: [], complete: [] };
  /* The best pages only: past a few dozen a list helps nobody, and each costs the page time to show. */
  var ranked = rank(st, looks, query).slice(0, MAX_RESULTS);
  var raws = looks.map(function (l) { return l.raw; });
  return {
    items: ranked.map(function (r) { return group(st, r[0], r[1], raws); }),
    pages: ranked.map(function (r) { return st.pages[r[0]].url; }),
    /* Which pages have every word of the query that the index knows. */
    complete: ranked.map(function (r) { return r[2] > 0.999; })
  };
}

/* A result that names a page of the reader's own language. */
function pageItem(st, url) {
  var n = st.byUrl.get(url);
  if (n === undefined) return null;
  var p = st.pages[n];
  return [{ location: p.url, title: escapeHtml(p.title), text: escapeHtml(p.text), score: 0, terms: {} }];
}

/* Where to go when nothing answers: the emergency numbers, then every chapter of the guide. */
function guide(st) {
  var out = [];
  var first = pageItem(st, EMERGENCY);
  if (first) out.push(first);
  st.pages.forEach(function (p) {
    if (/^[^/]+\/$/.test(p.url) && p.url !== "whats-new/" && p.url !== "status/") out.push(pageItem(st, p.url));
  });
  return out;
}

/* A query in Latin letters on a site in another script: English words or romanized Japanese. */
function latinOnly(st, query) {
  return !st.latin && /\p{Script=Latin}/u.test(query) && !/[^\p{Script=Latin}\p{N}\p{P}\p{Z}\p{S}\p{M}]/u.test(query);
}

/* Other languages' indexes, fetched only when needed, their pages shown as the reader's own.
   A query in Latin letters on a site in another script is also looked up in the English index
   (which has every page's romanized Japanese terms too): its pages come after the site's own pages
   that have all of the query's words (pinyin on the Chinese site), ahead of the others.
   Too little found in the reader's language: the same query in the English and the plain-Japanese
   indexes; and when those find nothing either, the way into the guide. Never an empty list. */
function withOthers(st, query, result) {
  var latin = latinOnly(st, query);
  if (result.items.length >= WEAK && !latin) return Promise.resolve(result);
  var tags = (result.items.length >= WEAK ? ["en"] : ["en", "ja"]).filter(function (t) { return t !== st.lang; });
  return Promise.all(tags.map(function (tag) {
    return loadOther(tag).then(function (other) { return search(other, query).pages; }).catch(function () { return []; });
  })).then(function (lists) {
    var items = [], seen = new Set();
    var own = function (all) {
      result.items.forEach(function (group, n) {
        if ((all || result.complete[n]) && !seen.has(result.pages[n])) { seen.add(result.pages[n]); items.push(group); }
      });
    };
    own(!latin);
    lists.forEach(function (urls) {
      urls.forEach(function (url) {
        if (seen.has(url)) return;
        var item = pageItem(st, url);
        if (item) { seen.add(url); items.push(item); }
      });
    });
    own(true);
    if (!items.length) items = guide(st);
    return { items: items.slice(0, MAX_RESULTS) };
  });
}

addEventListener("message", function (ev) {
  var message = ev.data;
  if (message.type === SETUP) {
    config = message.data.config.guidebook;
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    load().then(function (st) {
      var query = message.data, looks = queryWords(st, query);
      /* English words in the query: the English index too, fetched only when a word needs it (see borrow). */
      var mixed = st.lang !== "en" && looks.some(function (look) { return borrows(st, look); });
      return (mixed ? loadOther("en").catch(function () { return null; }) : Promise.resolve(null)).then(function (english) {
        if (english) borrow(st, english, looks);
        return [st, query, looks];
      });
    }).then(function (args) {
      var st = args[0], query = args[1];
      var result = search(st, query, args[2]);
      if (!query.trim()) return postMessage({ type: RESULT, data: { items: result.items } });
      return withOthers(st, query, result).then(function (data) { postMessage({ type: RESULT, data: { items: data.items } }); });
    }).catch(function () {
      postMessage({ type: RESULT, data: { items: [] } });
    });
  }
});
