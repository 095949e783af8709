"""`summarizer eval`: score a batch's output against gold annotations (issue #15's command)."""

import json
from pathlib import Path
from typing import Annotated

import typer

from .common import INPUTS_FAILED, fail, say


def eval_cmd(
    out: Annotated[Path, typer.Argument(help="A batch output folder (holding summaries.jsonl).")],
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Folder of gold files, <stem>.json (docs/GOLD_FORMAT.md).")
    ] = None,
    init_gold: Annotated[
        Path | None, typer.Option("--init-gold", help="Write editable gold drafts from OUT's summaries here.")
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="With --init-gold: replace gold files that exist.")
    ] = False,
    articles: Annotated[
        Path | None,
        typer.Option("--articles", help="Article folder (default: the input of OUT's latest run)."),
    ] = None,
    compare: Annotated[
        Path | None, typer.Option("--compare", help="A second output folder to put side by side (B).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write an HTML report here (of OUT, with --compare).")
    ] = None,
    price_in: Annotated[
        float | None, typer.Option("--price-in", help="USD per million prompt tokens, for costs.")
    ] = None,
    price_out: Annotated[
        float | None, typer.Option("--price-out", help="USD per million completion tokens, for costs.")
    ] = None,
    top: Annotated[int, typer.Option("--top", help="With --compare: how many articles to list.")] = 5,
    fail_under: Annotated[
        float | None, typer.Option("--fail-under", help="Exit 1 when OVERALL is below this.")
    ] = None,
) -> None:
    """Score OUT/summaries.jsonl against gold annotations (or draft them with --init-gold)."""
    from rich.console import Console

    from ..errors import SummarizerError
    from ..evaluation import evaluate
    from ..evaluation.gold import init_gold as write_drafts
    from ..evaluation.html import write_html
    from ..evaluation.inputs import read_records
    from ..evaluation.report import Comparison, print_comparison, print_report

    if (gold is None) == (init_gold is None):
        fail("pass --gold GOLD_DIR to score, or --init-gold GOLD_DIR to draft gold files (one of the two)")
    try:
        if init_gold is not None:
            written = write_drafts(read_records(out), init_gold, overwrite=overwrite)
            say(f"wrote {len(written)} gold drafts to {init_gold}; correct them (see docs/GOLD_FORMAT.md)")
            return
        assert gold is not None
        report = evaluate(out, gold, articles, price_in=price_in, price_out=price_out)
        other = evaluate(compare, gold, articles, price_in=price_in, price_out=price_out) if compare else None
    except (SummarizerError, OSError) as exc:  # OSError: an unreadable or unwritable gold folder
        fail(str(exc))
    console = Console(width=max(Console().width, 150))  # the article table needs ~150 columns
    if other is not None:
        comparison = Comparison(report, other)
        if as_json:
            typer.echo(json.dumps(comparison.to_dict(top), ensure_ascii=False, indent=1))
        else:
            print_comparison(comparison, console, top)
    elif as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        print_report(report, console)
    if html is not None:
        try:
            say(f"wrote {write_html(report, html)}")
        except OSError as exc:
            fail(f"cannot write the HTML report to {html}: {exc}")
    if fail_under is not None and report.overall < fail_under:
        say(f"OVERALL {report.overall:.3f} is below --fail-under {fail_under}")
        raise typer.Exit(INPUTS_FAILED)
