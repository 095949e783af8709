"""Prompt and report templates, shipped inside the wheel as ``summarizer.prompts``."""
