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
MARKING = "tests/engines/test_offline_marking.py"
BATCH = "tests/batch/test_batch.py"
NUMBERS = "tests/vietnamese/test_numbers.py"
NUMBER_WORDS = "tests/vietnamese/test_number_words.py"
POLICY = "tests/engines/test_llm_policy.py"
LOCALITY = "tests/vietnamese/test_locality.py"
REPORT = "tests/report"
GUARDS = "tests/test_guards.py"
FAILFAST = "tests/batch/test_failfast.py"
NAMES = "tests/batch/test_names.py"
STORE = "tests/batch/test_store.py"
BATCH_API = "tests/batch/test_openai_batch_faults.py"
REDACTION = "tests/test_redaction.py"
PAIRING = "tests/evaluation/test_pairing.py"
CLI_HELP = "tests/test_cli_help.py"
CLI_FAULTS = "tests/test_cli_faults.py"
CLI_README = "tests/test_cli_readme.py"
EVAL = "tests/evaluation"
TOTALS = "tests/report/test_digest_totals.py"
BRIEFS = ("tests/report/test_english.py", "tests/report/test_meaning_in_briefs.py")
MEANING = "tests/vietnamese/test_figure_meaning.py"
KEY = "tests/test_meaning.py"
CLEAN = "tests/test_clean.py"

BREAKS = [
    Break("places: a model's commune with its province and no district falls back to the province",
          "summarizer/vietnamese/gazetteer.py", "comms = [u for u in comms if u.district is None] or comms",
          "comms = comms", ("tests/vietnamese/test_locality_2025.py",)),
    Break("warnings: a dropped quote is cut mid-word", "summarizer/vietnamese/text.py",
          "return (cut[:space] if space > limit // 2 else cut)", "return (cut if space > limit // 2 else cut)",
          ("tests/vietnamese/test_text.py",)),
    # grounding
    Break("grounding: an exact quote's span one character too long", "summarizer/align.py",
          'return Located((exact, exact + len(evidence)), "exact")', 'return Located((exact, exact + len(evidence) + 1), "exact")', (GROUND, OFFLINE)),
    Break("grounding: a repaired quote's span five characters too long", "summarizer/align.py",
          'return Located(folded.span(pos, pos + len(needle)), "repaired")',
          'return Located(folded.span(pos, pos + len(needle) + 5), "repaired")',
          (GROUND, CASSETTES)),
    Break("grounding: a quote not in the article is not re-asked", "summarizer/problems.py",
          "        Kind.QUOTE_NOT_FOUND,\n        Kind.PLACE_NOT_OFFICIAL,", "        Kind.PLACE_NOT_OFFICIAL,",
          (LLM, CASSETTES)),
    Break("grounding: the same quote from two parts is kept twice", "summarizer/ground.py",
          "if found is None or found[1] in seen:", "if found is None:",
          (LLM, CASSETTES, GROUND)),
    Break("grounding: a quote is found inside a longer number", "summarizer/align.py",
          "return first if at < 0 else at", "return first", (GROUND,)),
    Break("grounding: an item's own span is ignored for the quote's first occurrence", "summarizer/align.py",
          "and self.text[near[0] : near[1]] == evidence\n", "and False\n", (GROUND,)),
    Break("grounding: a claimed span is trusted without its text", "summarizer/align.py",
          "and self.text[near[0] : near[1]] == evidence\n", "and True\n", (GROUND,)),
    Break("grounding: a claimed span counted from the text's end is taken", "summarizer/align.py",
          "and 0 <= near[0] < near[1] <= len(self.text)\n", "\n", (GROUND,)),
    Break("grounding: a figure's value is read in its quote cut from its number", "summarizer/ground.py",
          "problem = value_problem(values, g.text, span)", "problem = value_problem(values, evidence)", (GROUND,)),
    Break("injection: an order opening with 'hãy' is not looked for", "summarizer/guard.py",
          '"hãy", "relevant"', '"relevant"', ("tests/test_guard.py",)),
    Break("injection: the long s and the Kelvin sign slip past the quick look", "summarizer/guard.py",
          "folded = text.casefold()", "folded = text.lower()", ("tests/test_guard.py",)),
    Break("injection: a role's name and colon are not looked for", "summarizer/guard.py",
          'or (":" in text and any(name in folded for name in _ROLE_NAMES.split("|")))', "or False",
          ("tests/test_guard.py",)),
    Break("injection: instruction tags are not looked for", "summarizer/guard.py",
          'or ("[" in text and ("inst]" in folded or "sys]" in folded))', "or False", ("tests/test_guard.py",)),
    Break("patterns: a branch opening with a group is not rewritten to open with a letter",
          "summarizer/vietnamese/text.py",
          "branches = [e for b in _split_alternatives(anywhere) for e in _expanded(b)] if anywhere else []",
          "branches = _split_alternatives(anywhere) if anywhere else []", ("tests/vietnamese/test_text.py",)),
    Break("patterns: a lazy optional group is expanded greedily", "summarizer/vietnamese/text.py",
          'if optional and after[1:2] in ("?", "+"):', "if False:", ("tests/vietnamese/test_text.py",)),
    Break("patterns: a rewritten look-behind forgets the letter it now follows", "summarizer/vietnamese/text.py",
          "(?:{inner}){re.escape(head)})", "(?:{inner}))", ("tests/vietnamese/test_text.py",)),
    Break("labels: the one-scan look for a category's cues skips the category that has them",
          "summarizer/vietnamese/taxonomy.py", "or not _any_cue(cat.code, plain).search(lowered):",
          "or bool(_any_cue(cat.code, plain).search(lowered)):", (OFFLINE,)),
    Break("meaning: a district named as a commune's parent is taken for the figure's subject",
          "summarizer/vietnamese/figures.py",
          'and rx["PARENT_BEFORE"].search(view, max(0, m.start() - 8), m.start())', "and False",
          (MEANING,)),
    Break("meaning: a party body owning a figure by 'của' is skipped as a parent", "summarizer/vietnamese/figures.py",
          'rx["UNIT_NAMED"].match(m.group())\n            and rx', "rx", (MEANING,)),
    Break("numbers: a range typed without marks is read as two numbers", "summarizer/vietnamese/numbers.py",
          '_FROM_BEFORE = re.compile(r"\\b(?:từ|tu)\\s*$")', '_FROM_BEFORE = re.compile(r"\\btừ\\s*$")', (NUMBERS,)),
    Break("figures: pupils, teachers and workers are no unit", "summarizer/vietnamese/figures.py",
          '(r"học sinh|sinh viên|giáo viên|công nhân|em", "people"),', "", (MEANING,)),
    Break("cleaning: a related-news heading typed without marks is kept", "summarizer/clean.py",
          "_TAIL_MARKERS_PLAIN = frozenset(map(accent_free, _TAIL_MARKERS))", "_TAIL_MARKERS_PLAIN = _TAIL_MARKERS",
          ("tests/test_clean.py",)),
    Break("numbers: 'trong số 58' is read as the number 58", "summarizer/vietnamese/numbers.py",
          "s(?<!tổng s)(?<!trong s)ố", "s(?<!tổng s)ố", (NUMBERS,)),
    Break("grounding: a quote that leaves out a percentage's sign loses its value", "summarizer/vietnamese/numbers.py",
          'or not text[stop : q.end].strip(" %")', "or False", (GROUND,)),
    Break("summaries: the key figure does not lead the results", "summarizer/compose.py",
          "key=lambda n: not n.key", "key=lambda n: 0", (OFFLINE,)),
    Break("summaries: the offline engine writes its own, before grounding marks the key figure",
          "summarizer/engines/offline/__init__.py", 'summary_vi="" if relevant else',
          'summary_vi=" ".join(f"{n.value}." for n in numbers) if relevant else', (OFFLINE,)),
    Break("grounding: a figure's window is cut one character off after a run of separators", "summarizer/align.py",
          "return offset - shifts[k]", "return offset - shifts[k] + 1", ("tests/test_prose.py",)),
    Break("grounding: a place the article never names is accepted", "summarizer/ground.py",
          "if not deepest or names_place(text, deepest):", "if True:", (LLM,)),
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
    # hostile names, outputs, the Batch API, the store, keys and gold (#25)
    Break("names: a name that is not UTF-8 reaches the store raw", "summarizer/batch/discover.py",
          "return printable_name(path.relative_to(input_dir).as_posix())",
          "return path.relative_to(input_dir).as_posix()", (NAMES,)),
    Break("names: a loader's message keeps a name that is not UTF-8", "summarizer/record.py",
          "message = redact(printable_name(message))", "message = redact(message)", (NAMES,)),
    Break("names: brief names cut by characters, not bytes", "summarizer/report/render.py",
          'len(stem.encode("utf-8", "surrogatepass")) <= _MAX_STEM', "len(stem) <= _MAX_STEM", (NAMES,)),
    Break("discovery: another run's output folder is read as articles", "summarizer/batch/discover.py",
          " and not is_output_folder(real)", "", (NAMES,)),
    Break("discovery: the store's marker does not mark an output folder", "summarizer/batch/discover.py",
          "(MARKER_NAME, STORE_NAME, SUMMARIES_NAME)", "(STORE_NAME, SUMMARIES_NAME)", (NAMES,)),
    Break("discovery: --out equal to the input folder is accepted", "summarizer/batch/discover.py",
          "if input_dir.resolve() == out_dir.resolve():", "if False:", (NAMES,)),
    Break("batch api: byte-identical files share a custom_id", "summarizer/batch/openai.py",
          "return f\"{key}-{hashlib.sha256(path.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}\"", "return key",
          (BATCH_API,)),
    Break("batch api: a results line that is not an object with a custom_id blocks collect", "summarizer/batch/openai.py",
          'if isinstance(item, dict) and isinstance(item.get("custom_id"), str):', "if True:", (BATCH_API,)),
    Break("batch api: a response that is a string blocks collect", "summarizer/batch/openai.py",
          'if not isinstance(response, dict) or response.get("status_code") != 200:',
          'if response.get("status_code") != 200:', (BATCH_API,)),
    Break("batch api: a refused key is a traceback", "summarizer/batch/openai.py",
          "except openai.APIStatusError as exc:", "except openai.NotFoundError as exc:", (BATCH_API,)),
    Break("redaction: log handlers are not filtered", "summarizer/cli/common.py",
          "handler.addFilter(RedactingFilter())", "pass", (REDACTION,)),
    Break("redaction: a URL's user part is kept", "summarizer/redaction.py", 'rf"\\1{MASK}@"', 'r"\\g<0>"',
          (REDACTION,)),
    Break("redaction: the base URL's credentials are not remembered", "summarizer/cli/common.py",
          "add_url(config.base_url)", "add_url(None)", (REDACTION,)),
    Break("redaction: a failed record keeps a key", "summarizer/record.py",
          "message = redact(printable_name(message))", "message = printable_name(message)", (REDACTION,)),
    Break("escaping: failures prints file names raw", "summarizer/cli/history.py",
          "for_terminal(text) for text in (record.source.path", "text for text in (record.source.path", (STORE,)),
    Break("store: a damaged store is a traceback", "summarizer/batch/store.py",
          "except sqlite3.DatabaseError as exc:", "except sqlite3.OperationalError as exc:", (STORE,)),
    Break("store: runs and failures open the store for writing", "summarizer/cli/history.py",
          "RunStore(out / STORE_NAME, readonly=True)", "RunStore(out / STORE_NAME)", (STORE,)),
    Break("store: the schema version is not recorded", "summarizer/batch/store.py",
          'db.execute(f"PRAGMA user_version = {STORE_VERSION}")', "pass", (STORE,)),
    Break("store: a store from a newer summarizer is opened", "summarizer/batch/store.py",
          "if version > STORE_VERSION:", "if False:", (STORE,)),
    Break("store: salvage told by a word in the warnings", "summarizer/batch/store.py",
          'return record.obtained == "salvaged"',
          'return any("salvaged" in w for w in (record.summary.warnings if record.summary else []))', (STORE,)),
    Break("store: a store moved aside loses the finished articles", "summarizer/batch/store.py",
          "if fresh and summaries.is_file():", "if False:", (STORE,)),
    Break("eval: gold paired by file stem", "summarizer/evaluation/gold.py",
          'stems.setdefault(PurePosixPath(path).with_suffix("").as_posix(), [])',
          "stems.setdefault(PurePosixPath(path).stem, [])", (PAIRING,)),
    Break("eval: NaN in gold read as a number", "summarizer/evaluation/gold.py",
          "parse_constant=_not_a_number", "parse_constant=float", (PAIRING,)),
    Break("eval: no size limit on a gold file", "summarizer/evaluation/gold.py",
          "if size > MAX_GOLD_BYTES:", "if False:", (PAIRING,)),
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
    Break("locality: an answer's impossible place is not re-asked", "summarizer/engines/llm/draft.py",
          'Problem(Kind.PLACE_NOT_OFFICIAL, "locality", p,', 'Problem(Kind.TOO_LONG, "locality", p,', (LLM,)),
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
          'words="d(?<!giúp d)(?<!trong d)', 'words="d(?<!trong d)', (OFFLINE,)),
    Break("findings: a member's feelings told in the first person are a difficulty",
          "summarizer/engines/offline/classify.py",
          'if lx["PERSONAL"].search(seen) or lx["CONCEDED"].search(seen):', 'if lx["CONCEDED"].search(seen):',
          (OFFLINE,)),
    Break("findings: a generic intro naming no obstacle is a difficulty", "summarizer/engines/offline/classify.py",
          'return sentence_names_one or not taxonomy.has_specific_cue(clause.text, "difficulty")',
          "return sentence_names_one", (OFFLINE,)),
    Break("clauses: a long enumeration of measures is kept as one clause", "summarizer/engines/offline/clauses.py",
          '*lx["SPLIT_LIST"].finditer(text, start, end)', "", (OFFLINE,)),
    Break("findings: difficulties conceded before a result are a difficulty", "summarizer/engines/offline/classify.py",
          'if lx["PERSONAL"].search(seen) or lx["CONCEDED"].search(seen):', 'if lx["PERSONAL"].search(seen):',
          (MARKING,)),
    Break("cues: 'vẫn còn một số hạn chế' read as a limitation stated", "summarizer/engines/offline/lexicon.py",
          r'r"(?:còn|có|gặp)\s+(?:một số|những)\s+(?:hạn chế|tồn tại|bất cập|vướng mắc)$|"', '', (MARKING, OFFLINE)),
    Break("findings: a new member's story of applying is a measure", "summarizer/engines/offline/classify.py",
          'if k == "solution" and not lx["PERSONAL"].search(view[c.start : c.end])', 'if k == "solution"',
          (MARKING,)),
    Break("cues: 'em mới mạnh dạn...' not read as a person speaking of themselves",
          "summarizer/engines/offline/lexicon.py", "|cứ|chỉ|mới)", "|cứ|chỉ)", (MARKING, OFFLINE)),
    Break("clauses: an enumeration's ordinal 'Hai là,' kept in the measure", "summarizer/engines/offline/lexicon.py",
          r'+ r"|(?:(?:một|hai|ba|bốn', r'+ r"|(?:(?:mộtx|haix|bax|bốn', (MARKING,)),
    Break("clauses: 'Nắm bắt thực tế đó,' kept in the measure", "summarizer/engines/offline/lexicon.py",
          "(?:trước|nắm bắt|xuất phát từ) (?:thực tế", "(?:trước) (?:thực tế", (MARKING,)),
    Break("clauses: typed plain, 'Theo do' cut off 'Theo dong chi'", "summarizer/engines/offline/lexicon.py",
          '        + _E\n        + r"\\s*,?\\s*"', '        + r"\\s*,?\\s*"', (MARKING,)),
    Break("clauses: a cause list's lead 'Nguyên nhân của hạn chế trên, trước hết là' cut as a cause",
          "summarizer/engines/offline/lexicon.py", r'words=r"nguyên nhân (?:của|dẫn đến) [^,.;]{1,40},', r'words=r"nguyên nhân (?:củax|dẫn đếnx) [^,.;]{1,40},',
          (MARKING,)),
    Break("clauses: a cause's second predicate ('..., còn ngại khó') cut from its subject",
          "summarizer/engines/offline/clauses.py", "if merged and lexicon(folded)[\"CONTINUES\"].match(text, s):", "if merged and None:",
          (MARKING,)),
    Break("clauses: a goal's listed targets cut into separate measures", "summarizer/engines/offline/clauses.py",
          'if lx["COUNT"].search(text, m.end(), end if comma < 0 else comma):', "if None:", (MARKING,)),
    Break("cues: 'ít nhất' (at least) read as a shortage", "summarizer/engines/offline/lexicon.py",
          "|ít(?! nhất)|", "|ít|", (OFFLINE,)),
    Break("cues: 'lâu dài' read as a delay", "summarizer/engines/offline/lexicon.py",
          "|lâu(?! dài| năm)", "|lâu", (OFFLINE,)),
    Break("cues: 'tăng cường' read as a result", "summarizer/engines/offline/lexicon.py",
          "|tăng(?! cường)|", "|tăng|", (OFFLINE,)),
    Break("cues: a year read as a count", "summarizer/engines/offline/lexicon.py",
          r'"COUNT": r"(?<![\d.,/])(?!(?:19|20)\d\d(?!\d|[.,]\d))\d",', r'"COUNT": r"\d",', (OFFLINE,)),
    Break("cues: typed plain, 'trong do' (trong đó) read as a cause", "summarizer/engines/offline/lexicon.py",
          "(?<!trong d)", "", (OFFLINE,)),
    Break("cues: changing jobs and retired members not read as problems", "summarizer/engines/offline/lexicon.py",
          r'r"chuyển sang (?:công ty|doanh nghiệp|nơi|chỗ) khác|tuổi cao|cao tuổi|nghỉ hưu|hưu trí"', 'r"xxx"',
          (OFFLINE,)),
    Break("cues: a goal's opening word not known", "summarizer/engines/offline/lexicon.py",
          '"TARGET_OPEN": one_of(words="phấn đấu|', '"TARGET_OPEN": one_of(words="phấn đấux|', (OFFLINE, MARKING)),
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
    # what a figure means (issue 26)
    Break("meaning: 'phấn đấu' is no target cue", "summarizer/vietnamese/readings.py",
          'r"phấn đấu|(?<!thực hiện )', 'r"phấn đấu bỏ|(?<!thực hiện )', (MEANING,)),
    Break("meaning: 'đạt 118,3% chỉ tiêu' read as a target", "summarizer/vietnamese/readings.py",
          'or (quota and not rx["REACHED"].search(clause, quota.end()))', "or quota", (MEANING,)),
    Break("meaning: a yearly rate reads as a result", "summarizer/vietnamese/readings.py",
          '        return "average"', '        return "actual"', (MEANING,)),
    Break("meaning: 'trong đó' opens no subgroup", "summarizer/vietnamese/readings.py",
          'r"(?P<cue>trong đó|', 'r"(?P<cue>trong đó bỏ|', (MEANING,)),
    Break("meaning: a subgroup runs past ';'", "summarizer/vietnamese/readings.py",
          'low_before.rfind(";") + 1', "0", (MEANING,)),
    Break("meaning: a commune of a district article is the main unit", "summarizer/vietnamese/readings.py",
          'return level != main_level or bool(name)', "return False", (MEANING,)),
    Break("meaning: a bare subject ignores its paragraph's unit", "summarizer/vietnamese/readings.py",
          "        subject = paragraph_subject", "        pass", (MEANING,)),
    Break("meaning: 'đến nay' read as a single year", "summarizer/vietnamese/periods.py",
          "out.append(Period(atom.start, atom.end, (atom.years[0], None)))", "out.append(atom)", (MEANING,)),
    Break("meaning: 'đến hết năm' ignored", "summarizer/vietnamese/periods.py",
          "elif (m := _UNTIL.match(low, atom.end, atom.end + 40)) and i + 1 < len(atoms):", "elif False:",
          (MEANING,)),
    Break("meaning: a compared year is a period", "summarizer/vietnamese/periods.py",
          "if _COMPARED.search(low, max(0, q.start - 30), q.start):", "if False:", (MEANING,)),
    Break("meaning: a heading does not govern its paragraph", "summarizer/vietnamese/periods.py",
          "        out.append(paras[j])\n", "", (MEANING,)),
    Break("meaning: the section above a heading governs below it", "summarizer/vietnamese/periods.py",
          "if j >= 0 and _is_line(text[start:end]):", "if j >= 0:", (MEANING,)),
    Break("meaning: a sentence about the present takes its paragraph's year", "summarizer/vietnamese/periods.py",
          "if _NOW.search(plain_lower(text), a, start):", "if False:", (MEANING,)),
    Break("tables: a total row is a part", "summarizer/vietnamese/tables.py",
          'scope: Scope = "main" if total else "part"', 'scope: Scope = "part"', (MEANING,)),
    Break("tables: a sum of some units is the main unit", "summarizer/vietnamese/tables.py",
          "đảng bộ))(?!\\s*\\d)", "đảng bộ))", (MEANING,)),
    Break("tables: the column header is not read", "summarizer/vietnamese/tables.py",
          "metric = _metric(column, share) or", "metric =", (MEANING,)),
    Break("tables: the row-number column read as a figure", "summarizer/vietnamese/tables.py",
          "if m is None or _ROW_NUMBER.fullmatch(column.strip()):", "if m is None:", (MEANING,)),
    Break("tables: a row whose last cells are empty leaves its table", "summarizer/vietnamese/tables.py",
          "and len(row) <= len(cells):", "and len(row) == len(cells):", (MEANING,)),
    Break("tables: rows are read as prose too", "summarizer/vietnamese/figures.py",
          "or any(a <= q.start < b for a, b in rows)", "", (MEANING,)),
    Break("tables: cleaning drops table rows as headlines", "summarizer/clean.py",
          '            lines[i].kind = "keep"', "            pass", (CLEAN,)),
    Break("tables: a table's caption is dropped", "summarizer/clean.py",
          "    return rows | captions", "    return rows", (CLEAN,)),
    Break("tables: an HTML row's cells run together", "summarizer/load.py",
          'parts.append(_CELL_MARK if rows[-1] else "")', 'parts.append(" " if rows[-1] else "")', (CLEAN,)),
    Break("key: a multi-year total beats a single year ending the same year", "summarizer/meaning.py",
          "int(end is not None and start == end)", "0", (KEY,)),
    Break("key: 'đến nay' ends at the last stated year, not the article's time", "summarizer/meaning.py",
          "(now if now is not None else float(\"inf\"))", "float(\"-inf\")", (KEY,)),
    Break("key: a target may be the key", "summarizer/meaning.py",
          'and item.basis == "actual" and', "and", (KEY,)),
    Break("key: the engine's key is trusted", "summarizer/ground.py",
          "numbers = with_key(numbers, summary.published, g.text)", "pass", (KEY,)),
    Break("years: a claimed year written nowhere near the figure is kept", "summarizer/meaning.py",
          "if all(y is None or y in written for y in n.years):", "if True:", (KEY,)),
    # the testing kit itself
    Break("testing kit: re-asks look like first asks", "summarizer/testing.py",
          "return len(self.messages) > self._article_index + 1", "return False", (CASSETTES, LLM)),
    Break("testing kit: tool-mode answers sent as plain content", "summarizer/testing.py",
          'if request is not None and request.mode == "tools":', "if False:", ("tests/test_testing.py",)),
    # issue #24: breaks an audit made that no test noticed
    Break("grounding: the fuzzy-alignment threshold lowered from 92 to 70", "summarizer/align.py",
          "FUZZY_THRESHOLD = 92.0", "FUZZY_THRESHOLD = 70.0", (GUARDS,)),
    Break("grounding: a fuzzy quote may say the opposite (negations unchecked)", "summarizer/align.py",
          "and _NEGATION.findall(needle) == _NEGATION.findall(text, start, end)", "and True", (GUARDS,)),
    Break("grounding: the prose check reads only a sentence's first number", "summarizer/prose.py",
          "for token in _DIGITS.findall(sentence):", "for token in _DIGITS.findall(sentence)[:1]:", (GUARDS,)),
    Break("fail-fast: the streak is never reset", "summarizer/batch/failfast.py",
          "self.streak = self.streak + 1 if fault is not None else 0",
          "self.streak = self.streak + 1 if fault is not None else self.streak", (FAILFAST,)),
    Break("periods: 'từ năm X' rendered 'by X'", "summarizer/wording.py",
          'lambda m: f"since {m[1]}"', 'lambda m: f"by {m[1]}"', (GUARDS,)),
    Break("testing kit: the scripted model's waits really sleep", "summarizer/testing.py",
          "self.waits.append(seconds)", 'self.waits.append(seconds)\n            await __import__("asyncio").sleep(seconds)',
          (GUARDS,)),
    Break("cleaning: the form-line rule without its length guard", "summarizer/clean.py",
          "elif not _is_long(ln.text) and _FORM_LINE.match(accent_free(ln.text)):",
          "elif _FORM_LINE.match(accent_free(ln.text)):", (GUARDS,)),
    Break("cleaning: the teaser-duplicate minimum length 80 -> 8", "summarizer/clean.py",
          "len(key) >= 80", "len(key) >= 8", (GUARDS,)),
    Break("settings: the OPENAI_BASE_URL alias dropped", "summarizer/settings.py",
          'AliasChoices("SUMMARIZER_BASE_URL", "OPENAI_BASE_URL")', 'AliasChoices("SUMMARIZER_BASE_URL")', (GUARDS,)),
    Break("escaping: CSV leaves tab, CR and full-width formula starts live", "summarizer/batch/export.py",
          '"@", "\\t", "\\r", "\\uff1d", "\\uff0b", "\\uff0d", "\\uff20")', '"@")', (GUARDS,)),
    Break("testing kit: imported without [llm], it fails later with a bare ModuleNotFoundError", "summarizer/testing.py",
          "if importlib.util.find_spec(_module) is None:", "if False:", (CLI_README,)),
    # the command line
    Break("cli: a flag's help leaves out its default", "summarizer/cli/common.py",
          'help=f"{text} [default: {default}] [env: {env}]"', 'help=f"{text} [env: {env}]"', (CLI_HELP,)),
    Break("cli: a bad environment variable is not named", "summarizer/cli/common.py",
          'names = " or ".join(env_names(field))', "names = field", (CLI_HELP,)),
    Break("cli: a mistyped flag gives click's usage block", "summarizer/cli/common.py",
          "            error(_usage_message(exc))", "            exc.show()", (CLI_HELP,)),
    Break("cli: control characters in names reach the terminal", "summarizer/cli/common.py",
          "console().print(for_terminal(message), style=style", "console().print(message, style=style",
          (CLI_HELP, CLI_FAULTS)),
    Break("cli: a file skipped alone is not named", "summarizer/cli/batch.py",
          "return self.by_reason.get(reason, reason) if count == 1 else self.relative(reason)",
          "return self.relative(reason)", (CLI_FAULTS,)),
    Break("cli: failures leaves out skipped files", "summarizer/batch/store.py",
          'if record.status != "ok" or is_salvaged(record):', 'if record.status == "failed" or is_salvaged(record):',
          (CLI_FAULTS,)),
    Break("cli: schema checks whatever schemas/ the working directory has", "summarizer/cli/article.py",
          'else Path(str(resources.files("summarizer.schemas")))', 'else Path("schemas")', (CLI_FAULTS,)),
    Break("cli: standard input is read whole before --max-bytes is checked", "summarizer/cli/article.py",
          "data = sys.stdin.buffer.read(max_bytes + 1)", "data = sys.stdin.buffer.read()", (CLI_FAULTS,)),
    Break("settings: an infinite time budget or temperature is accepted", "summarizer/settings.py",
          "allow_inf_nan=False", "allow_inf_nan=True", (CLI_HELP,)),
    # what figures mean, in briefs, the digest, the CSV and eval (issue 26)
    Break("briefs: a target can be the headline figure", "summarizer/wording.py",
          'return n if n.metric == "members_admitted" and n.basis == "actual" and n.scope == "main" else None',
          'return n if n.metric == "members_admitted" and n.scope == "main" else None', BRIEFS),
    Break("briefs: periods typed without diacritics are not read", "summarizer/wording.py",
          "(re.compile(_plain(rx)), fn)", "(re.compile(rx), fn)", BRIEFS),
    Break("briefs: an unknown Vietnamese unit is copied into English", "summarizer/wording.py",
          "    if plural is None or not one:\n        return plural",
          "    if plural is None:\n        return unit\n    if not one:\n        return plural", BRIEFS),
    Break("briefs: an average reads as a plain count", "summarizer/wording.py",
          "value = f\"{'on average' if lang == 'en' else 'bình quân'} {value}{a_year}\"",
          'value = f"{value}{a_year}"', BRIEFS),
    Break("briefs: a part's figure is not named with its unit", "summarizer/wording.py",
          'value = f"{whose(n, lang)}: {value}"', "pass", BRIEFS),
    Break("briefs: places lose their own unit words", "summarizer/wording.py",
          "word = kind if kind and kind.lower() in UNIT_WORDS else _GENERIC[level]", "word = _GENERIC[level]",
          BRIEFS),
    Break("briefs: a bare summary prints an empty source line", "summarizer/templates/brief.md.j2",
          "{% if source %}", "{% if true %}", BRIEFS),
    Break("digest: a multi-year total filed under its first year", "summarizer/report/aggregate.py",
          "return n.years[0] if n is not None and n.years is not None and n.years[0] == n.years[1] else None",
          "return n.years[0] if n is not None and n.years is not None else None", (TOTALS,)),
    Break("digest: conflicting figures are added up", "summarizer/report/aggregate.py",
          "if len({v for _, v in claims}) > 1 or any(", "if any(", (TOTALS,)),
    Break("digest: a district's figure added to its province's", "summarizer/report/aggregate.py",
          " or any((up, year) in by_unit for up in _above(unit))", "", (TOTALS,)),
    Break("digest: equal bars when every row is the same", "summarizer/report/aggregate.py",
          "if len(set(values)) > 1 and max(values) > 0:", "if max(values) > 0:", (TOTALS,)),
    Break("digest: aggregate tables back in scroll boxes", "summarizer/templates/digest.html.j2",
          "  .note { color: #666; font-size: .85rem; }",
          "  .note { color: #666; font-size: .85rem; }\n  .agg { max-height: 32rem; overflow-y: auto; }", (TOTALS,)),
    Break("csv: the key flag is not written", "summarizer/batch/export.py",
          '"key": n.key,', '"key": None,', ("tests/batch/test_export.py",)),
    Break("eval: a years 'to' that disagrees still counts", "summarizer/evaluation/meaning.py",
          "said[0] == gold[0] and (gold[1] is None or said[1] == gold[1])", "said[0] == gold[0]", (EVAL,)),
    Break("eval: several keys count as one chosen", "summarizer/evaluation/meaning.py",
          "return chosen[0] if len(chosen) == 1 else None", "return chosen[0] if chosen else None", (EVAL,)),
    Break("eval: numbers paired on equal scores to the last gold item", "summarizer/evaluation/match.py",
          "if s is not None and (best is None or s > best[0]):", "if s is not None and (best is None or s >= best[0]):",
          (EVAL,)),
    # the LLM path's validation policy (issue 22)
    Break("policy: a re-ask that repeats the same problems is repeated", "summarizer/engines/llm/review.py",
          "if asking.previous is not None and sorted(lines) == sorted(asking.previous):", "if False:", (LLM,)),
    Break("policy: minor problems are re-asked", "summarizer/problems.py",
          "return [p for p in problems if p.fatal]", "return list(problems)", (POLICY,)),
    Break("policy: an answer with most items failing is not re-asked", "summarizer/problems.py",
          "if items >= 2 and len(failing) * 2 > items:", "if False:", (POLICY,)),
    Break("policy: a Vietnamese English field is kept", "summarizer/prose.py",
          "if english and not is_english(text):", "if False:", (POLICY,)),
    Break("policy: a long or foreign unit/period is kept", "summarizer/ground.py",
          "if len(value) > MAX_FIELD_CHARS or accent_free(value) not in words:", "if False:", (POLICY,)),
    Break("policy: an implausible figure is kept", "summarizer/ground.py",
          "bad = implausible(kept)", "bad: dict[int, str] = {}", (POLICY,)),
    Break("policy: the model's place is not checked against the dominant place", "summarizer/engines/llm/draft.py",
          "if dominant is not None and dominant.province and not _same_province(official, dominant):", "if False:",
          (POLICY,)),
    Break("policy: relevant=false for a plainly relevant article passes silently", "summarizer/engines/llm/draft.py",
          "if not answer.relevant and plainly_on_topic(masked(article.text)):", "if False:", (POLICY,)),
    Break("policy: salvaged records are counted as plain ok", "summarizer/batch/run.py",
          'self.salvaged += record.status == "ok" and record.obtained == "salvaged"', "self.salvaged += 0",
          ("tests/batch/test_salvage_count.py",)),
    Break("policy: a token budget salvage says it was out of re-asks", "summarizer/engines/llm/ask.py",
          "if isinstance(exc, TokenBudgetError)", "if False", (LLM,)),
    # the article is data
    Break("injection: the article reaches the model as written", "summarizer/engines/llm/prompts.py",
          "render(text=neutralise(text),", "render(text=text,", (POLICY,)),
    Break("injection: an item quoted from planted text is kept", "summarizer/ground.py",
          "if inside_planted(found.span, g.text):", "if False:", (POLICY,)),
    # number words and fractions
    Break("numbers: a number word before a counted noun is not read", "summarizer/vietnamese/numbers.py",
          "                _COUNTED_NEXT.match(low, end)", "                False", (NUMBER_WORDS,)),
    Break("numbers: a fraction with thousands separators is not read", "summarizer/vietnamese/numbers.py",
          r'\s*/\s*(?P<b>\d{1,3}(?:\.\d{3})*)(?!\d|[.,/]\d)"', r'\s*/\s*(?P<b>\d{1,3})(?!\d|[.,/]\d)"',
          (NUMBER_WORDS,)),
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


def run_tests(copy: Path, tests: tuple[str, ...]) -> tuple[bool, float, str]:
    """(whether ``tests`` pass on the copy, seconds taken, the end of pytest's report)."""
    env = {**os.environ, "PYTHONPATH": f"{copy}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", "not slow",
                           *tests], cwd=copy, env=env, capture_output=True, text=True)  # fmt: skip
    return done.returncode == 0, time.monotonic() - started, "\n".join(done.stdout.splitlines()[-40:])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-k", default="", help="only the breaks whose name contains this")
    args = parser.parse_args()
    started = time.monotonic()
    chosen = [b for b in BREAKS if args.k.lower() in b.name.lower()]
    with tempfile.TemporaryDirectory(prefix="summarizer-breaks-") as tmp:
        copy = Path(tmp)
        copy_checkout(copy)
        where = subprocess.run([sys.executable, "-c", "import summarizer; print(summarizer.__file__)"], cwd=copy,
                               env={**os.environ, "PYTHONPATH": str(copy)}, capture_output=True, text=True)  # fmt: skip
        if not where.stdout.startswith(str(copy)):
            raise SystemExit(f"the copy's package is not the one imported: {where.stdout or where.stderr}")
        guards = tuple(sorted({t for b in chosen for t in b.tests}))
        clean, _, report = run_tests(copy, guards)
        if not clean:  # a break is only "killed" if the same tests pass without it
            raise SystemExit(f"{report}\nthe tests fail on the unbroken copy: {' '.join(guards)}")
        survivors = []
        for b in chosen:
            path = copy / b.file
            original = path.read_text(encoding="utf-8")
            if original.count(b.old) != 1:
                raise SystemExit(f"break {b.name!r}: {b.old!r} is not exactly once in {b.file}")
            path.write_text(original.replace(b.old, b.new), encoding="utf-8")
            try:
                passed, seconds, _ = run_tests(copy, b.tests)
            finally:
                path.write_text(original, encoding="utf-8")
            print(f"{'SURVIVED' if passed else 'killed  '}  {seconds:5.1f}s  {b.name}", flush=True)
            if passed:
                survivors.append(b)
    print(f"\n{len(chosen)} breaks, {len(chosen) - len(survivors)} killed, {len(survivors)} survived "
          f"in {time.monotonic() - started:.0f}s")  # fmt: skip
    for b in survivors:
        print(f"  survivor: {b.name} ({b.file}); guarded by {', '.join(b.tests)}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
