// On touch screens one finger scrolls the page, two fingers move the map (geo.maps.mapview.PhoneGestures).
function atlasPhoneGestures(map, text) {
    if (!(L.Browser.mobile || window.matchMedia("(pointer: coarse)").matches)) { return; }
    map.dragging.disable();
    var hint = L.control({position: "bottomleft"});
    hint.onAdd = function () {
        var box = L.DomUtil.create("div", "atlas-hint");
        box.textContent = text;
        return box;
    };
    hint.addTo(map);
}
