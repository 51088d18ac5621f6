"""builder.render: layouts escape everything they write, with the fast output escaping too."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

import builder.render as render_module
from builder.render import (
    CheckedBytecodeCache,
    FastTemplate,
    LayoutsLoader,
    TemplateFailed,
    make_environment,
    output_escape,
    read_layouts,
    render,
    shared_environment,
)
from builder.render import _shared as shared_environments
from builder.views.base import Job, SiteView
from tests.helpers import article, build_errors, build_site, write_files

HOSTILE = "<script>alert('x')</script> & \"quoted\""
ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;quoted&#34;"


def test_output_escape_matches_markupsafe() -> None:
    for value in (HOSTILE, "plain", "", 42, 3.5, None, ["<a>"]):
        assert output_escape(value) == str(Markup.escape(value))
    assert output_escape(Markup("<b>safe</b>")) == "<b>safe</b>"


def _render(tmp_path: Path, source: str, **context: object) -> str:
    layouts = tmp_path / "layouts"
    layouts.mkdir(exist_ok=True)
    (layouts / "t.html").write_text(source, "utf-8")
    env = make_environment(read_layouts(layouts))
    template = env.get_template("t.html")
    assert isinstance(template, FastTemplate)
    return template.render(**context)


def test_layouts_escape_output_in_every_construct(tmp_path: Path) -> None:
    source = ("{% macro m(v) %}<i>{{ v }}</i>{% endmacro %}"
              "{% set block %}<u>{{ value }}</u>{% endset %}"
              "[{{ value }}][{{ m(value) }}][{{ block }}][{{ value ~ '!' }}][{{ safe }}]"
              "[{% for v in [value] %}{{ v }}{% endfor %}][{{ value|upper }}]")
    html = _render(tmp_path, source, value=HOSTILE, safe=Markup("<b>ok</b>"))
    assert html == (f"[{ESCAPED}][<i>{ESCAPED}</i>][<u>{ESCAPED}</u>][{ESCAPED}!][<b>ok</b>]"
                    f"[{ESCAPED}][{Markup.escape(HOSTILE.upper())!s}]")
    assert "<script>" not in html


def test_undefined_values_still_fail(tmp_path: Path) -> None:
    with pytest.raises(jinja2.UndefinedError):
        _render(tmp_path, "{{ missing }}")


def test_a_template_that_recursed_without_end_fails_its_other_pages_at_once(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by a probe: each page of a layout including itself took a third of a second to fail
    (a thousand frames deep), 51 s for 302 articles; after the first, its pages fail at once."""
    (tmp_path / "article.html").write_text('{% include "article.html" %}')
    env = make_environment(read_layouts(tmp_path))
    with pytest.raises(TemplateFailed, match="include, import or extend itself"):
        render(env, Job("a/", "article.html", {}), tmp_path)

    def not_again(name: str) -> jinja2.Template:
        raise AssertionError(f"{name} rendered again")

    monkeypatch.setattr(env, "get_template", not_again)
    with pytest.raises(TemplateFailed, match="rendering /b/: maximum recursion depth exceeded"):
        render(env, Job("b/", "article.html", {}), tmp_path)
    fresh = make_environment(read_layouts(tmp_path))  # other layouts: tried again
    with pytest.raises(TemplateFailed):
        render(fresh, Job("c/", "article.html", {}), tmp_path)


@pytest.mark.parametrize("partial", ["partials/byline.jinja", "partials/byline.htm", "pagefind.js"])
def test_an_error_in_any_layout_names_that_layout_and_line(tmp_path: Path, partial: str) -> None:
    """Found by a probe: only layouts named .html, .xml or .txt were recognised in the traceback,
    so an error on line 3 of an included partials/byline.jinja was reported at the include in
    article.html, and one in a pagefind.js override had no line at all."""
    layouts = tmp_path / "layouts"
    (layouts / "partials").mkdir(parents=True)
    (layouts / "article.html").write_text(f'<p>\n{{% include "{partial}" %}}\n</p>\n')
    (layouts / partial).write_text("one\ntwo\n{{ missing }}\n")
    env = make_environment(read_layouts(layouts))
    with pytest.raises(TemplateFailed) as failed:
        render(env, Job("a/", "article.html", {}), layouts)
    assert str(failed.value.error) == f"layouts/{partial}:3: template error while rendering /a/: 'missing' is undefined"


def test_layouts_extending_one_another_are_named_not_the_page_template(tmp_path: Path) -> None:
    """Found by a probe: base.html extending listing.html extending base.html failed every page
    as 'layouts/period.html: ... does a layout include, import or extend itself?' (and search.html,
    404.html...): a file that does not exist, and not the two that loop."""
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    (layouts / "base.html").write_text('{% extends "listing.html" %}\n')
    (layouts / "listing.html").write_text('{% extends "base.html" %}\n{% block main %}x{% endblock %}\n')
    env = make_environment(read_layouts(layouts))
    for path in ("2025/", "2024/"):  # (the second fails at once, from what the first found)
        with pytest.raises(TemplateFailed) as failed:
            render(env, Job(path, "period.html", {}), layouts)
        assert str(failed.value.error) == (
            f"layouts/base.html:1: template error while rendering /{path}: maximum recursion depth exceeded: "
            "layouts/base.html and layouts/listing.html include, import or extend one another")


def test_partials_including_one_another_are_named_not_the_page_template_that_includes_them(tmp_path: Path) -> None:
    """Found by a probe: article.html (extending base.html) including partials/a.html, which
    includes partials/b.html, which includes partials/a.html, was reported as
    'layouts/article.html:1: ... layouts/article.html, layouts/partials/a.html and
    layouts/partials/b.html include, import or extend one another': the page template has two
    frames (its body and its block), outside the loop, and the line named was its extends."""
    layouts = tmp_path / "layouts"
    (layouts / "partials").mkdir(parents=True)
    (layouts / "base.html").write_text("<main>{% block main %}{% endblock %}</main>\n")
    (layouts / "article.html").write_text('{% extends "base.html" %}\n{% block main %}\n'
                                          '{% include "partials/a.html" %}\n{% endblock %}\n')
    (layouts / "partials/a.html").write_text('A\n\n{% include "partials/b.html" %}\n')
    (layouts / "partials/b.html").write_text('B\n{% include "partials/a.html" %}\n')
    env = make_environment(read_layouts(layouts))
    with pytest.raises(TemplateFailed) as failed:
        render(env, Job("a/", "article.html", {}), layouts)
    assert str(failed.value.error) == (
        "layouts/partials/a.html:3: template error while rendering /a/: maximum recursion depth exceeded: "
        "layouts/partials/a.html and layouts/partials/b.html include, import or extend one another")


def test_an_unknown_field_is_reported_with_the_fields_there_are(tmp_path: Path) -> None:
    """Found by a probe: {{ site.titel }} failed with "'builder.views.base.SiteView object' has
    no attribute 'titel'" and {{ article.extra.photographer }} with "'dict object' has no
    attribute 'photographer'": a module path, and nothing of what the layout could have written."""
    site = SiteView("T", "D", "en", "ltr", "/", "https://x", "/", "/search/", "/tags/", "/actors/", "/feed.xml",
                    "/s.css", "/s.js", True, True)
    with pytest.raises(jinja2.UndefinedError) as failed:
        _render(tmp_path, "{{ site.titel }}", site=site)
    assert str(failed.value) == (
        "SiteView has no field 'titel'; it has: title, description, language, direction, base_path, origin, "
        "home_url, search_url, tags_url, actors_url, feed_url, css_url, search_js_url, search_enabled, "
        "listing_summaries")
    with pytest.raises(jinja2.UndefinedError) as failed:
        _render(tmp_path, "{{ extra.photographer }}", extra={"credit": "AP", "place": "Kyiv"})
    assert str(failed.value) == "no key 'photographer' here; the keys are: credit, place"
    with pytest.raises(jinja2.UndefinedError) as failed:
        _render(tmp_path, "{{ extra.photographer }}", extra={})
    assert str(failed.value) == "no key 'photographer' here; it is empty"


@pytest.mark.parametrize("damage", ["garbled", "truncated"])
def test_a_damaged_compiled_layout_is_compiled_again(tmp_path: Path, damage: str) -> None:
    """Jinja checks only the header of a compiled template it kept: a byte changed in a string
    constant was published on every page, and a truncated file stopped the build with a traceback."""
    write_files(tmp_path, {"content/a.md": article(), "layouts/article.html": "<p>Kept words</p>\n"})
    build_site(tmp_path, search=False)
    compiled = [p for p in (tmp_path / ".archive-cache" / "jinja").iterdir() if b"Kept words" in p.read_bytes()]
    assert len(compiled) == 1
    data = compiled[0].read_bytes()
    compiled[0].write_bytes(data.replace(b"Kept words", b"Kept wordz") if damage == "garbled" else data[:40])
    shutil.rmtree(tmp_path / "site")
    shared_environments.clear()  # as in a new process: the layouts come from the compiled files
    build_site(tmp_path, search=False)
    assert "<p>Kept words</p>" in (tmp_path / "site" / "2024" / "05" / "01" / "a-title" / "index.html").read_text()


def test_a_layout_compiled_by_another_builder_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                ) -> None:
    """Jinja knows a compiled template by its source alone (and a bytecode format number that
    does not follow its own versions): one compiled by another version of the builder, with
    other options, was used as it was."""
    write_files(tmp_path, {"content/a.md": article(), "layouts/article.html": "{% if true %}\nKept\n{% endif %}\n"})
    compiled = tmp_path / ".archive-cache" / "jinja"
    compiled.mkdir(parents=True)
    with monkeypatch.context() as patched:
        patched.setattr(render_module, "COMPILED_BY", "another builder", raising=False)
        other = jinja2.Environment(loader=LayoutsLoader(read_layouts(tmp_path / "layouts")), trim_blocks=False,
                                   bytecode_cache=CheckedBytecodeCache(str(compiled)))
        assert other.get_template("article.html").render().startswith("\nKept")
    assert list(compiled.iterdir())
    build_site(tmp_path, search=False)
    assert (tmp_path / "site" / "2024" / "05" / "01" / "a-title" / "index.html").read_text() == "Kept\n"


def test_projects_share_the_built_in_layouts_compiled_and_never_their_own(tmp_path: Path) -> None:
    """A process building many projects (the tests, a script) compiles the built-in layouts once;
    a project with a layout of its own, or an override it cannot read, gets an environment of its own."""
    plain_a, plain_b, own = tmp_path / "a" / "layouts", tmp_path / "b" / "layouts", tmp_path / "c" / "layouts"
    write_files(tmp_path / "c", {"layouts/article.html": "<p>Own</p>\n"})
    first = shared_environment(read_layouts(plain_a))
    assert shared_environment(read_layouts(plain_b)) is first
    mine = shared_environment(read_layouts(own))
    assert mine is not first
    assert mine.get_template("article.html").render() == "<p>Own</p>\n"
    (tmp_path / "b" / "layouts" / "base.html").mkdir(parents=True)  # unusable: a folder where a layout would be
    unusable = read_layouts(plain_b)
    assert unusable.unusable and shared_environment(unusable) is not first


def test_an_override_extends_the_built_in_layout_it_replaces(tmp_path: Path) -> None:
    """Found by a probe: a designer could only copy base.html whole to add one stylesheet or meta
    tag (``{% extends "base.html" %}`` in layouts/base.html extends itself). ``builtin/<name>`` is
    the built-in layout, and its ``extra_head`` block is one no built-in page layout fills."""
    write_files(tmp_path, {
        "content/a.md": article("Grain talks", "2025-03-20T09:00:00Z"),
        "layouts/base.html": ('{% extends "builtin/base.html" %}\n'
                              '{% block extra_head %}<meta name="x-designer" content="1">{% endblock %}\n'),
    })
    result = build_site(tmp_path, search=False)
    assert result.warnings == []
    for page in ("index.html", "2025/03/20/grain-talks/index.html", "404.html", "search/index.html"):
        text = (tmp_path / "site" / page).read_text()
        assert '<meta name="x-designer" content="1">' in text and "News Archive" in text, page
    assert "Grain talks" in (tmp_path / "site" / "2025/03/20/grain-talks/index.html").read_text()
    layouts = read_layouts(tmp_path / "layouts")
    assert "builtin/base.html" not in LayoutsLoader(layouts).list_templates()
    with pytest.raises(jinja2.TemplateNotFound):
        LayoutsLoader(layouts).get_source(jinja2.Environment(), "builtin/../render.py")


def test_a_search_filter_written_without_its_escaping_is_a_lasting_warning(tmp_path: Path) -> None:
    """Found by a probe: an override writing ``data-pagefind-filter="actor:{{ link.label }}"``, as
    Pagefind's own documentation does, let an actor named with markup put that markup on
    /search/ (Pagefind's UI writes filter values as HTML once decoded); |pagefind_filter was
    nowhere said. Warned on every build until mended."""
    builtin = (render_module.BUILTIN_LAYOUTS / "article.html").read_text()
    careless = builtin.replace('actor:{{ link.label|pagefind_filter }}', 'actor:{{ link.label }}')
    assert careless != builtin
    write_files(tmp_path, {
        "content/a.md": article("Grain talks", "2025-03-20T09:00:00Z", actors="[Mark Rutte]"),
        "layouts/article.html": careless,
    })
    line = careless[:careless.index("actor:{{ link.label }}")].count("\n") + 1
    expected = (f"layouts/article.html:{line}: data-pagefind-filter: {{{{ link.label }}}} is written without "
                "|pagefind_filter; Pagefind's search page shows filter values as HTML, so a name holding markup "
                "would be markup there: add |pagefind_filter")
    assert [str(w) for w in build_site(tmp_path, search=False).warnings] == [expected, expected]
    assert [str(w) for w in build_site(tmp_path, search=False).warnings] == [expected, expected]  # (no-op build)
    write_files(tmp_path, {"layouts/article.html": builtin})
    assert build_site(tmp_path, search=False).warnings == []


def test_a_macros_override_without_a_macro_the_built_in_pages_import_says_so(tmp_path: Path) -> None:
    """Found by a probe: a project _macros.html with one macro of its own made every built-in page
    fail with "the template '_macros.html' (imported on line 2 in 'entity.html') does not export
    the requested name 'pager_links'", reported against builder/layouts/ files, the cause unnamed."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z", tags="[Trade]"),
                           "layouts/_macros.html": "{% macro only_mine() %}x{% endmacro %}\n"})
    errors = build_errors(tmp_path, search=False)
    assert errors and all("layouts/_macros.html replaces the built-in one, and has no '" in e for e in errors[:3])
    assert any("define it there (copy it from builder/layouts/_macros.html)" in e for e in errors)


def test_a_project_folder_named_builtin_is_refused(tmp_path: Path) -> None:
    """Found in review: layouts/builtin/base.html hid the built-in layout it names (and one
    extending builtin/base.html extended itself)."""
    write_files(tmp_path, {"content/a.md": article("Grain talks", "2025-03-20T09:00:00Z"),
                           "layouts/builtin/base.html": '{% extends "builtin/base.html" %}\n'})
    assert build_errors(tmp_path, search=False) == [
        "layouts/builtin/base.html: layouts/builtin/ names the built-in layouts (an override extends "
        "builtin/base.html); move this file out of it"]
