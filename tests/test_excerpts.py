"""The excerpt finder's forgiving comparison: for an excerpt that is not in its article
verbatim, the passage the editor meant, as the article writes it, and what differs."""

from __future__ import annotations

import pytest

from briefing.excerpts import ArticleText

ARTICLE = ArticleText(
    "عنوان.\n"
    "قال وزير الخارجية إنّ «القوات الأمريكية» ستغادر العراق بحلول أيلول 2025، وفق الاتفاق.\n"
    "ورأى مسؤول آخر أن المرحلة المقبلة ستكون أصعب."
)


@pytest.mark.parametrize(
    ("copy", "difference"),
    [
        ("القوات الامريكية", "«ا» (ARABIC LETTER ALEF) is «أ» (ARABIC LETTER ALEF WITH HAMZA ABOVE) in the article"),
        ("بحلول أيلول ٢٠٢٥، وفق", "«٢٠٢٥،» is «2025،» in the article"),
        ("ستغادر العراق بحلول أيلول 2025, وفق", "«,» (COMMA) is «،» (ARABIC COMMA) in the article"),
        ('إنّ "القوات', "«\"» (QUOTATION MARK) is ««» (LEFT-POINTING DOUBLE ANGLE QUOTATION MARK) in the article"),
        ("وزير الخارجية إن", "the article has «ّ» (ARABIC SHADDA) here"),
        ("وزير الخارجـية", "«ـ» (ARABIC TATWEEL) is not in the article"),
        ("المرحله المقبلة", "«ه» (ARABIC LETTER HEH) is «ة» (ARABIC LETTER TEH MARBUTA) in the article"),
        ("ستكون أصعب.", None),  # verbatim: nothing differs
    ],
)
def test_a_copy_that_differs_only_in_forgiven_characters_finds_its_passage(copy: str, difference: str | None) -> None:
    passage = ARTICLE.closest(copy)
    assert passage is not None
    assert passage.line in (2, 3)
    assert ARTICLE.contains(passage.verbatim)
    assert passage.describe_differences() == (difference or "")


def test_a_copy_with_a_word_changed_finds_the_most_similar_passage() -> None:
    passage = ARTICLE.closest("قال وزير الخارجية إنّ «القوات الأميركية» سترحل عن العراق")
    assert passage is not None
    assert (passage.line, passage.column) == (2, 1)
    assert passage.verbatim == "قال وزير الخارجية إنّ «القوات الأمريكية» ستغادر العراق"
    assert passage.describe_differences() == (
        "«الأميركية»» is «الأمريكية»» in the article; «سترحل» is «ستغادر» in the article; «عن» is not in the article"
    )


def test_a_copy_from_elsewhere_finds_nothing() -> None:
    assert ARTICLE.closest("أعلنت وزارة الصحة عن حملة تطعيم جديدة ضد الحصبة") is None


def test_matches_lists_every_passage_with_its_line_and_column() -> None:
    found = ARTICLE.matches("المرحله")
    assert [(p.line, p.column, p.verbatim) for p in found] == [(3, 19, "المرحلة")]
