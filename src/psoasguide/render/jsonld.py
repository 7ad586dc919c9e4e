"""JSON-LD structured data (schema.org), encoded so it cannot close its <script> element."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..model import Document, Kind

_ABOUT_TYPE = {Kind.ANATOMY: "Muscle", Kind.CAUSE: "MedicalCondition"}


def encode(data: Any) -> Markup:
    """Deterministic JSON with `<`, `>` and `&` escaped, safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def article_data(doc: Document, canonical: str, site_title: str, publisher: str,
                 language: str) -> dict[str, Any]:
    """A `MedicalWebPage` about a muscle, condition or exercise plan; `lastReviewed` and
    `reviewedBy` only when a clinician reviewed it (checking against sources is not a review)."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": doc.title,
        "description": doc.summary,
        "url": canonical,
        "inLanguage": language,
        "isPartOf": {"@type": "WebSite", "name": site_title},
    }
    if doc.clinical_review:
        review = doc.clinical_review
        data["lastReviewed"] = review.date.isoformat()
        data["reviewedBy"] = {"@type": "Person", "name": review.by, "jobTitle": review.role}
    if publisher:
        data["publisher"] = {"@type": "Organization", "name": publisher}
    if doc.references:
        data["citation"] = [
            {"@type": "CreativeWork", "name": r.title, "publisher": r.publisher,
             "datePublished": str(r.year), **({"url": r.url} if r.url else {})}
            for r in doc.references
        ]
    if doc.kind in _ABOUT_TYPE:
        data["about"] = {"@type": _ABOUT_TYPE[doc.kind], "name": doc.title}
    elif doc.kind is Kind.STRETCH:
        data["about"] = {
            "@type": ["ExercisePlan", "HowTo"], "name": doc.title,
            "step": [{"@type": "HowToStep", "position": i + 1, "text": step}
                     for i, step in enumerate(doc.fields["steps"])],
        }
    return data
