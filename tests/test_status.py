"""`build.py status`: missing languages, stale translations and scaffold placeholders."""

from __future__ import annotations

from pathlib import Path

from briefing.status import text_hash
from conftest import OTHER_STORY, make_project, run_cli


def _edit(path: Path, find: str, replace: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert find in text
    path.write_text(text.replace(find, replace, 1), encoding="utf-8")


def test_status_of_a_complete_dossier(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    result = run_cli(project, "status")
    assert (result.returncode, result.stdout) == (0, "every text is in both languages, and no tracked translation is stale\n")


def test_status_lists_missing_and_stale_translations(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", OTHER_STORY)
    actors = project / "content" / "actors" / "actors.yaml"
    original = "سلمى عبد الرحيم"
    # A tracked translation that is current, then one whose Arabic original changed since.
    _edit(actors, "      en: Salma Abdelrahim\n", f"      en: Salma Abdelrahim\n      from: ar\n      hash: {text_hash(original)}\n")
    assert run_cli(project, "status").stdout.startswith("every text")
    _edit(actors, f"ar: {original}", "ar: المهندسة سلمى عبد الرحيم")
    # And a record whose English text is missing.
    _edit(actors, "      en: Head of the Qasr al-Nakhil Metro Authority\n", "")

    result = run_cli(project, "status")

    assert result.returncode == 0
    assert result.stdout == (
        "content/actors/actors.yaml:6:7: actors[0].name: the English translation may be stale: the Arabic original "
        f"changed since it was translated (recorded hash {text_hash(original)}, now {text_hash('المهندسة سلمى عبد الرحيم')}); "
        f"check the translation, then set hash: {text_hash('المهندسة سلمى عبد الرحيم')}\n"
        "content/actors/actors.yaml:11:7: actors[0].role: no English text yet\n"
        "1 missing, 1 stale, 0 placeholder texts\n"
    )
    # check agrees that the missing text is an error, and accepts the stale one.
    assert run_cli(project, "check").stderr == (
        "content/actors/actors.yaml:11:7: actors[0].role: missing the English text (en)\n"
        "1 error found; nothing was built.\n"
    )


def test_text_hash_ignores_whitespace_only() -> None:
    assert text_hash("a  b\n") == text_hash("a b")
    assert text_hash("a b") != text_hash("a c")
