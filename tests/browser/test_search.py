"""Search in the real Pagefind UI, in headless Chromium, on a site served under a sub-path."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from builder import indexes
from tests.browser.conftest import serve
from tests.helpers import article, build_site, write_files

pytestmark = pytest.mark.slow
HOSTILE = "<img src=x onerror=alert(1)>"
QUOTED = 'Dock "Red" & <Sons>'  # an actor's name with the characters HTML escapes


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("search")
    write_files(root, {
        "content/grain.md": article("Grain corridor talks resume in Istanbul", "2025-03-20T09:00:00Z",
                                    body="Negotiators discussed the zucchinifarm proposal for grain exports.",
                                    actors="[Mark Rutte, Recep Erdogan]", tags="[Trade]", source="MENAFN"),
        "content/budget.md": article("Alliance budget grows again", "2025-03-21T09:00:00Z",
                                     body="Members agreed on the zucchinifarm budget line.",
                                     actors="[Donald Trump]", tags="[Defence]", source="AP"),
        "content/hostile.md": article(f'"{HOSTILE}"', "2025-03-22T09:00:00Z",
                                      body="A hostile headline about the quokkafestival.", source="AFP"),
        "content/other.md": article("Unrelated weather story", "2024-01-05T09:00:00Z",
                                    body="Rain and wind across the region.", actors="[Mark Rutte]"),
        "content/dock.md": article("Dockers strike at the harbour", "2025-03-23T09:00:00Z",
                                   body="The kumquatharbour strike goes on.", actors=f"['{QUOTED}']"),
        "content/port.md": article("Port reopens after the strike", "2025-03-24T09:00:00Z",
                                   body="The kumquatharbour reopens.", actors="[Port Authority]"),
    })
    build_site(root, base_url="https://user.github.io/repo/")
    with serve(root / "site", "/repo/") as url:
        yield url


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(bypass_csp=True)  # lets the test evaluate its own expressions
    new_page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    new_page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    new_page.on("pageerror", lambda e: errors.append(str(e)))
    new_page.on("request", lambda r: requests.append(r.url))
    new_page.on("dialog", lambda d: errors.append(f"dialog opened: {d.message}"))
    yield new_page
    assert errors == [], errors
    assert all(u.startswith("http://127.0.0.1:") for u in requests), requests
    context.close()


def checkbox(page: Any, value: str) -> Any:
    """A filter's checkbox (the line of filters in force has a "remove" link naming it too)."""
    return page.get_by_role("checkbox", name=re.compile("^" + re.escape(value) + r" \(\d+\)$"))


def result_titles(page: Any) -> list[str]:
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
    # Each result shows its link once its own data has loaded: wait for all of them.
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-link').length === "
                           "document.querySelectorAll('.pagefind-ui__result').length")
    return [t.strip() for t in page.locator(".pagefind-ui__result-link").all_inner_texts()]


def test_query_shows_the_article_with_date_and_source(page: Any, site_url: str) -> None:
    page.goto(site_url + "search/")
    page.fill(".pagefind-ui__search-input", "zucchinifarm")
    assert sorted(result_titles(page)) == ["Alliance budget grows again",
                                           "Grain corridor talks resume in Istanbul"]
    tags = page.locator(".pagefind-ui__result-tags").first.inner_text()
    assert "Date:" in tags and "Source:" in tags
    assert "q=zucchinifarm" in page.url


def test_an_older_years_bundle_is_searched_with_the_first_bundles_code(page: Any, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))  # the worker's fetches too
    page.goto(site_url + "search/")
    page.fill(".pagefind-ui__search-input", "wind")
    assert result_titles(page) == ["Unrelated weather story"]  # from pagefind/2024/, merged
    merged = [url for url in requested if "/pagefind/2024/" in url]
    assert merged and not [url for url in merged if url.endswith((".js", ".pagefind"))], merged


def test_filters_load_only_when_asked_for(page: Any, site_url: str) -> None:
    """Filter counts slow every search of a large archive 3 to 4 times: no filter file is fetched
    until the reader asks for filters; then they narrow the results."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))  # the worker's fetches too
    page.goto(site_url + "search/?q=zucchinifarm")
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result-link').length === 2")
    assert page.locator("details.pagefind-ui__filter-block").count() == 0
    assert not [url for url in requested if url.endswith(".pf_filter")]
    page.get_by_role("button", name="Filter by year, source, tag or actor").click()
    page.wait_for_function("document.activeElement.matches('details.pagefind-ui__filter-block summary')")
    assert page.get_by_role("button", name="Filter by year, source, tag or actor").count() == 0
    page.locator("details.pagefind-ui__filter-block", has_text="actor").locator("summary").click()
    assert [url for url in requested if url.endswith(".pf_filter")]
    assert "filters=1" in page.url and "q=zucchinifarm" in page.url  # a reload keeps them shown
    sources = page.locator("details.pagefind-ui__filter-block", has_text="source")
    sources.locator("summary").click()
    labels = sources.locator(".pagefind-ui__filter-label").all_inner_texts()
    assert sorted(label.split(" (")[0] for label in labels) == ["AP", "MENAFN"]  # not AFP: no result has it
    checkbox(page, "Mark Rutte").check()
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result').length === 1")
    assert result_titles(page) == ["Grain corridor talks resume in Istanbul"]


def test_a_linked_search_with_filters_counts_every_bundles_values(page: Any, site_url: str) -> None:
    """Pagefind counts a search's filter values over the filter files loaded so far. The 2024
    bundle's arrive late here: the first search must still count them (it used not to wait)."""
    def late(route: Any) -> None:
        time.sleep(1.5)
        route.continue_()

    page.context.route("**/pagefind/2024/filter/*", late)
    page.goto(site_url + "search/?q=wind&filters=1")
    assert result_titles(page) == ["Unrelated weather story"]
    actors = page.locator("details.pagefind-ui__filter-block", has_text="actor")
    actors.locator("summary").click()
    assert actors.locator(".pagefind-ui__filter-label").all_inner_texts() == ["Mark Rutte (1)"]


def test_a_filter_in_the_url_applies_and_shows_the_filters(page: Any, site_url: str) -> None:
    page.goto(site_url + "search/?q=zucchinifarm&actor=Mark+Rutte")
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result').length === 1")
    assert result_titles(page) == ["Grain corridor talks resume in Istanbul"]
    page.locator("details.pagefind-ui__filter-block", has_text="actor").locator("summary").click()
    assert checkbox(page, "Mark Rutte").is_checked()
    assert page.get_by_role("button", name="Filter by year, source, tag or actor").count() == 0


def test_a_filter_in_the_url_with_a_double_quote_applies(page: Any, site_url: str) -> None:
    """The URL's value is escaped as Jinja escaped it in the article (" as &#34;, not &quot;)."""
    page.goto(site_url + "search/?" + urlencode({"q": "kumquatharbour", "actor": QUOTED}))
    assert result_titles(page) == ["Dockers strike at the harbour"]


def test_a_filter_ticked_in_the_ui_survives_reload_and_back(page: Any, site_url: str) -> None:
    page.goto(site_url + "search/?q=kumquatharbour&filters=1")
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result').length === 2")
    page.locator("details.pagefind-ui__filter-block", has_text="actor").locator("summary").click()
    checkbox(page, QUOTED).check()
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result').length === 1")
    assert parse_qs(urlsplit(page.url).query)["actor"] == [QUOTED]
    page.reload()
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result').length === 1")
    assert result_titles(page) == ["Dockers strike at the harbour"]
    page.get_by_role("link", name="Dockers strike at the harbour").click()
    page.wait_for_url("**/2025/03/23/**")
    page.go_back()
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result').length === 1")
    assert result_titles(page) == ["Dockers strike at the harbour"]
    page.locator("details.pagefind-ui__filter-block", has_text="actor").locator("summary").click()
    checkbox(page, QUOTED).uncheck()  # unticked: out of the URL again
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__result').length === 2")
    assert "actor" not in parse_qs(urlsplit(page.url).query)


def test_result_link_opens_the_article_under_the_sub_path(page: Any, site_url: str) -> None:
    page.goto(site_url + "search/?q=zucchinifarm")
    result_titles(page)
    page.get_by_role("link", name="Grain corridor talks resume in Istanbul").click()
    page.wait_for_url("**/repo/2025/03/20/grain-corridor-talks-resume-in-istanbul/")
    assert page.locator("h1").inner_text() == "Grain corridor talks resume in Istanbul"


def test_header_form_from_home_reaches_results(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.fill("#site-search", "quokkafestival")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/repo/search/?q=quokkafestival")
    assert result_titles(page) == [HOSTILE]  # shown as text, never as an element


def test_hostile_title_is_text_in_results(page: Any, site_url: str) -> None:
    page.goto(site_url + "search/?q=quokkafestival")
    result_titles(page)
    assert page.locator(".pagefind-ui__results img").count() == 0
    assert HOSTILE in page.locator(".pagefind-ui__result-link").first.inner_text()


def test_index_pages_stay_out_of_results(page: Any, site_url: str) -> None:
    page.goto(site_url + "search/?q=rutte")
    titles = result_titles(page)
    assert set(titles) <= {"Grain corridor talks resume in Istanbul", "Unrelated weather story"}


def test_search_page_without_javascript_links_the_indexes(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "search/?q=rutte")
    text = page.locator("main").inner_text()
    assert "needs JavaScript" in text
    hrefs = page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert {"/repo/tags/", "/repo/actors/", "/repo/2025/"} <= set(hrefs)
    context.close()


def test_no_article_page_loads_scripts(page: Any, site_url: str, tmp_path: Path) -> None:
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    page.goto(site_url + "2025/03/20/grain-corridor-talks-resume-in-istanbul/")
    page.goto(site_url)
    assert scripts == []


def test_a_search_layout_from_before_the_api_file_still_searches(page: Any, tmp_path: Path) -> None:
    """A layouts/search.html written before search/pagefind.js (no data-api) imports the bundle's
    own module: results and filters as Pagefind's UI gives them, and no button that would fail."""
    builtin = (Path(__file__).parents[2] / "builder" / "layouts" / "search.html").read_text()
    old = builtin.replace(' data-api="{{ api }}"', "")
    assert old != builtin
    root = write_files(tmp_path, {
        "layouts/search.html": old,
        "content/grain.md": article("Grain corridor talks resume", "2025-03-20T09:00:00Z",
                                    body="The zucchinifarm proposal.", actors="[Mark Rutte]"),
    })
    build_site(root)
    with serve(root / "site") as url:
        page.goto(url + "search/?q=zucchinifarm")
        assert result_titles(page) == ["Grain corridor talks resume"]
        page.wait_for_selector("details.pagefind-ui__filter-block", timeout=10_000)
        assert page.get_by_role("button", name="Filter by year, source, tag or actor").count() == 0


def test_an_edited_article_is_found_as_it_is_now_through_the_patch(page: Any, tmp_path: Path) -> None:
    """An edit to an older year's article goes to the patch bundle: the stale version in the year's
    bundle is found by no word and counted in no filter; the new one is found once."""
    root = write_files(tmp_path, {
        "content/old.md": article("Orchard report", "2024-02-01T09:00:00Z", tags="[Trade]",
                                  body="The quinceorchard harvest and the fruitbasket prices."),
        "content/other.md": article("Market report", "2024-03-01T09:00:00Z", tags="[Trade]",
                                    body="The fruitbasket market."),
        "content/new.md": article("Newest story", "2025-03-20T09:00:00Z", body="Nothing here."),
    })
    build_site(root, base_url="https://user.github.io/repo/")
    write_files(root, {"content/old.md": article("Orchard report", "2024-02-01T09:00:00Z", tags="[Farming]",
                                                 body="The plumorchard harvest and the fruitbasket prices.")})
    build_site(root, base_url="https://user.github.io/repo/")
    assert (root / "site" / "pagefind" / "patch" / "pagefind-entry.json").is_file()
    with serve(root / "site", "/repo/") as url:
        page.goto(url + "search/?q=plumorchard")
        assert result_titles(page) == ["Orchard report"]
        page.goto(url + "search/?q=quinceorchard")
        page.wait_for_selector(".pagefind-ui__message", timeout=10_000)
        page.wait_for_function("document.querySelector('.pagefind-ui__message').textContent.includes('No results')")
        assert page.locator(".pagefind-ui__result").count() == 0
        page.goto(url + "search/?q=fruitbasket&filters=1")
        assert sorted(result_titles(page)) == ["Market report", "Orchard report"]
        tags = page.locator("details.pagefind-ui__filter-block", has_text="tag")
        tags.locator("summary").click()
        labels = tags.locator(".pagefind-ui__filter-label").all_inner_texts()
        assert sorted(labels) == ["Farming (1)", "Trade (1)"]  # not Trade (2): the stale page is not counted
        # The API's filters() (the whole archive's values, for layouts of one's own) neither.
        api = page.locator("#search").get_attribute("data-api")
        counts = page.evaluate("api => import(api + 'pagefind.js').then(m => m.wantFilters())", api)
        assert counts["tag"] == {"Farming": 1, "Trade": 1} and counts["year"]["2024"] == 2


def _story(number: int, date: str) -> str:
    return article(f"Story {number}", date, body=f"The walrusbeach story number {number}.", tags="[Trade]")


@pytest.mark.parametrize("bundle_pages", [0, 2])
def test_newest_first_sorts_across_every_years_bundle_and_the_patch(page: Any, tmp_path: Path, bundle_pages: int,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind merges bundles by score, and a sorted search scores a result by its place in its own
    bundle: newest first gave each year's newest story, then each year's second newest... Here
    the list is by date over three years' bundles, the newest month's and the patch (an edited
    story and a story added with an old date), ten shown, then the rest on "Load more". Again with
    years over the bundle limit (2), cut into runs of days: the edited story's stale version is in
    a bundle named by its first day, which the search page found by the story's year and month."""
    if bundle_pages:
        monkeypatch.setattr(indexes, "SEARCH_BUNDLE_PAGES", bundle_pages)
    dates = ["2022-02-01", "2022-05-01", "2022-09-01", "2023-01-15", "2023-03-01", "2023-10-01", "2024-02-01",
             "2024-05-01", "2024-08-01", "2024-11-01", "2025-01-10", "2025-02-02", "2025-03-02", "2025-03-20"]
    files = {f"content/s{number}.md": _story(number, f"{date}T09:00:00Z") for number, date in enumerate(dates)}
    root = write_files(tmp_path, files)
    build_site(root, base_url="https://user.github.io/repo/")
    write_files(root, {"content/s4.md": _story(4, "2023-03-01T09:00:00Z").replace("number", "numbered"),
                       "content/late.md": article("Story late", "2023-06-01T09:00:00Z",
                                                  body="A late walrusbeach story.", tags="[Trade]")})
    build_site(root, base_url="https://user.github.io/repo/")
    assert (root / "site" / "pagefind" / "patch" / "pagefind-entry.json").is_file()
    [stale] = json.loads((root / "site" / "pagefind" / "patch.json").read_text())["hidden"].values()
    assert stale["shard"] == ("2023-01-15" if bundle_pages else "2023")  # the edited story's old version
    newest_first = [f"Story {n}" for n in range(13, 4, -1)] + ["Story late"] + [f"Story {n}" for n in range(4, -1, -1)]
    with serve(root / "site", "/repo/") as url:
        for query in ("q=walrusbeach&sort=date", "q=walrusbeach&sort=date&tag=Trade&filters=1"):
            page.goto(url + "search/?" + query)
            page.wait_for_function("document.querySelectorAll('.pagefind-ui__result').length === 10")
            assert result_titles(page) == newest_first[:10]
            # From the keyboard: the focus goes to the first result added (found by a probe: the
            # button left with the last results, and the focus with it, to nowhere).
            page.locator(".pagefind-ui__button", has_text="Load more").focus()
            page.keyboard.press("Enter")
            page.wait_for_function("document.querySelectorAll('.pagefind-ui__result').length === 15")
            assert result_titles(page) == newest_first
            page.wait_for_function("document.activeElement.classList.contains('pagefind-ui__result-link')")
            assert page.evaluate("document.activeElement.textContent.trim()") == newest_first[10]
        blocks = page.locator("details.pagefind-ui__filter-block summary").all_inner_texts()
        assert blocks and not any("bundle" in block.lower() for block in blocks), blocks
        tags = page.locator("details.pagefind-ui__filter-block", has_text="tag")
        tags.locator("summary").click()
        assert tags.locator(".pagefind-ui__filter-label").all_inner_texts() == ["Trade (15)"]
        page.goto(url + "search/?q=walrusbeach")  # by relevance: the same fifteen, once each
        page.wait_for_function("document.querySelectorAll('.pagefind-ui__result').length === 10")
        page.locator(".pagefind-ui__button", has_text="Load more").click()
        page.wait_for_function("document.querySelectorAll('.pagefind-ui__result').length === 15")
        assert sorted(result_titles(page)) == sorted(newest_first)


def test_a_filter_from_the_url_that_matches_nothing_is_shown_and_removable(page: Any, site_url: str) -> None:
    """Found by a probe: &actor=Nobody was applied but listed nowhere (Pagefind's UI lists the
    values of the results only): 'No results', and nothing in the page could undo it."""
    page.goto(site_url + "search/?q=zucchinifarm&actor=Nobody")
    shown = page.locator(".active-filters")
    shown.wait_for(state="visible", timeout=10_000)
    assert "Filtered by actor: Nobody" in shown.inner_text()
    shown.get_by_role("link", name="Remove the filter actor: Nobody").click()
    assert sorted(result_titles(page)) == ["Alliance budget grows again", "Grain corridor talks resume in Istanbul"]
    assert "actor" not in parse_qs(urlsplit(page.url).query) and page.locator(".active-filters").is_hidden()


def test_filters_without_a_query_ask_for_one(page: Any, site_url: str) -> None:
    """A link with filters and no words (?actor=Mark+Rutte, or a box emptied with filters ticked)
    showed the filters in force over an empty page: Pagefind searches for words only, and
    nothing said so. The line of filters now asks for a word, until one is typed."""
    page.goto(site_url + "search/?actor=Mark+Rutte")
    shown = page.locator(".active-filters")
    shown.wait_for(state="visible", timeout=10_000)
    assert "Type a word in the search box to search among these articles." in shown.inner_text()
    page.locator(".pagefind-ui__search-input").fill("zucchinifarm")
    assert result_titles(page) == ["Grain corridor talks resume in Istanbul"]
    assert "Type a word" not in shown.inner_text()


def test_the_result_count_is_a_status_message(page: Any, site_url: str) -> None:
    """Found by a probe: the count was a plain paragraph, never announced (WCAG 4.1.3)."""
    page.goto(site_url + "search/?q=zucchinifarm")
    result_titles(page)
    page.wait_for_function("document.querySelector('[role=status]').textContent.includes('2 results')")
    assert page.locator("[role=status]").inner_text() == page.locator(".pagefind-ui__message").inner_text()


def test_the_page_title_names_the_search(page: Any, site_url: str) -> None:
    """Every search was titled "Search · News Archive": a tab, the history list and a bookmark
    could not tell one search from another, as they can on a search engine's results."""
    page.goto(site_url + "search/?q=zucchinifarm")
    result_titles(page)
    assert page.title() == "zucchinifarm \u00b7 Search \u00b7 News Archive"
    box = page.locator(".pagefind-ui__search-input")
    box.fill("kumquatharbour")
    page.wait_for_function("document.title.startsWith('kumquatharbour')")
    box.press("Escape")
    page.wait_for_function("document.title === 'Search \u00b7 News Archive'")


def test_escape_empties_the_url_too_and_keeps_the_focus_in_the_box(page: Any, site_url: str) -> None:
    """Found by a probe: Escape emptied the box but left ?q= in the URL and the sort link (a
    reload brought the search back), and moved the focus to the page's start."""
    page.goto(site_url + "search/?q=zucchinifarm")
    result_titles(page)
    box = page.locator(".pagefind-ui__search-input")
    box.focus()
    box.press("Escape")
    page.wait_for_function("!new URLSearchParams(location.search).has('q')")
    assert page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')")
    assert "q=" not in (page.locator("#sort-link").get_attribute("href") or "")


def test_filter_values_of_every_bundle_are_in_one_order(page: Any, tmp_path: Path) -> None:
    """Found by a probe: values were listed one bundle after another (the newest bundle's A-Z,
    then the next's): 'Zeta', then 'Alpha'."""
    root = write_files(tmp_path, {
        "content/new.md": article("New yak story", "2025-03-20T09:00:00Z", body="The yakfarm news.", source="Zeta"),
        "content/old.md": article("Old yak story", "2024-01-05T09:00:00Z", body="The yakfarm past.", source="Alpha"),
    })
    build_site(root)
    with serve(root / "site") as url:
        page.goto(url + "search/?q=yakfarm&filters=1")
        result_titles(page)
        sources = page.locator("details.pagefind-ui__filter-block", has_text="source")
        sources.locator("summary").click()
        labels = sources.locator(".pagefind-ui__filter-label").all_inner_texts()
        assert labels == ["Alpha (1)", "Zeta (1)"]


EGYPT = "\u0645\u0635\u0631"  # "Egypt", in Arabic
ARABIC_TITLE = f"{EGYPT} \u062a\u0646\u0627\u0642\u0634 \u0627\u0644\u0645\u064a\u0627\u0647"
MARKS = "links => links.map(a => [a.textContent.trim(), a.getAttribute('lang'), getComputedStyle(a).direction])"


def test_an_article_in_another_language_reads_in_its_direction_in_the_results(page: Any, tmp_path: Path) -> None:
    """Found by a probe: an Arabic article's title and excerpt showed left to right in the results,
    with no lang (the listings mark them lang="ar" dir="rtl")."""
    root = write_files(tmp_path, {
        "content/ar.md": article(ARABIC_TITLE, "2025-03-20T09:00:00Z", language="ar",
                                 body=f"{ARABIC_TITLE} gnuriver."),
        "content/en.md": article("English river story", "2025-03-21T09:00:00Z", body="The gnuriver plan."),
    })
    build_site(root)
    with serve(root / "site") as url:
        page.goto(url + "search/?q=gnuriver")
        assert len(result_titles(page)) == 2
        page.wait_for_function("document.querySelectorAll('.pagefind-ui__result[data-marked]').length === 2")
        marks = sorted(page.locator(".pagefind-ui__result-link").evaluate_all(MARKS))
        assert marks == [["English river story", None, "ltr"], [ARABIC_TITLE, "ar", "rtl"]]
        excerpt = page.locator(".pagefind-ui__result", has_text=EGYPT).locator(".pagefind-ui__result-excerpt")
        assert excerpt.get_attribute("lang") == "ar"
        assert excerpt.evaluate("e => getComputedStyle(e).direction") == "rtl"
        # (found by a probe: the excerpt stood on the right, its title on the left)
        title = page.locator(".pagefind-ui__result", has_text=EGYPT).locator(".pagefind-ui__result-title")
        assert title.evaluate("e => [e.lang, getComputedStyle(e).direction]") == ["ar", "rtl"]
        tags = page.locator(".pagefind-ui__result", has_text=EGYPT).locator(".pagefind-ui__result-tag")
        assert "Language: Arabic" in tags.all_inner_texts()  # (was "Language: ar")


def test_an_excerpt_is_of_the_text_not_the_headline_nor_the_hidden_names(page: Any, tmp_path: Path) -> None:
    """Found by a probe: Pagefind indexes the headline (first) and the hidden line of actors'
    names (last) as text, so excerpts opened with the headline shown just above them, or a tail
    of it, and a short article's, or one found by a canonical name only, ended with the names:
    "... premiums were falling. Ukraine, Viktor Orban."."""
    root = write_files(tmp_path, {
        "content/short.md": article("Grain ships leave the port", "2025-03-20T09:00:00Z",
                                    body="Carriers left Odesa, officials in Kyiv said. Premiums were falling.",
                                    actors="[Ukraine, Viktor Orban]"),
        "content/title.md": article("Ukraine urges calm on the wharfgrain", "2025-03-21T09:00:00Z",
                                    body="The wharfgrain talks went on. Nothing else was said."),
    })
    build_site(root)
    with serve(root / "site") as url:
        short = "Carriers left Odesa, officials in Kyiv said. Premiums were falling."
        talks = "The wharfgrain talks went on. Nothing else was said."
        for query, title, excerpt in [("Ukraine", "Grain ships", short), ("Odesa", "Grain ships", short),
                                      ("wharfgrain", "Ukraine urges", talks)]:
            page.goto(url + "search/?q=" + query)
            result_titles(page)
            shown = page.locator(".pagefind-ui__result", has_text=title).locator(".pagefind-ui__result-excerpt")
            assert shown.inner_text().strip() == excerpt, query
        assert page.locator(".pagefind-ui__result-excerpt mark").all_inner_texts() == ["wharfgrain"]


def test_clear_leaves_the_focus_in_the_box_and_a_hidden_clear_out_of_the_tab_order(page: Any, site_url: str) -> None:
    """Found by a probe: after Clear the focus stayed on the button, now invisible (opacity 0),
    and Tab from an empty box went to it: no visible focus (WCAG 2.4.7)."""
    page.goto(site_url + "search/?q=zucchinifarm")
    result_titles(page)
    page.locator(".pagefind-ui__search-clear").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("!new URLSearchParams(location.search).has('q')")
    page.wait_for_function("document.activeElement.classList.contains('pagefind-ui__search-input')")
    page.keyboard.press("Tab")
    assert not page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-clear')")


def test_a_query_of_spaces_is_no_search(page: Any, site_url: str) -> None:
    """Found by a probe: ?q=%20%20 searched, said "No results for" and titled the tab "   · Search"."""
    page.goto(site_url + "search/?q=%20%20%20")
    page.wait_for_selector(".pagefind-ui__search-input")
    page.wait_for_timeout(500)
    assert page.title() == "Search \u00b7 News Archive"
    message = page.locator(".pagefind-ui__message")
    assert message.count() == 0 or not message.inner_text().strip()


def test_every_word_of_a_query_counts_in_every_years_bundle(page: Any, tmp_path: Path) -> None:
    """Found by a probe: Pagefind leaves out of a bundle's search the words its index does not
    have, so with one bundle a year "Kyiv wheatfarm" listed the 2025 article with "Kyiv" only and
    the 2023 one with "wheatfarm" only, and the one article with both was lost among them."""
    root = write_files(tmp_path, {
        "content/both.md": article("Grain deal signed", "2024-03-20T09:00:00Z", body="Kyiv sold wheatfarm grain."),
        "content/city.md": article("City council meets", "2025-03-20T09:00:00Z", body="Kyiv council met."),
        "content/farm.md": article("Harvest ends early", "2023-03-20T09:00:00Z", body="The wheatfarm closed."),
        "content/late.md": article("Late harvest", "2025-03-21T09:00:00Z",
                                   body="The wheatfarm and Kyiv again, said a constructor."),
    })
    build_site(root)
    with serve(root / "site") as url:
        page.goto(url + "search/?q=Kyiv%20wheatfarm")
        assert sorted(result_titles(page)) == ["Grain deal signed", "Late harvest"]
        page.goto(url + "search/?q=Kyiv%20wheatfarm&sort=date")  # newest first, bundle by bundle
        assert result_titles(page) == ["Late harvest", "Grain deal signed"]
        page.goto(url + "search/?q=Kyiv%20zzunknownzz")  # a word no bundle has is left out, as in one index
        assert sorted(result_titles(page)) == ["City council meets", "Grain deal signed", "Late harvest"]
        # A word that names a property of every JavaScript object is a word like any other: it
        # failed the search ("names.indexOf is not a function") and left "Searching for...".
        page.goto(url + "search/?q=Kyiv%20constructor")
        assert result_titles(page) == ["Late harvest"]
        page.goto(url + "search/?q=hasOwnProperty%20Kyiv")  # in no bundle, as zzunknownzz
        assert sorted(result_titles(page)) == ["City council meets", "Grain deal signed", "Late harvest"]
        page.goto(url + "search/?q=council%20harvest")  # no article has both: nothing
        page.wait_for_function("document.querySelector('.pagefind-ui__message') && "
                               "document.querySelector('.pagefind-ui__message').innerText.includes('No results')")
        # Found by a probe: with a quoted phrase, or words apart by a no-break or ideographic
        # space, every year's bundle was asked, and a word some lacked was dropped there again.
        for query, found in [("%22sold%20wheatfarm%22%20Kyiv", ["Grain deal signed"]),
                             ("Kyiv%C2%A0wheatfarm", ["Grain deal signed", "Late harvest"]),
                             ("Kyiv%E3%80%80wheatfarm", ["Grain deal signed", "Late harvest"])]:
            page.goto(url + "search/?q=" + query)
            assert sorted(result_titles(page)) == found, query



def test_a_word_only_an_edited_away_version_had_is_in_no_bundle(page: Any, tmp_path: Path) -> None:
    """Found by a probe: after an edit took "quokka" out of its one article, that article's year
    still counted as having it, so "quokka zebra" asked that year alone, whose one hit was the
    stale version: "No results", where a clean build lists the zebra articles."""
    root = write_files(tmp_path, {
        "content/a.md": article("Orchard visit", "2022-05-01T09:00:00Z",
                                body="A zebra near the orchard, a quokka too."),
        "content/b.md": article("Plains report", "2024-05-01T09:00:00Z", body="A zebra on the plains."),
    })
    build_site(root)
    write_files(root, {"content/a.md": article("Orchard visit", "2022-05-01T09:00:00Z",
                                               body="A zebra near the orchard."),
                       "content/c.md": article("Zoo report", "2022-08-01T09:00:00Z", body="A zebra at the zoo.")})
    assert build_site(root).search == "patched"
    with serve(root / "site") as url:
        for query in ("quokka%20zebra", "quokka%20zebra&sort=date"):
            page.goto(url + "search/?q=" + query)
            assert sorted(result_titles(page)) == ["Orchard visit", "Plains report", "Zoo report"], query
