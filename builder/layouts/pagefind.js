// Pagefind's API as the search page's UI imports it (from "<bundlePath>pagefind.js"): the newest
// bundle's own module, whose filters() stays empty until the reader asks for filters. Filter
// counts are computed for every search once filters are loaded, over every filter value of every
// bundle: at 100,000 articles that makes a search for a common name 3 to 4 times slower, and
// loading them fetches every filter file (2.8 MB) before the first result.
export * from {{ primary|tojson }};
import { filters as everyFilter } from {{ primary|tojson }};

var params = new URLSearchParams(window.location.search);
var wanted = ["filters", "actor", "tag", "year", "source"].some(function (name) {
  return params.has(name);
});

export function wantFilters() {
  wanted = true;
  return everyFilter();
}

export function filters() {
  return wanted ? everyFilter() : Promise.resolve({});
}
