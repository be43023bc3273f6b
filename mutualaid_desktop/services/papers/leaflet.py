"""温馨提示 (member leaflet): one A4 page per plan, for members.

The rules' text comes from the plan (domain/plan_text.describe_plan); the materials from the plan's
checklist (services/claim_materials); the counter's address, phone and hours from the counter
settings (services/counter_setup). The texts that are neither (the greeting and a footer line) are
settings too, edited by a supervisor or administrator (audited) — not in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mutualaid_desktop.documents.member_leaflet import LeafletData
from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.plan import load_plan
from mutualaid_desktop.domain.plan_text import describe_plan
from mutualaid_desktop.domain.text import clean_text
from mutualaid_desktop.services.admin.counter_setup import read_counter_info
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.claims.claim_materials import parse_materials
from mutualaid_desktop.services.errors import NotFound
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.repositories import PlanRepository, SettingRepository

GREETING_KEY = "leaflet_greeting"
FOOTER_KEY = "leaflet_footer"
DEFAULT_GREETING = (
    "尊敬的职工朋友：感谢您参加职工互助保障。为方便您了解保障内容、及时申请互助金，现将有关事项提示如下，请妥善保存。"
)
DEFAULT_FOOTER = "本提示依据互助保障计划规则编写，如有不一致，以计划规则为准。"
GREETING_LIMIT, FOOTER_LIMIT = 300, 120


@dataclass(frozen=True)
class LeafletTexts:
    greeting: str = DEFAULT_GREETING
    footer: str = DEFAULT_FOOTER

    def to_json_dict(self) -> dict:
        return {"greeting": self.greeting, "footer": self.footer}


def read_leaflet_texts(session) -> LeafletTexts:
    settings = SettingRepository(session)
    return LeafletTexts(
        greeting=(settings.get(GREETING_KEY) or "").strip() or DEFAULT_GREETING,
        footer=(settings.get(FOOTER_KEY) or "").strip() or DEFAULT_FOOTER,
    )


def get_leaflet_texts(db: Database) -> LeafletTexts:
    with UnitOfWork(db, read_only=True) as uow:
        return read_leaflet_texts(uow.session)


def set_leaflet_texts(db: Database, user: UserInfo, texts: LeafletTexts) -> LeafletTexts:
    """Save the greeting and footer (supervisors and administrators); an empty text restores the
    default. Audited, what it was and is."""
    require(user, "edit_paper_texts", "修改温馨提示的文字")
    values = _clean_texts(texts)
    with UnitOfWork(db, user=user) as uow:
        before = read_leaflet_texts(uow.session)
        settings = SettingRepository(uow.session)
        settings.put(GREETING_KEY, values["greeting"])
        settings.put(FOOTER_KEY, values["footer"])
        after = read_leaflet_texts(uow.session)
        uow.audit(
            "settings.leaflet_texts",
            "setting",
            "leaflet_texts",
            before=before.to_json_dict(),
            after=after.to_json_dict(),
        )
        uow.commit()
    return after


def _clean_texts(texts: LeafletTexts) -> dict[str, str]:
    """The greeting and footer as they are kept ("" for empty: the default); InputError naming the
    text that is too long or holds hidden characters."""
    return {
        name: clean_text(getattr(texts, name), field=name, label=label, limit=limit, halfwidth=False) or ""
        for name, label, limit in (("greeting", "问候语", GREETING_LIMIT), ("footer", "页脚说明", FOOTER_LIMIT))
    }


def member_leaflet(db: Database, plan_code: str, *, today: date | None = None) -> LeafletData:
    """The leaflet's data for the plan `plan_code` (NotFound names the plans there are)."""
    code = (plan_code or "").strip()
    with UnitOfWork(db, read_only=True) as uow:
        plans = PlanRepository(uow.session)
        row = plans.by_code(code) if code else None
        if row is None:
            codes = "、".join(p.code for p in plans.all()) or "（还没有计划）"
            raise NotFound(f"没有代码为「{plan_code}」的计划。现有计划：{codes}。")
        info = read_counter_info(uow.session)
        texts = read_leaflet_texts(uow.session)
        materials = tuple(_material_label(m) for m in parse_materials(row.materials_json, row.kind))
        plan_text = describe_plan(load_plan(row.rules_toml))
    return LeafletData(
        org_name=info.org_name,
        text=plan_text,
        greeting=texts.greeting,
        footer=texts.footer,
        materials=materials,
        papers_due_days=info.papers_due_days,
        address=info.address,
        phone=info.phone,
        hours=info.hours,
        printed_on=today or clock.today(),
    )


def draft_leaflet(db: Database, plan_code: str, texts: LeafletTexts, path=None, *, today: date | None = None) -> Path:
    """The leaflet of `plan_code` with the greeting and footer as typed, not saved (设置 → 纸面文字 shows
    it before they are saved): checked as saving checks them (an empty one is the default), written
    at `path` (default: drafts/ under the counter's papers folder); neither saved nor recorded in
    打印记录 — a draft is looked at, not handed out."""
    from dataclasses import replace

    from mutualaid_desktop.documents.member_leaflet import render_member_leaflet
    from mutualaid_desktop.services.enrollment.payments import papers_folder

    values = _clean_texts(texts)
    data = member_leaflet(db, plan_code, today=today)
    data = replace(data, greeting=values["greeting"] or DEFAULT_GREETING, footer=values["footer"] or DEFAULT_FOOTER)
    if path is None:
        path = papers_folder(db) / "drafts" / f"温馨提示草稿-{_file_part(plan_code)}.pdf"
    return render_member_leaflet(data, Path(path))


def _file_part(code: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in code.strip())


def _material_label(material) -> str:
    if not material.required:
        return f"{material.name}（如有请一并提供）"
    if material.only_for:
        return f"{material.name}（{'、'.join(material.only_for)}须提供）"
    return material.name


def print_member_leaflet(db: Database, plan_code: str, path, *, today: date | None = None) -> Path:
    """Write the leaflet for `plan_code` as a PDF at `path` (one page; a second when the longest texts do not fit)."""
    from mutualaid_desktop.documents.member_leaflet import render_member_leaflet

    return render_member_leaflet(member_leaflet(db, plan_code, today=today), Path(path))


__all__ = [
    "DEFAULT_FOOTER",
    "DEFAULT_GREETING",
    "LeafletTexts",
    "draft_leaflet",
    "get_leaflet_texts",
    "member_leaflet",
    "print_member_leaflet",
    "read_leaflet_texts",
    "set_leaflet_texts",
]
