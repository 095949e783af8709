"""The CSV says what each figure means, so a spreadsheet can add up only comparable ones."""

import csv

from summarizer.batch.export import write_csv
from summarizer.models import ArticleSummary, BatchRecord, NumericResult, SourceInfo


def _record() -> BatchRecord:
    summary = ArticleSummary(
        title="Xã Bình An kết nạp đảng viên",
        numeric_results=[
            NumericResult(value=12, unit="đảng viên", metric="members_admitted", evidence="kết nạp 12 đảng viên",
                          years=(2024, 2024), key=True),
            NumericResult(value_min=25, value_max=30, unit="đảng viên", metric="members_admitted",
                          qualifier="từ", basis="target", evidence="mỗi năm kết nạp từ 25 - 30 đảng viên"),
            NumericResult(value=4, unit="đảng viên", metric="members_admitted", scope="part",
                          qualifier="hơn", evidence="thôn Đông kết nạp hơn 4 đảng viên", years=(2020, None)),
        ],
    )  # fmt: skip
    return BatchRecord(source=SourceInfo(path="a.txt", sha256="x", bytes=1), status="ok", engine="offline",
                       summary=summary)  # fmt: skip


def test_csv_rows_carry_basis_scope_years_key_and_qualifier(tmp_path):
    path = tmp_path / "out.csv"
    write_csv([_record()], path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    got = [(r["value"] or r["value_min"], r["basis"], r["scope"], r["years_from"], r["years_to"], r["key"],
            r["qualifier"]) for r in rows]  # fmt: skip
    assert got == [
        ("12", "actual", "main", "2024", "2024", "True", ""),
        ("25", "target", "main", "", "", "False", "từ"),
        ("4", "actual", "part", "2020", "", "False", "hơn"),
    ]
