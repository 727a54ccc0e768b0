// When the search finds nothing in the page's language, look in the other
// language's index and offer what it finds there ("No English results; 2 in
// the French original"). Material's own search runs in a worker on this
// language's index only (see hooks/publication/search_index.py), so this
// script does a plain word match, without stemming, on the other index.
(function () {
  "use strict";
  var input = document.querySelector(".md-search__input");
  var list = document.querySelector(".md-search-result__list");
  var boxes = document.querySelectorAll(".search-fallback");
  if (!input || !list || !boxes.length) return;
  var indexes = {};
  var timer = null;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function load(box) {
    var url = box.getAttribute("data-index");
    if (!indexes[url]) {
      indexes[url] = fetch(url).then(function (response) { return response.json(); }).then(function (index) {
        return index.docs.map(function (doc) {
          return { location: doc.location, title: doc.title, text: fold(doc.title + " " + doc.text.replace(/<[^>]*>/g, " ")) };
        });
      });
    }
    return indexes[url];
  }

  function render(box, query, docs) {
    var terms = fold(query).split(/[\s\-]+/).filter(function (term) { return term.length > 1; });
    var pages = {};
    var found = [];
    docs.forEach(function (doc) {
      var page = doc.location.split("#")[0];
      if (!terms.length || pages[page]) return;
      if (terms.every(function (term) { return doc.text.indexOf(term) !== -1; })) {
        pages[page] = true;
        found.push(doc);
      }
    });
    box.textContent = "";
    if (!found.length) { box.hidden = true; return; }
    var message = document.createElement("p");
    message.className = "search-fallback__message";
    var template = box.getAttribute(found.length === 1 ? "data-one" : "data-other");
    message.textContent = template.replace("{count}", String(found.length));
    var results = document.createElement("ul");
    results.className = "search-fallback__list";
    found.slice(0, 5).forEach(function (doc) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = box.getAttribute("data-base") + doc.location;
      link.lang = box.getAttribute("data-lang");
      link.hreflang = box.getAttribute("data-lang");
      link.textContent = doc.title;
      item.appendChild(link);
      results.appendChild(item);
    });
    box.appendChild(message);
    box.appendChild(results);
    box.hidden = false;
  }

  function check() {
    var query = input.value.trim();
    boxes.forEach(function (box) {
      if (query.length < 2 || list.children.length) { box.hidden = true; return; }
      load(box).then(function (docs) {
        // The query may have changed while the index loaded.
        if (input.value.trim() === query && !list.children.length) render(box, query, docs);
      });
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  }

  input.addEventListener("input", schedule);
  new MutationObserver(schedule).observe(list, { childList: true });
})();
