"""The template sandbox: a theme reads its views freely, and never Python's internals, however
often it has read the same attribute safely before (the sandbox remembers its answers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from psoasguide.render.environment import Templates
from psoasguide.render.views import Link

LINK = Link("x/", "{0.__class__.__mro__}")


def _render(tmp_path: Path, text: str, **context: object) -> tuple[str | None, str]:
    (tmp_path / "t.html").write_text(text, encoding="utf-8")
    html, problem = Templates([tmp_path], tmp_path).render("t.html", **context)
    return html, problem.code if problem else ""


def test_fields_methods_and_format_read_as_usual(tmp_path: Path) -> None:
    text = "{% for _ in range(3) %}{{ l.href }} {{ l.text.upper() }} {{ '{0.href}'.format(l) }};" \
           "{% endfor %}"
    assert _render(tmp_path, text, l=LINK) == ("x/ {0.__CLASS__.__MRO__} x/;" * 3, "")


@pytest.mark.parametrize("text", [
    "{{ l.href }}{{ l.href }}{{ l.href.__class__ }}",  # after safe reads on the same type
    "{{ l.text }}{{ '{0.__class__}'.format(l) }}",  # through str.format
    "{{ l.text }}{{ l.text.format(l) }}",  # the format string is the page's own data
    "{{ '{x.href}'.format_map({'x': l}) }}{{ '{x.__class__}'.format_map({'x': l}) }}",
])
def test_internals_stay_out_of_reach(tmp_path: Path, text: str) -> None:
    assert _render(tmp_path, text, l=LINK) == (None, "template-unsafe")
