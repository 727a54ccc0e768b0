// What the search does to a reader's words before it looks them up, and to
// the text it shows back, shared by the search worker (search-worker.js) and
// the other-language offer (search-fallback.js).
//
// The index (hooks/publication/finish/search_index.py) cuts French elisions with a
// straight apostrophe, which Pagefind splits: "l’économie" is indexed as
// "l'économie", found by "économie". A query loses its elided article
// ("l’économie" -> "économie"; an article is no word to search for), and
// what the reader sees gets its curly apostrophe back. Keep the two lists
// of elisions in step.
(function (scope) {
  "use strict";
  var ELIDED = "(jusqu|lorsqu|puisqu|qu|[ldjmnstc])";
  var QUERY_ELISION = new RegExp("(^|[^\\p{L}\\p{N}_])" + ELIDED + "['’ʼ‘](?=[\\p{L}\\p{N}])", "giu");
  var SHOWN_ELISION = new RegExp("(^|[^\\p{L}\\p{N}_])" + ELIDED + "'(?=[\\p{L}\\p{N}<])", "giu");

  var POSSESSIVE = /(\p{L}|\p{N})['’ʼ‘]s(?![\p{L}\p{N}])/giu;

  function query(text, language) {
    var words = text.normalize("NFC");
    if (language === "fr") words = words.replace(QUERY_ELISION, "$1");
    // "Nvidia’s" looks for Nvidia.
    if (language === "en") words = words.replace(POSSESSIVE, "$1");
    // A typographic apostrophe is the same letter as a straight one.
    return words.replace(/[’ʼ‘]/g, "'").trim();
  }

  function shown(html, language) {
    return language === "fr" ? html.replace(SHOWN_ELISION, "$1$2’") : html;
  }

  function escape(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // A page's title as listed; the side-by-side view keeps it in a filter,
  // which Pagefind does not search (hooks/publication/finish/search_index.py).
  function title(data) {
    var shown = data.filters && data.filters.shown_title;
    return (shown && shown[0]) || data.meta.title || data.url;
  }

  scope.SearchText = { query: query, shown: shown, escape: escape, title: title };
})(self);
