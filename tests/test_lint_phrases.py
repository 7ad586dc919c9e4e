"""The linter's phrase search finds exactly what its regex finds, however the text is cased,
spaced or spelt, and its quick checks never skip a text that holds a phrase."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from psoasguide.lint.jargon import _terms_finder
from psoasguide.lint.overclaims import _finder
from psoasguide.lint.settings import LintSettings

EXAMPLES = int(os.environ.get("PSOASGUIDE_HYPOTHESIS_EXAMPLES", "200"))
OVERCLAIMS = _finder(tuple(LintSettings().overclaims))
JARGON = _terms_finder(tuple(LintSettings().jargon))
#: Pieces of text: every phrase as written and upper-cased, words near them, joins, and the
#: characters that lowercase or case-fold unusually (Kelvin sign, long s, dotted and dotless i).
PHRASES = [*LintSettings().overclaims, *LintSettings().jargon]
PIECE = st.sampled_from([
    *PHRASES, *(p.upper() for p in PHRASES), "secure", "melts  away", "science\nproves",
    "In  Vitro", "emg-", "\u212a", "\u017f", "\u0130", "\u0131", "\0", " ", "\n", "-", "_",
    ".", "é", "a"])
TEXT = st.lists(PIECE, max_size=12).map("".join)


def _spans(finder_matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in finder_matches]  # type: ignore[attr-defined]


@settings(max_examples=EXAMPLES, deadline=None,
          derandomize="PSOASGUIDE_HYPOTHESIS_EXAMPLES" not in os.environ)
@given(text=TEXT)
def test_the_quick_search_finds_what_the_pattern_finds(text: str) -> None:
    for finder in (OVERCLAIMS, JARGON):
        assert finder is not None
        assert _spans(finder.finditer(text)) == _spans(finder.pattern.finditer(text))


@settings(max_examples=EXAMPLES, deadline=None,
          derandomize="PSOASGUIDE_HYPOTHESIS_EXAMPLES" not in os.environ)
@given(texts=st.lists(TEXT, max_size=4))
def test_lines_that_may_hold_a_phrase_are_never_skipped(texts: list[str]) -> None:
    assert OVERCLAIMS is not None
    if any(OVERCLAIMS.pattern.search(t) for t in texts):
        assert OVERCLAIMS.may_match(texts)
