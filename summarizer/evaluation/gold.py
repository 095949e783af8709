"""Gold annotations: one JSON file per article (docs/GOLD_FORMAT.md), loading and drafting them.

Gold files are written by people, so loading them reports every problem with the file name and the
field, instead of a traceback; ``init_gold`` drafts them from a run so annotators correct rather
than type.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ConfigError
from ..models import Basis, BatchRecord, Level, Scope, Years


class _Gold(BaseModel):
    # Extra keys are allowed so annotators can leave notes ("comment": ...) in the files.
    model_config = ConfigDict(extra="allow")


class GoldLocality(_Gold):
    """The article's main subject locality, bare names without 'tỉnh'/'huyện'/'xã'."""

    province: str | None = None
    district: str | None = None
    commune: str | None = None
    level: Level | None = None


class GoldItem(_Gold):
    """A difficulty or a solution: a verbatim quote of the article, and (gold format 2) its category."""

    evidence: str
    optional: bool = False
    category: str | None = None


class GoldNumber(GoldItem):
    """A numeric result: a value, or a range (value_min, value_max), and its quote."""

    value: float | None = None
    value_min: float | None = None
    value_max: float | None = None
    kind: str = "other"
    # What the figure means (gold format 2). Whether a key was written at all matters: a file whose
    # numbers carry none of them is not scored on meaning, so see ``annotates_meaning``.
    basis: Basis = "actual"
    scope: Scope = "main"
    years: Years | None = None
    key: bool = False

    @property
    def annotates_meaning(self) -> bool:
        return bool(self.model_fields_set & {"basis", "scope", "years", "key"})


class Gold(_Gold):
    """Everything annotated for one article."""

    id: str
    relevant: bool = True
    locality: GoldLocality = Field(default_factory=GoldLocality)
    numbers: list[GoldNumber] = Field(default_factory=list)
    difficulties: list[GoldItem] = Field(default_factory=list)
    solutions: list[GoldItem] = Field(default_factory=list)
    noise: list[str] = Field(default_factory=list)


#: A gold file annotates one article: anything near this is not one (and would take minutes to parse).
MAX_GOLD_BYTES = 8 * 1024 * 1024


def _not_a_number(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows; write the figure, or leave the value out")


def load_gold(path: Path, ident: str | None = None) -> Gold:
    """Read one gold file; its ``id`` defaults to ``ident`` (its path in the gold folder, without ``.json``)."""
    try:
        size = path.stat().st_size
        if size > MAX_GOLD_BYTES:
            raise ConfigError(f"gold file {path} is {size:,} bytes, over the {MAX_GOLD_BYTES:,}-byte limit for "
                              "one article's annotations")  # fmt: skip
        data: Any = json.loads(path.read_text(encoding="utf-8-sig"), parse_constant=_not_a_number)
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError
        raise ConfigError(f"gold file {path} cannot be read as JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"gold file {path} must hold one JSON object, see docs/GOLD_FORMAT.md")
    data.setdefault("id", ident or path.stem)
    try:
        gold = Gold.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"gold file {path} is not in the gold format ({problems})") from exc
    for number in gold.numbers:
        if number.value is None and number.value_min is None and number.value_max is None:
            raise ConfigError(f"gold file {path}: the number quoted as {number.evidence!r} has no value")
    return gold


def load_gold_dir(folder: Path) -> dict[str, Gold]:
    """Every ``*.json`` under the folder, keyed by its path there without ``.json`` (``s1/x.json`` ->
    ``s1/x``): the article id that scoring pairs on (see :func:`article_ids`)."""
    if not folder.is_dir():
        raise ConfigError(
            f"gold folder {folder} does not exist; draft one with `summarizer eval OUT --init-gold {folder}`"
        )
    paths = sorted(folder.rglob("*.json"))
    golds = {(ident := p.relative_to(folder).with_suffix("").as_posix()): load_gold(p, ident) for p in paths}
    if not golds:
        raise ConfigError(f"gold folder {folder} holds no *.json files; see docs/GOLD_FORMAT.md")
    return golds


def article_ids(records: Iterable[BatchRecord]) -> dict[str, BatchRecord]:
    """Each record under its article id: its path in the input folder without the suffix (``s1/x.txt`` ->
    ``s1/x``, so ``s2/x.txt`` stays apart), or the whole path where two records would share one
    (``y.txt`` and ``y.html``). A later record of the same path wins, as in the reference scorer."""
    latest = {r.source.path: r for r in records}
    stems: dict[str, list[str]] = {}
    for path in latest:
        stems.setdefault(PurePosixPath(path).with_suffix("").as_posix(), []).append(path)
    ids = {}
    for stem, paths in stems.items():
        for path in paths:
            ids[stem if len(paths) == 1 else path] = latest[path]
    return ids


def draft_gold(record: BatchRecord, ident: str) -> dict[str, Any]:
    """A gold file drafted from a run's record: its items with ``optional: false``, to be corrected.

    A failed or skipped record gives an empty draft (nothing to start from but the id).
    """
    summary = record.summary if record.status == "ok" else None
    draft: dict[str, Any] = {"id": ident, "relevant": True,
                             "locality": {"province": None, "district": None, "commune": None, "level": None},
                             "numbers": [], "difficulties": [], "solutions": [], "noise": []}  # fmt: skip
    if summary is None:
        return draft
    draft["relevant"] = summary.relevant
    if summary.locality is not None:
        loc = summary.locality
        draft["locality"] = {"province": loc.province, "district": loc.district, "commune": loc.commune,
                             "level": loc.level}  # fmt: skip
    for n in summary.numeric_results:
        if n.value_min is not None and n.value_max is not None:
            number: dict[str, Any] = {"value_min": n.value_min, "value_max": n.value_max}
        else:  # a half-open range ('hơn 30') is scored as its one bound, so the draft says that value
            number = {"value": next((v for v in (n.value, n.value_min, n.value_max) if v is not None), None)}
        draft["numbers"].append({**number, "kind": n.metric, "evidence": n.evidence, "optional": False})
    for key in ("difficulties", "solutions"):
        draft[key] = [{"evidence": f.evidence, "optional": False} for f in getattr(summary, key)]
    return draft


def init_gold(records: Iterable[BatchRecord], folder: Path, *, overwrite: bool = False) -> list[Path]:
    """Write ``folder/<article id>.json`` drafts, one per record (see :func:`article_ids`); existing files are
    kept (they may hold corrections) unless ``overwrite``. Returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for ident, record in article_ids(records).items():
        relative = PurePosixPath(f"{ident}.json")
        if relative.is_absolute() or ".." in relative.parts:  # a hand-edited record must not write elsewhere
            raise ConfigError(f"record path {record.source.path!r} is not a path inside the input folder")
        target = folder / relative
        if target.exists() and not overwrite:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps(draft_gold(record, ident), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        written.append(target)
    return written
