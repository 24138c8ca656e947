"""The scenario packs shipped with Cap IA: one folder per pack, found as package data.

Not code: this file only lets `importlib.resources.files("scenarios")` find the
packs in an installed wheel as in a checkout (see `game.scenario.bundled`).
"""
