"""The only doors from the scenes to the game: in-process, networked and replayed sessions."""

from game.client.sessions.base import FacilitatorSession, Session, TableSummary

__all__ = ["FacilitatorSession", "Session", "TableSummary"]
