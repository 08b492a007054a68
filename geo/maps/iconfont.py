"""Streamlit's icon font cut down to the icons anything in the app can name (issue 25, point 11).

Every first visit loads Material Symbols Rounded (375 KB, 4 300 icons): the navigation's icons and Streamlit's
own sidebar button are drawn with it. An icon is a ligature: the text ``keyboard_double_arrow_left`` in
that font turns into one glyph. The cut keeps a ligature when its name occurs as a word in Streamlit's
scripts (its own buttons, over-inclusive on purpose: every word is kept, used or not) or as
``:material/name:`` in the app's or Streamlit's Python code; all letters, digits and the icons' private-use
code points stay, so a name missed here shows as its text rather than as nothing. Visitors cannot choose
icons. Material Symbols is under the Apache License 2.0, which allows modified copies (README, "Daten und
Lizenzen"). Streamlit's text fonts (Source Sans, Source Code) are not cut: their SIL Open Font License
reserves the name "Source" for unmodified fonts.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterable
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

#: The file name Streamlit gives the font (with its content hash): ``MaterialSymbols-Rounded.nEdyypZU.woff2``.
FONT = re.compile(r"MaterialSymbols-[A-Za-z]+\.[\w-]+\.woff2$")
#: Icon names as Streamlit writes them in Python (``icon=":material/map:"``).
MATERIAL = re.compile(r":material/([a-z0-9_]+):")
WORD = re.compile(r"[a-z0-9_]+")
#: Code points Material Symbols gives its icons directly, besides the ligatures (Unicode's private use area).
PRIVATE_USE = range(0xE000, 0xF8FF + 1)


def ligatures(font: TTFont) -> dict[str, str]:
    """Every icon name the font turns into a glyph, with that glyph's name."""
    letters = {glyph: chr(code) for code, glyph in font.getBestCmap().items() if code not in PRIVATE_USE}
    names = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = table.ExtSubTable if lookup.LookupType == 7 else table
            for first, rules in getattr(table, "ligatures", {}).items():
                for rule in rules:
                    names[letters[first] + "".join(letters[c] for c in rule.Component)] = rule.LigGlyph
    return names


def named_in(scripts: Iterable[Path], python: Iterable[Path]) -> set[str]:
    """Words of the scripts and ``:material/…:`` names of the Python files: what could ask for an icon."""
    found: set[str] = set()
    for path in scripts:
        found |= set(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    for path in python:
        found |= set(MATERIAL.findall(path.read_text(encoding="utf-8", errors="replace")))
    return found


@functools.cache
def _cut(font_path: Path, mtime_ns: int, names: frozenset[str]) -> bytes:
    font = TTFont(font_path)
    icons = ligatures(font)
    keep = {icons[name] for name in names & icons.keys()}
    options = subset.Options()
    options.layout_closure = False  # keep only the named icons' ligatures, not every one the letters could form
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.flavor = "woff2"
    cutter = subset.Subsetter(options)
    cmap = font.getBestCmap()
    cutter.populate(glyphs=sorted(keep), unicodes=[c for c, g in cmap.items() if c not in PRIVATE_USE or g in keep])
    cutter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def cut(font_path: Path, names: set[str]) -> bytes:
    """The font as WOFF2 with only the ligatures for ``names`` (computed once per file and name set)."""
    font_path = Path(font_path)
    return _cut(font_path, font_path.stat().st_mtime_ns, frozenset(names))
