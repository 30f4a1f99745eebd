/* The search box, once a reader opens it (search.js imports this module the first time).
 *
 * The index is the page language's Pagefind bundle (briefing/search_index.py), built from
 * the dossier's records. Every query goes through the normalisation the index was built
 * with (the table in the bundle's search.json, the very data the Python side uses), so a
 * word is found however its hamza, ya, ta marbuta, diacritics, article or prefixes are
 * written.
 *
 * Pagefind holds runs of records as long documents, each record as its words, weightiest
 * first; search.json says how many words each record has at each weight. Each query word
 * is looked up on its own: Pagefind gives the positions of the matching words in each
 * document (without fetching anything more), which tell the records that hold the word
 * and how much each match weighs. A result is a record that holds every query word,
 * ranked as Pagefind ranks pages (BM25, a match counting its weight): an actor whose
 * name is typed comes before the events that name him. What a result shows comes from
 * records/<n>.json, a file of the views of a run of records, fetched once.
 *
 * A word that occurs nowhere finds nothing: when no indexed word starts with a query word,
 * Pagefind falls back to the longest indexed word that starts the query word ("teamwork"
 * finds "team"); here a query word that is no indexed word (by its stem) and begins none
 * (words/<n>.txt lists them all, in order) finds no result.
 *
 * Keyboard, as in Material: / opens, Escape closes, the arrows move between the field and
 * the results, Enter in the field opens the first result.
 */

const PAGE_SIZE = 10;
const SNIPPET_WORDS = 28;
const DEBOUNCE_MS = 120;
const TERM_SATURATION = 1.4; // BM25's k1 and b, Pagefind's defaults
const LENGTH_WEIGHT = 0.75;
const WIDE = "(min-width: 60em)"; // Material's breakpoint: from here the field sits in the header

/* -- normalisation (pure: the tests run it in Node beside the Python side) -------------- */

const WORD = /[\p{L}\p{N}]+/gu;
const DISPLAY_WORD = /[\p{L}\p{N}\p{M}\p{Cf}]+/gu;
const ARABIC = /\p{Script=Arabic}/u;

export function normaliser(table) {
  const fold = new Map(Object.entries(table.fold));
  const articles = new Set(table.article);
  const prefixes = new Map(Object.entries(table.prefixes));
  const ignore = new Set(table.query_ignore);
  const particle = new RegExp(`^[${[...prefixes.keys()].join("")}]*(?:${table.article.join("|")})?$`, "u");

  const foldText = (text) => {
    let out = "";
    for (const char of text) {
      const value = fold.get(char);
      out += value === undefined ? char : value;
    }
    return out.toLowerCase();
  };
  const strip = (word) => {
    let chars = [...word];
    for (;;) {
      if (articles.has(chars.slice(0, 2).join("")) && chars.length - 2 >= table.min_after_article) {
        chars = chars.slice(2);
      } else if (chars.length - 1 >= (prefixes.get(chars[0]) ?? Infinity)) {
        chars = chars.slice(1);
      } else {
        return chars.join("");
      }
    }
  };
  const terms = (text) => (foldText(text).match(WORD) ?? []).map(strip);
  /* A query's words, each once, without those that say nothing on their own: a lone
     letter, the article or a prefix typed apart from its word, the "al" of a Latin name. */
  const queryTerms = (text) =>
    [...new Set(terms(text))].filter((word) =>
      !particle.test(word) && !ignore.has(word) && ([...word].length > 1 || /\d/.test(word)));
  return { fold: foldText, terms, queryTerms };
}

/* Whether a word of a text (normalised) answers a query word: it starts with it, or the
   two share all but their last letters (a stemmer's matches: negotiating, negotiations;
   مفاوضات, مفاوضة). Used to mark matches, not to find them. */
export function answers(word, term) {
  if (word.startsWith(term)) return true;
  const a = [...word], b = [...term];
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return common >= Math.max(3, Math.min(a.length, b.length) - 2);
}

/* -- the search box ------------------------------------------------------------------- */

export async function start({ root, toggle, opener, input }) {
  const results = root.querySelector(".md-search-result");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const more = root.querySelector(".briefing-search__more");
  const form = root.querySelector("form");
  const scroller = root.querySelector(".md-search__scrollwrap");
  const lang = document.documentElement.lang || "en";
  const bundle = new URL(root.dataset.bundle, document.baseURI);
  const languageRoot = new URL("../", bundle);
  const wide = matchMedia(WIDE);

  let settings, pagefind;
  try {
    // Pagefind starts (its code, its index's entry, its WebAssembly) while the settings come.
    const loading = import(new URL("pagefind.js", bundle).href).then(async (module) => {
      await module.init();
      return module;
    });
    loading.catch(() => {}); // awaited below
    // Checked with the server each time, as Pagefind checks its own entry file: where each
    // record is in the index must be this build's.
    const response = await fetch(new URL("search.json", bundle), { cache: "no-cache" });
    if (!response.ok) throw new Error(`search.json: HTTP ${response.status}`);
    settings = await response.json();
    meta.textContent = settings.messages.loading;
    pagefind = await loading;
    // A large dossier's index comes in parts (briefing/search_index.py, PART_WORDS).
    for (const part of settings.parts ?? []) await pagefind.mergeIndex(new URL(part, bundle).pathname);
  } catch (error) {
    meta.textContent = settings?.messages.failed ?? root.dataset.unavailable;
    throw error;
  }
  const norm = normaliser(settings.normalisation);
  const messages = settings.messages;
  const index = recordIndex(settings.records);
  const plural = new Intl.PluralRules(lang);
  const say = (key, values = {}) => (messages[key] ?? "").replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
  const count = (n) => {
    const values = { count: String(n) };
    return say(`results_${plural.select(n)}`, values) || say("results_other", values);
  };
  /* A file of the bundle, fetched once (again after a failure), as of this build. */
  const fetchOnce = (cache, path, read) => {
    if (!cache.has(path)) {
      const fetched = fetch(new URL(`${path}?v=${settings.version}`, bundle)).then((response) => {
        if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
        return read(response);
      });
      fetched.catch(() => cache.delete(path));
      cache.set(path, fetched);
    }
    return cache.get(path);
  };

  /* Whether a query word begins an indexed word: the first word from it on, in order. */
  const wordFiles = new Map();
  const begins = async (term) => {
    const firsts = settings.words;
    if (!firsts.length) return false;
    const file = Math.max(0, lastAtMost(firsts, term));
    const words = await fetchOnce(wordFiles, `words/${file}.txt`, async (response) => (await response.text()).split("\n"));
    const at = lastAtMost(words, term);
    if (words[at] === term) return true;
    const next = words[at + 1] ?? firsts[file + 1];
    return next !== undefined && next.startsWith(term);
  };

  /* The records that hold a query word, each with the weight of its matches; null for a
     word that no record holds (neither a word with its stem nor one it begins). */
  const matches = new Map();
  const matchesOf = (term) => {
    if (!matches.has(term)) {
      const found = (async () => {
        // Pagefind (1.5.2) loads the one chunk of its index where the query word falls, but
        // the words it begins may go on in the next: loaded too, where they end.
        await pagefind.preload(`${term}\uffff`);
        const [loose, exact] = await Promise.all([pagefind.search(term), pagefind.search(`"${term}"`)]);
        if (!exact.results.length && !(await begins(term))) return null;
        return index.records(loose.results);
      })();
      found.catch(() => matches.delete(term));
      matches.set(term, found);
    }
    return matches.get(term);
  };

  /* The records that hold every query word, best first. */
  const find = async (terms) => {
    const found = await Promise.all(terms.map(matchesOf));
    if (!found.every(Boolean)) return [];
    const idf = found.map((held) => Math.log((index.count - held.size + 0.5) / (held.size + 0.5) + 1));
    const [fewest, ...others] = [...found].sort((a, b) => a.size - b.size);
    const ranked = [];
    for (const record of fewest.keys()) {
      if (!others.every((held) => held.has(record))) continue;
      const length = TERM_SATURATION * (1 - LENGTH_WEIGHT + LENGTH_WEIGHT * index.words(record) / index.average);
      let score = 0;
      found.forEach((held, i) => {
        const weight = held.get(record);
        score += idf[i] * (TERM_SATURATION + 1) * weight / (length + weight);
      });
      ranked.push([score, record]);
    }
    ranked.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    return ranked.map(([, record]) => record);
  };

  /* What a result shows, from the records/<n>.json that holds it. */
  const viewFiles = new Map();
  const firstViews = []; // the first record of each file
  let next = 0;
  for (const views of settings.records.views) {
    firstViews.push(next);
    next += views;
  }
  const view = async (record) => {
    const first = firstViews[lastAtMost(firstViews, record)];
    const views = await fetchOnce(viewFiles, `records/${first}.json`, (response) => response.json());
    return views[record - first];
  };

  /* -- results -- */
  let generation = 0, pending = [], shownTerms = [];

  /* Search for what the field holds. The results say they are busy (aria-busy) until they
     are shown, and which query they answer (data-query). */
  async function run() {
    const mine = ++generation;
    const query = input.value.trim();
    const terms = norm.queryTerms(query);
    results.setAttribute("aria-busy", "true");
    let found;
    try {
      found = terms.length ? await find(terms) : [];
    } catch (error) {
      if (mine === generation) meta.textContent = messages.failed;
      throw error;
    }
    if (mine !== generation) return;
    pending = found;
    shownTerms = terms;
    list.replaceChildren();
    scroller.scrollTop = 0;
    more.hidden = true;
    if (!terms.length) meta.textContent = messages.hint;
    else if (!pending.length) meta.textContent = say("none", { query });
    else {
      meta.textContent = count(pending.length);
      await showMore(mine);
    }
    if (mine !== generation) return;
    results.dataset.query = query;
    results.setAttribute("aria-busy", "false");
  }

  async function showMore(mine = generation) {
    const page = pending.slice(list.children.length, list.children.length + PAGE_SIZE);
    const records = await Promise.all(page.map(view));
    if (mine !== generation) return;
    list.append(...records.map((record) => item(record, shownTerms)));
    more.hidden = list.children.length >= pending.length;
    more.textContent = messages.more;
  }

  /* A result, as Material draws one: its title, then its kind and details (date, role,
     outlet), then a snippet. */
  function item(record, terms) {
    const li = element("li", "md-search-result__item");
    const link = element("a", "md-search-result__link");
    link.href = new URL(record.url, languageRoot).href;
    const article = element("article", "md-search-result__article md-typeset");
    const title = element("p", "briefing-search__title");
    title.append(...highlight(record.title, terms));
    const details = element("p", "briefing-search__details");
    const kind = element("span", "briefing-search__kind");
    kind.textContent = record.kind_label;
    details.append(kind, ...record.details.flatMap((text) => [" · ", isolated(text)]));
    article.append(element("div", "md-search-result__icon md-icon"), title, details);
    const snippet = snippetOf(record.fields, terms);
    if (snippet) article.append(snippet);
    link.append(article);
    li.append(link);
    return li;
  }

  /* The text that holds most query words (the first when none does), cut to a window
     around its first match, after its label if it has one. */
  function snippetOf(fields, terms) {
    let best = null, bestScore = -1;
    for (const field of fields) {
      const hits = new Set();
      for (const text of [field.t].flat()) {
        for (const [word] of text.matchAll(DISPLAY_WORD)) {
          for (const part of norm.terms(word)) for (const term of terms) if (answers(part, term)) hits.add(term);
        }
      }
      if (hits.size > bestScore) [best, bestScore] = [field, hits.size];
    }
    if (!best) return null;
    const p = element("p", "briefing-search__snippet");
    if (best.lang) {
      p.lang = best.lang;
      p.dir = best.lang === "ar" ? "rtl" : "ltr";
    }
    if (best.l) {
      const label = element("span", "briefing-search__label");
      label.textContent = `${best.l}:`;
      p.append(label, " ");
    }
    if (Array.isArray(best.t)) {
      best.t.forEach((name, i) => {
        if (i) p.append(" · ");
        const bdi = document.createElement("bdi");
        const script = ARABIC.test(name) ? "ar" : "en";
        if (script !== (best.lang ?? lang)) bdi.lang = script;
        bdi.append(...highlight(name, terms));
        p.append(bdi);
      });
    } else {
      p.append(...highlight(best.t, terms, SNIPPET_WORDS));
    }
    return p;
  }

  /* The text as nodes, its matching words in <mark>; with `limit`, only that many words
     around the first match, with an ellipsis where text is left out. */
  function highlight(text, terms, limit = Infinity) {
    const words = [...text.matchAll(DISPLAY_WORD)];
    const hit = words.map(([word]) => norm.terms(word).some((part) => terms.some((term) => answers(part, term))));
    let from = 0, to = words.length;
    if (words.length > limit) {
      from = Math.max(0, Math.min(Math.max(0, hit.indexOf(true)) - Math.floor(limit / 4), words.length - limit));
      to = from + limit;
    }
    const nodes = from ? ["… "] : [];
    let at = from ? words[from].index : 0;
    for (let i = from; i < to; i++) {
      const [word] = words[i];
      if (words[i].index > at) nodes.push(text.slice(at, words[i].index));
      if (hit[i]) {
        const mark = document.createElement("mark");
        mark.textContent = word;
        nodes.push(mark);
      } else {
        nodes.push(word);
      }
      at = words[i].index + word.length;
    }
    if (to < words.length) nodes.push(" …");
    else nodes.push(text.slice(at));
    return nodes;
  }

  /* -- opening, closing and the keyboard -- */
  const close = ({ restoreFocus = true } = {}) => {
    if (toggle.checked) toggle.click();
    if (!restoreFocus) return;
    if (wide.matches) input.focus({ preventScroll: true }); // the field stays in the header
    else opener?.focus({ preventScroll: true });
  };
  const focusable = () => [input, ...list.querySelectorAll("a"), ...(more.hidden ? [] : [more])];

  let timer;
  input.addEventListener("input", () => {
    if (!toggle.checked) toggle.click();
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run().then(() => list.querySelector("a")?.click());
  });
  form.addEventListener("reset", () => {
    clearTimeout(timer);
    setTimeout(() => {
      run();
      input.focus();
    });
  });
  more.addEventListener("click", () => {
    const next = list.children.length;
    showMore().then(() => list.children[next]?.querySelector("a")?.focus());
  });
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const items = focusable();
      const at = items.indexOf(document.activeElement);
      if (at < 0) return;
      event.preventDefault();
      items[(at + items.length + (event.key === "ArrowUp" ? -1 : 1)) % items.length].focus();
    }
  });
  root.addEventListener("focusout", (event) => {
    const to = event.relatedTarget;
    if (toggle.checked && to instanceof Node && !root.contains(to) && to !== opener) close({ restoreFocus: false });
  });
  list.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest("a");
    if (!link) return;
    const target = new URL(link.href);
    close({ restoreFocus: false });
    if (target.pathname === location.pathname && target.hash) {
      // The same page: jump once the panel has closed (on a phone it locks the page's scroll).
      event.preventDefault();
      setTimeout(() => {
        history.pushState(null, "", target.hash);
        document.getElementById(decodeURIComponent(target.hash.slice(1)))?.scrollIntoView();
      }, 450);
    }
  });

  run();
}

/* Where each record's words are in Pagefind's documents (search.json `records`, written by
   briefing/search_index.py): `records(results)` reads a search's results as the records
   they match, each with the weight of its weightiest matching word. A query word counts
   once a record, as each word is indexed once a record: a record that holds two words
   the query word begins (حكومتان and حكومتين for حكومة) does not count it twice. */
export function recordIndex({ count, shapes, lengths, groups, pages }) {
  const start = new Int32Array(count); // where the record's words start in its document
  const size = new Int32Array(count);
  const firstBlock = new Int32Array(count + 1); // its blocks of words of one weight
  const weights = new Float64Array(lengths.length);
  let record = 0, block = 0;
  for (const [shape, times] of shapes) {
    for (let i = 0; i < times; i++, record++) {
      firstBlock[record] = block;
      for (const weight of shape) weights[block++] = weight;
    }
  }
  firstBlock[count] = block;
  let total = 0;
  for (let g = 0; g < groups.length; g++) {
    let at = 0;
    for (let r = groups[g]; r < (groups[g + 1] ?? count); r++) {
      start[r] = at;
      for (let b = firstBlock[r]; b < firstBlock[r + 1]; b++) at += lengths[b];
      size[r] = at - start[r];
    }
    total += at;
  }
  const groupOf = new Map(pages.flatMap((part) => Object.entries(part)));
  return {
    count,
    average: total / Math.max(count, 1),
    words: (r) => size[r],
    records(results) {
      const found = new Map();
      for (const result of results) {
        const g = groupOf.get(result.id);
        if (g === undefined) continue; // a part's vocabulary page
        const first = groups[g], end = groups[g + 1] ?? count;
        for (const location of result.words) {
          // The last record of the document that starts at or before the word.
          let lo = first, hi = end - 1;
          while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (start[mid] <= location) lo = mid;
            else hi = mid - 1;
          }
          let offset = location - start[lo], b = firstBlock[lo];
          while (b < firstBlock[lo + 1] - 1 && offset >= lengths[b]) offset -= lengths[b++];
          found.set(lo, Math.max(found.get(lo) ?? 0, weights[b]));
        }
      }
      return found;
    },
  };
}

/* The index of the last item of a sorted array that is at most `value` (-1 if none). */
function lastAtMost(sorted, value) {
  let lo = -1, hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function element(tag, className) {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}

function isolated(text) {
  const node = document.createElement("bdi");
  node.textContent = text;
  return node;
}
