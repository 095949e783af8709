"""Scoring one run against gold: per article, then over the run (``evaluate``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from ..errors import ConfigError
from ..models import ArticleSummary, BatchRecord, Finding, NumericResult, Usage
from .figures import in_text, number_key, numbers_in
from .gold import Gold, GoldItem, GoldNumber, article_ids, load_gold_dir
from .inputs import article_text, as_records, find_article, read_records, run_input
from .match import dice, grounded, is_noise, pair_in_order, pair_up, place_key, quote_score, same_number
from .meaning import findings_meaning, numbers_meaning
from .results import LEVELS, ArticleScore, Counts, EvalReport, ItemNote

P = TypeVar("P")
G = TypeVar("G", GoldItem, GoldNumber)


def _fmt(key: tuple[float, float] | None) -> str:
    if key is None:
        return "?"
    lo, hi = (f"{v:g}" for v in key)
    return lo if lo == hi else f"{lo}–{hi}"


def _key(item: NumericResult | GoldNumber) -> tuple[float, float] | None:
    return number_key(item.value, item.value_min, item.value_max)


def _number_score(pred: NumericResult, gold: GoldNumber) -> float | None:
    """Numbers pair on the value (or range); among equal values, the closer quote wins."""
    pk, gk = _key(pred), _key(gold)
    if pk is None or gk is None or not same_number(pk, gk):
        return None
    return dice(pred.evidence, gold.evidence)


def _finding_quote(item: Finding) -> str:
    # A prediction without a quote is judged on its paraphrase, as the reference does.
    return item.evidence if item.evidence.strip() else item.text


def _nearest(quote: str, others: Sequence[str]) -> tuple[str | None, float]:
    scored = [(dice(quote, o), o) for o in others]
    best = max(scored, default=(0.0, None))
    return (best[1], best[0]) if best[0] > 0 else (None, 0.0)


def _match(
    pred: Sequence[P],
    gold: Sequence[G],
    score: Callable[[P, G], float | None],
    quote: Callable[[P], str],
    label: Callable[[P], str],
    gold_label: Callable[[G], str],
    in_order: bool = False,
) -> tuple[Counts, list[ItemNote], list[ItemNote], set[tuple[int, int]]]:
    """Pair predictions with gold one to one; count, note what was missed and what matched nothing, and
    return the (pred, gold) pairs (what the meaning figures are counted on)."""
    pairing = (
        pair_in_order(pred, gold, score) if in_order else pair_up(pred, gold, score, lambda g: g.optional)
    )
    matched = pairing.matched_gold
    counts = Counts(
        tp=sum(not gold[j].optional for j in matched),
        fp=len(pairing.unmatched_pred()),
        fn=sum(not gold[j].optional for j in pairing.unmatched_gold()),
        optional=sum(gold[j].optional for j in matched),
    )
    pred_quotes = [quote(p) for p in pred]
    gold_quotes = [g.evidence for g in gold]
    misses = [
        ItemNote(
            gold[j].evidence, gold_label(gold[j]), gold[j].optional, *_nearest(gold[j].evidence, pred_quotes)
        )
        for j in pairing.unmatched_gold()
    ]
    false_hits = [
        ItemNote(pred_quotes[i], label(pred[i]), False, *_nearest(pred_quotes[i], gold_quotes))
        for i in pairing.unmatched_pred()
    ]
    return counts, misses, false_hits, {(i, j) for i, j, _ in pairing.pairs}


def _score_locality(row: ArticleScore, gold: Gold, summary: ArticleSummary | None) -> None:
    loc = summary.locality if summary else None
    current = loc.current if loc else None
    for level in LEVELS:
        wanted = place_key(getattr(gold.locality, level))
        if wanted is None:
            continue
        said_name = getattr(loc, level) if loc else None
        said = place_key(said_name)
        row.locality[level] = said == wanted
        row.locality_names[level] = (getattr(gold.locality, level), said_name)
        # Gold written after July 2025 may name the new unit; the engine reports it as `current`.
        now = place_key(getattr(current, level, None)) if current else None
        row.locality_current[level] = said == wanted or now == wanted


def _check_text(row: ArticleScore, gold: Gold, summary: ArticleSummary, text: str) -> None:
    """What needs the article text: grounding, numbers not written in it, and the gold's own quotes."""
    row.text_checked = True
    quotes = [f.evidence for f in (*summary.difficulties, *summary.solutions) if f.evidence.strip()]
    quotes += [n.evidence for n in summary.numeric_results if n.evidence.strip()]
    row.evidence_total = len(quotes)
    row.ungrounded = [q for q in quotes if not grounded(q, text)]
    present = numbers_in(text)
    for n in summary.numeric_results:
        key = _key(n)
        if key is not None:
            row.numbers_total += 1
            if not in_text(key, present):
                row.numbers_not_in_text.append(f"{_fmt(key)} ({n.evidence})")
    for item in (*gold.numbers, *gold.difficulties, *gold.solutions):
        if not grounded(item.evidence, text):
            row.gold_problems.append(f"gold quote not in the article: {item.evidence}")


def score_article(
    gold: Gold, record: BatchRecord | None, text: str | None, text_problem: str | None = None
) -> ArticleScore:
    """Score one article's record (None when the run has none) against its gold."""
    status = record.status if record else "missing"
    summary = record.summary if record and record.status == "ok" else None
    row = ArticleScore(id=gold.id, status=status, relevant=gold.relevant)
    if record:
        row.usage = record.usage
        row.error = record.error.message if record.error else None
    if not gold.relevant:
        # Flagged means nothing was claimed: no record, a failure, relevant=false, or no items at all.
        has_items = bool(summary and (summary.difficulties or summary.solutions or summary.numeric_results))
        row.irrelevant_flagged = summary is None or not summary.relevant or not has_items
        return row
    _score_locality(row, gold, summary)
    numbers = summary.numeric_results if summary else []
    row.counts["numbers"], row.misses["numbers"], row.false_hits["numbers"], pairs = _match(
        numbers, gold.numbers, _number_score, lambda n: n.evidence,
        lambda n: _fmt(_key(n)), lambda g: _fmt(_key(g)), in_order=True,
    )  # fmt: skip
    numbers_meaning(row.meaning, numbers, gold.numbers, pairs)
    for kind in ("difficulties", "solutions"):
        found: list[Finding] = getattr(summary, kind) if summary else []
        row.counts[kind], row.misses[kind], row.false_hits[kind], pairs = _match(
            found, getattr(gold, kind), lambda p, g: quote_score(_finding_quote(p), g.evidence),
            _finding_quote, lambda p: p.text, lambda g: "",
        )  # fmt: skip
        findings_meaning(row.meaning, found, getattr(gold, kind), pairs)
    if summary:
        every: list[Finding | NumericResult] = [
            *summary.difficulties,
            *summary.solutions,
            *summary.numeric_results,
        ]
        row.leaks = [i.evidence for i in every if i.evidence.strip() and is_noise(i.evidence, gold.noise)]
        if text is not None:
            _check_text(row, gold, summary, text)
    if text is None and text_problem and summary:
        row.gold_problems.append(text_problem)
    return row


def _cost(usage: Usage, price_in: float | None, price_out: float | None) -> float | None:
    if price_in is None and price_out is None:
        return None
    return (usage.prompt_tokens * (price_in or 0.0) + usage.completion_tokens * (price_out or 0.0)) / 1e6


def evaluate(
    out_or_records: str | Path | Iterable[BatchRecord | Mapping[str, Any]],
    gold_dir: str | Path,
    articles_dir: str | Path | None = None,
    *,
    price_in: float | None = None,
    price_out: float | None = None,
) -> EvalReport:
    """Score a run against the gold files in ``gold_dir`` (one ``<stem>.json`` per article).

    ``out_or_records`` is a batch output folder (or its ``summaries.jsonl``), or records in memory
    (``BatchRecord`` objects or their dicts). Article texts, needed for grounding and the numbers-in-
    text check, come from ``articles_dir`` or else from the folder's latest run; records in memory
    without ``articles_dir`` are scored without those checks. ``price_in``/``price_out`` (USD per
    million prompt/completion tokens) add costs. Raises ``ConfigError`` for missing inputs.
    """
    golds = load_gold_dir(Path(gold_dir))
    folder: Path | None = Path(articles_dir) if articles_dir is not None else None
    if isinstance(out_or_records, (str, Path)):
        out = Path(out_or_records)
        records = read_records(out)
        if folder is None:
            folder = run_input(out if out.is_dir() else out.parent)
        label = str(out)
    else:
        records, label = as_records(out_or_records), "records"
    if folder is not None and not folder.is_dir():
        raise ConfigError(f"articles folder {folder} does not exist; pass the folder the run summarised")
    by_id = article_ids(records)  # by path in the input folder: s1/x.txt and s2/x.txt stay apart
    rows = []
    for ident, gold in golds.items():
        record = by_id.get(ident)
        text, problem = None, None
        if folder is not None:
            text, problem = article_text(find_article(folder, ident, record.source.path if record else None))
        row = score_article(gold, record, text, problem)
        row.id = ident  # the file's path pairs gold with records, whatever "id" a copied file still says
        row.cost = _cost(row.usage, price_in, price_out)
        rows.append(row)
    run_usage = sum((r.usage for r in records), Usage())
    return EvalReport(
        articles=rows,
        without_gold=sorted(set(by_id) - set(golds)),
        run_usage=run_usage,
        run_cost=_cost(run_usage, price_in, price_out),
        label=label,
    )
