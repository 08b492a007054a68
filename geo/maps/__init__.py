"""The maps: the web map as folium (``mapview``) with its compact ``topology``, ``palette`` and browser
``assets`` (the map's JavaScript: ``js/*.js``); Land view, focus and year playback on that map; the static PNG
map (``staticmap``); the map's selection and the shareable URL state.

May import: ``geo.figures``, ``geo.records``, ``geo.regions``, ``geo.text``.
"""
