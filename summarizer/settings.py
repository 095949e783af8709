"""One typed settings object. Environment variables (``SUMMARIZER_*``, plus the standard ``OPENAI_API_KEY``
and ``OPENAI_BASE_URL``) and CLI flags map onto it; the CLI only overrides what the user passed."""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from .load import DEFAULT_MAX_BYTES

EngineName = Literal["auto", "offline", "llm", "local"]


class Settings(BaseSettings):
    """Configuration of a summarizer run."""

    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_", extra="ignore")

    engine: EngineName = Field(
        "auto", description="'auto' uses the LLM engine when a model is configured, else offline."
    )
    model: str | None = Field(None, description="Model name for the LLM engine (SUMMARIZER_MODEL).")
    base_url: str | None = Field(
        None, validation_alias=AliasChoices("SUMMARIZER_BASE_URL", "OPENAI_BASE_URL"),
        description="OpenAI-compatible endpoint (OPENAI_BASE_URL).",
    )  # fmt: skip
    api_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("SUMMARIZER_API_KEY", "OPENAI_API_KEY")
    )
    max_bytes: int = Field(DEFAULT_MAX_BYTES, gt=0, description="Larger input files are skipped.")
    workers: int = Field(0, ge=0, description="Worker processes for the offline engine (0: one per core).")

    def resolved_engine(self) -> Literal["offline", "llm", "local"]:
        if self.engine != "auto":
            return self.engine
        return "llm" if self.model else "offline"
