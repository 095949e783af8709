"""Syndicated copies: the same story scraped from several outlets is one story in the digest.

Copies differ in their boilerplate (bylines, related news, share links), which cleaning mostly removes,
and sometimes in a sentence or two. Each record is reduced to what its summary took from the article
(title, quotes, figures) as word 3-grams; MinHash signatures and locality-sensitive hashing
(``datasketch``) find the candidate copies in near-linear time, and a candidate joins a story only when
its estimated Jaccard similarity passes the threshold. No pairwise comparison of all records.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from ..models import BatchRecord

THRESHOLD = 0.7
"""Estimated Jaccard similarity of the word 3-grams above which two records are one story."""
_NUM_PERM = 64
_WORD = re.compile(r"[^\W_]+")


@dataclass
class Story:
    """One story: the record shown for it, and the other outlets' copies (counted once)."""

    record: BatchRecord
    copies: list[BatchRecord] = field(default_factory=list)


def _shingles(record: BatchRecord) -> set[bytes]:
    s = record.summary
    if s is None:
        return set()
    parts = [s.title or ""] + [f.evidence for f in (*s.difficulties, *s.solutions)]
    parts += [n.evidence for n in s.numeric_results]
    words = _WORD.findall(" ".join(parts).lower())
    return {" ".join(words[i : i + 3]).encode() for i in range(max(len(words) - 2, 0))}


def group_stories(records: list[BatchRecord]) -> list[Story]:
    """Records grouped into stories, in the order of their first record; the first copy (by source path)
    is the one shown. Records with nothing to compare stand alone."""
    from datasketch import MinHash, MinHashLSH

    shingles = [_shingles(r) for r in records]
    comparable = [i for i, sh in enumerate(shingles) if sh]
    # crc32 (C, deterministic) rather than datasketch's default sha1 per shingle: ten times faster here.
    signatures = MinHash.bulk(
        [list(shingles[i]) for i in comparable], num_perm=_NUM_PERM, hashfunc=zlib.crc32
    )
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=_NUM_PERM)
    parent = list(range(len(records)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_index = dict(zip(comparable, signatures, strict=True))
    for i in comparable:
        mh = by_index[i]
        for j in lsh.query(mh):
            if mh.jaccard(by_index[j]) >= THRESHOLD:
                a, b = root(i), root(j)
                parent[max(a, b)] = min(a, b)
        lsh.insert(i, mh)

    groups: dict[int, list[int]] = {}
    for i in range(len(records)):
        groups.setdefault(root(i), []).append(i)
    stories = []
    for members in groups.values():
        ordered = sorted((records[i] for i in members), key=lambda r: r.source.path)
        stories.append(Story(ordered[0], ordered[1:]))
    return stories
