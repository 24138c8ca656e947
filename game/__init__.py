"""Cap IA: the engine and everything that runs without a server."""

__version__ = "0.1.0"
