"""The materials checklist of a claim (理赔材料): what the claimant brings, per plan.

Each plan kind has a default list; a plan may have its own (plans.materials_json, set here by a
supervisor). An item is required or optional; an item may be required only for some diagnoses
(病理报告 for 恶性肿瘤 and 原位癌). The intake screen ticks each item received; a claim with a
required item missing waits for papers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from mutualaid_desktop.domain.text import clean_text
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.repositories import PlanRepository

MAX_ITEMS, MAX_NAME = 30, 64


@dataclass(frozen=True)
class Material:
    name: str
    required: bool = True
    only_for: tuple[str, ...] = ()  # required only for these diagnoses (empty: always)

    def required_for(self, diagnosis: str | None) -> bool:
        if not self.required:
            return False
        return not self.only_for or (diagnosis or "") in self.only_for

    def label(self) -> str:
        if not self.required:
            return f"{self.name}（如有）"
        if self.only_for:
            return f"{self.name}（{'/'.join(self.only_for)}）"
        return self.name

    def to_json_dict(self) -> dict:
        out: dict = {"name": self.name, "required": self.required}
        if self.only_for:
            out["only_for"] = list(self.only_for)
        return out


DEFAULT_MATERIALS: dict[str, tuple[Material, ...]] = {
    "reimbursement": (
        Material("身份证复印件"),
        Material("出院小结"),
        Material("住院发票原件"),
        Material("医保结算单"),
        Material("银行卡复印件"),
        Material("费用明细清单", required=False),
    ),
    "lump_sum": (
        Material("身份证复印件"),
        Material("诊断证明书"),
        Material("病理报告", only_for=("恶性肿瘤", "原位癌")),
        Material("出院小结"),
        Material("银行卡复印件"),
    ),
}


def parse_materials(text: str | None, kind: str) -> tuple[Material, ...]:
    """A plan's list from its materials_json (None or unreadable: the default of the kind)."""
    if text:
        try:
            return _materials(json.loads(text))
        except (ValueError, TypeError, ServiceError):
            pass
    return DEFAULT_MATERIALS.get(kind, DEFAULT_MATERIALS["reimbursement"])


def _materials(items) -> tuple[Material, ...]:
    if not isinstance(items, list) or not items:
        raise ServiceError("材料清单不能为空：至少要有一项。")
    if len(items) > MAX_ITEMS:
        raise ServiceError(f"材料清单最多{MAX_ITEMS}项。")
    out, seen = [], set()
    for index, item in enumerate(items, start=1):
        if isinstance(item, str):
            item = {"name": item}
        if isinstance(item, Material):
            item = item.to_json_dict()
        if not isinstance(item, dict):
            raise ServiceError(f"材料清单第{index}项格式不对。")
        name = clean_text(
            item.get("name"),
            field=f"materials[{index}].name",
            label=f"材料清单第{index}项的名称",
            limit=MAX_NAME,
            halfwidth=False,
        )
        if not name:
            raise ServiceError(f"材料清单第{index}项没有名称，请填写。")
        if name in seen:
            raise ServiceError(f"材料「{name}」重复了，请删去一项。")
        seen.add(name)
        only_for = item.get("only_for") or ()
        if isinstance(only_for, str):
            only_for = [part for part in only_for.replace("、", "/").split("/") if part.strip()]
        diagnoses = tuple(
            clean_text(
                d,
                field=f"materials[{index}].only_for",
                label=f"材料清单第{index}项的适用情形",
                limit=MAX_NAME,
                halfwidth=False,
            )
            for d in only_for
        )
        out.append(Material(name, bool(item.get("required", True)), tuple(d for d in diagnoses if d)))
    return tuple(out)


def plan_materials(db: Database, plan_code: str) -> tuple[Material, ...]:
    with UnitOfWork(db, read_only=True) as uow:
        row = PlanRepository(uow.session).by_code(plan_code)
        if row is None:
            raise NotFound(f"没有代码为 {plan_code} 的计划。")
        return parse_materials(row.materials_json, row.kind)


def set_plan_materials(db: Database, user: UserInfo, plan_code: str, items) -> tuple[Material, ...]:
    """Set a plan's own checklist (a list of names, dicts or Materials); None or [] restores the
    default of the plan's kind. Audited."""
    require(user, "edit_claim_materials")
    materials = _materials(list(items)) if items else None
    with UnitOfWork(db, user=user) as uow:
        row = PlanRepository(uow.session).by_code(plan_code)
        if row is None:
            raise NotFound(f"没有代码为 {plan_code} 的计划。")
        before = [m.to_json_dict() for m in parse_materials(row.materials_json, row.kind)]
        row.materials_json = (
            json.dumps([m.to_json_dict() for m in materials], ensure_ascii=False) if materials else None
        )
        result = materials or DEFAULT_MATERIALS[row.kind]
        uow.audit(
            "plan.materials",
            "plan",
            row.id,
            before={"materials": before},
            after={"materials": [m.to_json_dict() for m in result], "default": materials is None},
        )
        uow.commit()
    return result
