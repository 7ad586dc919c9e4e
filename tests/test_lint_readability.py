"""Rule `reading-level` and the report: syllables, Flesch-Kincaid grade, text extraction."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_lint_support import SITE_YAML, TODAY, article, lint, run, write

from psoasguide.cli import main
from psoasguide.lint import ArticleReport, format_report, summarise
from psoasguide.lint.readability import TextStats, measure, sentences_of, text_blocks
from psoasguide.lint.syllables import syllables
from psoasguide.model import Document, Kind
from psoasguide.parse import Converter

WORDS = {
    "the": 1, "hip": 1, "flexor": 2, "stretch": 1, "muscle": 2, "muscles": 2, "evidence": 3,
    "exercise": 3, "physiotherapist": 6, "table": 2, "make": 1, "takes": 1, "walked": 1,
    "wanted": 2, "needed": 2, "used": 1, "called": 1, "tackled": 2, "safely": 2, "movement": 2,
    "completely": 3, "you": 1, "beyond": 2, "player": 2, "type": 1, "body": 2, "being": 2,
    "lying": 2, "studying": 3, "easier": 3, "iliac": 3, "iliacus": 4, "trial": 2,
    "special": 2, "period": 3, "radio": 3, "psoas": 2, "iliopsoas": 5, "area": 3,
    "idea": 3, "ideas": 3, "create": 2, "recreation": 4, "boat": 1, "road": 1, "heat": 1,
    "position": 3, "serious": 3, "anxious": 2,
    "medium": 3, "actual": 3, "usually": 4, "quality": 3, "language": 2, "video": 3,
    "people": 2, "knee": 1, "tie": 1, "eye": 1, "whole": 1, "female": 2, "style": 1,
    "voices": 2, "boxes": 2, "tubes": 1, "causes": 2, "released": 2, "tried": 1, "bed": 1,
    "pelvis": 2, "information": 4, "hamstrings": 2, "gently": 2, "ankle": 2, "doing": 2,
    "tissue": 2, "thigh": 1, "vertebrae": 3, "diagnose": 3, "physician": 3,
    # numbers, abbreviations, compounds and contractions
    "30": 1, "GP": 1, "L5": 1, "hip-flexor": 3, "don't": 1, "pain-free": 2,
}


@pytest.mark.parametrize(("word", "expected"), sorted(WORDS.items()))
def test_syllable_rule(word: str, expected: int) -> None:
    assert syllables(word) == expected


def test_grade_is_the_flesch_kincaid_formula() -> None:
    stats = measure(["The cat sat on the mat. It was happy."])
    assert (stats.words, stats.sentences, stats.syllables) == (9, 2, 10)
    expected = 0.39 * 9 / 2 + 11.8 * 10 / 9 - 15.59
    assert stats.grade == pytest.approx(expected)
    assert TextStats().grade is None
    assert TextStats(201, 10, 300).minutes(200) == 2 and TextStats().minutes(200) == 0


def test_sentences_end_at_stops_not_at_decimals_or_abbreviations() -> None:
    assert len(sentences_of("It moved 4.85 N·m, e.g. a lot. Then it stopped! Why?")) == 3
    assert len(sentences_of("A list item without a stop")) == 1


def _html(body: str) -> str:
    doc = Document("content/pages/x.md", Kind.PAGE, "x", "X", "x", TODAY, body, 5)
    return Converter().parse(doc)[0].html


def test_code_tables_headings_links_and_footnotes_are_left_out() -> None:
    body = ("## Extraordinarily complicated heading\n\nSee [the hip page](https://example.org/"
            "extraordinarily-complicated). It is short.[^1]\n\n"
            "| Column |\n| --- |\n| Incomprehensibility |\n\n"
            "```\nunconstitutionality\n```\n\n!!! note \"Evidence: limited\"\n    Keep it up.\n\n"
            "[^1]: Institutional Publications, 2020.\n")
    blocks = text_blocks(_html(body))
    assert blocks == ["See the hip page. It is short.", "Keep it up."]


def test_wiki_link_placeholders_get_the_target_text() -> None:
    html = _html("Read [[psoas-major]] first.\n")
    assert text_blocks(html, ["Psoas major"]) == ["Read Psoas major first."]


HARD = ("Physiotherapists recommend individualised rehabilitation programmes incorporating "
        "progressive musculoskeletal conditioning, neuromuscular coordination exercises and "
        "comprehensive biomechanical evaluation, particularly considering the considerable "
        "variability characterising symptomatic presentations. ")
EASY = "You can do this stretch at home. Kneel on a soft mat. Tuck your hips and hold still. "
MEDIUM = ("Regular stretching usually makes the movement feel easier over several weeks. "
          "Most of this change comes from getting used to the feeling. ")  # grade 8.0


def test_a_hard_body_is_a_warning_at_its_first_line(tmp_path: Path) -> None:
    text = article(HARD * 5)
    [d] = lint(tmp_path, text)
    assert d.code == "reading-level" and d.severity == "warning"
    assert (d.line, d.col) == (text.split("\n").index("---", 1) + 2, 1)
    assert "above lint.max_grade 10" in d.message


def test_an_easy_body_is_fine(tmp_path: Path) -> None:
    assert lint(tmp_path, article(EASY * 10)) == []


def test_max_grade_and_min_words_are_settings(tmp_path: Path) -> None:
    assert lint(tmp_path / "a", article(MEDIUM * 5)) == []
    strict = SITE_YAML + "lint:\n  max_grade: 7.5\n"
    [d] = lint(tmp_path / "b", article(MEDIUM * 5), site_yaml=strict)
    assert d.code == "reading-level"
    assert "reading grade 8.0 is above lint.max_grade 7.5" in d.message
    short = SITE_YAML + "lint:\n  min_words: 1000\n"
    assert lint(tmp_path / "c", article(HARD * 5), site_yaml=short) == []
    # the default threshold: too few words to judge
    assert lint(tmp_path / "d", article(HARD)) == []


def test_build_result_carries_one_report_row_per_article(tmp_path: Path) -> None:
    root = write(tmp_path, {"content/pages/easy.md": article(EASY * 10),
                            "content/pages/idea.md": article(EASY, extra="draft: true\n")})
    rows = {r.path: r for r in run(root).report}
    easy = rows["content/pages/easy.md"]
    assert easy.kind == "page" and easy.words == 180 and easy.minutes == 1
    assert easy.grade is not None and easy.grade < 3
    assert rows["content/pages/idea.md"].draft
    assert len(rows) == 4  # with the two supporting articles


def test_report_table_and_guide_average() -> None:
    rows = [ArticleReport("content/pages/a.md", "page", False, TextStats(100, 10, 130), 1, 2),
            ArticleReport("content/pages/b.md", "page", False, TextStats(50, 5, 80), 1, 0),
            ArticleReport("content/pages/c.md", "page", True, TextStats(10, 1, 30), 1, 1)]
    summary = summarise(rows)
    assert summary.articles == 2 and summary.words == 150 and summary.suppressed == 3
    assert summary.average_grade == pytest.approx((rows[0].grade + rows[1].grade) / 2)
    table = format_report(rows).splitlines()
    assert table[0].split() == ["article", "kind", "grade", "words", "minutes", "suppressed"]
    assert table[2].split() == ["content/pages/a.md", "page", f"{rows[0].grade:.1f}", "100",
                                "1", "2"]
    assert "content/pages/c.md (draft)" in table[4]
    assert table[6].split()[:3] == ["guide:", "2", "published"]
    assert table[6].split()[3:] == [f"{summary.average_grade:.1f}", "150", "2", "3"]


def test_check_report_prints_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    root = write(tmp_path, {"content/pages/easy.md": article(EASY * 10)})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795219200")  # 2026-11-21
    assert main(["check", "--root", str(root), "--report"]) == 0
    out = capsys.readouterr().out
    assert "content/pages/easy.md" in out and "guide: 3 published" in out
    assert main(["check", "--root", str(root)]) == 0
    assert "guide:" not in capsys.readouterr().out

