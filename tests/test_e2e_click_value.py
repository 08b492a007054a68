"""A Kreis click or Enter reaches the server at once, not after streamlit-folium's 250 ms debounce (issue 17).

The map spies on the value it hands to Streamlit. A timer set at the moment of the click runs in the
next task; by then the clicked Kreis must already be sent. With streamlit-folium's debounce alone it
is sent 250 ms later at the earliest, after that timer, so these tests fail without
:class:`geo.maps.mapview.ClickValueAtOnce` — without measuring any time.
"""

import pytest
from playwright.sync_api import expect

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
