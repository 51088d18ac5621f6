// The search page: Pagefind's UI, with the query, filters and sort kept in the URL so that a
// search can be linked and the Back button returns to it. Loaded only by /search/.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || typeof PagefindUI === "undefined") {
    return;
  }
  var params = new URLSearchParams(window.location.search);
  // The search in the page's title too, so that tabs, the history list and bookmarks tell one
  // search from another ("rutte · Search · News Archive").
  var pageTitle = document.title;
  function showTerm(term) {
    document.title = term ? term + " \u00b7 " + pageTitle : pageTitle;
  }
  var byDate = params.get("sort") === "date";
  var fallback = root.querySelector(".search-fallback");
  if (fallback) {
    fallback.remove();
  }
  // One bundle per year and one for the newest month, newest first: the newest is the main one,
  // the others are merged in. Its API is imported through search/<newest bundle>/pagefind.js,
  // which loads the filters only when the reader asks for them (see that file).
  var bundles = (root.getAttribute("data-bundles") || "").split(" ").filter(Boolean);
  // A search.html override from before that file has no data-api: the bundle's own
  // module then loads the filters at start, as Pagefind's UI does.
  var lazyFilters = root.hasAttribute("data-api");
  var api = lazyFilters ? root.getAttribute("data-api") : bundles[0];
  var languages = {}; // result URL -> the language of an article in another than the site's
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: api,
    mergeIndex: bundles.slice(1).map(function (path) {
      return { bundlePath: path };
    }),
    baseUrl: root.getAttribute("data-base"),
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    pageSize: 10,
    showEmptyFilters: false, // thousands of actors: list those of the results only
    sort: byDate ? { date: "desc" } : null,
    processResult: function (result) {
      delete result.meta.summary; // the excerpt already shows the text around the match
      if (result.meta.language) {
        languages[result.url] = result.meta.language;
        result.meta.language = languageName(result.meta.language); // "Arabic", not "ar"
      }
      textExcerpt(result);
      return result;
    },
  });
  var languageNames = window.Intl && Intl.DisplayNames
    ? new Intl.DisplayNames([document.documentElement.lang || "en"], { type: "language" }) : null;
  function languageName(code) {
    try {
      return (languageNames && languageNames.of(code)) || code;
    } catch (error) { // (a tag Intl does not take)
      return code;
    }
  }
  // The excerpt from the article's text only. Pagefind indexes the article's headline (its h1,
  // first) and the hidden line of its actors' names (last) as text, and its excerpt is the
  // window of 30 words with the most matches: it often opened with the headline shown just
  // above it, or a tail of it ("reports of rift with Ukraine. United States..."), and a short
  // article's, or one found by an actor's canonical name only, ended with the list of names
  // ("... premiums were falling. Ukraine, Viktor Orb\u00e1n."). The same window is chosen here
  // among the words between the two (the text's own start when no match falls there), with
  // Pagefind's marks. Left as Pagefind made it when the page's words are not as expected.
  var EXCERPT_WORDS = 30; // Pagefind's excerptLength
  function words(text) {
    return String(text || "").split(/[\r\n\s]+/g).filter(Boolean);
  }
  function bare(word) {
    return word.replace(/[.,]+$/, "").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function sameWords(found, wanted) {
    var a = found.map(bare).sort();
    var b = wanted.map(bare).sort();
    return a.length === b.length && a.every(function (word, i) {
      return word === b[i];
    });
  }
  function textExcerpt(result) {
    var raw = result.raw_content;
    var locations = result.weighted_locations;
    if (typeof raw !== "string" || !Array.isArray(locations) || raw.indexOf("\u200B") >= 0 || /[<>]/.test(raw)) {
      // no data to work with, text Pagefind splits otherwise (CJK), or (never seen: Pagefind
      // escapes it) a tag the excerpt, which the UI shows as HTML, would carry
      return;
    }
    var all = raw.split(/[\r\n\s]+/g);
    var title = words(unescapeHtml(result.meta.title || ""));
    var start = sameWords(all.slice(0, title.length), title) ? title.length : 0;
    var names = [];
    ((result.filters && result.filters.actor) || []).forEach(function (name) {
      names = names.concat(words(unescapeHtml(name)));
    });
    var end = all.length - names.length;
    if (!names.length || end <= start || !sameWords(all.slice(end), names)) {
      end = all.length;
    }
    if ((start === 0 && end === all.length) || end <= start) {
      return;
    }
    var scores = {};
    locations.forEach(function (word) {
      if (word.location >= start && word.location < end) {
        scores[word.location] = (scores[word.location] || 0) + (word.balanced_score || 1);
      }
    });
    // The densest window, and of equally dense ones in a row the middle one, as Pagefind
    // chooses (the matches then stand in the middle of the excerpt, not at its end).
    var best = -1;
    var densest = [start];
    var last = Math.max(start, end - EXCERPT_WORDS);
    for (var at = start; at <= last; at++) {
      var sum = 0;
      for (var i = at; i < Math.min(end, at + EXCERPT_WORDS); i++) {
        sum += scores[i] || 0;
      }
      if (sum > best) {
        best = sum;
        densest = [at];
      } else if (sum === best && densest[densest.length - 1] === at - 1) {
        densest.push(at);
      }
    }
    var from = best > 0 ? densest[Math.floor(densest.length / 2)] : start;
    var shown = [];
    for (var w = from; w < Math.min(end, from + EXCERPT_WORDS); w++) {
      shown.push(scores[w] ? "<mark>" + all[w] + "</mark>" : all[w]);
    }
    result.excerpt = shown.join(" ").trim();
  }
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
  // Filter values reach Pagefind's UI HTML-escaped once, as Jinja escapes (see pagefind_filter
  // in render.py: " is &#34;, ' is &#39;): escape the URL's to match, and unescape the UI's.
  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&#34;").replace(/'/g, "&#39;");
  }
  function unescapeHtml(text) {
    var box = document.createElement("textarea"); // its content is text: nothing is parsed or run
    box.innerHTML = text;
    return box.value;
  }
  var FILTERS = ["actor", "tag", "year", "source"];
  var filters = {};
  var chosen = {}; // the filters in the URL, as the reader reads them; kept up to date below
  FILTERS.forEach(function (name) {
    chosen[name] = params.getAll(name);
    var values = chosen[name].map(escapeHtml);
    if (values.length) {
      filters[name] = values;
    }
  });
  if (Object.keys(filters).length) {
    ui.triggerFilters(filters);
  }
  var query = (params.get("q") || "").trim();
  if (query) {
    ui.triggerSearch(query);
    showTerm(query);
  }

  var sortLink = document.getElementById("sort-link");
  var options = sortLink && sortLink.parentNode;
  var wantFilters = params.has("filters");
  // Filters on request: a button beside the sort link loads them, and the search runs again
  // with their counts; "filters" in the URL keeps them shown when the page is reloaded or linked.
  if (options) {
    options.hidden = false;
    if (lazyFilters && !wantFilters && !Object.keys(filters).length) {
      var filterButton = document.createElement("button");
      filterButton.type = "button";
      filterButton.className = "filter-toggle";
      filterButton.textContent = "Filter by year, source, tag or actor";
      filterButton.addEventListener("click", function () {
        if (wantFilters) {
          return; // already loading
        }
        wantFilters = true;
        filterButton.setAttribute("aria-busy", "true");
        filterButton.textContent = "Loading filters\u2026";
        import(api + "pagefind.js").then(function (pagefind) {
          return pagefind.wantFilters();
        }).then(function () {
          syncUrl(currentTerm());
          ui.triggerFilters(filters); // searches again, now with the filter counts
          focusFilters(filterButton);
        });
      });
      options.appendChild(document.createTextNode(" "));
      options.appendChild(filterButton);
    }
  }
  // The button goes once the filters are shown; focus moves to the first of them (or to the
  // search box when there is no search yet), not to the page's start as a removed button's would.
  function focusFilters(button) {
    var tries = currentTerm() ? 0 : 50; // no search yet: no filters to wait for
    (function look() {
      var first = root.querySelector(".pagefind-ui__filter-block summary");
      if (!first && tries++ < 50) {
        window.setTimeout(look, 100);
        return;
      }
      var target = first || root.querySelector(".pagefind-ui__search-input");
      button.remove();
      if (target) {
        target.focus();
      }
    })();
  }
  function currentTerm() {
    var box = root.querySelector(".pagefind-ui__search-input");
    return box ? box.value.trim() : "";
  }
  function syncUrl(term) {
    showTerm(term);
    var next = new URLSearchParams(window.location.search);
    if (term) {
      next.set("q", term);
    } else {
      next.delete("q");
    }
    if (wantFilters) {
      next.set("filters", "1");
    }
    FILTERS.forEach(function (name) {
      next.delete(name);
      chosen[name].forEach(function (value) {
        next.append(name, value);
      });
    });
    var search = next.toString();
    window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    showChosen(next);
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
  // The filters in force, each with a link that removes it: one from a link (&actor=...) may match
  // no value of the results, and Pagefind's UI then lists it nowhere, leaving "No results" and
  // nothing to untick.
  var shown = document.createElement("p");
  shown.className = "active-filters";
  shown.hidden = true;
  if (options) {
    options.parentNode.insertBefore(shown, options.nextSibling);
  }
  function showChosen(current) {
    shown.textContent = "";
    var any = false;
    FILTERS.forEach(function (name) {
      chosen[name].forEach(function (value) {
        var without = new URLSearchParams(current);
        without.delete(name);
        chosen[name].forEach(function (other) {
          if (other !== value) {
            without.append(name, other);
          }
        });
        shown.appendChild(document.createTextNode((any ? "; " : "Filtered by ") + name + ": " + value));
        var remove = document.createElement("a");
        remove.href = "?" + without.toString();
        remove.textContent = "remove";
        remove.setAttribute("aria-label", "Remove the filter " + name + ": " + value);
        shown.appendChild(remove);
        any = true;
      });
    });
    if (any && !current.get("q")) {
      // Pagefind searches for words only: filters alone find nothing, so ask for a word.
      shown.appendChild(document.createTextNode(". Type a word in the search box to search among these articles."));
    }
    shown.hidden = !any;
  }
  if (sortLink) {
    sortLink.textContent = byDate ? "Most relevant first" : "Newest first";
    syncUrl(query || "");
  }
  // The result count, told to screen readers too (WCAG 4.1.3): Pagefind's message is a plain
  // paragraph, made anew with each search, so a live region of the page's own repeats it.
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  root.parentNode.insertBefore(status, root);
  new MutationObserver(function () {
    var message = root.querySelector(".pagefind-ui__message");
    var text = message ? message.textContent.trim() : "";
    if (text && status.textContent !== text) {
      status.textContent = text;
    }
    markLanguages();
    focusMore();
  }).observe(root, { childList: true, subtree: true, characterData: true });
  // "Load more" puts the focus on the first result it added: the button is gone once every
  // result is shown, which left the focus nowhere, and a keyboard reader would otherwise tab
  // back through the results read already (WCAG 2.4.3).
  var shownBeforeMore = -1;
  function focusMore() {
    if (shownBeforeMore < 0) {
      return;
    }
    var added = root.querySelectorAll(".pagefind-ui__result")[shownBeforeMore];
    var link = added && added.querySelector(".pagefind-ui__result-link");
    if (link) {
      shownBeforeMore = -1;
      link.focus();
    }
  }
  // A result's title and excerpt in their own direction (an Arabic article's right to left, as
  // the listings show it), and in their language for screen readers when it is not the site's.
  function markLanguages() {
    root.querySelectorAll(".pagefind-ui__result:not([data-marked])").forEach(function (item) {
      var link = item.querySelector(".pagefind-ui__result-link");
      if (!link) {
        return; // its data is not there yet
      }
      item.setAttribute("data-marked", "");
      var lang = languages[link.getAttribute("href")];
      // The title's paragraph reads in its direction, not only its link: an Arabic title then
      // stands on the right, as its excerpt does. (dir="auto" on the link too would hide the
      // link's text from the paragraph's own "auto".)
      var title = link.closest(".pagefind-ui__result-title") || link;
      var excerpt = item.querySelector(".pagefind-ui__result-excerpt");
      [title, excerpt].forEach(function (part) {
        if (part) {
          part.setAttribute("dir", "auto");
        }
      });
      [link, title, excerpt].forEach(function (part) {
        if (part && lang) {
          part.setAttribute("lang", lang);
        }
      });
    });
  }
  // Escape and the Clear button empty the box without an input event: the URL (and the sort
  // link) follow, and Escape leaves the focus in the box rather than on the page.
  root.addEventListener("keydown", function (event) {
    var box = event.target;
    if (event.key === "Escape" && box && box.classList.contains("pagefind-ui__search-input")) {
      window.setTimeout(function () {
        syncUrl(currentTerm());
        box.focus();
      }, 0);
    }
  });
  // Counted before Pagefind's own handler adds the results (and takes the button away).
  root.addEventListener("click", function (event) {
    if (event.target && event.target.closest && event.target.closest(".pagefind-ui__results-area .pagefind-ui__button")) {
      shownBeforeMore = root.querySelectorAll(".pagefind-ui__result").length;
    }
  }, true);
  root.addEventListener("click", function (event) {
    if (event.target && event.target.closest && event.target.closest(".pagefind-ui__search-clear")) {
      window.setTimeout(function () {
        syncUrl(currentTerm());
        // The button hides once the box is empty: the focus goes back to the box, not nowhere.
        var box = root.querySelector(".pagefind-ui__search-input");
        if (box) {
          box.focus();
        }
      }, 0);
    }
  });
  root.addEventListener("input", function (event) {
    shownBeforeMore = -1; // (a new search: its results are not the ones "Load more" asked for)
    if (event.target && event.target.classList.contains("pagefind-ui__search-input")) {
      syncUrl(event.target.value.trim());
    }
  });
  // A filter ticked or unticked goes into the URL too, so a reload or Back keeps it.
  root.addEventListener("change", function (event) {
    var box = event.target;
    if (!box || !box.classList.contains("pagefind-ui__filter-checkbox") || FILTERS.indexOf(box.name) < 0) {
      return;
    }
    var value = unescapeHtml(box.value);
    chosen[box.name] = chosen[box.name].filter(function (other) {
      return other !== value;
    });
    if (box.checked) {
      chosen[box.name].push(value);
    }
    syncUrl(currentTerm());
  });
})();
