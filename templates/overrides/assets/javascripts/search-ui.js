/* The search box, once a reader opens it (search.js imports this module the first time).
 *
 * The index is the page language's Pagefind bundle (briefing/search_index.py), built from
 * the dossier's records. Every query goes through the normalisation the index was built
 * with (the table in the bundle's search.json, the very data the Python side uses), so a
 * word is found however its hamza, ya, ta marbuta, diacritics, article or prefixes are
 * written. A word that occurs nowhere finds nothing: when no indexed word starts with a
 * query word, Pagefind falls back to the longest indexed word that starts the query word
 * ("teamwork" finds "team"); here such a query word finds no result.
 *
 * Pagefind knows record n as "/n"; what its result shows is in the bundle's records/n.json.
 * Keyboard, as in Material: / opens, Escape closes, the arrows move between the field and
 * the results, Enter in the field opens the first result.
 */

const PAGE_SIZE = 10;
const SNIPPET_WORDS = 28;
const DEBOUNCE_MS = 120;
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
    const response = await fetch(new URL("search.json", bundle));
    if (!response.ok) throw new Error(`search.json: HTTP ${response.status}`);
    settings = await response.json();
    meta.textContent = settings.messages.loading;
    pagefind = await import(new URL("pagefind.js", bundle).href);
    await pagefind.init();
    // A large dossier's index comes in parts (briefing/search_index.py, PART_WORDS).
    for (const part of settings.parts ?? []) await pagefind.mergeIndex(new URL(part, bundle).pathname);
  } catch (error) {
    meta.textContent = settings?.messages.failed ?? root.dataset.unavailable;
    throw error;
  }
  const norm = normaliser(settings.normalisation);
  const messages = settings.messages;
  const only = { filters: settings.filter }; // records only, never a part's vocabulary page
  const plural = new Intl.PluralRules(lang);
  const say = (key, values = {}) => (messages[key] ?? "").replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
  const count = (n) => {
    const values = { count: String(n) };
    return say(`results_${plural.select(n)}`, values) || say("results_other", values);
  };

  /* Whether any record holds a query word: a word with its stem, or one it begins. */
  const known = new Map();
  const isKnown = (term) => {
    if (!known.has(term)) {
      known.set(term, (async () => {
        if ((await pagefind.search(`"${term}"`, only)).results.length) return true;
        const loose = await pagefind.search(term, only);
        for (const result of loose.results.slice(0, 3)) {
          const data = await result.data();
          if (data.content.split(/\s+/).some((word) => word.startsWith(term))) return true;
        }
        return false;
      })());
    }
    return known.get(term);
  };

  /* What a result shows, from records/n.json. */
  const views = new Map();
  const view = async (result) => {
    const data = await result.data();
    const number = /(\d+)\/?$/.exec(data.raw_url ?? data.url)[1];
    if (!views.has(number)) {
      views.set(number, fetch(new URL(`records/${number}.json`, bundle)).then((response) => {
        if (!response.ok) throw new Error(`records/${number}.json: HTTP ${response.status}`);
        return response.json();
      }));
    }
    return views.get(number);
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
    const found = terms.length > 0 && (await Promise.all(terms.map(isKnown))).every(Boolean);
    const response = found ? await pagefind.search(terms.join(" "), only) : { results: [] };
    if (mine !== generation) return;
    pending = response.results;
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
