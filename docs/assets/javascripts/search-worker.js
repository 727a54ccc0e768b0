// Material's search worker, with Pagefind as its engine.
//
// Material's search (its dialog, results list, keyboard, highlighting on the
// page a result opens) talks to a worker by messages; this worker answers
// them as Material's own lunr worker does, from the page language's Pagefind
// bundle (hooks/publication/finish/search_index.py), which fetches only the
// chunks of the index that a query needs. Protocol (Material 9.8,
// integrations/search/worker/message): SETUP 0 (with the index file, here
// a stub that names the bundle), READY 1, QUERY 2, RESULT 3; and two of
// ours, before Material is ready to ask: TYPED, the text in the box,
// PREVIEW, the first pages found for it, which the page shows until
// Material's first RESULT (assets/javascripts/search-preview.js), and
// ENGINE, the engine is ready.
//
// The page starts this worker as the reader reaches for the search, with the
// language, the bundle and the entry's cache tag in its address
// (#lang=…&pagefind=…&tag=…; overrides/main.html), and hands it to
// Material's bundle when that creates its worker: the engine's files then
// load while the bundle does. Started by Material
// (no address), it waits for SETUP.
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3, TYPED = "typed", PREVIEW = "preview", ENGINE = "engine", FILE = "file";
  var MAX_PAGES = 20;      // pages whose excerpts are loaded for one query
  var MAX_SECTIONS = 4;    // sections listed under a page
  var PREVIEW_PAGES = 5;   // pages of a preview: one round of requests
  // This script is assets/javascripts/search-worker.js at the site's root.
  var root = new URL("../../", self.location.href);
  var engine = null;
  var language = "";
  var latest = 0;
  var ahead = null;
  var bundleConfig = null;
  var bundleUrl = "";
  var typed = 0;

  // Every file the engine fetches is kept, so a query already answered, or a
  // bundle fetched ahead, needs no network again. Pagefind runs in this
  // worker (it starts no worker of its own outside a window) and fetches
  // through self.fetch.
  var kept = {};
  var network = self.fetch.bind(self);
  function load(input, init) {
    return network(input, init).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.url);
      var type = response.headers.get("content-type") || "application/octet-stream";
      return response.arrayBuffer().then(function (body) { return { body: body, type: type }; });
    });
  }
  self.fetch = function (input, init) {
    var url = typeof input === "string" ? input : input.url;
    if (!kept[url]) {
      kept[url] = load(input, init);
      kept[url].catch(function () { delete kept[url]; });
    }
    return kept[url].then(function (file) {
      return new Response(file.body.slice(0), { status: 200, headers: { "content-type": file.type } });
    });
  };

  // The engine's first files, which the page fetches as the reader taps
  // (overrides/main.html: a round trip before this worker could ask) and
  // hands over in FILE messages. Until one comes, a fetch of it waits; one
  // the page could not get, or that does not come, is fetched here.
  var awaited = {};
  function awaitFile(url) {
    if (kept[url]) return;
    var file = new Promise(function (resolve, reject) {
      awaited[url] = { resolve: resolve, reject: reject };
      setTimeout(reject, 5000);
    });
    kept[url] = file.catch(function () {
      delete awaited[url];
      return load(url);
    });
    kept[url].catch(function () { delete kept[url]; });
  }
  function given(file) {
    var waiting = awaited[file.url];
    delete awaited[file.url];
    if (file.body && /pagefind-entry\.json/.test(file.url)) {
      // The page fetches the metadata the entry names next: wait for it too.
      try {
        var entry = JSON.parse(new TextDecoder().decode(file.body));
        var found = entry.languages[language] || entry.languages[Object.keys(entry.languages)[0]];
        awaitFile(bundleUrl + "pagefind." + found.hash + ".pf_meta");
      } catch (error) { /* Pagefind reports a broken entry */ }
    }
    if (!waiting) return;
    if (file.body) waiting.resolve({ body: file.body, type: file.type });
    else waiting.reject(new Error("not given: " + file.url));
  }

  // The stub lists the bundle's chunks when they are few enough to fetch
  // whole once the first result is shown, so the search keeps working
  // offline; a larger bundle is fetched chunk by chunk, as queries need it.
  function fetchAhead() {
    var config = bundleConfig;
    if (ahead || !config || !config.chunks || !config.chunks.length) return;
    ahead = config.chunks.reduce(function (previous, chunk) {
      return previous.then(function () {
        return self.fetch(bundleUrl + chunk).catch(function () { /* fetched again when needed */ });
      });
    }, Promise.resolve());
  }

  // Pagefind fetches its entry file, then its metadata and WebAssembly, after
  // its own script: a chain of round trips. The page that started this
  // worker asks for all three at once (the entry at the address Pagefind
  // will ask for, its cache tag set to the page's; the WebAssembly under
  // the name Pagefind gives a language's, wasm.<language>.pagefind).
  function awaitEngineFiles(bundle, lang, tag) {
    awaitFile(bundle + "pagefind-entry.json?ts=" + tag);
    awaitFile(bundle + "wasm." + lang + ".pagefind");
  }

  // The engine starts once per bundle, from the worker's address or from
  // Material's SETUP, whichever comes first; SETUP also brings the stub.
  function start(lang, pagefind, givenTag) {
    var bundle = new URL(pagefind, root).href;
    if (engine && bundle === bundleUrl) return;
    language = lang;
    bundleUrl = bundle;
    var tag = givenTag || String(Date.now());
    if (givenTag) awaitEngineFiles(bundle, lang, tag);
    engine = import(bundle + "pagefind.js").then(function (pagefind) {
      // Result URLs as indexed: inside the language's root.
      return pagefind.options({ baseUrl: "/", excerptLength: 24, metaCacheTag: tag }).then(function () {
        return pagefind.init();
      }).then(function () {
        postMessage({ type: ENGINE });
        return pagefind;
      });
    });
  }

  function setup(index) {
    start((index.config.lang || [""])[0], index.config.pagefind);
    bundleConfig = index.config;
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

  // What the reader typed before Material could ask: its first pages are
  // sent as a PREVIEW, and its index chunks and the excerpts of the rest are
  // fetched (and kept), so Material's QUERY for it needs no network. Only the
  // text that stays in the box for a moment, not every prefix on the way.
  function preload(value) {
    var ticket = ++typed;
    setTimeout(function () {
      var text = SearchText.query(value, language);
      if (ticket !== typed || !engine || !text) return;
      engine.then(function (pagefind) {
        return pagefind.search(text);
      }).then(function (found) {
        var terms = {};
        text.split(/\s+/).forEach(function (term) { if (term) terms[term] = true; });
        var results = found.results.slice(0, MAX_PAGES);
        return Promise.all(results.slice(0, PREVIEW_PAGES).map(function (result) {
          return result.data().then(function (data) { return group(data, result.score, terms)[0]; });
        })).then(function (pages) {
          if (ticket === typed && !latest) {
            // Counted as Material will count its list: the pages it is given.
            postMessage({ type: PREVIEW, data: { query: value, total: results.length, items: pages } });
          }
          results.slice(PREVIEW_PAGES).forEach(function (result) { result.data().catch(function () {}); });
        });
      }).catch(function () { /* Material's QUERY asks again */ });
    }, 150);
  }

  addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === FILE) {
      given(message.data);
    } else if (message.type === TYPED) {
      preload(message.data);
    } else if (message.type === SETUP) {
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

  var address = new URLSearchParams(self.location.hash.slice(1));
  if (address.get("pagefind")) start(address.get("lang") || "", address.get("pagefind"), address.get("tag"));
})();

// After the engine's files are asked for: a round trip that need not come first.
importScripts("search-text.js");
