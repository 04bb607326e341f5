/* The book's search scorer (helpers.site.search): Sphinx inlines this file into language_data.js,
 * which the search page loads after searchtools.js.
 *
 * Sphinx scores every page that has a word alike. searchindex.js also holds, under "bookprose",
 * how often each page's prose (not its data tables, chart markup or code) uses each word. A page
 * gains by how often its prose uses the words searched for; a page that has one of them only in a
 * data table falls below every page whose prose has them all; the teaching part's pages rank after the
 * chapters' for the same use of the words. Excerpts come from the page's
 * article, without its data tables, code and contents list. */
var Scorer = {
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
  // Below any page whose prose has the words: data tables stay searchable, after the prose.
  dataOnly: -1000,
  // The teaching part (guides and their handouts) quotes the chapters' documents for the classroom:
  // a reader searching a name is offered the chapter that tells the story first, the handouts after it.
  apparatus: { prefix: "teaching/", score: -30 },

  _terms: null,
  queryTerms: () => {
    if (Scorer._terms === null) {
      const query = new URLSearchParams(window.location.search).get("q") || "";
      const stemmer = new Stemmer();
      Scorer._terms = splitQuery(query.trim())
        .map((word) => word.toLowerCase())
        .filter((word) => stopwords.indexOf(word) === -1 && !word.match(/^\d+$/) && word[0] !== "-")
        .map((word) => [stemmer.stemWord(word), word]);
    }
    return Scorer._terms;
  },

  score: (result) => {
    const [docname, _title, _anchor, _descr, score] = result;
    const index = Search._index;
    const prose = index.bookprose && index.bookprose[index.docnames.indexOf(docname)];
    if (!prose) return score;
    let bonus = 0;
    for (const [stem, word] of Scorer.queryTerms()) {
      const uses = prose[stem] || prose[word] || 0;
      if (!uses) return score + Scorer.dataOnly;
      bonus += 5 * Math.log2(1 + uses);
    }
    if (docname.startsWith(Scorer.apparatus.prefix)) bonus += Scorer.apparatus.score;
    return score + bonus;
  },
};

if (typeof Search !== "undefined") {
  const pageText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    const notProse = "details.chart-data, .vega-chart, .cell_input, .live-view, .bd-sidebar-secondary, .bd-toc, nav, "
      + ".headerlink, script, style";
    page.querySelectorAll(notProse).forEach((el) => el.remove());
    const article = page.querySelector('[role="main"] article');
    if (article && !anchor) return article.textContent;
    return pageText(page.documentElement.outerHTML, anchor);
  };
}
