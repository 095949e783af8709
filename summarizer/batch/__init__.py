"""Folders of articles: :mod:`.run` (plan -> execute -> finish), :mod:`.executors` (processes and event
loops), :mod:`.store` (the SQLite run store), :mod:`.export` (CSV and Parquet) and :mod:`.openai` (the
OpenAI Batch API)."""

from .run import SUMMARIES_NAME, BatchReport, summarize_folder

__all__ = ["SUMMARIES_NAME", "BatchReport", "summarize_folder"]
