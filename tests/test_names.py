"""builder.names: one canonical name per spelling, chosen by use."""

from __future__ import annotations

from builder.names import resolve_names


def test_a_name_without_a_profile_takes_its_most_used_spelling_and_ties_go_to_sorted_order() -> None:
    used = ["Donald trump", "Donald Trump", "NATO", "Donald Trump", "nato", "DONALD TRUMP"]
    names, errors = resolve_names([], iter(used), "other")  # any iterable: a generator in builds
    assert errors == []
    assert names.entity("donald  TRUMP").name == "Donald Trump"  # 2 uses against 1 and 1
    assert names.entity("nato").name == "NATO"  # 1 use each: "NATO" sorts before "nato"
    assert names.canonical(["Donald trump", "DONALD TRUMP", "nato"]) == ("Donald Trump", "NATO")
    assert names.canonical(("NATO", "Donald Trump")) == ("NATO", "Donald Trump")  # canonical already
    assert names.canonical(("NATO", "NATO", "Donald Trump")) == ("NATO", "Donald Trump")  # each once
    assert names.entity("Donald Trump").kind == "other"
    # The site model's shortcut: names kept as they are exactly when canonical() would keep them.
    for spelled in [("NATO", "Donald Trump"), ("nato",), ("Donald trump", "NATO"), ("NATO", "NATO"), ()]:
        assert names.are_canonical(spelled) == (names.canonical(spelled) == spelled), spelled
    assert names.are_canonical(("NATO", "Donald Trump")) and not names.are_canonical(("NATO", "NATO"))


def test_a_name_slugged_like_a_site_folder_gets_a_hashed_slug() -> None:
    names, _ = resolve_names([], ["A-Z", "Anna"], "other")
    assert names.entity("A-Z").slug.startswith("a-z-") and names.entity("Anna").slug == "anna"


def test_of_two_names_with_one_slug_the_first_used_keeps_the_bare_slug() -> None:
    """Found by a probe: the bare slug went to the name first in sorted order, so a newer
    article tagged "C" took "C++"'s URL and feed (its subscribers got the other topic's entries
    under the same feed id) and moved "C++" to a hashed URL, without a word."""
    older_first, _ = resolve_names([], ["C++", "Rust", "C"], "tag")
    assert older_first.entity("C++").slug == "c" and older_first.entity("C").slug.startswith("c-")
    newer_first, _ = resolve_names([], ["C", "C++"], "tag")
    assert newer_first.entity("C").slug == "c" and newer_first.entity("C++").slug.startswith("c-")
