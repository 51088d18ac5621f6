"""builder.render: layouts escape everything they write, with the fast output escaping too."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

from builder.render import FastTemplate, make_environment, output_escape, read_layouts

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
