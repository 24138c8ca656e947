"""The distribution's Chromium, run headless on a local HTML file (report tests)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


def run_headless(page: Path, *flags: str) -> None:
    """Open `page` in a fresh headless Chromium profile with `flags` (print, screenshot)."""
    assert BROWSER is not None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                BROWSER,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                *flags,
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
