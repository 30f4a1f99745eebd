/* The search box's first part, loaded by every page (partials/search.html): it opens the
   search (the header button, the search field, or the / key, as in Material) and, the
   first time, imports search-ui.js, which fetches the index. A page that is only read
   fetches nothing more. The open state is Material's `__search` toggle: Material's CSS
   draws the panel from it, and Material's script closes it when the reader follows a link. */
(() => {
  const root = document.getElementById("briefing-search");
  const toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  const opener = document.querySelector(".briefing-search-open");
  const input = root.querySelector(".md-search__input");
  let ui;

  const start = () => {
    ui ??= import(new URL(root.dataset.script, document.baseURI).href)
      .then((module) => module.start({ root, toggle, opener, input }))
      .catch((error) => {
        const status = root.querySelector(".md-search-result__meta");
        status.textContent ||= root.dataset.unavailable; // search-ui.js itself did not load
        throw error;
      });
    return ui;
  };
  const open = () => {
    if (!toggle.checked) toggle.click();  // a click, so that Material hears the change
    start();
  };

  opener?.addEventListener("click", () => {
    open();
    input.focus();
  });
  input.addEventListener("focus", open);
  toggle.addEventListener("change", () => opener?.setAttribute("aria-expanded", String(toggle.checked)));
  addEventListener("keydown", (event) => {
    if (event.key !== "/" || toggle.checked || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return; // the reader is typing
    }
    event.preventDefault();
    open();
    input.focus();
    input.select();
  });
})();
