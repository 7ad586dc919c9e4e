"""Folds: a level-2 heading marked `{.fold}` and its section become a `<details>` element.

`## What the evidence says {.fold}` folds everything up to the next level-1 or level-2 heading (or
the footnotes) under a `<summary>` holding the heading, so a long discussion is one tap away on a
phone. No script is involved; the theme's print style shows folds open.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

FOLD_CLASS = "fold"


def _is_fold(el: etree.Element) -> bool:
    return el.tag == "h2" and FOLD_CLASS in el.get("class", "").split()


def _ends_fold(el: etree.Element) -> bool:
    return el.tag in ("h1", "h2") or (el.tag == "div" and "footnote" in el.get("class", ""))


class FoldProcessor(Treeprocessor):
    """Wraps each marked section in `<details class="fold"><summary>heading</summary>...`."""

    def run(self, root: etree.Element) -> None:
        children = list(root)
        out: list[etree.Element] = []
        details: etree.Element | None = None
        for el in children:
            if details is not None and _ends_fold(el):
                details = None
            if _is_fold(el):
                classes = [c for c in el.get("class", "").split() if c != FOLD_CLASS]
                if classes:
                    el.set("class", " ".join(classes))
                else:
                    el.attrib.pop("class")
                details = etree.Element("details", {"class": "fold"})
                summary = etree.SubElement(details, "summary")
                summary.append(el)
                out.append(details)
            elif details is not None:
                details.append(el)
            else:
                out.append(el)
        for el in children:
            root.remove(el)
        root.extend(out)
