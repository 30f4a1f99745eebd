"""`python -m bench.fonts` (`make fonts`): the Arabic web font, cut down to Arabic as used.

The site's Arabic typeface is Noto Naskh Arabic (SIL Open Font License 1.1, which allows
subsetting; the licence ships beside the files, and the Noto fonts reserve no font name).
Its source is the npm package @fontsource/noto-naskh-arabic, pinned in package-lock.json
(`npm ci` installs it): Fontsource's "arabic" files, 52 KB a weight, also cover the Arabic
Supplement and Extended blocks and 630 presentation forms of Persian, Urdu and Quranic
ligatures. This command keeps the Arabic block (U+0600-06FF, Persian and Urdu letters
included), the joiners and marks Arabic text uses, and the basic presentation forms that
text pasted from PDFs carries, with every OpenType feature (joining, ligatures, mark
placement): 25 KB a weight. A character outside the subset is drawn by the reader's own
Arabic font (the @font-face `unicode-range` in briefing.css lists the same ranges).

The output is reproducible: the same fontTools and Brotli (requirements-dev.txt) give the
same bytes, and tests/test_weight_browser.py checks that the committed files are exactly
this command's output.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "node_modules" / "@fontsource" / "noto-naskh-arabic" / "files"
TARGET = REPO / "templates" / "overrides" / "assets" / "fonts"
FILES = ("noto-naskh-arabic-arabic-400-normal.woff2", "noto-naskh-arabic-arabic-700-normal.woff2")

UNICODE_RANGES = (
    (0x0600, 0x06FF),  # Arabic, with the Persian and Urdu letters and Arabic-Indic digits
    (0x200C, 0x200E),  # zero-width non-joiner and joiner, left-to-right mark
    (0x2010, 0x2010),  # hyphen
    (0x204F, 0x204F),  # reversed semicolon
    (0x2E41, 0x2E41),  # reversed comma
    (0xFE70, 0xFE74),  # presentation forms B: harakat
    (0xFE76, 0xFEFC),  # presentation forms B: letters and lam-alef
)
"""What the subset keeps, every one of them drawn by the font; briefing.css's
`unicode-range` says the same (tests/test_weight_browser.py checks both)."""


def css_unicode_range() -> str:
    """UNICODE_RANGES as a CSS `unicode-range` value."""
    return ", ".join(f"U+{lo:04X}" if lo == hi else f"U+{lo:04X}-{hi:04X}" for lo, hi in UNICODE_RANGES)


def subset(source: bytes) -> bytes:
    """A woff2 font cut down to UNICODE_RANGES, every layout feature and script kept."""
    from fontTools import subset as ft_subset  # a dev requirement: only this command needs it
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.layout_scripts = ["*"]
    options.name_IDs = ["*"]  # keep the copyright, licence and version records
    options.notdef_outline = True
    font = TTFont(io.BytesIO(source), recalcTimestamp=False)  # the same bytes on every run
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=[cp for lo, hi in UNICODE_RANGES for cp in range(lo, hi + 1)])
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="Fontsource's files/ folder")
    parser.add_argument("--out", type=Path, default=TARGET, help="where the subsets are written")
    args = parser.parse_args(argv)
    for name in FILES:
        source = args.source / name
        if not source.is_file():
            raise SystemExit(f"{source} not found: run `npm ci` (package-lock.json pins the font package)")
        data = subset(source.read_bytes())
        (args.out / name).write_bytes(data)
        print(f"{name}: {source.stat().st_size:,} -> {len(data):,} bytes")
    print(f"unicode-range: {css_unicode_range()}")


if __name__ == "__main__":
    main()
