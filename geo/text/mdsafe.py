"""User text made inert for Streamlit's Markdown, and the one kind of link the app writes into text.

Pure string work, so it is tested without Streamlit; the pages use it through ``geo.text.mdsafe.md``.
"""

from __future__ import annotations

import re
from urllib.parse import quote

_MARKDOWN_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")  # all ASCII punctuation
_WORD_JOINER = "\u2060"
_AUTOLINK_BREAKS = re.compile(r":/|www\.|[^\s]@", re.IGNORECASE)


def md(text: object) -> str:
    """User text made inert for Streamlit Markdown: no links, images, autolinks, formatting or HTML.

    Every text from outside the app (records, uploads, URL parameters, messages quoting them) goes
    through here before any Markdown-rendering element (markdown, caption, header, info/error, button
    labels). Two steps:

    1. Streamlit's Markdown turns bare ``http(s)://``, ``www.`` and ``name@host`` into links AFTER
       backslash escapes are resolved (remark-gfm's autolink-literal pass works on the parsed text),
       so escaping alone is not enough: an invisible WORD JOINER (U+2060) is put after every ``:``,
       between ``www`` and ``.`` and before ``@``, where those patterns can no longer match.
    2. Every ASCII punctuation character is backslash-escaped (CommonMark allows it for all of them),
       so no ``![](…)``, ``[…](…)``, ``<…>``, ``&#58;`` entity, ``:material/…:`` or ``$…$`` survives.

    Links the app makes itself come from validated URL fields and use ``st.link_button``.
    """
    plain = "" if text is None else str(text)
    return _escaped(_AUTOLINK_BREAKS.sub(lambda m: m.group(0)[:-1] + _WORD_JOINER + m.group(0)[-1], plain))


def mail_link(address: str) -> str:
    """A ``mailto:`` Markdown link for the validated e-mail field (``geo.records.model.parse_email``).

    The one kind of link the app makes in text; its visible text has no word joiner, so a copied
    address works. Link text is never autolinked again.
    """
    return f"[{_escaped(address)}](mailto:{quote(address, safe='@.+-_')})"


def _escaped(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
