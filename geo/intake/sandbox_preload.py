"""Imported once by the sandbox's fork server (``geo.intake.sandbox.PRELOAD``), before it forks any child.

Loads the parsers (with pandas) and builds the resolver's index, so every child starts with them in
memory instead of spending about two seconds on them per upload.

It also stops children from re-running ``__main__``: multiprocessing runs the parent's main script
again in every child, and under Streamlit that is the page script that ran last (Streamlit installs
each page as ``__main__``) — a whole page would run in bare mode before each parse. Sandbox jobs are
module-level functions of importable modules and need no ``__main__``.
"""

from multiprocessing import spawn

from geo.intake import indicator, networks  # noqa: F401 - imported for the fork server's memory
from geo.regions import resolver

_prepare = spawn.prepare


def _prepare_without_main(data: dict) -> None:
    _prepare({k: v for k, v in data.items() if k not in ("init_main_from_path", "init_main_from_name")})


spawn.prepare = _prepare_without_main
resolver.warm()
