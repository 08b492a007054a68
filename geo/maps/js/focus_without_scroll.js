// Focuses the map on a press without scrolling the page (geo.maps.mapview.FocusWithoutScroll, issue 12).
function atlasFocusWithoutScroll(map) {
    var box = map.getContainer(), keys = map.keyboard;
    if (keys) { L.DomEvent.off(box, "mousedown", keys._onMouseDown, keys); }
    L.DomEvent.on(box, "mousedown", function () {
        if (!document.hasFocus() || document.activeElement !== box) { box.focus({preventScroll: true}); }
    });
}
