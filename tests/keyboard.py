"""Driving the app with the keyboard alone: press Tab until the wanted element has the focus."""

from __future__ import annotations

#: The focused element, followed into same-origin iframes: [in a frame?, its accessible name or text].
FOCUSED_JS = """() => {
    let doc = document, el = doc.activeElement, inFrame = false;
    while (el && el.tagName === 'IFRAME' && el.contentDocument) {
        inFrame = true; doc = el.contentDocument; el = doc.activeElement;
    }
    if (!el) return [inFrame, ''];
    const copy = el.cloneNode(true);  // the name a screen reader reads: without aria-hidden icons
    if (copy.querySelectorAll) copy.querySelectorAll('[aria-hidden="true"]').forEach(n => n.remove());
    const name = el.getAttribute('aria-label') || copy.textContent || el.value || '';
    return [inFrame, name.trim().replace(/\\s+/g, ' ')];
}"""


def focused(page) -> tuple[bool, str]:
    in_frame, name = page.evaluate(FOCUSED_JS)
    return in_frame, name


def tab_to(page, name: str, limit: int = 600, exact: bool = False) -> list[tuple[bool, str]]:
    """Press Tab until an element whose name starts with ``name`` (or is ``name``, if exact) has the focus.

    Returns the focus path on the way, so a test can check where the focus went (e.g. through the map).
    """
    path = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        path.append(focused(page))
        if path[-1][1] == name or (not exact and path[-1][1].startswith(name)):
            return path
    raise AssertionError(f"{name!r} not reached with {limit} Tab presses; last: {path[-5:]}")
