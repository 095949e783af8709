"""JSON Schemas generated from the models; ``schemas/`` in the repository holds the checked-in copies,
which ship inside the wheel as ``summarizer.schemas``."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from pydantic import BaseModel

from .models import ArticleSummary, BatchRecord

SCHEMAS: dict[str, type[BaseModel]] = {
    "article_summary.schema.json": ArticleSummary,
    "batch_record.schema.json": BatchRecord,
}


def render(model: type[BaseModel]) -> str:
    return json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = directory / name
        path.write_text(render(model), encoding="utf-8")
        written.append(path)
    return written


def check_schemas(directory: Path) -> list[str]:
    """Names of schema files in ``directory`` that differ from the models."""
    return [
        name
        for name, model in SCHEMAS.items()
        if not (directory / name).is_file() or (directory / name).read_text(encoding="utf-8") != render(model)
    ]


def bundled_schema(name: str) -> dict:
    """A schema as shipped inside the installed package."""
    return json.loads(resources.files("summarizer.schemas").joinpath(name).read_text(encoding="utf-8"))
