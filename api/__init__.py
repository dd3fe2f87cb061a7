"""coaltext's local HTTP service: the same reports as the CLI, as JSON, plus an upload page.

    >>> from api import create_app, serve
    >>> serve()                       # http://127.0.0.1:8000 (what `coaltext serve` runs)
"""

from __future__ import annotations

from .app import create_app, serve
from .settings import Settings

__all__ = ["Settings", "create_app", "serve"]
