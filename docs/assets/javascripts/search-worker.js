// Material's search worker, with Pagefind as its engine.
//
// Material's search (its dialog, results list, keyboard, highlighting on the
// page a result opens) talks to a worker by messages; this worker answers
// them as Material's own lunr worker does, from the page language's Pagefind
// bundle (hooks/publication/search_index.py), which fetches only the
// chunks of the index that a query needs. Protocol (Material 9.8,
// integrations/search/worker/message): SETUP 0 (with the index file, here
// a stub that names the bundle), READY 1, QUERY 2, RESULT 3.
importScripts("search-text.js");

(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MAX_PAGES = 20;      // pages whose excerpts are loaded for one query
  var MAX_SECTIONS = 4;    // sections listed under a page
  // A bundle this small is fetched whole once the first result is shown, so
  // the search keeps working offline; a larger one chunk by chunk, as queries
  // need it (hundreds of articles: bench/RESULTS.md).
  var AHEAD_BYTES = 300 * 1000;
  // This script is assets/javascripts/search-worker.js at the site's root.
  var root = new URL("../../", self.location.href);
  var engine = null;
  var language = "";
  var latest = 0;
  var ahead = null;
  var bundleConfig = null;
  var bundleUrl = "";

  // Every file the engine fetches is kept, so a query already answered, or a
  // bundle fetched ahead, needs no network again. Pagefind runs in this
  // worker (it starts no worker of its own outside a window) and fetches
  // through self.fetch.
  var kept = {};
  var network = self.fetch.bind(self);
  self.fetch = function (input, init) {
    var url = typeof input === "string" ? input : input.url;
    if (!kept[url]) {
      kept[url] = network(input, init).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        var type = response.headers.get("content-type") || "application/octet-stream";
        return response.arrayBuffer().then(function (body) { return { body: body, type: type }; });
      });
      kept[url].catch(function () { delete kept[url]; });
    }
    return kept[url].then(function (file) {
      return new Response(file.body.slice(0), { status: 200, headers: { "content-type": file.type } });
    });
  };

  function fetchAhead() {
    var config = bundleConfig;
    if (ahead || !config || !config.chunks || config.chunk_bytes > AHEAD_BYTES) return;
    ahead = config.chunks.reduce(function (previous, chunk) {
      return previous.then(function () {
        return self.fetch(bundleUrl + chunk).catch(function () { /* fetched again when needed */ });
      });
    }, Promise.resolve());
  }

  function setup(index) {
    language = (index.config.lang || [""])[0];
    var bundle = new URL(index.config.pagefind, root).href;
    bundleConfig = index.config;
    bundleUrl = bundle;
    engine = import(bundle + "pagefind.js").then(function (pagefind) {
      // Result URLs as indexed: inside the language's root.
      return pagefind.options({ baseUrl: "/", excerptLength: 24 }).then(function () {
        return pagefind.init();
      }).then(function () {
        return pagefind;
      });
    });
    engine.then(function () { postMessage({ type: READY }); });
  }

  // Locations relative to the language's root, as Material resolves them
  // against the page's config.base.
  function location(url) {
    return url.replace(/^\/+/, "");
  }

  function group(data, score, terms) {
    var title = SearchText.shown(SearchText.escape(SearchText.title(data) || ""), language);
    var page = {
      location: location(data.url),
      title: title,
      text: SearchText.shown(data.excerpt, language),
      score: score,
      terms: terms
    };
    var sections = (data.sub_results || [])
      .filter(function (section) { return section.url.indexOf("#") !== -1; })
      .map(function (section) {
        var weight = (section.weighted_locations || []).reduce(function (sum, hit) { return sum + hit.balanced_score; }, 0);
        return { section: section, weight: weight };
      })
      .sort(function (a, b) { return b.weight - a.weight; })
      .slice(0, MAX_SECTIONS)
      .map(function (entry, rank) {
        return {
          location: location(entry.section.url),
          title: SearchText.shown(SearchText.escape(entry.section.title || ""), language),
          text: SearchText.shown(entry.section.excerpt, language),
          // Material shows the sections that score like the first one and
          // folds the others under "n more on this page".
          score: rank === 0 ? score : score * 0.5,
          terms: terms
        };
      });
    return [page].concat(sections);
  }

  function search(value, ticket) {
    var text = SearchText.query(value, language);
    if (!text) return Promise.resolve({ items: [] });
    return engine.then(function (pagefind) {
      return pagefind.search(text);
    }).then(function (found) {
      if (ticket !== latest) return null;
      var terms = {};
      text.split(/\s+/).forEach(function (term) { if (term) terms[term] = true; });
      return Promise.all(found.results.slice(0, MAX_PAGES).map(function (result) {
        return result.data().then(function (data) { return group(data, result.score, terms); });
      })).then(function (items) {
        return { items: items, total: found.results.length };
      });
    });
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      setup(message.data);
    } else if (message.type === QUERY) {
      var ticket = ++latest;
      search(message.data, ticket).then(function (result) {
        // A later query has been asked for: its answer is the one to show.
        if (result && ticket === latest) postMessage({ type: RESULT, data: result });
        if (result && result.items.length) fetchAhead();
      });
    }
  });
})();
