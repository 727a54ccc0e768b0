// When the search finds nothing in the page's language, look in the other
// language's Pagefind bundle and offer what it finds there ("No English
// results; 2 in the French original"). It waits for Material's answer to
// the query as typed (its "no result" line, after the engine is ready, and
// the reader's pause), so it never fetches the other language's index while
// this one is loading or for a word half typed.
(function () {
  "use strict";
  var input = document.querySelector(".md-search__input");
  var list = document.querySelector(".md-search-result__list");
  var meta = document.querySelector(".md-search-result__meta");
  var boxes = document.querySelectorAll(".search-fallback");
  var config = document.getElementById("__config");
  if (!input || !list || !meta || !boxes.length || !config || !window.SearchText) return;
  var none = JSON.parse(config.textContent).translations["search.result.none"];
  var engines = {};
  var asked = "";

  function engine(box) {
    var url = new URL(box.getAttribute("data-pagefind"), location.href).href;
    if (!engines[url]) {
      engines[url] = import(url).then(function (pagefind) {
        // Result URLs as indexed (inside the language's root), as in search-worker.js.
        return pagefind.options({ baseUrl: "/" }).then(function () {
          return pagefind.init();
        }).then(function () { return pagefind; });
      });
    }
    return engines[url];
  }

  function render(box, pages, total) {
    box.textContent = "";
    if (!pages.length) { box.hidden = true; return; }
    var message = document.createElement("p");
    message.className = "search-fallback__message";
    var template = box.getAttribute(total === 1 ? "data-one" : "data-other");
    message.textContent = template.replace("{count}", String(total));
    var results = document.createElement("ul");
    results.className = "search-fallback__list";
    var language = box.getAttribute("data-lang");
    pages.slice(0, 5).forEach(function (page) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = box.getAttribute("data-base") + page.url.replace(/^\/+/, "");
      link.lang = language;
      link.hreflang = language;
      // The title as text: the DOM escapes it.
      var holder = document.createElement("div");
      holder.innerHTML = SearchText.shown(SearchText.escape(SearchText.title(page)), language);
      link.textContent = holder.textContent;
      item.appendChild(link);
      results.appendChild(item);
    });
    box.appendChild(message);
    box.appendChild(results);
    box.hidden = false;
  }

  function check() {
    var query = input.value.trim();
    var empty = meta.textContent === none && !list.children.length && query.length >= 2;
    if (!empty) {
      asked = "";
      boxes.forEach(function (box) { box.hidden = true; });
      return;
    }
    if (query === asked) return;
    asked = query;
    boxes.forEach(function (box) {
      var language = box.getAttribute("data-lang");
      engine(box).then(function (pagefind) {
        return pagefind.search(SearchText.query(query, language));
      }).then(function (found) {
        return Promise.all(found.results.slice(0, 5).map(function (result) { return result.data(); }))
          .then(function (pages) { return { pages: pages, total: found.results.length }; });
      }).then(function (found) {
        // The query may have changed while the other index answered.
        if (asked !== query || input.value.trim() !== query) return;
        render(box, found.pages, found.total);
      });
    });
  }

  // Only Material's answer starts a search of the other language, once it
  // has settled: a "no result" line may still answer an earlier query (its
  // answer to the empty box can arrive after the reader typed), and asking
  // the other index then would fetch it for nothing.
  var settling = 0;
  function answered() {
    clearTimeout(settling);
    settling = setTimeout(check, 300);
  }
  function typed() {
    clearTimeout(settling);
    if (input.value.trim() !== asked) {
      asked = "";
      boxes.forEach(function (box) { box.hidden = true; });
    }
  }
  new MutationObserver(answered).observe(meta, { childList: true, characterData: true, subtree: true });
  input.addEventListener("input", typed);
})();
