"""What browser tests read of Material's search, shared by the suites that search."""

# Material's prompts before a query, in English and French ("search.result.
# placeholder" and "search.result.initializer" in its language files), and
# the first alone: Material ready for a query.
PROMPT = "/^(Type to start|Taper pour démarrer|Initializing|Initialisation)/"
READY = "/^(Type to start|Taper pour démarrer)/"

# Material writes the count first and lists the results a frame later: the
# answer is there when the count is, and, if it counts any, the first result.
# A function of the prompt pattern (Material's words before a query).
ANSWERED = """(prompt) => {
  const meta = document.querySelector('.md-search-result__meta').textContent;
  return !prompt.test(meta) && (!/^\\d/.test(meta) || document.querySelector('.md-search-result__item') !== null);
}"""
