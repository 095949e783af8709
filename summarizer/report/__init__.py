"""Reports for people: per-article briefs (:mod:`.brief`) and the folder digest (:mod:`.digest`), both
rendered through :mod:`.render`."""

from .brief import render_brief, write_briefs
from .digest import render_digest, write_digest

__all__ = ["render_brief", "render_digest", "write_briefs", "write_digest"]
