"""Rule `evidence-label`: a cause article labels its claims in the text, not only in front matter.

The style guide's labels are **Established**, **Limited** and **Not supported**, written into the
body as an admonition title (`!!! note "Evidence: limited"`) or a bold lead (`**Limited:**`). A
published cause article whose body uses none of them is an error at its `evidence` key: the
reader sees one verdict for the page but cannot tell which claim it belongs to. Labels inside code
or comments do not count. Drafts are exempt.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, error
from ..model import Kind
from .source import ArticleSource

CODE = "evidence-label"
LABELS = ("Established", "Limited", "Not supported")

_WORDS = "|".join(label.replace(" ", r"\s+") for label in LABELS)
_ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+[ \t]+\"Evidence:[ \t]*"
                         r"(?:" + _WORDS + r")\b", re.I | re.M)
_BOLD_LEAD = re.compile(r"(?:\*\*|__)(?:Evidence:[ \t]*)?(?:" + _WORDS + r")[.:]?(?:\*\*|__)",
                        re.I)


def labels_in(source: ArticleSource) -> int:
    """How many evidence labels the article's body shows (code and comments excluded)."""
    text = source.masked
    return len(_ADMONITION.findall(text)) + len(_BOLD_LEAD.findall(text))


def check_evidence_labels(source: ArticleSource) -> list[Diagnostic]:
    """An error when a published cause article labels none of its claims in the text."""
    doc = source.document
    if doc.kind is not Kind.CAUSE or doc.draft or labels_in(source):
        return []
    where = source.marks.get(("evidence",)) or source.key_mark("title")
    level = str(doc.fields.get("evidence", "limited")).replace("-", " ")
    return [error(doc.path, where.line, where.col, CODE,
                  "no claim in the text carries an evidence label "
                  "(Established, Limited or Not supported)",
                  f'label each claim about the cause, e.g. !!! note "Evidence: {level}" '
                  f"or a bold lead **{level.capitalize()}:**")]
