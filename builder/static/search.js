// The search page: Pagefind's UI, with the query, filters and sort kept in the URL so that a
// search can be linked and the Back button returns to it. Loaded only by /search/.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || typeof PagefindUI === "undefined") {
    return;
  }
  var params = new URLSearchParams(window.location.search);
  var byDate = params.get("sort") === "date";
  var fallback = root.querySelector(".search-fallback");
  if (fallback) {
    fallback.remove();
  }
  // One bundle per year and one for the newest month, newest first: the newest is the main one,
  // the others are merged in.
  var bundles = (root.getAttribute("data-bundles") || "").split(" ").filter(Boolean);
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: bundles[0],
    mergeIndex: bundles.slice(1).map(function (path) {
      return { bundlePath: path };
    }),
    baseUrl: root.getAttribute("data-base"),
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    pageSize: 10,
    sort: byDate ? { date: "desc" } : null,
    processResult: function (result) {
      delete result.meta.summary; // the excerpt already shows the text around the match
      return result;
    },
  });
  // Pagefind's box has only a title: give it a real label, for screen readers and axe alike.
  var input = root.querySelector(".pagefind-ui__search-input");
  if (input) {
    input.id = "search-query";
    var label = document.createElement("label");
    label.setAttribute("for", "search-query");
    label.className = "visually-hidden";
    label.textContent = "Search the archive";
    input.parentNode.insertBefore(label, input);
  }
  // Filter values are stored HTML-escaped once (see article.html): escape the URL's to match.
  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }
  var filters = {};
  ["actor", "tag", "year", "source"].forEach(function (name) {
    var values = params.getAll(name).map(escapeHtml);
    if (values.length) {
      filters[name] = values;
    }
  });
  if (Object.keys(filters).length) {
    ui.triggerFilters(filters);
  }
  var query = params.get("q");
  if (query) {
    ui.triggerSearch(query);
  }

  var sortLink = document.getElementById("sort-link");
  function syncUrl(term) {
    var next = new URLSearchParams(window.location.search);
    if (term) {
      next.set("q", term);
    } else {
      next.delete("q");
    }
    var search = next.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    if (sortLink) {
      var other = new URLSearchParams(next);
      if (byDate) {
        other.delete("sort");
      } else {
        other.set("sort", "date");
      }
      sortLink.setAttribute("href", "?" + other.toString());
    }
  }
  if (sortLink) {
    sortLink.textContent = byDate ? "Most relevant first" : "Newest first";
    syncUrl(query || "");
  }
  root.addEventListener("input", function (event) {
    if (event.target && event.target.classList.contains("pagefind-ui__search-input")) {
      syncUrl(event.target.value.trim());
    }
  });
})();
