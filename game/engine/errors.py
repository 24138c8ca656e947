"""The one exception type the rules raise for an action that may not be applied now."""

from __future__ import annotations


class IllegalAction(Exception):
    """An action refused by the rules: a machine `code` and a French `message`.

    The state given to `apply` is never changed when this is raised.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
