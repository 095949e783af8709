"""Jinja2 templates of briefs and the digest, shipped inside the wheel as ``summarizer.templates``."""
