"""The bank file of a payout batch, exported once; every later export is a copy (副本).

A bank file handed to the bank twice pays every claimant twice. So a batch's file is exported once;
a second (lost file, a bank that asks again) needs a supervisor and a reason, keeps the SAME batch
number, and is marked 副本 where anyone opening it sees it: at the start of its title line (the
first row of the sheet, above the headers), and in the file name suggested. Every export, the
first and each copy with its reason, is audited, and payout_batches.export_count counts them.

The rules of when an export is a copy and who may make it are here (`export_kind`); the export
itself is services/payouts.export_bank_file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.reasons import written_reason

COPY_MARK = "副本"
FILE_SUFFIX = "银行代发"


@dataclass(frozen=True)
class ExportKind:
    """What the next export of a batch is: the original (copy_number 0) or the n-th copy, with the
    supervisor's reason."""

    copy_number: int
    reason: str | None

    @property
    def is_copy(self) -> bool:
        return self.copy_number > 0


def exports_done(export_count: int | None, exported_at) -> int:
    """How many bank files a batch has had (a batch exported before export_count existed: 1)."""
    return max(export_count or 0, 1 if exported_at is not None else 0)


def export_kind(
    user: UserInfo, batch_number: str, *, done: int, first_on: date | None, again: bool, reason: str | None
) -> ExportKind:
    """The next export of a batch that has had `done` exports: the original, or — only `again`,
    by a supervisor, with a reason — a copy. ServiceError/PermissionDenied otherwise."""
    if done == 0:
        if again:
            raise ServiceError(
                f"批次 {batch_number} 还没有导出过银行文件，不是再次导出：请直接导出（不选“再次导出”）。"
            )
        return ExportKind(0, None)
    when = f"于 {first_on:%Y-%m-%d} " if first_on else ""
    if not again:
        raise ServiceError(
            f"批次 {batch_number} 已{when}导出过银行文件（{done} 次）。同一批次的文件再交银行会重复付款；"
            "确需再次导出（如文件丢失）的，须由主管填写原因，生成的文件标明“副本”。"
        )
    require(user, "export_bank_file_copy", "再次导出银行文件（副本）")
    return ExportKind(done, written_reason(reason, "再次导出的原因", missing="请填写再次导出的原因。"))


def bank_file_title(org_name: str, batch_number: str, kind: ExportKind, first_on: date | None) -> str:
    """The title line of the file (the sheet's first row): a copy starts with 【副本】."""
    title = f"{org_name} 给付批次 {batch_number}"
    if not kind.is_copy:
        return title
    first = f"原件已于 {first_on:%Y-%m-%d} 导出" if first_on else "原件已导出"
    return (
        f"【{COPY_MARK}】{title}（{COPY_MARK} {kind.copy_number}，{first}；再次导出原因：{kind.reason}）"
        "——请与银行核对原件是否已办理，切勿重复提交"
    )


def bank_file_name(batch_number: str, exports: int) -> str:
    """The file name suggested for the next export of a batch that has had `exports` exports."""
    if exports <= 0:
        return f"{batch_number}-{FILE_SUFFIX}.xlsx"
    return f"{batch_number}-{FILE_SUFFIX}-{COPY_MARK}{exports}.xlsx"


__all__ = ["COPY_MARK", "ExportKind", "bank_file_name", "bank_file_title", "export_kind", "exports_done"]
