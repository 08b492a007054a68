"""What the editors' data page works on in one run: the engine, the editor and the stored records.

The tabs share it, so the records are read once per run and again only after a write (``reload``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from geo.storage import store


@dataclass
class Desk:
    """The page's state for one run."""

    engine: Engine
    editor: str
    stored: pd.DataFrame

    def reload(self) -> pd.DataFrame:
        """The stored records after a write in this run, so the later tabs (history, export) show it."""
        self.stored = store.load_networks(self.engine)
        return self.stored

    def pick_network(self, label: str, placeholder: str, key: str) -> str | None:
        """A stored record chosen by name (with its id), or None."""
        names = dict(zip(self.stored["id"], self.stored["name"], strict=True))
        return st.selectbox(
            label, list(names), format_func=lambda i: f"{names[i]} ({i})", index=None, placeholder=placeholder, key=key
        )
