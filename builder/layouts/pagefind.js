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
//
// Newest first (a sort by date): see sortedSearch below.
export * from {{ primary|tojson }};
import * as pagefind from {{ primary|tojson }};

var params = new URLSearchParams(window.location.search);
var wanted = ["filters", "actor", "tag", "year", "source"].some(function (name) {
  return params.has(name);
});
var hidden = {};
var patchBundle = "";
var PATCH = "patch";
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
        patchBundle = data.bundle || "";
        return data.bundle ? pagefind.mergeIndex(data.bundle, { mergeFilter: { bundle: PATCH } }) : null;
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
    return inOrder(counts);
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
  // Every space is a space: Pagefind splits a query at ASCII spaces only, so "kabul ljubljana"
  // typed with a no-break space (Option+Space, pasted text) or an ideographic one (CJK input)
  // was one word to Pagefind and two to the lookup below, which then dropped the second.
  term = String(term || "").replace(/\s+/g, " ");
  options = await withEveryWord(term, options || {});
  var response = isSorted(options) ? await sortedSearch(term, options) : await pagefind.search(term, options);
  return withoutBundles(await prune(response));
}

// Typing waits for a pause (Pagefind's UI asks with its debounceTimeoutMs), then searches as
// search() does: only the last of the calls made meanwhile is answered (the others get null).
var typed = 0;

export async function debouncedSearch(term, options, timeout) {
  var call = ++typed;
  await new Promise(function (resolve) {
    window.setTimeout(resolve, timeout === undefined ? 300 : timeout);
  });
  return call === typed ? search(term, options) : null;
}

// A query of several words asks only the bundles whose index has each of them. Pagefind leaves
// out of a bundle's search the words its index does not have: with one bundle a year, "Kyiv wheat"
// listed every 2025 article with "Kyiv" (no 2025 article says "wheat") and every 2023 one with
// "wheat", and the one article with both came 105th of 114. A word no bundle has is left out by
// every bundle alike, as in one index. (Each word is looked up once per page, typing included:
// the word lists it loads are those the search loads anyway.)
// (A Map: in a plain object, the words "constructor", "hasOwnProperty"... found Object's own
// functions, and a query with one of them failed: "names.indexOf is not a function".)
var bundlesOf = new Map(); // word -> the bundles whose index has it

function bundlesWith(word) {
  if (!bundlesOf.has(word)) {
    bundlesOf.set(word, pagefind.search(word).then(withoutStale).then(function (counts) {
      return Object.keys(counts).filter(function (name) {
        return counts[name] > 0;
      });
    }));
  }
  return bundlesOf.get(word);
}

// A search's results by bundle, but for the stale versions of edited pages: a bundle that has a
// word only in a version edited away does not have it (found by a probe: "quokka zebra", with
// "quokka" edited out of its one article, asked that article's year alone and found nothing).
async function withoutStale(response) {
  var counts = Object.assign({}, response && response.filters && response.filters[BUNDLE]);
  var hiddenResults = ((response && response.results) || []).filter(function (result) {
    return hidden[result.id];
  });
  var stale = await Promise.all(hiddenResults.map(isStale));
  var labels = bundleLabels();
  hiddenResults.forEach(function (result, i) {
    var name = stale[i] && hiddenBundle(hidden[result.id], labels);
    if (name && counts[name] > 0) {
      counts[name] -= 1;
    }
  });
  return counts;
}

async function withEveryWord(term, options) {
  // The words of a quoted phrase count as the others do: each must be in the bundle (found by a
  // probe: '"grain exports" ljubljana' listed 41 articles without "ljubljana").
  var words = String(term || "").replace(/"/g, " ").trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) {
    return options;
  }
  var found = await Promise.all(words.map(bundlesWith));
  var known = found.filter(function (names) {
    return names.length > 0;
  });
  if (known.length < 2) {
    return options;
  }
  var everyWord = known[0].filter(function (name) {
    return known.every(function (names) {
      return names.indexOf(name) >= 0;
    });
  });
  var filters = Object.assign({}, options.filters);
  filters[BUNDLE] = { any: everyWord.length ? everyWord : ["(none)"] }; // (an empty "any" is no filter)
  return Object.assign({}, options, { filters: filters });
}

// Pagefind merges the results of merged bundles by score, and with a sort a result's score is
// its place in its own bundle: "newest first" listed the newest article of every year, then the
// second newest of every year, and so on. So every bundle is given a filter of its own, "bundle"
// (Pagefind's mergeFilter: kept in memory, never shown), which counts each bundle's results, and
// a sorted search asks a bundle for its own sorted results (when they are shown: see below). The
// bundles are disjoint periods (years and the newest month) listed newest first, so the sorted
// list is theirs one after the other. The patch's pages (of any period) then go in by the day in
// their URL (/YYYY/MM/DD/slug/), found by bisection.
var BUNDLE = "bundle";
var PRIMARY = "primary";
var periods = [PRIMARY]; // the bundles' filter values, newest first, as the UI merges them

export async function options(opts) {
  return pagefind.options(Object.assign({}, opts, { mergeFilter: { bundle: PRIMARY } }));
}

export async function mergeIndex(path, opts) {
  periods.push(path);
  return pagefind.mergeIndex(path, Object.assign({}, opts, { mergeFilter: { bundle: path } }));
}

function withoutBundles(response) {
  if (response) {
    response.filters = inOrder(response.filters);
    response.totalFilters = inOrder(response.totalFilters);
  }
  return response;
}

// Filter values A to Z: Pagefind lists the values of merged bundles one bundle after another
// (sources ran AFP, MENAFN, Reuters, Xinhua, then AP...). The bundles' own filter goes. (One
// collator, made once: localeCompare makes one for each comparison, on every search.)
var COLLATOR = new Intl.Collator();

function inOrder(counts) {
  if (!counts) {
    return counts;
  }
  var sorted = {};
  Object.keys(counts).forEach(function (name) {
    if (name !== BUNDLE) {
      sorted[name] = {};
      Object.keys(counts[name]).sort(COLLATOR.compare).forEach(function (value) {
        sorted[name][value] = counts[name][value];
      });
    }
  });
  return sorted;
}

function isSorted(options) {
  return Boolean(options && options.sort && Object.keys(options.sort).length);
}

function inBundle(options, name) {
  var filters = Object.assign({}, options.filters);
  filters[BUNDLE] = name;
  return Object.assign({}, options, { filters: filters });
}

// The date in an article's URL (/YYYY/MM/DD/slug/): [year, month, day], or null.
function urlDate(url) {
  var found = /\/(\d{4})\/(\d{2})\/(\d{2})\/[^\/]+\/?$/.exec(url || "");
  return found && found.slice(1);
}

function dayOf(url) {
  var date = urlDate(url);
  return date ? date.join("") : "";
}

async function resultDay(result) {
  try {
    var page = await result.data();
    return dayOf(page.raw_url || page.url);
  } catch (error) {
    return "";
  }
}

// Where a result of the given day goes in a list sorted by day (newest first, or oldest first
// when ``ascending``): before the first result of the same day or beyond it.
async function placeOf(results, day, ascending) {
  var low = 0;
  var high = results.length;
  while (low < high) {
    var middle = (low + high) >> 1;
    var other = await resultDay(results[middle]);
    if (ascending ? other < day : other > day) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

// A sorted search's bundles, each asked for its own sorted results once, when one of them is
// shown, or needed to place a patch page or to take a stale one out: Pagefind's UI asks a result
// for its data only when it shows it (ten at a time), so a search for a word in most of the
// archive asks one or two bundles, not all of them (at 100,000 articles, each asking costs
// about as much as the whole search).
function bundleResults(term, options) {
  var asked = {};
  return function (name) {
    if (!asked[name]) {
      asked[name] = pagefind.search(term, inBundle(options, name)).then(function (response) {
        return response.results;
      });
    }
    return asked[name];
  };
}

// The index-th result of a bundle, standing in until it is shown.
function standIn(results, name, index) {
  return {
    id: "bundle " + name + " " + index,
    score: 0,
    words: [],
    data: function () {
      return results(name).then(function (found) {
        return found[index].data();
      });
    },
  };
}

// The bundles holding the stale versions of the patch's pages (named in patch.json; by the year
// and month in their URL in a patch.json of before): their results are asked for at once, for
// prune() to take those out. (A year of more than 5,000 articles is in bundles of runs of days.)
function staleBundles() {
  var labels = bundleLabels();
  var found = {};
  Object.keys(hidden).forEach(function (id) {
    var name = hiddenBundle(hidden[id], labels);
    if (name) {
      found[name] = true;
    }
  });
  return found;
}

// Each bundle's filter value by the last part of its path ("2023", "2025-11", "2024-03-14").
function bundleLabels() {
  var labels = {};
  periods.forEach(function (name) {
    var path = name === PRIMARY ? {{ primary|tojson }} : name;
    labels[path.replace(/(pagefind\.js)?$/, "").replace(/\/$/, "").split("/").pop()] = name;
  });
  return labels;
}

// The bundle of a stale page's hidden version (patch.json's entry for it).
function hiddenBundle(entry, labels) {
  var date = urlDate(entry.url);
  return labels[entry.shard] || (date && (labels[date[0] + "-" + date[1]] || labels[date[0]])) || "";
}

async function sortedSearch(term, options) {
  var response = await pagefind.search(term, options);
  if (!response || !response.filters) {
    return response;
  }
  var counts = response.filters[BUNDLE] || {};
  var ascending = Object.keys(options.sort).some(function (key) {
    return options.sort[key] === "asc";
  });
  var names = periods.filter(function (name) {
    return counts[name] > 0;
  });
  if (ascending) {
    names.reverse();
  }
  var results = bundleResults(term, options);
  var stale = staleBundles();
  var asked = await Promise.all(names.map(function (name) {
    return stale[name] ? results(name) : null;
  }));
  var sorted = [];
  names.forEach(function (name, i) {
    for (var index = 0; index < counts[name]; index++) {
      sorted.push(asked[i] ? asked[i][index] : standIn(results, name, index));
    }
  });
  var late = patchBundle && counts[PATCH] > 0 ? await results(PATCH) : [];
  for (var i = 0; i < late.length; i++) {
    sorted.splice(await placeOf(sorted, await resultDay(late[i]), ascending), 0, late[i]);
  }
  response.results = sorted;
  return response;
}

export async function wantFilters() {
  wanted = true;
  return loadFilters();
}

export async function filters() {
  await patch();
  return wanted ? loadFilters() : {};
}
