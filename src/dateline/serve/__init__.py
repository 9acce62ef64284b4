"""The HTTP API and the dashboard (static files shipped in the package)."""

from .app import create_app

__all__ = ["create_app"]
