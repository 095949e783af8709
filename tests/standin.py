"""A stand-in for a capable model: an OpenAI-compatible responder that answers with the gold annotation.

It reads the gold files of ``/work/shared/gold`` (format ``../shared/eval/GOLD_FORMAT.md``) and the
articles of ``/work/shared/corpus``, recognises which article a request is about from its article
message, and answers with that article's gold turned into the answer schema the engine asks for:
locality names, numbers with their evidence, difficulties, solutions, relevance, and two short
summaries written from those fields only (no number or place that is not in them).

Every answer carries the gold's meaning fields: each figure's basis, scope, years and key, each
finding's category. Three manners of answering:

- ``exact``: the gold as written.
- ``realistic``: the deviations capable models make while being right, applied by rule to every item,
  never tuned to one article: place names with their prefix ("tỉnh", "huyện", "xã"); numbers as
  strings; and, in turn over the items, evidence wrapped in typographic quotes, with a final period and
  its first letter capitalised, two clauses joined with " ... ", a dropped word, and one wrong
  diacritic. (The last three only where a quote has at least eight words; a short quote is kept.)
- ``sloppy``: a hurried model's answer: the realistic deviations, place names without diacritics,
  numbers as strings with their unit ("3.753 đảng viên"), one extra figure its quote does not state,
  and a summary sentence with an invented figure.

On a re-ask (the conversation already holds an answer) the stand-in answers exactly, as a capable
model that reads the correction would. Every request is kept, with the article it was about.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx

from summarizer.clean import clean
from summarizer.load import load_file

Manner = Literal["exact", "realistic", "sloppy"]
#: What the sloppy manner invents: a figure no quote states, a number no article has.
INVENTED_VALUE = 98765
_TONE_MARKS = {
    "\u0300": "\u0301",
    "\u0301": "\u0300",
    "\u0303": "\u0309",
    "\u0309": "\u0303",
    "\u0323": "\u0300",
}
_ARTICLE = re.compile(r"<article>\n(.*)\n</article>", re.S)


@dataclass
class Article:
    stem: str
    text: str  # the cleaned text the engine sends
    gold: dict[str, Any]


def load_articles(gold_dir: Path, corpus_dir: Path) -> list[Article]:
    """Every gold-annotated article, its cleaned text as the engine sees it."""
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        source = next(p for p in sorted(corpus_dir.glob(path.stem + ".*")) if p.suffix in (".txt", ".html"))
        doc = load_file(source)
        out.append(Article(path.stem, clean(doc.text, title=doc.title, published=doc.published).text,
                           json.loads(path.read_text(encoding="utf-8"))))  # fmt: skip
    return out


def _wrong_diacritic(text: str) -> str:
    """The first tone mark of ``text`` changed to another one ("đảng" -> "đáng")."""
    nfd = unicodedata.normalize("NFD", text)
    for i, ch in enumerate(nfd):
        if ch in _TONE_MARKS:
            return unicodedata.normalize("NFC", nfd[:i] + _TONE_MARKS[ch] + nfd[i + 1 :])
    return text


def deviate(evidence: str, turn: int) -> str:
    """One of the harmless deviations of a right quote, chosen by ``turn`` (see the module doc)."""
    words = evidence.split()
    kind = turn % 5
    if kind == 0:
        return f"“{evidence}”"
    if kind == 1:
        return evidence[:1].upper() + evidence[1:] + "."
    if len(words) < 8:
        return f'"{evidence}"'
    if kind == 2:  # two clauses of the quote joined, the words between them left out
        return " ".join(words[:3]) + " ... " + " ".join(words[5:])
    if kind == 3:  # a word dropped from the middle
        return " ".join(words[: len(words) // 2] + words[len(words) // 2 + 1 :])
    return _wrong_diacritic(evidence)


def _prefixed(name: str | None, prefix: str) -> str | None:
    return f"{prefix} {name}" if name else None


def _plain(name: str | None) -> str | None:
    """``name`` without Vietnamese marks ("Sơn La" -> "Son La")."""
    if not name:
        return name
    bare = "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D")


def _with_unit(value: Any, evidence: str) -> str:
    """A number as a string with the words that follow it in its evidence ("3.753 đảng viên")."""
    written = f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value).replace(".", ",")
    m = re.search(re.escape(written) + r"\s+(\S+(?:\s+\S+)?)", evidence)
    return f"{written} {m.group(1)}" if m else written


def answer_for(article: Article, manner: Manner, part: str | None = None) -> dict[str, Any]:
    """The gold of ``article`` in the answer schema (only the items whose quote is in ``part``, when
    the engine sent one part of a long article)."""
    gold = article.gold
    if gold.get("relevant") is False:
        return {"relevant": False, "locality": {}, "difficulties": [], "solutions": [], "numeric_results": [],
                "summary_vi": "", "summary_en": ""}  # fmt: skip
    deviant = manner != "exact"
    sloppy = manner == "sloppy"
    turn = iter(range(10_000))

    def quote(evidence: str) -> str:
        return deviate(evidence, next(turn)) if deviant else evidence

    def number(n: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"metric": n.get("kind") or "other", "evidence": quote(n["evidence"])}
        for key in ("value", "value_min", "value_max"):
            if n.get(key) is not None:
                out[key] = _with_unit(n[key], n["evidence"]) if sloppy else str(n[key]) if deviant else n[key]
        for key in ("basis", "scope", "years", "key"):
            if key in n:
                out[key] = n[key]
        return out

    def finding(f: dict[str, Any]) -> dict[str, Any]:
        return {"category": f.get("category") or "other", "text": f["evidence"], "text_en": "",
                "evidence": quote(f["evidence"])}  # fmt: skip

    def here(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return items if part is None else [i for i in items if i["evidence"] in part]

    loc = gold.get("locality") or {}
    numbers = [number(n) for n in here(gold.get("numbers") or [])]
    difficulties = [finding(f) for f in here(gold.get("difficulties") or [])]
    place = ", ".join(p for p in (loc.get("commune"), loc.get("district"), loc.get("province")) if p)
    first = here(gold.get("numbers") or [])[:1]
    summary_vi = f"Bài viết về công tác phát triển đảng viên ở {place}." + (
        f" Bài nêu: {first[0]['evidence']}." if first else ""
    )
    summary_en = f"The article is about party-member development in {place}."
    if sloppy:
        summary_vi += f" Năm nay kết nạp {INVENTED_VALUE} đảng viên."
        if difficulties:  # a figure its quote does not state
            numbers.append(
                {"value": INVENTED_VALUE, "metric": "other", "evidence": difficulties[0]["evidence"]}
            )
    names = {level: loc.get(level) for level in ("province", "district", "commune")}
    if sloppy:
        names = {level: _plain(name) for level, name in names.items()}
    prefixes = {"province": "tỉnh", "district": "huyện", "commune": "xã"}
    return {
        "relevant": True,
        "locality": {
            level: _prefixed(name, prefixes[level]) if deviant else name for level, name in names.items()
        },
        "difficulties": difficulties,
        "solutions": [finding(f) for f in here(gold.get("solutions") or [])],
        "numeric_results": numbers,
        "summary_vi": summary_vi,
        "summary_en": summary_en,
    }


def _tokens(text: str) -> int:
    return max(1, len(text) // 4)  # about four characters a token: enough to compare variants


@dataclass
class CapableModel:
    """The responder: ``handler`` for ``httpx.MockTransport``; ``calls`` and ``tokens`` per article."""

    articles: list[Article]
    manner: Manner = "exact"
    calls: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, int] = field(default_factory=dict)
    reasks: list[str] = field(default_factory=list)

    def article_of(self, sent: str) -> Article:
        """The article whose text holds the article part of the message."""
        m = _ARTICLE.search(sent)
        part = m.group(1) if m else sent
        probe = part.strip()[:200]
        for article in self.articles:
            if probe and probe in article.text:
                return article
        raise LookupError("the request is about no known article")

    def handler(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        messages = body["messages"]
        users = [m["content"] for m in messages if m["role"] == "user" and "<article>" in m["content"]]
        sent = users[-1]
        article = self.article_of(sent)
        part = _ARTICLE.search(sent)
        reask = messages[-1]["role"] == "user" and "<article>" not in messages[-1]["content"]
        if reask:
            self.reasks.append(messages[-1]["content"])
        answer = json.dumps(answer_for(article, "exact" if reask else self.manner, part.group(1) if part else None),
                            ensure_ascii=False)  # fmt: skip
        prompt = _tokens("".join(m["content"] or "" for m in messages))
        completion = _tokens(answer)
        self.calls[article.stem] = self.calls.get(article.stem, 0) + 1
        self.tokens[article.stem] = self.tokens.get(article.stem, 0) + prompt + completion
        return httpx.Response(200, json={
            "id": "chatcmpl-standin", "object": "chat.completion", "created": 0, "model": "standin",
            "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": answer}}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
        })  # fmt: skip

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handler)


@dataclass
class Run:
    """What one batch against the stand-in cost and scored."""

    model: CapableModel
    records: list[dict[str, Any]]
    f1: float
    report: str

    @property
    def meaning(self) -> float:
        """The scorer's MEANING figure (basis, scope, years, key and category over matched items)."""
        line = next(line for line in self.report.splitlines() if line.startswith("MEANING="))
        return float(line.split("=")[1])

    @property
    def calls_per_article(self) -> float:
        return sum(self.model.calls.values()) / len(self.model.articles)

    @property
    def tokens_per_article(self) -> float:
        return sum(self.model.tokens.values()) / len(self.model.articles)


def run(
    shared: Path, manner: Manner, articles: list[Article] | None = None, *, own: Path | None = None
) -> Run:
    """A batch of the LLM engine over ``shared/corpus`` (or ``own/corpus``, annotated in ``own/gold``)
    against the stand-in, scored by ``shared/eval``."""
    import subprocess
    import sys
    import tempfile

    from summarizer.batch.executors import execute
    from summarizer.batch.run import run_batch
    from summarizer.engines.llm.engine import LLMEngine
    from summarizer.settings import Settings

    gold, corpus = (own or shared) / "gold", (own or shared) / "corpus"
    model = CapableModel(articles or load_articles(gold, corpus), manner)
    # One worker: with 24 files or more a batch runs worker processes, which build their own engine from
    # settings (issue 24 item 1) and would call standin.test over the network instead of this transport.
    settings = Settings(
        model="standin", base_url="http://standin.test/v1", api_key="x", mode="json", workers=1
    )
    with tempfile.TemporaryDirectory() as tmp:
        run_batch(corpus, tmp, settings, LLMEngine(settings, http_transport=model.transport()), execute)
        pred = Path(tmp) / "summaries.jsonl"
        records = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines()]
        report = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "--gold", str(gold),
                                 "--articles", str(corpus), "--pred", str(pred)],
                                capture_output=True, text=True, check=True).stdout  # fmt: skip
    f1 = float(report.strip().splitlines()[-1].split("=")[1])
    return Run(model, records, f1, report)
