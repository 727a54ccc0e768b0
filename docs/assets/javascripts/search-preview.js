// The first pages found for what the reader typed, shown in Material's
// results list, with Material's markup, while Material's bundle is still
// starting: on a phone the engine answers before the bundle can ask
// (bench/search.py). Material's first result replaces them. The pages come
// from the search worker (search-worker.js, PREVIEW) through the loader in
// overrides/main.html; their title and excerpt are HTML as Material gets
// it from the worker: the page's words escaped, the matches in <mark>.
(function () {
  "use strict";
  var input = document.querySelector(".md-search__input");
  var list = document.querySelector(".md-search-result__list");
  var meta = document.querySelector(".md-search-result__meta");
  var config = document.getElementById("__config");
  var toggle = document.getElementById("__search");
  if (!input || !list || !meta || !config) return;
  config = JSON.parse(config.textContent);
  var base = new URL(config.base, location.href);
  var words = config.translations;

  function count(total) {
    if (!total) return words["search.result.none"];
    return (total === 1 ? words["search.result.one"] : words["search.result.other"]).replace("#", String(total));
  }

  function item(page, terms) {
    var url = new URL(page.location, base);
    // As Material links a result: the words to highlight on the page it opens.
    if ((config.features || []).indexOf("search.highlight") !== -1) url.searchParams.set("h", terms);
    var entry = document.createElement("li");
    entry.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.tabIndex = -1;
    link.href = url.href;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("h1");
    title.innerHTML = page.title;
    var text = document.createElement("p");
    text.innerHTML = page.text;
    article.append(icon, title, text);
    link.appendChild(article);
    entry.appendChild(link);
    return entry;
  }

  document.addEventListener("publication:search-preview", function (event) {
    var found = event.detail;
    if (found.query !== input.value) return;
    var terms = Object.keys(found.items[0] ? found.items[0].terms : {}).join(" ");
    list.replaceChildren.apply(list, found.items.map(function (page) { return item(page, terms); }));
    meta.textContent = count(found.total);
    // On a desktop the results show once the search is open, which
    // Material does when the field gets focus: here, before Material can.
    // (A phone opened it with the tap on its toggle.)
    if (toggle && !toggle.checked && document.activeElement === input) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });

  // The keys Material gives the search, until Material runs: Enter opens
  // the first result (the form would reload the page with ?query=), Escape
  // closes the search.
  if (input.form) {
    input.form.addEventListener("submit", function (event) {
      if (window.__md_ready) return;
      event.preventDefault();
      var first = list.querySelector(".md-search-result__link");
      if (first) first.click();
    });
  }
  input.addEventListener("keydown", function (event) {
    if (window.__md_ready || event.key !== "Escape") return;
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      input.blur();
    }
  });
})();
