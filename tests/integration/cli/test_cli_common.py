"""cli/common.py: what the command modules share, seen through the commands that use it."""

from __future__ import annotations

import pytest

from mutualaid_desktop.cli import main
from mutualaid_desktop.cli.common import EXIT_BAD_INPUT, CliFailure, require_suffix


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["payout", "export", "--batch", "PF2026-0001", "--out", "bank.csv"],
            "输出文件名应以 .xlsx 结尾，如 --out 银行代发.xlsx",
        ),
        (
            ["renewal", "overview", "--year", "2026", "--out", "overview.pdf"],
            "输出文件名应以 .xlsx 结尾，如 --out 续保进度-2027-全市.xlsx",
        ),
        (
            ["roster", "import", "roster.xlsx", "--unit", "U1", "--plan", "P1", "--bad-rows-out", "bad.csv"],
            "问题行文件名应以 .xlsx 结尾，如 --bad-rows-out 问题行.xlsx",
        ),
        (
            ["print", "member-leaflet", "--plan", "P1", "--out", "leaflet.xlsx"],
            "输出文件名应以 .pdf 结尾，如 --out 告知单.pdf",
        ),
        (
            ["print", "payout-batch-list", "--batch", "PF2026-0001", "--out", "list"],
            "输出文件名应以 .pdf 结尾，如 --out 告知单.pdf",
        ),
    ],
)
def test_a_file_name_with_the_wrong_ending_is_refused_before_the_database_is_opened(capsys, tmp_path, argv, said):
    db = tmp_path / "counter.sqlite3"
    assert main(["--db", str(db), *argv]) == EXIT_BAD_INPUT
    assert capsys.readouterr().err.strip() == said
    assert not db.exists()


def test_require_suffix_takes_any_case_and_refuses_with_the_example():
    require_suffix("银行代发.XLSX", ".xlsx", "--out 银行代发.xlsx")
    with pytest.raises(CliFailure) as refused:
        require_suffix("问题行.xls", ".xlsx", "--bad-rows-out 问题行.xlsx", what="问题行文件名")
    assert refused.value.message == "问题行文件名应以 .xlsx 结尾，如 --bad-rows-out 问题行.xlsx"
    assert refused.value.status == EXIT_BAD_INPUT
