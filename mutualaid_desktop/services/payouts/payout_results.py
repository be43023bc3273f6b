"""What the payout services (services/payouts/payouts.py) return: approved claims waiting for a batch,
batches with their items, and the results of exporting and settling a batch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

STATUS_LABELS = {"open": "未导出", "exported": "已导出", "closed": "已结清"}
ITEM_STATUS_LABELS = {"pending": "待银行确认", "paid": "已给付", "returned": "银行退回"}


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PayableClaim:
    """An approved claim waiting for a batch."""

    claim_number: str
    member_name: str
    plan_code: str
    amount: Decimal
    bank_name: str | None
    account_holder: str | None
    account_number: str | None
    decided_at: datetime | None

    @property
    def has_account(self) -> bool:
        return bool((self.account_number or "").strip() and (self.account_holder or "").strip())


@dataclass(frozen=True)
class BatchItem:
    claim_number: str
    member_name: str
    bank_name: str
    account_holder: str
    account_number: str
    amount: Decimal
    status: str  # pending / paid / returned
    settled_on: date | None
    return_reason: str | None

    @property
    def status_label(self) -> str:
        return ITEM_STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True)
class BatchInfo:
    batch_number: str
    status: str
    created_on: date
    created_by: str | None
    count: int
    total: Decimal
    pending: int
    paid: int
    returned: int
    export_count: int = 0  # bank files written (the second and later are copies, 副本)
    created_by_id: int | None = None  # who made it: never the one who confirms it (settle_problem)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def to_json_dict(self) -> dict:
        return {
            "batch_number": self.batch_number,
            "status": self.status,
            "status_label": self.status_label,
            "created_on": self.created_on.isoformat(),
            "created_by": self.created_by,
            "count": self.count,
            "total": f"{self.total:.2f}",
            "pending": self.pending,
            "paid": self.paid,
            "returned": self.returned,
            "export_count": self.export_count,
        }


@dataclass(frozen=True)
class BatchDetail:
    info: BatchInfo
    items: tuple[BatchItem, ...]


@dataclass(frozen=True)
class SettleResult:
    batch_number: str
    paid: int
    returned: int
    paid_total: Decimal
    batch_status: str


@dataclass(frozen=True)
class ExportResult:
    batch_number: str
    path: Path
    count: int
    total: Decimal
    copy_number: int = 0  # 0: the original; n: the n-th copy (副本)
    reason: str | None = None  # why a copy was made
