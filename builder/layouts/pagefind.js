// Pagefind's API as the search page's UI imports it (from "<bundlePath>pagefind.js"): the newest
// bundle's own module, with two changes.
//
// Filters load when the reader asks for them: filters() stays empty until then. Filter counts are
// computed for every search once filters are loaded, over every filter value of every bundle: at
// 100,000 articles that makes a search for a common name 3 to 4 times slower, and loading them
// fetches every filter file (2.8 MB) before the first result.
//
// The patch (builder/search.py): pages changed since their year's bundle was made are indexed in
// one more bundle, merged before the first search, and their stale versions in the year's bundle
// are taken out of the results and of the filter counts. patch.json is asked for afresh (a
// conditional request), as Pagefind asks for each bundle's entry file, so the two always agree.
export * from {{ primary|tojson }};
import * as pagefind from {{ primary|tojson }};

var params = new URLSearchParams(window.location.search);
var wanted = ["filters", "actor", "tag", "year", "source"].some(function (name) {
  return params.has(name);
});
var hidden = {};
var patched = null;
var loaded = null;

function patch() {
  if (!patched) {
    patched = fetch({{ patch|tojson }}, { cache: "no-cache" })
      .then(function (response) {
        return response.ok ? response.json() : {};
      })
      .catch(function () {
        return {};
      })
      .then(function (data) {
        hidden = data.hidden || {};
        return data.bundle ? pagefind.mergeIndex(data.bundle) : null;
      });
  }
  return patched;
}

function uncount(counts, filters) {
  Object.keys(filters).forEach(function (name) {
    var values = counts && counts[name];
    filters[name].forEach(function (value) {
      if (values && values[value] > 0) {
        values[value] -= 1;
      }
    });
  });
}

// A result is a stale page when its id is hidden and its URL is the hidden page's: ids are short
// hashes, and another bundle's page may have the same.
function isStale(result) {
  var entry = hidden[result.id];
  if (!entry) {
    return Promise.resolve(false);
  }
  return result.data().then(function (page) {
    return page.raw_url === entry.url;
  }, function () {
    return false;
  });
}

async function prune(response) {
  if (!response || !response.results) {
    return response;
  }
  var stale = await Promise.all(response.results.map(isStale));
  var kept = response.results.filter(function (result, i) {
    if (stale[i]) {
      uncount(response.filters, hidden[result.id].filters);
      uncount(response.totalFilters, hidden[result.id].filters);
    }
    return !stale[i];
  });
  response.unfilteredResultCount -= response.results.length - kept.length;
  response.results = kept;
  return response;
}

// Pagefind counts a search's filter values over the filter files loaded so far, and only
// filters() loads them all: a search that ran first counted some bundles' values and not others'.
// Once filters are wanted, every search waits for them. The UI calls filters() after merging the
// last bundle, so that load covers every bundle. Its counts, like a search's, leave out the stale
// pages.
function loadFilters() {
  loaded = patch().then(function () {
    return pagefind.filters();
  }).then(function (counts) {
    Object.keys(hidden).forEach(function (id) {
      uncount(counts, hidden[id].filters);
    });
    return counts;
  });
  return loaded;
}

async function ready() {
  await patch();
  if (wanted && !loaded) {
    loadFilters();
  }
  if (loaded) {
    await loaded;
  }
}

export async function search(term, options) {
  await ready();
  return prune(await pagefind.search(term, options));
}

export async function debouncedSearch(term, options, timeout) {
  await ready();
  return prune(await pagefind.debouncedSearch(term, options, timeout));
}

export async function wantFilters() {
  wanted = true;
  return loadFilters();
}

export async function filters() {
  await patch();
  return wanted ? loadFilters() : {};
}
