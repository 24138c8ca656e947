"""Session-wide settings of the test run."""

from __future__ import annotations

import os
import tempfile

# `capia serve` and `capia admin-token` keep the admin token in the user's configuration
# folder: tests (and the servers they start as subprocesses) use a throw-away one.
os.environ["CAPIA_CONFIG_DIR"] = tempfile.mkdtemp(prefix="capia-config-")
