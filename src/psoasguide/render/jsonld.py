"""JSON-LD structured data (schema.org), encoded so it cannot close its <script> element."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..model import Amount, Document, Dose, Kind

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


def duration(seconds: int) -> str:
    """ISO 8601: `PT6M7S`, `PT30S`, `PT1H2M`."""
    h, rest = divmod(max(0, seconds), 3600)
    m, sec = divmod(rest, 60)
    text = (f"{h}H" if h else "") + (f"{m}M" if m else "") + (f"{sec}S" if sec else "")
    return "PT" + (text or "0S")


def _number(value: Amount) -> Any:
    low, high = value
    return low if low == high else {"@type": "QuantitativeValue", "minValue": low,
                                     "maxValue": high}


def exercise_plan(about: dict[str, Any], dose: Dose, work_seconds: int, exercise_type: str,
                  intensity: str) -> dict[str, Any]:
    """An exercise's `ExercisePlan` with what its dose gives: duration, repetitions, type."""
    out = {**about, "exerciseType": exercise_type, "activityDuration": duration(work_seconds)}
    reps = dose.reps or next((m.reps for m in dose.movements if m.reps), None)
    if reps is not None:
        out["repetitions"] = _number(reps)
    if intensity:
        out["intensity"] = intensity
    return out


def routine_howto(name: str, total_seconds: int,
                  steps: list[tuple[str, str, str]]) -> dict[str, Any]:
    """A routine as a `HowTo`: its length and one step per item (name, dose, page URL)."""
    return {"@type": "HowTo", "name": name, "totalTime": duration(total_seconds),
            "step": [{"@type": "HowToStep", "position": i + 1, "name": step_name,
                      "text": text, "url": url}
                     for i, (step_name, text, url) in enumerate(steps)]}
