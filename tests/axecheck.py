"""axe-core in the browser tests: WCAG 2.0/2.1 A and AA rules, in a page or in the map's frame.

axe-core's script comes with the ``axe-playwright-python`` package (no network). A finding counts when
axe rates it critical or serious; rules switched off must be listed in ``geo.handouts.accessibility`` (and so on
the Barrierefreiheit page), with the reason.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from geo.handouts import accessibility
from tests.mapkit import MAP_FRAME

OPTIONS = {
    "runOnly": {"type": "tag", "values": list(accessibility.AXE_TAGS)},
    "resultTypes": ["violations"],
    "iframes": False,  # the map's frame is checked on its own (map_frame_violations)
    "rules": {rule: {"enabled": False} for rule in accessibility.DISABLED_AXE_RULES},
}
BLOCKING = ("critical", "serious")


def violations(target) -> list[str]:
    """Critical and serious findings in a Page or Frame, one readable line per finding."""
    target.evaluate(Axe().axe_script)
    result = target.evaluate("options => axe.run(document, options)", OPTIONS)
    return [
        f"{v['impact']} {v['id']} ({v['help']}): {node['target']} – {node.get('failureSummary', '')[:200]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
        for node in v["nodes"]
    ]


def wait_until_done(page) -> None:
    """The page's script has run to its end: the footer is drawn, nothing is pending (see ``RUNNING``) and no
    element is still fading back in (mid-fade text has less contrast than it ends with).

    On the map page the map reports back once it is drawn, which starts one more run: wait for the map first,
    or axe may meet that run's faded elements."""
    expect(page.get_by_role("link", name="Erklärung zur Barrierefreiheit")).to_be_visible(timeout=60_000)
    if page.locator(MAP_FRAME).count():
        map_paths = page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive")
        expect(map_paths).to_have_count(400, timeout=60_000)
    page.wait_for_function(f"() => !document.querySelector('{RUNNING}') && {NO_TRANSITION}", timeout=30_000)


#: Streamlit is still at work: a script run, elements of the last run not yet replaced, or an element whose
#: code is still loading (its skeleton stands in).
RUNNING = '[data-testid="stStatusWidget"], [data-stale="true"], [data-testid="stSkeleton"]'
#: No CSS transition is running: elements of a finished rerun fade from "stale" back to full opacity, and
#: under load axe measured the text in between (contrast of #a27d2d on #fffbe8 instead of the real colour).
NO_TRANSITION = "document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState !== 'running')"
