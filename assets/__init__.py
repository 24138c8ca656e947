"""The client's fonts (Noto Sans, SIL OFL, licence beside them) and pygame_gui theme.

Not code: this file only lets `importlib.resources.files("assets")` find them in
an installed wheel as in a checkout (see `game.client.assets`).
"""
