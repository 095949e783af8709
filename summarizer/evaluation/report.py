"""Showing an evaluation: rich tables in the terminal, and two runs side by side (``--compare``).

Article ids, quotes and error messages are user text: they go into tables as ``rich.text.Text`` (never
parsed as markup), so a '[' in an article cannot break or restyle the output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .meaning import PARTS
from .results import KINDS, LEVELS, ArticleScore, EvalReport

# Figures where a smaller number is better (for the sign of a difference's colour).
_LOWER_IS_BETTER = {"numbers_not_in_text", "noise_leaks", "calls", "tokens", "cost_usd"}
_COUNT_FIGURES = {"numbers_not_in_text", "noise_leaks", "calls", "tokens"}


def fmt_figure(name: str, value: float | None) -> str:
    """A figure as shown: counts as integers, money with 4 decimals, ratios with 3; 'n/a' when unknown."""
    if value is None:
        return "n/a"
    if name in _COUNT_FIGURES:
        return f"{value:,.0f}"
    return f"${value:.4f}" if name == "cost_usd" else f"{value:.3f}"


def _f1(article: ArticleScore, kind: str) -> str:
    # F1 and the counts behind it fit a narrow column; P and R follow from the counts.
    c = article.counts[kind]
    return f"{c.f1:.2f} ({c.tp}/{c.fp}/{c.fn})"


def article_table(report: EvalReport) -> Table:
    """One row per gold article: what matched, what is wrong, what it cost."""
    table = Table(title=Text(f"eval {report.label}"), title_justify="left")
    table.caption = "F1 (tp/fp/fn) per kind; locality: levels right / levels gold names"
    for name in ("article", "status", "locality", "numbers", "difficulties", "solutions",
                 "grounded", "leaks", "calls", "tokens", "cost"):  # fmt: skip
        table.add_column(name, justify="left" if name in ("article", "status") else "right", no_wrap=True)
    for a in report.articles:
        tokens = a.usage.prompt_tokens + a.usage.completion_tokens
        cost = "" if a.cost is None else f"${a.cost:.4f}"
        if not a.relevant:
            verdict = "irrelevant: flagged" if a.irrelevant_flagged else "irrelevant: MISSED"
            table.add_row(Text(a.id), Text(a.status), Text(verdict), "", "", "", "", "",
                          str(a.usage.calls), f"{tokens:,}", cost)  # fmt: skip
            continue
        loc = f"{sum(a.locality.values())}/{len(a.locality)}"
        grounded = f"{a.grounded}/{a.evidence_total}" if a.text_checked else "n/a"
        table.add_row(Text(a.id), Text(a.status), loc, *(_f1(a, k) for k in KINDS), grounded,
                      str(len(a.leaks)), str(a.usage.calls), f"{tokens:,}", cost)  # fmt: skip
    return table


def summary_table(report: EvalReport) -> Table:
    """The figures over all articles, headline last (as the reference scorer prints it)."""
    table = Table(title="overall", title_justify="left", show_header=False)
    table.add_column("figure")
    table.add_column("value", justify="right")
    for level in LEVELS:
        hits, total = report.locality_hits(level)
        if total:
            table.add_row(f"locality {level}", f"{hits}/{total} = {hits / total:.3f}")
    hits, total = report.locality_hits()
    table.add_row("locality accuracy", f"{hits}/{total} = {report.locality_accuracy:.3f}")
    hits, total = report.locality_hits(current=True)
    table.add_row("  accepting 2025 units (not in OVERALL)", f"{hits}/{total}")
    for kind in KINDS:
        c = report.counts(kind)
        table.add_row(f"{kind} P/R/F1", f"{c.precision:.3f}/{c.recall:.3f}/{c.f1:.3f}  "
                      f"(tp {c.tp}, fp {c.fp}, fn {c.fn}, optional {c.optional})")  # fmt: skip
    rate = report.grounding_rate
    grounded = f"{report.grounded}/{report.evidence_total} = {rate or 0:.3f}"
    table.add_row("grounded evidence", "n/a (no article texts)" if rate is None else grounded)
    wrong, total = report.numbers_not_in_text
    table.add_row("numbers not in text", f"{wrong}/{total}")
    table.add_row("boilerplate leaks", str(report.noise_leaks))
    flagged, marked = report.irrelevant_flagged
    table.add_row("irrelevant flagged", f"{flagged}/{marked}")
    u = report.run_usage
    cost = "" if report.run_cost is None else f", ${report.run_cost:.4f}"
    table.add_row("run usage", f"{u.calls} calls, {u.prompt_tokens:,} in + {u.completion_tokens:,} out{cost}")
    if report.without_gold:
        table.add_row("records without gold", Text(", ".join(report.without_gold)))
    meaning = report.meaning
    if meaning.overall is not None:  # as the reference prints it: agreements out of checks, then the mean
        table.add_row("meaning", "  ".join(f"{p}={meaning.hits[p]}/{meaning.checks[p]}" for p in PARTS))
        table.add_row(Text("MEANING", style="bold"), Text(f"{meaning.overall:.3f}", style="bold"))
    table.add_row(Text("OVERALL", style="bold"), Text(f"{report.overall:.3f}", style="bold"))
    return table


def print_report(report: EvalReport, console: Console) -> None:
    """The per-article table, then the overall figures."""
    console.print(article_table(report))
    console.print(summary_table(report))


@dataclass
class Comparison:
    """Two reports on the same gold: every figure of each, and the articles where they differ most."""

    a: EvalReport
    b: EvalReport

    def figures(self) -> list[tuple[str, float | None, float | None, float | None]]:
        """(name, A, B, B - A) for every figure."""
        fa, fb = self.a.figures(), self.b.figures()
        return [(k, fa[k], fb[k], None if fa[k] is None or fb[k] is None else fb[k] - fa[k]) for k in fa]  # type: ignore[operator]

    def disagreements(self, top: int = 5) -> list[tuple[str, float, float]]:
        """(article, score in A, score in B) for the articles whose scores differ most, largest first."""
        b_rows = {row.id: row for row in self.b.articles}
        pairs = [(a.id, a.score, b_rows[a.id].score) for a in self.a.articles if a.id in b_rows]
        pairs.sort(key=lambda p: (-abs(p[2] - p[1]), p[0]))
        return [p for p in pairs if p[1] != p[2]][:top]

    def changed_parts(self, ident: str) -> str:
        """What moved in one article, e.g. 'solutions 0.82 -> 0.50'."""
        a = next(r for r in self.a.articles if r.id == ident)
        b = next(r for r in self.b.articles if r.id == ident)
        if a.relevant != b.relevant or not a.relevant:
            return (
                "irrelevant article: flagged" if b.irrelevant_flagged else "irrelevant article: not flagged"
            )
        pa, pb = a.parts(), b.parts()
        return ", ".join(f"{k} {pa[k]:.2f} -> {pb[k]:.2f}" for k in pa if pa[k] != pb[k])

    def to_dict(self, top: int = 5) -> dict[str, Any]:
        def r(v: float | None) -> float | None:
            return None if v is None else round(v, 4)

        return {
            "a": self.a.label,
            "b": self.b.label,
            "figures": {k: {"a": r(x), "b": r(y), "diff": r(d)} for k, x, y, d in self.figures()},
            "disagreements": [
                {"id": i, "a": r(x), "b": r(y), "diff": r(y - x), "changed": self.changed_parts(i)}
                for i, x, y in self.disagreements(top)
            ],
        }


def print_comparison(cmp: Comparison, console: Console, top: int = 5) -> None:
    """Figures side by side with B - A (green when B is better), then the most different articles."""
    table = Table(title=Text(f"A = {cmp.a.label}   B = {cmp.b.label}"), title_justify="left")
    for name in ("figure", "A", "B", "B - A"):
        table.add_column(name, justify="left" if name == "figure" else "right")
    for name, x, y, d in cmp.figures():
        style = ""
        if d:
            better = (d < 0) if name in _LOWER_IS_BETTER else (d > 0)
            style = "green" if better else "red"
        diff = "" if d is None else f"{'+' if d > 0 else ''}{fmt_figure(name, d)}"
        table.add_row(name, fmt_figure(name, x), fmt_figure(name, y), Text(diff, style=style))
    console.print(table)
    rows = cmp.disagreements(top)
    if not rows:
        console.print("Every article scores the same in A and B.")
        return
    worst = Table(title=f"articles where A and B disagree most (top {top})", title_justify="left")
    for name in ("article", "A score", "B score", "B - A", "what changed"):
        worst.add_column(name, justify="right" if "score" in name or "-" in name else "left")
    for ident, x, y in rows:
        worst.add_row(Text(ident), f"{x:.3f}", f"{y:.3f}", f"{y - x:+.3f}", cmp.changed_parts(ident))
    console.print(worst)
