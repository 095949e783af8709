"""One typed settings object. Environment variables (``SUMMARIZER_*``, plus the standard ``OPENAI_API_KEY``
and ``OPENAI_BASE_URL``) and CLI flags map onto it; the CLI only overrides what the user passed."""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

#: Input files larger than this are skipped (a news article is a few tens of kilobytes).
DEFAULT_MAX_BYTES = 5_000_000
#: The shortest article budget: below it the budget's own timer can fire before the article has started.
MIN_ARTICLE_SECONDS = 0.1
#: OpenAI's range; compatible servers take the same.
MAX_TEMPERATURE = 2.0

EngineName = Literal["auto", "offline", "llm", "local"]
#: Instructor modes the model engines support ("auto": tools for OpenAI, json for compatible servers).
Mode = Literal["auto", "tools", "json", "json_schema", "md_json"]


class Settings(BaseSettings):
    """Configuration of a summarizer run."""

    # populate_by_name: Settings(api_key=...) works in Python as well as the OPENAI_API_KEY alias.
    # allow_inf_nan off: "inf" or "nan" from a flag or the environment is refused here, with the setting's
    # name, instead of failing every article later (an infinite budget overflows the timer, an infinite
    # temperature is refused by the server).
    model_config = SettingsConfigDict(
        env_prefix="SUMMARIZER_", extra="ignore", populate_by_name=True, allow_inf_nan=False
    )

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
    article_seconds: float = Field(
        600.0,
        ge=MIN_ARTICLE_SECONDS,
        description="Time budget of one article; past it the article fails and the batch goes on.",
    )
    follow_symlinks: bool = Field(
        False, description="Read links to files outside the input folder, and links to folders."
    )
    # --- LLM engines ---
    concurrency: int = Field(8, ge=1, description="Articles in flight at once with a model engine.")
    requests_per_minute: int | None = Field(
        None, gt=0, description="Optional request rate limit (all articles)."
    )
    tokens_per_minute: int | None = Field(None, gt=0, description="Optional token rate limit (all articles).")
    mode: Mode = Field(
        "auto", description="Instructor mode; 'auto': tools for OpenAI, json for compatible servers."
    )
    max_retries: int = Field(2, ge=0, description="Validation re-asks per article before salvaging.")
    transport_retries: int = Field(
        4, ge=0, description="Retries of 429/5xx/timeouts/connection errors per call."
    )
    retry_cap_seconds: float = Field(60.0, gt=0, description="Longest wait between transport retries.")
    timeout: float = Field(
        120.0,
        gt=0,
        description="Seconds one request may take in all, however slowly its answer comes (each retry gets its own).",
    )
    temperature: float = Field(0.0, ge=0, le=MAX_TEMPERATURE, description="Sampling temperature.")
    max_output_tokens: int = Field(2048, gt=0, description="max_tokens of each completion.")
    max_tokens_per_article: int | None = Field(
        None, gt=0, description="Token budget across re-asks; then salvage."
    )
    max_chars_per_call: int = Field(
        12_000, gt=500, description="Longer articles are sent in parts cut at sentences."
    )

    def resolved_engine(self) -> Literal["offline", "llm", "local"]:
        """The engine to use: ``auto`` means ``llm`` when a model is configured, ``offline`` otherwise."""
        if self.engine != "auto":
            return self.engine
        return "llm" if self.model else "offline"

    def check_key(self) -> None:
        """Raise a :class:`~summarizer.errors.ConfigError` when the LLM engine would call OpenAI's own
        endpoint without a key (a local server accepts any key, so only OpenAI is checked)."""
        from .errors import ConfigError

        if self.api_key is None and (not self.base_url or "api.openai.com" in self.base_url):
            raise ConfigError(
                "no API key for OpenAI's endpoint: set OPENAI_API_KEY (or SUMMARIZER_API_KEY), "
                "or pass --base-url for a local OpenAI-compatible server"
            )
