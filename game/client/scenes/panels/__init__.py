"""Panels: framed, scrollable areas built from a narrow context (see `base.py`)."""
