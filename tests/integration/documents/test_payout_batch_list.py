"""给付清单 read back with pypdf: rows, full account numbers, totals in figures and words, pages."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pypdf import PdfReader

from mutualaid_desktop.documents.payout_batch_list import (
    ROWS_PER_PAGE,
    BatchList,
    BatchListRow,
    group_digits,
    render_batch_list,
)
from mutualaid_desktop.domain.money import amount_in_words
from tests.integration.documents.pdf_text import assert_printed_whole, long, page_texts


def rows(n: int, returned: int | None = None) -> tuple[BatchListRow, ...]:
    return tuple(
        BatchListRow(
            k,
            f"611002-2026-{k:06d}",
            f"王{'秀英建国志强'[k % 3]}",
            "中国农业银行商洛分行",
            f"62284801234567{k:05d}",
            Decimal("1000.50") + k,
            "returned" if k == returned else "pending",
            "户名与账号不符" if k == returned else None,
        )
        for k in range(1, n + 1)
    )


def paper(n: int, **kw) -> BatchList:
    return BatchList(
        org_name="商洛市总工会",
        batch_number="PF2026-0007",
        created_on=date(2026, 11, 29),
        status=kw.pop("status", "exported"),
        creator_name="张经办",
        rows=rows(n, kw.pop("returned", None)),
        printed_at=datetime(2026, 11, 29, 10, 5),
        printed_by="张经办",
        **kw,
    )


def text_of(path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_one_page_list(tmp_path):
    p = paper(3)
    pages = text_of(render_batch_list(p, tmp_path / "list.pdf"))
    assert len(pages) == 1
    text = pages[0]
    for expected in (
        "职工互助保障金给付清单",
        "商洛市总工会",
        "PF2026-0007",
        "2026-11-29",
        "611002-2026-000001",
        "中国农业银行商洛分行",
        "1,001.50",
        "经办人",
        "审核人",
        "负责人",
        "第 1 页 共 1 页",
        "合计：3 笔",
        format_total(p.total),
        "金额大写：" + amount_in_words(p.total),
        "人民币叁仟零柒元伍角",
    ):
        assert expected.replace(" ", "") in text.replace(" ", ""), expected
    # the full account number, grouped by four digits
    assert group_digits("6228480123456700001") in text
    assert "6228480123456700001" in text.replace(" ", "")


def format_total(total: Decimal) -> str:
    return f"¥{total:,.2f}"


def test_many_pages_totals_on_the_last_and_returned_rows(tmp_path):
    n = ROWS_PER_PAGE * 2 + 3
    p = paper(n, returned=5, status="closed", copy_number=1)
    pages = text_of(render_batch_list(p, tmp_path / "list.pdf"))
    assert len(pages) == 3 == p.page_count
    assert all(f"第 {i} 页 共 3 页" in page for i, page in enumerate(pages, start=1))
    assert "本页小计" in pages[0] and "负责人" not in pages[0] and "负责人" in pages[2]
    assert "补打" in pages[0]
    assert "退回" in pages[0] and "其中银行退回 1 笔" in pages[2]
    assert f"611002-2026-{n:06d}" in pages[2]
    assert p.total == sum(Decimal("1000.50") + k for k in range(1, n + 1))


def test_empty_batch_still_prints(tmp_path):
    pages = text_of(render_batch_list(paper(0), tmp_path / "list.pdf"))
    assert len(pages) == 1 and "合计：0 笔" in pages[0] and "人民币零元整" in pages[0]


def test_the_longest_names_and_numbers_wrap_in_their_cells_and_go_on_to_more_pages(tmp_path):
    """户名 and 开户行 as long as their columns (64 characters), account numbers of 32 digits, claim
    numbers of 32 characters, the organisation (128) and the clerk who printed (64), amounts of
    9,999,999.99: every one ran over its neighbours (the names shrunk to 6 pt and still three
    cells wide), the organisation off the page, the clerk over 打印. They wrap in their cells now,
    a page takes the rows that fit above the subtotal (at most 22) and nothing is below 7.5 pt."""
    from dataclasses import replace

    marks = "甲乙丙丁戊己庚辛壬癸"
    long_rows = tuple(
        replace(
            r,
            claim_number=long("611002-2027-", 26) + f"{r.number:06d}",
            holder=long("欧阳", 62) + marks[r.number // 10 % 10] + marks[r.number % 10],
            bank=long("中国农业银行商洛分行", 62) + f"{r.number:02d}",
            account_number=f"{r.number:02d}" + "9" * 30,
            amount=Decimal("9999999.99"),
        )
        for r in rows(46, returned=9)
    )
    p = replace(
        paper(0),
        org_name=long("商洛市总工会职工服务中心", 128),
        rows=long_rows,
        status="closed",
        printed_by=long("欧阳", 64),
        copy_number=1,
    )
    path = render_batch_list(p, tmp_path / "long.pdf")
    values = [p.org_name, p.printed_by]
    for r in long_rows:
        values += [r.claim_number, r.holder, r.bank, group_digits(r.account_number), "9,999,999.99"]
    assert_printed_whole(path, values)
    pages = page_texts(path)
    assert len(pages) == p.page_count > 3
    assert all(f"第 {i} 页 共 {len(pages)} 页" in page and "本页小计" in page for i, page in enumerate(pages, start=1))
    assert "负责人" in pages[-1] and not any("负责人" in page for page in pages[:-1])
    assert "459,999,999.54" in pages[-1] and "其中银行退回 1 笔" in pages[-1]
