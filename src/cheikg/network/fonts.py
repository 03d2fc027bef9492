"""Fonts for pictures with Chinese labels: find one that has the glyphs, and say which characters none has.

matplotlib's bundled DejaVu Sans has no Chinese glyphs, so a Chinese label
drawn with it becomes a row of empty boxes.  The ``plot`` extra installs
Noto Sans CJK (SIL Open Font License) from PyPI as the package
``noto-cjk-sans-otc``; without it, a CJK font matplotlib finds on the system
(Noto Sans CJK, Source Han Sans, WenQuanYi ...; Debian's fonts-noto-cjk) is
used.  Labels are checked against the fonts' character maps before drawing,
so a label that no available font can show is drawn in English instead of as
boxes, and the caller is told.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Family names of fonts known to cover Chinese, as fontconfig and matplotlib report them.
CJK_FAMILY_HINTS = (
    "Noto Sans CJK",
    "Noto Serif CJK",
    "Source Han Sans",
    "Source Han Serif",
    "WenQuanYi",
    "Droid Sans Fallback",
    "AR PL",
    "Sarasa",
    "PingFang",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "SimHei",
)
PREFERRED_FACE = "Noto Sans CJK SC"  # the simplified-Chinese face of the Noto collection
BASE_FAMILY = "DejaVu Sans"  # shipped with matplotlib: Latin, Greek, Cyrillic, symbols
INSTALL_HINT = "pip install 'cheikg[plot]' (or a system CJK font such as Debian's fonts-noto-cjk)"


@dataclass
class FontSet:
    """The font families a picture asks for, first match wins per glyph, and their character maps."""

    families: list[str]
    files: list[str]
    cjk: str | None  # the CJK family, or None when no font with Chinese glyphs was found
    _chars: set[int] = field(default_factory=set, repr=False)

    def missing(self, text: str) -> set[str]:
        """Characters of ``text`` that no font of the set can draw (spaces and line breaks never count)."""
        return {c for c in text if not c.isspace() and ord(c) not in self._chars}

    def covers(self, text: str) -> bool:
        return not self.missing(text)


def bundled_cjk_file() -> Path | None:
    """The Noto Sans CJK collection installed by the plot extra, if it is."""
    try:
        import noto_cjk_sans_otc
    except ImportError:
        return None
    path = Path(str(noto_cjk_sans_otc.FONT_PATH))
    return path if path.is_file() else None


def _system_cjk_entry():
    from matplotlib import font_manager

    entries = sorted(font_manager.fontManager.ttflist, key=lambda e: (e.name != PREFERRED_FACE, e.name, str(e.fname)))
    for entry in entries:
        if any(entry.name.startswith(hint) for hint in CJK_FAMILY_HINTS):
            return entry
    return None


def _charmap(path: str) -> set[int]:
    from matplotlib.ft2font import FT2Font

    return set(FT2Font(path).get_charmap())


def font_set(cjk_file: Path | None | bool = True) -> FontSet:
    """The fonts to draw with: a CJK font first (it also has Latin glyphs), DejaVu Sans for the rest.

    ``cjk_file`` True looks for the bundled font, then a system one; a path
    uses that font file; None or False draws without a CJK font.
    """
    from matplotlib import font_manager

    families: list[str] = []
    files: list[str] = []
    cjk: str | None = None
    if cjk_file is True:
        cjk_file = bundled_cjk_file()
        if cjk_file is None:
            entry = _system_cjk_entry()
            if entry is not None:
                cjk, path = entry.name, str(entry.fname)
                families.append(cjk)
                files.append(path)
    if isinstance(cjk_file, Path):
        font_manager.fontManager.addfont(str(cjk_file))
        names = sorted({e.name for e in font_manager.fontManager.ttflist if str(e.fname) == str(cjk_file)})
        if names:
            cjk = PREFERRED_FACE if PREFERRED_FACE in names else names[0]
            families.append(cjk)
            files.append(str(cjk_file))
    base = font_manager.findfont(font_manager.FontProperties(family=BASE_FAMILY), fallback_to_default=True)
    families.append(BASE_FAMILY)
    files.append(str(base))
    chars: set[int] = set()
    for path in files:
        chars |= _charmap(path)
    return FontSet(families, files, cjk, chars)
