"""What `capia` keeps for the local user: the admin token of the server run on this
machine, so `capia workshop …` works without typing it (file mode 0600).

The folder is the user's configuration folder (platformdirs: ~/.config/capia on Linux,
~/Library/Application Support/capia on macOS, %LOCALAPPDATA%\\capia on Windows), or
CAPIA_CONFIG_DIR when set.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ADMIN_FILE = "admin-token"


def config_dir() -> Path:
    """The folder `capia` keeps the local user's values in."""
    given = os.environ.get("CAPIA_CONFIG_DIR")
    return Path(given) if given else Path(platformdirs.user_config_dir("capia", appauthor=False))


def admin_token_file() -> Path:
    """Where the admin token is kept."""
    return config_dir() / ADMIN_FILE


def save_admin_token(token: str) -> Path:
    """Keep the admin token for this user only (0600); return the file."""
    path = admin_token_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(token + "\n")
    os.chmod(path, 0o600)  # an older file keeps its mode otherwise
    return path


def load_admin_token() -> str | None:
    """The admin token kept for this user, or None."""
    try:
        text = admin_token_file().read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return text or None
