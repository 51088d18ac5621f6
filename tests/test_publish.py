"""What publishing needs: feeds, sitemap, metadata, redirects, and a site that works under /repo/."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest

from builder.views import special as special_views
from tests.helpers import article, broken_links, build_site, write_files

BASE = "https://user.github.io/repo/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("publish")
    write_files(root, {
        "content/a.md": article("Grain talks", "2025-03-20T09:00:00Z", actors="[Mark Rutte, NATO]",
                                tags="[Trade]", source="MENAFN", aliases="[/old/grain-talks/, /news/grain.html]"),
        "content/b.md": article("Budget grows", "2025-03-21T09:00:00Z", actors="[Mark Rutte]", tags="[Trade]",
                                updated="2025-04-01T00:00:00Z"),
        "content/c.md": article("Older story", "2024-01-05T09:00:00Z", actors="[NATO]", tags="[Weather]"),
        "pyproject.toml": "[tool.archive]\nper_page = 1\n",
    })
    build_site(root, base_url=BASE, search=False)
    return root / "site"


def test_every_link_stays_under_the_sub_path(site: Path) -> None:
    assert broken_links(site, "/repo/") == []
    assert (site / ".nojekyll").is_file()
    assert not [p for p in site.rglob("*") if p.is_symlink()]


def test_404_works_at_any_depth(site: Path) -> None:
    page = (site / "404.html").read_text()
    links = re.findall(r'(?:href|src)="([^"]+)"', page)
    assert links and all(link.startswith(("/repo/", "https://", "#")) for link in links), links


def test_the_404_page_claims_no_address_and_is_not_indexed(site: Path) -> None:
    """Found by a probe: 404.html gave https://.../404.html as its canonical and og:url, though it
    is served at every missing URL; it now has neither, and asks search engines not to index it."""
    page = (site / "404.html").read_text()
    assert 'rel="canonical"' not in page and "og:url" not in page
    assert '<meta name="robots" content="noindex">' in page
    assert 'rel="canonical"' in (site / "index.html").read_text()


@pytest.mark.parametrize("feed_path, page_path, titles", [
    ("feed.xml", "index.html", ["Budget grows", "Grain talks", "Older story"]),
    ("tags/trade/feed.xml", "tags/trade/index.html", ["Budget grows", "Grain talks"]),
    ("actors/nato/feed.xml", "actors/nato/index.html", ["Grain talks", "Older story"]),
])
def test_feeds_parse_and_are_linked(site: Path, feed_path: str, page_path: str, titles: list[str]) -> None:
    parsed = feedparser.parse((site / feed_path).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert [e.title for e in parsed.entries] == titles
    assert all(e.link.startswith(BASE) for e in parsed.entries)
    assert all(e.summary for e in parsed.entries)
    newest_update = max(e.updated for e in parsed.entries)
    assert parsed.feed.updated == newest_update  # from the articles, never the build time
    assert '<link rel="alternate" type="application/atom+xml"' in (site / page_path).read_text()
    assert f'href="/repo/{feed_path}"' in (site / page_path).read_text()


def test_sitemap_and_robots(site: Path) -> None:
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    entries = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in root.iter(f"{SITEMAP}url")}
    assert entries[BASE + "2025/03/21/budget-grows/"] == "2025-04-01T00:00:00+00:00"
    assert entries[BASE + "tags/trade/"] == "2025-04-01T00:00:00+00:00"
    # (found by a probe: the tag and actor indexes were left out)
    assert entries[BASE + "tags/"] == entries[BASE + "actors/"] == entries[BASE] == "2025-04-01T00:00:00+00:00"
    assert f"Sitemap: {BASE}sitemap.xml" in (site / "robots.txt").read_text()


def test_sitemap_index_above_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(special_views, "SITEMAP_LIMIT", 4)
    write_files(tmp_path, {f"content/{i}.md": article(f"Story {i}", f"2025-01-{i + 1:02d}T00:00:00Z")
                           for i in range(5)})
    build_site(tmp_path, base_url=BASE, search=False)
    index = ElementTree.parse(tmp_path / "site" / "sitemap.xml").getroot()
    parts = [s.findtext(f"{SITEMAP}loc") for s in index.iter(f"{SITEMAP}sitemap")]
    assert index.tag == f"{SITEMAP}sitemapindex" and len(parts) >= 2
    urls = [u.findtext(f"{SITEMAP}loc") for part in parts
            for u in ElementTree.parse(tmp_path / "site" / part.removeprefix(BASE)).getroot()]
    assert len(urls) == len(set(urls)) and all(len(ElementTree.parse(tmp_path / "site" / p.removeprefix(BASE))
                                                   .getroot()) <= 4 for p in parts)
    lastmods = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for part in parts
                for u in ElementTree.parse(tmp_path / "site" / part.removeprefix(BASE)).getroot()}
    assert lastmods[BASE] == lastmods[BASE + "2025/"] == "2025-01-05T00:00:00+00:00"  # no updates: the newest


def test_article_metadata(site: Path) -> None:
    page = (site / "2025/03/21/budget-grows/index.html").read_text()
    assert f'<link rel="canonical" href="{BASE}2025/03/21/budget-grows/">' in page
    assert '<meta property="og:type" content="article">' in page
    assert '<meta name="twitter:card" content="summary">' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "NewsArticle" and data["headline"] == "Budget grows"
    assert data["datePublished"] == "2025-03-21T09:00:00+00:00"
    assert data["dateModified"] == "2025-04-01T00:00:00+00:00"
    assert data["about"][0] == {"@type": "Thing", "name": "Mark Rutte", "url": BASE + "actors/mark-rutte/"}


def test_index_pages_have_canonical_and_prev_next(site: Path) -> None:
    front = (site / "tags/trade/index.html").read_text()
    assert f'<link rel="canonical" href="{BASE}tags/trade/">' in front
    assert '<link rel="next" href="/repo/tags/trade/page/1/">' in front
    older = (site / "tags/trade/page/1/index.html").read_text()
    assert '<link rel="prev" href="/repo/tags/trade/">' in older


def test_aliases_redirect(site: Path) -> None:
    for old in ("old/grain-talks/index.html", "news/grain.html"):
        page = (site / old).read_text()
        assert 'content="0; url=/repo/2025/03/20/grain-talks/"' in page
        assert f'<link rel="canonical" href="{BASE}2025/03/20/grain-talks/">' in page


def test_every_page_names_its_icon_so_no_browser_asks_above_the_sub_path(site: Path) -> None:
    """Found in Chromium, on a server that answers as GitHub Pages does: a redirect page (an old
    URL) named no icon, so the browser asked for /favicon.ico, at the root of the host, outside
    /repo/ (the user's own site, or a 404). Every page names the site's icon."""
    pages = [p.relative_to(site).as_posix() for p in site.rglob("*.html")
             if '<link rel="icon" href="/repo/assets/favicon.svg"' not in p.read_text()]
    assert pages == []


@pytest.mark.parametrize("written", ["https://user.github.io/archiv-für-alle/",
                                     "https://user.github.io/archiv-f%C3%BCr-alle/"])
def test_a_non_ascii_base_path_is_published_encoded_and_checks_clean(tmp_path: Path, written: str) -> None:
    """Found by a probe: a base URL written raw (archiv-für-alle) put raw IRIs in the sitemap,
    feeds and robots.txt (the sitemap protocol wants escaped URLs), and one written
    percent-encoded made ``archive check --links`` report every link (13,871 on 150 articles)
    as outside the base path."""
    from builder.check import check

    write_files(tmp_path, {
        "content/a.md": article("Grain talks", "2025-03-20T09:00:00Z", actors="[Mark Rutte]", tags="[Trade]",
                                aliases="[/old/grain-talks/]"),
        "content/b.md": article("Budget grows", "2025-03-21T09:00:00Z", actors="[Mark Rutte]"),
        "pyproject.toml": f'[tool.archive]\nbase_url = "{written}"\n',
    })
    build_site(tmp_path, search=False)
    site = tmp_path / "site"
    encoded = "https://user.github.io/archiv-f%C3%BCr-alle/"
    locs = [e.text or "" for e in ElementTree.parse(site / "sitemap.xml").iter(f"{SITEMAP}loc")]
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    urls = [*locs, feed.feed.link, *(entry.link for entry in feed.entries),
            (site / "robots.txt").read_text().split("Sitemap: ")[1].strip()]
    assert urls and all(u.startswith(encoded) and u.isascii() for u in urls), urls
    page = (site / "2025/03/20/grain-talks/index.html").read_text()
    assert 'href="/archiv-f%C3%BCr-alle/assets/style.css"' in page
    assert "/archiv-f%C3%BCr-alle/2025/03/20/grain-talks/" in (site / "old/grain-talks/index.html").read_text()
    assert check(tmp_path, links=True) == []
    assert check(tmp_path, links=True, base_url="https://user.github.io/archiv-für-alle/") == []


def test_dates_in_a_zone_of_local_mean_time_are_valid_rfc_3339(tmp_path: Path) -> None:
    """Found by a probe: Amsterdam kept its local mean time, +00:19:32, until 1937 (Dublin until
    1916, Monrovia until 1972), and every machine-readable date of a 1910 article carried that
    offset, which RFC 3339, W3C datetimes and HTML's <time> do not allow (hours and minutes
    only): the feeds, the sitemap, the JSON-LD and the <time> elements. They are given in UTC."""
    write_files(tmp_path, {
        "content/a.md": article("Old news", "1910-01-01T10:00:00", updated="1911-01-01T10:00:00"),
        "pyproject.toml": '[tool.archive]\ntimezone = "Europe/Amsterdam"\n',
    })
    build_site(tmp_path, base_url=BASE, search=False)
    site = tmp_path / "site"
    feed = (site / "feed.xml").read_text()
    assert "<published>1910-01-01T09:40:28+00:00</published>" in feed
    assert "<updated>1911-01-01T09:40:28+00:00</updated>" in feed
    lastmods = [e.text for e in ElementTree.parse(site / "sitemap.xml").iter(f"{SITEMAP}lastmod")]
    page = (site / "1910/01/01/old-news/index.html").read_text()
    dates = [*re.findall(r'<time datetime="([^"]+)"', page),
             *re.findall(r'"date(?:Published|Modified)":"([^"]+)"', page)]
    rfc3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")
    assert lastmods and dates and all(rfc3339.fullmatch(d or "") for d in [*lastmods, *dates]), (lastmods, dates)


def test_the_sitemap_of_an_archive_without_articles_lists_its_home_page(tmp_path: Path) -> None:
    """Found by a probe: a project with no article yet (a first deploy) wrote a <urlset> without
    a <url>, which the sitemap schema does not allow (at least one), though its home page is
    built; it is listed, without a lastmod, as no article gives one."""
    write_files(tmp_path, {"content/actors/mark-rutte.md": "---\nname: Mark Rutte\n---\n"})
    build_site(tmp_path, base_url=BASE, search=False)
    urls = list(ElementTree.parse(tmp_path / "site" / "sitemap.xml").getroot())
    assert [(u.findtext(f"{SITEMAP}loc"), u.findtext(f"{SITEMAP}lastmod")) for u in urls][:3] == [
        (BASE, None), (BASE + "tags/", None), (BASE + "actors/", None)]


def test_a_feed_entry_keeps_its_id_when_its_article_moves(tmp_path: Path) -> None:
    """Found by a probe: a headline corrected after publication moves the article (its slug
    follows its title), and its feed entry's id was its URL, so feed readers, which know an
    entry by its id (RFC 4287: it must not change), showed the story twice. An article that
    keeps its old URL (``aliases:``, as the build advises) keeps the id of its first URL."""
    write_files(tmp_path, {"content/a.md": article("Talks resume", "2025-03-20T09:00:00Z")})
    build_site(tmp_path, base_url=BASE, search=False)
    before = feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes()).entries[0]
    write_files(tmp_path, {"content/a.md": article("Talks resume in Geneva", "2025-03-20T09:00:00Z",
                                                   aliases="[/2025/03/20/talks-resume/, /news/talks.html]")})
    build_site(tmp_path, base_url=BASE, search=False)
    after = feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes()).entries[0]
    assert before.id == after.id == BASE + "2025/03/20/talks-resume/"
    assert after.link == BASE + "2025/03/20/talks-resume-in-geneva/"


def test_root_relative_links_in_bodies_go_under_the_base_path(tmp_path: Path) -> None:
    """Found by a probe: an article linking an earlier one as ``[talks](/2025/03/20/grain-talks/)``,
    or showing ``![map](/images/map.png)`` from static/, worked at the root of a domain but not
    under /repo/: the links went to https://user.github.io/2025/..., off the site, and
    ``archive check --links`` stopped the deploy. Such paths name pages and files of the site, as
    ``image:`` and ``aliases:`` do, and go under the base path, in profiles too; a rebuild for
    another base URL renders the bodies again."""
    from builder.check import check

    body = "See [the talks](/2025/03/20/grain-talks/) and ![map](/images/map.png), [home](https://example.com/x)."
    write_files(tmp_path, {
        "content/a.md": article("Grain talks", "2025-03-20T09:00:00Z", actors="[NATO]"),
        "content/b.md": article("Budget grows", "2025-03-21T09:00:00Z", body=body, actors="[NATO]"),
        "content/actors/nato.md": "---\nname: NATO\n---\nSee [its talks](/2025/03/20/grain-talks/).\n",
        "static/images/map.png": "png",
    })
    for base, path in ((BASE, "/repo/"), ("https://example.org/", "/"), (BASE, "/repo/")):
        build_site(tmp_path, base_url=base, search=False)
        page = (tmp_path / "site/2025/03/21/budget-grows/index.html").read_text()
        assert f'<a href="{path}2025/03/20/grain-talks/">the talks</a>' in page
        assert f'<img src="{path}images/map.png" alt="map">' in page
        assert '<a href="https://example.com/x">home</a>' in page
        profile = (tmp_path / "site/actors/nato/index.html").read_text()
        assert f'href="{path}2025/03/20/grain-talks/">its talks' in profile
        assert check(tmp_path, links=True, out=None, base_url=base) == []


def test_a_sitemap_index_gives_each_part_its_newest_lastmod_across_a_clock_change(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by a probe: a part's lastmod in the sitemap index was the greatest of its lastmods
    compared as text, which in a zone with summer time is not the latest in the hour the clocks
    go back: 02:30+02:00 (00:30 UTC) came after 02:15+01:00 (01:15 UTC), so the index said the
    part last changed before its newest article, and crawlers could skip reading it again."""
    monkeypatch.setattr(special_views, "SITEMAP_LIMIT", 4)
    write_files(tmp_path, {
        "content/a.md": article("Before the change", "2025-10-26T02:30:00+02:00"),
        "content/b.md": article("After the change", "2025-10-26T02:15:00+01:00"),
        "pyproject.toml": '[tool.archive]\ntimezone = "Europe/Berlin"\n',
    })
    build_site(tmp_path, base_url=BASE, search=False)
    index = ElementTree.parse(tmp_path / "site" / "sitemap.xml").getroot()
    first = next(index.iter(f"{SITEMAP}sitemap"))
    assert first.findtext(f"{SITEMAP}loc") == BASE + "sitemap-1.xml"
    part = ElementTree.parse(tmp_path / "site" / "sitemap-1.xml").getroot()
    lastmods = [u.findtext(f"{SITEMAP}lastmod") for u in part]
    assert "2025-10-26T02:15:00+01:00" in lastmods
    assert first.findtext(f"{SITEMAP}lastmod") == "2025-10-26T02:15:00+01:00"


def test_every_page_of_a_listing_names_its_feed_alike(site: Path) -> None:
    """Found by a probe: the older pages of a tag or actor offered its feed to feed readers under
    the page's title, "Tag: Trade (page 1)", though it is the same feed as the front page's."""
    link = '<link rel="alternate" type="application/atom+xml" title="Tag: Trade" href="/repo/tags/trade/feed.xml">'
    for page in ("tags/trade/index.html", "tags/trade/page/1/index.html"):
        assert link in (site / page).read_text(), page


def test_robots_txt_gives_the_sitemaps_url_as_is_not_escaped_for_html(tmp_path: Path) -> None:
    """Found by a probe: robots.txt is plain text, but was written through HTML escaping, so a base
    path with '&' or an apostrophe (/news&views/, allowed unescaped in a URL's path) gave crawlers
    'Sitemap: https://example.org/news&amp;views/sitemap.xml', a URL that does not exist."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z")})
    build_site(tmp_path, base_url="https://example.org/news&views/o'neill/", search=False)
    robots = (tmp_path / "site" / "robots.txt").read_text()
    assert "Sitemap: https://example.org/news&views/o'neill/sitemap.xml\n" in robots
    locs = [e.text for e in ElementTree.parse(tmp_path / "site" / "sitemap.xml").iter(f"{SITEMAP}loc")]
    assert "https://example.org/news&views/o'neill/" in locs  # (escaped in the XML, read back as is)


def test_a_feed_entry_id_from_an_old_url_is_an_iri(tmp_path: Path) -> None:
    """Found by two probes: an entry's id, its first old URL, was written with the old URL's raw
    characters (`/old story/"q" <x>/`: space, quotes, angle brackets), which no IRI holds
    (RFC 3987, section 2.2; RFC 4287 wants one), and a decoded "?" (`/old/%3F/`) made the folder a
    query. Letters of other scripts stay, as an IRI holds them: an id that was valid keeps its value."""
    write_files(tmp_path, {
        "content/a.md": article("Talks resume", "2025-03-20T09:00:00Z", aliases='["/old story/\\"q\\" <x>/"]'),
        "content/b.md": article("Talks end", "2025-03-21T09:00:00Z", aliases="[/old/%3F%25/]"),
        "content/c.md": article("Talks go on", "2025-03-22T09:00:00Z", aliases="[/alt/café/]"),
    })
    build_site(tmp_path, base_url=BASE, search=False)
    ids = sorted(e.id for e in feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes()).entries)
    assert ids == [BASE + "alt/café/", BASE + "old%20story/%22q%22%20%3Cx%3E/", BASE + "old/%3F%25/"]
    assert (tmp_path / "site" / "old story" / '"q" <x>' / "index.html").is_file()


def test_the_json_ld_headline_is_the_whole_title(tmp_path: Path) -> None:
    """Found by a probe: JSON-LD cut ``headline`` at 110 characters, mid-word ("... Long
    headlin"), a headline the article does not have; schema.org sets no length, and Google's
    Article documentation dropped its 110-character limit."""
    title = "Long headline " * 10 + "end"
    write_files(tmp_path, {"content/a.md": article(title, "2025-03-20T09:00:00Z")})
    build_site(tmp_path, base_url=BASE, search=False)
    page = (tmp_path / "site" / "2025" / "03" / "20").glob("*/index.html")
    text = next(page).read_text()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)[1])  # type: ignore[index]
    assert data["headline"] == title


def test_a_newer_tag_with_the_same_slug_leaves_the_older_ones_url_and_feed(tmp_path: Path) -> None:
    """Found by a probe: a newer article tagged "C" took /tags/c/ and its feed from "C++" (the
    first in sorted order won), so C++'s subscribers got C's entries under the same feed id."""
    write_files(tmp_path, {"content/a.md": article("Compilers", "2025-03-20T09:00:00Z", tags='["C++"]')})
    build_site(tmp_path, base_url=BASE, search=False)
    feed = tmp_path / "site" / "tags" / "c" / "feed.xml"
    before = feedparser.parse(feed.read_bytes())
    write_files(tmp_path, {"content/b.md": article("Kernels", "2025-03-21T09:00:00Z", tags='["C"]')})
    build_site(tmp_path, base_url=BASE, search=False)
    after = feedparser.parse(feed.read_bytes())
    assert after.feed.id == before.feed.id and [e.title for e in after.entries] == ["Compilers"]
    [other] = [p for p in (tmp_path / "site" / "tags").glob("c-*/feed.xml")]
    assert [e.title for e in feedparser.parse(other.read_bytes()).entries] == ["Kernels"]


def test_a_byline_is_the_articles_author_on_its_page_in_json_ld_and_in_feeds(tmp_path: Path) -> None:
    """Found by a probe: the importer writes ``author:`` (JSON Lines, saved pages' bylines), and
    nothing showed it: the feed named the source as author, the JSON-LD had none (Google lists it)."""
    write_files(tmp_path, {"content/a.md": article("Oil rises", "2025-03-20T09:00:00Z", source="Reuters",
                                                   author="Patti Domm"),
                           "content/b.md": article("Oil falls", "2025-03-21T09:00:00Z", source="Reuters")})
    build_site(tmp_path, base_url=BASE, search=False)
    page = (tmp_path / "site/2025/03/20/oil-rises/index.html").read_text()
    assert '<span class="byline">By Patti Domm</span>' in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)[1])  # type: ignore[index]
    assert data["author"] == {"@type": "Person", "name": "Patti Domm"}
    other = (tmp_path / "site/2025/03/21/oil-falls/index.html").read_text()
    assert "byline" not in other and '"author"' not in other
    entries = feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes()).entries
    assert [(e.title, e.author) for e in entries] == [("Oil falls", "Reuters"), ("Oil rises", "Patti Domm")]


def test_the_base_urls_host_is_written_in_lower_case(tmp_path: Path) -> None:
    """Found by a probe: ``--base-url https://User.GitHub.io/repo/`` was kept as typed in ids,
    canonical URLs and the sitemap; feed ids are compared character by character, so a rebuild
    with the host spelt otherwise made every entry new (RFC 3986, 6.2.2.1: hosts are lower case)."""
    write_files(tmp_path, {"content/a.md": article("Oil rises", "2025-03-20T09:00:00Z")})
    build_site(tmp_path, base_url="https://User.GitHub.io/Repo/", search=False)
    [entry] = feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes()).entries
    assert entry.id == "https://user.github.io/Repo/2025/03/20/oil-rises/"
    assert '<link rel="canonical" href="https://user.github.io/Repo/2025/03/20/oil-rises/">' in (
        tmp_path / "site/2025/03/20/oil-rises/index.html").read_text()


def test_an_old_names_url_keeps_the_names_feed(tmp_path: Path) -> None:
    """Found by a probe: a name renamed with its old name kept in ``aliases:`` kept its page's URL
    (a redirect) but not its feed's: readers subscribed to /actors/orban/feed.xml got a 404, and
    a static host cannot redirect a feed. The name's feed is written there too, the same document
    (its id and self link the feed's own URL, which readers then follow); the sitemap lists
    pages, not feeds, and the links check clean."""
    from builder.check import check

    write_files(tmp_path, {
        "content/actors/orban.md": "---\nname: Viktor Orban\nkind: person\n"
                                   "aliases: [Viktor Orbán, Orban, Orbán]\n---\n",
        "content/tags/nato.md": "---\nname: NATO\naliases: [North Atlantic Treaty Organization]\n---\n",
        "content/a.md": article("Budapest talks", "2025-03-20T09:00:00Z", actors="[Orbán]", tags="[NATO]"),
        "content/b.md": article("Veto threat", "2025-03-21T09:00:00Z", actors="[Viktor Orban]",
                                tags="[North Atlantic Treaty Organization]"),
        "content/c.md": article("Other news", "2025-03-22T09:00:00Z", actors="[Mark Rutte]", tags="[Trade]"),
    })
    build_site(tmp_path, base_url=BASE, search=False)
    site = tmp_path / "site"
    for old, own in (("actors/orban/", "actors/viktor-orban/"), ("tags/north-atlantic-treaty-organization/",
                                                                 "tags/nato/")):
        assert f'url=/repo/{own}"' in (site / old / "index.html").read_text()  # the page's redirect
        assert (site / old / "feed.xml").read_bytes() == (site / own / "feed.xml").read_bytes()
        parsed = feedparser.parse((site / old / "feed.xml").read_bytes())
        assert not parsed.bozo, parsed.bozo_exception
        assert parsed.feed.id == BASE + own + "feed.xml"
        assert [link.href for link in parsed.feed.links if link.rel == "self"] == [BASE + own + "feed.xml"]
        assert [(e.id, e.title) for e in parsed.entries] == [
            (BASE + "2025/03/21/veto-threat/", "Veto threat"), (BASE + "2025/03/20/budapest-talks/", "Budapest talks")]
    # "Viktor Orbán" has the name's own slug: no redirect, nor feed, of its own
    assert sorted(p.parent.name for p in (site / "actors").glob("*/feed.xml")) == ["orban", "viktor-orban"]
    locs = [e.text or "" for e in ElementTree.parse(site / "sitemap.xml").iter(f"{SITEMAP}loc")]
    assert BASE + "actors/viktor-orban/" in locs and BASE + "tags/nato/" in locs
    assert not [loc for loc in locs if loc.endswith(".xml") or "/orban/" in loc or "north-atlantic" in loc], locs
    assert broken_links(site, "/repo/") == []
    assert check(tmp_path, links=True, base_url=BASE) == []
