"""Configuration: the one registry of environment variables and secrets (:mod:`geo.config.settings`).

The bottom of the library: imports nothing from ``geo``, and every package may import it.
"""
