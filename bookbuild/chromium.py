"""How the book runs Debian's Chromium (the PDF, `make bench`, the browser tests).

As root it needs ``--no-sandbox``; the rest keep it from calling home, and the resolver rule
makes every host but this machine unreachable, so that a page that loads anything from another
host fails instead of fetching it.
"""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
