// Reports a Kreis click to the server at once, not after streamlit-folium's debounce
// (geo.maps.mapview.ClickValueAtOnce); ``known`` are the value keys built here.
function atlasClickValueAtOnce(layer, known) {
    layer.on("click", function () {
        Promise.resolve().then(function () {
            var g = window.__GLOBAL_DATA__, S = window.Streamlit, wanted = g && g.returned_objects;
            if (!S || !wanted || !wanted.length || wanted.some(function (k) { return known.indexOf(k) < 0; })) {
                return;
            }
            var all = {last_object_clicked_count: g.last_object_clicked_count,
                       last_active_drawing: g.last_active_drawing}, value = {};
            Object.keys(all).forEach(function (k) { if (wanted.indexOf(k) >= 0) { value[k] = all[k]; } });
            if (JSON.stringify(g.previous_data) !== JSON.stringify(value)) {
                g.previous_data = value;
                S.setComponentValue(value);
            }
        });
    });
}
