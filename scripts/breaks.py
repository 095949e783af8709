#!/usr/bin/env python3
"""Break the library on purpose, one small change at a time, and report the breaks no test notices.

    python scripts/breaks.py            # every break; exits 1 if any survives
    python scripts/breaks.py -k store   # only the breaks whose name contains "store"

Each break is a textual mutation of one source file, applied to a temporary copy of the checkout (the
working tree is never modified); the tests that guard that code run against the copy (``pytest -x``,
with the copy first on ``PYTHONPATH``). A break the tests pass with *survives*: it is a missing test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Break:
    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


LLM = "tests/engines/test_llm.py"
CASSETTES = "tests/engines/test_cassettes.py"
GROUND = "tests/test_ground.py"
OFFLINE = "tests/engines/test_offline.py"
BATCH = "tests/batch/test_batch.py"
NUMBERS = "tests/vietnamese/test_numbers.py"
LOCALITY = "tests/vietnamese/test_locality.py"
REPORT = "tests/report"

BREAKS = [
    # grounding
    Break("grounding: an exact quote's span one character too long", "summarizer/align.py",
          'return Located((exact, exact + len(evidence)), "exact")', 'return Located((exact, exact + len(evidence) + 1), "exact")', (GROUND, OFFLINE)),
    Break("grounding: a repaired quote's span five characters too long", "summarizer/align.py",
          'return Located(folded.span(pos, pos + len(needle)), "repaired")',
          'return Located(folded.span(pos, pos + len(needle) + 5), "repaired")',
          (GROUND, CASSETTES)),
    Break("grounding: a quote not in the article is not re-asked", "summarizer/engines/llm/answer.py",
          "if grounder.locate(item.evidence) is None:", "if False:", (LLM, CASSETTES)),
    Break("grounding: the same quote from two parts is kept twice", "summarizer/ground.py",
          "if found is None or found[0].span in seen:", "if found is None:",
          (LLM, CASSETTES)),
    Break("grounding: a place the article never names is accepted", "summarizer/ground.py",
          "if not deepest or names_place(grounder.text, deepest):", "if True:", (LLM,)),
    Break("grounding: a salvage keeps the last answer's invented quotes", "summarizer/pipeline.py",
          "result.summary = ground_summary(result.summary, article.text)", "result.summary = result.summary",
          (LLM, CASSETTES)),
    # numbers
    Break("numbers: one value written in the quote is enough for all", "summarizer/ground.py",
          "if any(round(float(v), 4) not in present for v in values):",
          "if all(round(float(v), 4) not in present for v in values):", (GROUND, LLM)),
    Break("numbers: '124,3' read as 1243", "summarizer/vietnamese/numbers.py",
          'float(tok.replace(".", "").replace(",", "."))', 'float(tok.replace(".", "").replace(",", ""))',
          (NUMBERS,)),
    Break("numbers: '3.753' read as 3.753", "summarizer/vietnamese/numbers.py",
          'value = int(tok.replace(".", ""))', "value = float(tok)", (NUMBERS,)),
    Break("numbers: years after 1999 count as results", "summarizer/vietnamese/numbers.py",
          "1900 <= value <= 2100", "1900 <= value <= 1999", (NUMBERS, GROUND)),
    # store
    Break("store: a changed file's stale row is served by its path", "summarizer/batch/store.py",
          '"SELECT record FROM records WHERE path = ? AND cache_key = ?", (path, key)',
          '"SELECT record FROM records WHERE path = ? OR cache_key = ?", (path, key)', (BATCH,)),
    Break("store: failed articles are never retried", "summarizer/batch/store.py",
          " AND status != 'failed'", "", (BATCH,)),
    # cache key
    Break("cache key: the engine version is left out", "summarizer/batch/store.py",
          'f"{sha256}|{engine}|{engine_version}|schema{SCHEMA_VERSION}"', 'f"{sha256}|{engine}|schema{SCHEMA_VERSION}"',
          (BATCH,)),
    Break("cache key: the prompt version ignores the prompts' text", "summarizer/engines/llm/prompts.py",
          'digest.update(name.encode() + b"\\0" + text.encode())', "digest.update(name.encode())", (LLM,)),
    Break("cache key: the instructor mode is left out of the engine version", "summarizer/engines/llm/engine.py",
          'self.version = f"prompt-{prompt_version()}+{self.mode}"', 'self.version = f"prompt-{prompt_version()}"',
          (LLM,)),
    # escaping
    Break("escaping: table pipes pass into Markdown", "summarizer/report/render.py",
          '"|": "\\\\|", ', "", (REPORT,)),
    Break("escaping: HTML in Markdown passes through", "summarizer/report/render.py",
          '{"<": "&lt;", ">": "&gt;", "&": "&amp;",', '{"&": "&amp;",', (REPORT,)),
    Break("escaping: HTML templates not autoescaped", "summarizer/report/render.py",
          'autoescape=lambda name: bool(name and name.endswith(".html.j2"))', "autoescape=False", (REPORT,)),
    Break("escaping: a name in the digest's data can close its script", "summarizer/report/digest.py",
          'text = text.replace("<", "\\\\u003c").replace(">", "\\\\u003e").replace("&", "\\\\u0026")', "text = text",
          (REPORT,)),
    # redaction
    Break("redaction: a key echoed by the model is kept", "summarizer/engines/llm/engine.py",
          'return text.replace(self._secret, "***") if self._secret else text', "return text", (LLM,)),
    Break("redaction: a key echoed in a server error is kept", "summarizer/engines/llm/transport.py",
          "detail = self.redact(str(exc)) or type(exc).__name__", "detail = str(exc) or type(exc).__name__", (LLM,)),
    Break("redaction: a placeholder key is redacted out of the article", "summarizer/engines/llm/engine.py",
          "self._secret = key if len(key) >= 8 else None", "self._secret = key or None", (LLM,)),
    # locality
    Break("locality: an answer's impossible place is not re-asked", "summarizer/engines/llm/answer.py",
          'problems += [f"locality: {p}: give the official name"', 'problems += [] and [f"locality: {p}: give the official name"',
          (LLM,)),
    Break("locality: places named in the text are ignored", "summarizer/vietnamese/locality.py",
          "mentions = find_mentions(text, plain=plain) + find_mentions(", "mentions = [] + find_mentions(",
          (LOCALITY, OFFLINE)),
    Break("locality: the evidence span is one character too long", "summarizer/vietnamese/locality.py",
          "loc.evidence, loc.span = first.text, (first.start, first.end)",
          "loc.evidence, loc.span = first.text, (first.start, first.end + 1)", (LOCALITY, OFFLINE)),
    Break("locality: a ward called a commune", "summarizer/vietnamese/locality.py",
          "loc.commune_type = unit_word(unit.type)", 'loc.commune_type = "xã"', ("tests/vietnamese/test_locality_types.py",)),
    Break("locality: a city's urban district called a rural one", "summarizer/vietnamese/locality.py",
          "loc.district_type = unit_word(unit.district_type)", 'loc.district_type = "huyện"',
          ("tests/vietnamese/test_locality_types.py",)),
    Break("locality: the current unit without its unit words", "summarizer/vietnamese/gazetteer.py",
          'province_type=unit_word(_prefix(unit.province or "")),', "", ("tests/vietnamese/test_locality_types.py",)),
    Break("titles: a section label or breadcrumb is the title though a headline follows", "summarizer/clean.py",
          "if not _SECTION_LABEL.search(ln.text) and not ln.text.isupper()", "if True", ("tests/test_clean.py",)),
    Break("titles: a headline ending on a quotation is not a headline", "summarizer/clean.py",
          "not ln.text.rstrip(_QUOTES).endswith(_TERMINAL)", "not ln.text.endswith((*_TERMINAL, *_QUOTES))",
          ("tests/test_clean.py",)),
    Break("locality: an organisation-centred article gets no place", "summarizer/vietnamese/locality.py",
          "return _organisation_place(text, title, gaz, plain)", "return None",
          ("tests/vietnamese/test_locality_types.py",)),
    # offline engine: labels
    Break("clauses: 'rà soát, lập danh sách' cut after the bare verb", "summarizer/engines/offline/clauses.py",
          'if m.re is lx["SPLIT_LIST"] and lx["ENDS_WITH_ACTION"].search(text, cur, m.start()):', "if False:", (OFFLINE,)),
    Break("findings: a two-sentence text read as all lead, its measures dropped", "summarizer/engines/offline/classify.py",
          "float(i < 2 and n_sentences >= _MIN_WITH_LEAD)", "float(i < 2)", (OFFLINE,)),
    Break("model: weights fitted on other features are used anyway", "summarizer/engines/offline/classify.py",
          "    model.check(FEATURES)\n", "", (OFFLINE,)),
    Break("cues: 'giup do' (giúp đỡ typed plain) read as a cause", "summarizer/engines/offline/lexicon.py",
          'one_of(words="d(?<!giúp d)o|vì', 'one_of(words="do|vì', (OFFLINE,)),
    Break("findings: a member's feelings told in the first person are a difficulty",
          "summarizer/engines/offline/classify.py", "    if personal.search(seen):\n        return True\n", "", (OFFLINE,)),
    Break("findings: a generic intro naming no obstacle is a difficulty", "summarizer/engines/offline/classify.py",
          'return sentence_names_one or not taxonomy.has_specific_cue(clause.text, "difficulty")',
          "return sentence_names_one", (OFFLINE,)),
    Break("clauses: a long enumeration of measures is kept as one clause", "summarizer/engines/offline/clauses.py",
          '*lx["SPLIT_LIST"].finditer(text, start, end)', "", (OFFLINE,)),
    Break("sentences: 'thiểu số.' is read as the abbreviation 'số.'", "summarizer/vietnamese/sentences.py",
          '"st", "mr", "mrs", "dr", "v.v", "vv", "tr", "no", "ông"', '"st", "mr", "mrs", "dr", "v.v", "vv", "tr", "no", "số", "ông"',
          ("tests/vietnamese/test_sentences.py",)),
    Break("relevance: an article on discipline or a congress is summarised as on-topic",
          "summarizer/engines/offline/summary.py",
          "return len(other.findall(text)) <= len(development.findall(text))", "return True", (OFFLINE,)),
    Break("language: a French article is reported as off-topic", "summarizer/engines/offline/__init__.py",
          "if language not in READ:", "if False:", (OFFLINE,)),
    Break("labels: a strong cue counts no more than a passing one", "summarizer/vietnamese/taxonomy.py",
          "for ps, w in ((cat.cues, 1), (cat.strong, 2))", "for ps, w in ((cat.cues, 1), (cat.strong, 1))", (OFFLINE,)),
    Break("labels: a national target programme read as an admission target", "summarizer/vietnamese/taxonomy.py",
          'r"mục tiêu(?! quốc gia)"', 'r"mục tiêu"', (OFFLINE,)),
    Break("labels: a cell that admits nobody is a shortage of candidates", "summarizer/vietnamese/taxonomy.py",
          'r"chi bộ\\b[^,]{0,40}(?:không|chưa) kết nạp được"', 'r"chi bộ\\b[^,]{0,40}(?:không|chưa) kết nạp được (?!)"',
          (OFFLINE,)),
    # transport
    Break("transport: a 429 is not retried", "summarizer/engines/llm/transport.py",
          "return exc.status_code == 429 or exc.status_code >= 500", "return exc.status_code >= 500", (LLM, CASSETTES)),
    Break("transport: Retry-After is ignored", "summarizer/engines/llm/transport.py",
          'for name in ("retry-after-ms", "retry-after"):', "for name in ():", (LLM, CASSETTES)),
    # the testing kit itself
    Break("testing kit: re-asks look like first asks", "summarizer/testing.py",
          "return len(self.messages) > self._article_index + 1", "return False", (CASSETTES, LLM)),
    Break("testing kit: tool-mode answers sent as plain content", "summarizer/testing.py",
          'if request is not None and request.mode == "tools":', "if False:", ("tests/test_testing.py",)),
]  # fmt: skip


def copy_checkout(target: Path) -> None:
    """The checkout's tracked and new files, with the bundled data folders where the package expects them."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.splitlines()  # fmt: skip
    for name in listed:
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    for data in ("prompts", "schemas", "templates"):  # installed as summarizer.prompts, ...
        (target / "summarizer" / data).symlink_to(target / data)


def run_tests(copy: Path, tests: tuple[str, ...]) -> tuple[bool, float]:
    env = {**os.environ, "PYTHONPATH": f"{copy}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", "not slow",
                           *tests], cwd=copy, env=env, capture_output=True, text=True)  # fmt: skip
    return done.returncode == 0, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-k", default="", help="only the breaks whose name contains this")
    args = parser.parse_args()
    chosen = [b for b in BREAKS if args.k.lower() in b.name.lower()]
    with tempfile.TemporaryDirectory(prefix="summarizer-breaks-") as tmp:
        copy = Path(tmp)
        copy_checkout(copy)
        where = subprocess.run([sys.executable, "-c", "import summarizer; print(summarizer.__file__)"], cwd=copy,
                               env={**os.environ, "PYTHONPATH": str(copy)}, capture_output=True, text=True)  # fmt: skip
        if not where.stdout.startswith(str(copy)):
            raise SystemExit(f"the copy's package is not the one imported: {where.stdout or where.stderr}")
        guards = tuple(sorted({t for b in chosen for t in b.tests}))
        clean, _ = run_tests(copy, guards)
        if not clean:  # a break is only "killed" if the same tests pass without it
            raise SystemExit(f"the tests fail on the unbroken copy: {' '.join(guards)}")
        survivors = []
        for b in chosen:
            path = copy / b.file
            original = path.read_text(encoding="utf-8")
            if original.count(b.old) != 1:
                raise SystemExit(f"break {b.name!r}: {b.old!r} is not exactly once in {b.file}")
            path.write_text(original.replace(b.old, b.new), encoding="utf-8")
            try:
                passed, seconds = run_tests(copy, b.tests)
            finally:
                path.write_text(original, encoding="utf-8")
            print(f"{'SURVIVED' if passed else 'killed  '}  {seconds:5.1f}s  {b.name}", flush=True)
            if passed:
                survivors.append(b)
    print(f"\n{len(chosen)} breaks, {len(chosen) - len(survivors)} killed, {len(survivors)} survived")
    for b in survivors:
        print(f"  survivor: {b.name} ({b.file}); guarded by {', '.join(b.tests)}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
