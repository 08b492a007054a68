"""A Kreis click or Enter reaches the server at once, not after streamlit-folium's 250 ms debounce (issue 17).

The map spies on the value it hands to Streamlit. A timer set at the moment of the click runs in the
next task; by then the clicked Kreis must already be sent. With streamlit-folium's debounce alone it
is sent 250 ms later at the earliest, after that timer, so these tests fail without
:class:`geo.maps.mapview.ClickValueAtOnce` — without measuring any time.
"""

import pytest
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg

from tests import keyboard, mapkit

pytestmark = pytest.mark.e2e

#: In the map frame: record each value sent to Streamlit, and at each click or Enter how many were sent
#: by the next task.
SPY_JS = """() => {
    const S = window.Streamlit, send = S.setComponentValue;
    window.__sent = [];
    window.__byNextTask = [];
    S.setComponentValue = function (value) {
        window.__sent.push(JSON.parse(JSON.stringify(value)));
        return send.apply(this, arguments);
    };
    const mark = (ev) => {
        if (ev.type === 'keydown' && ev.key !== 'Enter') return;
        const before = window.__sent.length;
        setTimeout(() => window.__byNextTask.push(window.__sent.slice(before)), 0);
    };
    document.addEventListener('click', mark, true);
    document.addEventListener('keydown', mark, true);
}"""


def sent_by_next_task(page) -> list:
    frame = mapkit.map_frame(page)
    frame.wait_for_function("() => window.__byNextTask.length > 0", timeout=15_000)
    return frame.evaluate("() => window.__byNextTask")


def test_a_click_is_sent_before_the_next_task(browser, app_url):
    page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="de-DE").new_page()
    mapkit.open_map(page, app_url)
    mapkit.map_frame(page).evaluate(SPY_JS)
    ags = mapkit.visible_kreise(page, 1)[0]
    lat, lon, heading = mapkit.kreis_point(ags)
    page.mouse.click(*mapkit.on_screen(page, lat, lon))

    [sent] = sent_by_next_task(page)
    assert [value["last_active_drawing"]["properties"]["ags"] for value in sent] == [ags]
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=15_000)
    page.context.close()


def test_enter_on_a_kreis_is_sent_before_the_next_task(browser, app_url):
    page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="de-DE").new_page()
    mapkit.open_map(page, app_url)
    mapkit.map_frame(page).evaluate(SPY_JS)
    keyboard.tab_to(page, "Kreisfreie Stadt Flensburg")
    page.keyboard.press("Enter")

    [sent] = sent_by_next_task(page)
    assert [value["last_active_drawing"]["properties"]["ags"] for value in sent] == ["01001"]
    expect(page.get_by_role("heading", name="Kreisfreie Stadt Flensburg")).to_be_visible(timeout=15_000)
    page.context.close()


def _is_rerun(payload) -> bool:
    """Whether a websocket message from the browser asks the server to run the page (or its fragment)."""
    if not isinstance(payload, bytes):
        return False
    message = BackMsg()
    message.ParseFromString(payload)
    return message.WhichOneof("type") == "rerun_script"


def test_a_first_visit_runs_the_page_once_and_a_click_once_more(browser, app_url):
    """The map sends its value only when it differs from the server's default. That default once had the
    click count None where the map starts at 0, so every first visit sent the unchanged map back and ran the
    whole page a second time, while the browser was still drawing the map."""
    page = browser.new_context(viewport={"width": 1366, "height": 768}, locale="de-DE").new_page()
    reruns = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: _is_rerun(payload) and reruns.append(1)))
    # open_map waits until the map's view held for a 300 ms poll, set after the map's own 250 ms timer that
    # would have sent the value: in the frame's event loop that timer has run by then
    mapkit.open_map(page, app_url)
    ags = mapkit.visible_kreise(page, 1)[0]
    lat, lon, heading = mapkit.kreis_point(ags)
    page.mouse.click(*mapkit.on_screen(page, lat, lon))
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=15_000)
    assert len(reruns) == 2  # the page's first run, the click
    # The start page sends its filters after the map (tests/test_protocol_click.py); the sidebar shows them
    # where every page does: the Land choice above the pages, the filters below them.
    sidebar = page.get_by_test_id("stSidebar")
    order = sidebar.evaluate(
        """(bar) => [...bar.querySelectorAll('[data-testid="stSelectbox"], [data-testid="stPageLink"], h2')]
            .map((el) => el.matches('h2') ? 'heading:' + el.textContent.trim() : el.dataset.testid)"""
    )
    assert order[0] == "stSelectbox" and "Land" in sidebar.get_by_test_id("stSelectbox").first.inner_text()
    assert order.index("heading:Filter") > max(i for i, kind in enumerate(order) if kind == "stPageLink")
    page.context.close()
