"""What a hot-seat game says about its log, and the question before closing it."""

from __future__ import annotations

from pathlib import Path

from game.client.scenes.panels.base import Callback
from game.client.scenes.panels.modal import Modal
from game.client.sessions.base import Session


def log_path(session: Session) -> Path | None:
    path = getattr(session, "log_path", None)
    return path if isinstance(path, Path) else None


def log_notes(session: Session) -> tuple[str, ...]:
    """« Journal de la partie : /…/var/parties/ville-moyenne-….jsonl » (end of the game)."""
    path = log_path(session)
    if path is None:
        return ()
    return (
        f"Journal de la partie : {path.resolve()}",
        "Pour la revoir action par action : capia replay suivi de ce chemin.",
    )


def quit_modal(session: Session, quit_now: Callback) -> Modal:
    path = log_path(session)
    kept = (
        f"Le journal est enregistré ({path.resolve()}) : vous pourrez revoir la partie."
        if path is not None
        else "Aucun journal n'est écrit : la partie sera perdue."
    )
    return Modal(
        "Quitter la partie ?",
        f"La partie n'est pas finie. {kept}",
        "Quitter",
        "Continuer la partie (Échap)",
        quit_now,
    )


def ready_modal(missing: str, ready_now: Callback) -> Modal:
    """The question « Prêt·e » asks while this seat has not voted on everything."""
    return Modal(
        "Vous n'avez pas tout voté",
        f"Il vous reste à voter : {missing}. Une fois prêt·e, vous ne pourrez plus "
        "voter ni changer vos votes dans cette phase.",
        "Prêt·e quand même",
        "Revenir voter (Échap)",
        ready_now,
    )
