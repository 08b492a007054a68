// Names the map's iframe and region for screen readers (geo.maps.mapview.ScreenReaderNames).
function atlasScreenReaderNames(map, title, label) {
    var box = map.getContainer();
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", label);
    try { if (window.frameElement) { window.frameElement.title = title; } } catch (e) {}
}
