"""The union tree (设置 → 单位): city → county/district unions → grassroots unions.

Supervisors and administrators change the tree (add, rename, move, deactivate, reactivate);
clerks may keep a unit's contact details and head-count (职工总数) up to date. A unit is never
deleted: a deactivated unit keeps its members and its history. Every change is audited with
what it was before and after.
"""

from __future__ import annotations

from dataclasses import dataclass

from mutualaid_desktop.domain.text import clean_text, code_text, normalize_code, person_name, phone_number, to_halfwidth
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.limits import text_limit
from mutualaid_desktop.store.models import OrgUnit
from mutualaid_desktop.store.org_queries import OrgQueries

KIND_LABELS = {"city": "市总工会", "county": "县区总工会", "unit": "基层工会"}
CHILD_KIND = {"city": "county", "county": "unit"}
CONTACT_FIELDS = ("contact_person", "phone", "address", "headcount")
EDIT_FIELDS = ("name", *CONTACT_FIELDS)
MAX_CODE, MAX_NAME, MAX_CONTACT, MAX_PHONE, MAX_ADDRESS = (
    text_limit(OrgUnit.code),
    text_limit(OrgUnit.name),
    text_limit(OrgUnit.contact_person),
    text_limit(OrgUnit.phone),
    text_limit(OrgUnit.address),
)


@dataclass(frozen=True)
class UnitNode:
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None
    parent_code: str | None
    contact_person: str | None
    phone: str | None
    address: str | None
    headcount: int | None
    active: bool
    members: int  # members of this unit (for a county or the city: of every unit under it)
    total_headcount: int | None  # the head-count (for a county or the city: the sum under it)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def to_json_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "kind": self.kind,
            "parent": self.parent_code,
            "members": self.members,
            "headcount": self.headcount,
            "contact_person": self.contact_person,
            "phone": self.phone,
            "address": self.address,
            "active": self.active,
        }


def _audit_view(unit: OrgUnit, parent_code: str | None = None) -> dict:
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "parent": parent_code,
        "contact_person": unit.contact_person,
        "phone": unit.phone,
        "address": unit.address,
        "headcount": unit.headcount,
        "active": bool(unit.active),
    }


# --- reading ---------------------------------------------------------------------------------


def list_units(db: Database, *, include_inactive: bool = True) -> list[UnitNode]:
    """The whole tree, depth first: the city, each county (by code) followed by its units (by
    code). Member counts and head-counts of a county or the city add up the units under it."""
    with UnitOfWork(db, read_only=True) as uow:
        q = OrgQueries(uow.session)
        rows = q.all_units()
        counts = q.member_counts()
    by_id = {u.id: u for u in rows}
    children: dict[int | None, list[OrgUnit]] = {}
    for u in rows:
        parent = u.parent_id if u.parent_id in by_id else None
        children.setdefault(parent, []).append(u)
    for kids in children.values():
        kids.sort(key=lambda u: (u.kind != "city", u.code))

    members: dict[int, int] = {}
    heads: dict[int, int | None] = {}

    def total(u: OrgUnit, seen: set[int]) -> None:
        seen.add(u.id)
        m = counts.get(u.id, 0)
        h = u.headcount if u.kind == "unit" else None
        for kid in children.get(u.id, []):
            if kid.id in seen:
                continue
            total(kid, seen)
            m += members[kid.id]
            kid_heads = heads[kid.id]
            if u.kind != "unit" and kid_heads is not None:
                h = (h or 0) + kid_heads
        members[u.id], heads[u.id] = m, h

    ordered: list[OrgUnit] = []

    def walk(u: OrgUnit, seen: set[int]) -> None:
        seen.add(u.id)
        ordered.append(u)
        for kid in children.get(u.id, []):
            if kid.id not in seen:
                walk(kid, seen)

    seen_total: set[int] = set()
    seen_walk: set[int] = set()
    for root in children.get(None, []):
        total(root, seen_total)
        walk(root, seen_walk)
    return [_node(u, by_id, members.get(u.id, 0), heads.get(u.id)) for u in ordered if include_inactive or u.active]


def _node(u: OrgUnit, by_id: dict[int, OrgUnit], members: int, total_headcount: int | None) -> UnitNode:
    parent = by_id.get(u.parent_id) if u.parent_id is not None else None
    return UnitNode(
        id=u.id,
        code=u.code,
        name=u.name,
        kind=u.kind,
        parent_id=u.parent_id,
        parent_code=parent.code if parent else None,
        contact_person=u.contact_person,
        phone=u.phone,
        address=u.address,
        headcount=u.headcount,
        active=bool(u.active),
        members=members,
        total_headcount=total_headcount,
    )


def find_unit(db: Database, code: str) -> UnitNode | None:
    """A node of the tree by its code (its member count is its own members)."""
    code = normalize_code(code or "")
    with UnitOfWork(db, read_only=True) as uow:
        q = OrgQueries(uow.session)
        u = q.by_code(code)
        if u is None:
            return None
        parent = q.by_id(u.parent_id) if u.parent_id is not None else None
        members = q.member_count(u.id)
        by_id = {parent.id: parent} if parent else {}
        return _node(u, by_id, members, u.headcount)


def find_unit_by_id(db: Database, unit_id: int) -> UnitNode | None:
    with UnitOfWork(db, read_only=True) as uow:
        q = OrgQueries(uow.session)
        u = q.by_id(unit_id)
        if u is None:
            return None
        parent = q.by_id(u.parent_id) if u.parent_id is not None else None
        return _node(u, {parent.id: parent} if parent else {}, q.member_count(u.id), u.headcount)


# --- validation ------------------------------------------------------------------------------


def _code(code: object, label: str = "单位代码", *, required: bool = True) -> str | None:
    return code_text(code, field="code", label=label, limit=MAX_CODE, required=required)


def _clean_code(code: object, label: str = "单位代码") -> str:
    text = _code(code, label)
    assert text is not None
    return text


def _clean_name(name: object) -> str:
    text = clean_text(name, field="name", label="单位名称", limit=MAX_NAME, required=True)
    assert text is not None
    return text


def _contact_person(value: object) -> str | None:
    """A person's name, optional."""
    if clean_text(value, field="contact_person", label="联系人", limit=MAX_CONTACT) is None:
        return None
    return person_name(value, field="contact_person", label="联系人", limit=MAX_CONTACT)


def _headcount(value) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(to_halfwidth(str(value)).strip())
    except ValueError:
        raise ServiceError(f"职工总数应为整数，如 120，现在是「{value}」，请改正。") from None
    if number < 0 or number > 1_000_000:
        raise ServiceError(f"职工总数 {number} 不合理，应在 0 到 1000000 之间，请改正。")
    return number


def _clean_changes(changes: dict) -> dict:
    unknown = set(changes) - set(EDIT_FIELDS)
    if unknown:
        raise ServiceError(f"不能修改这些项目：{'、'.join(sorted(unknown))}。")
    out: dict[str, str | int | None] = {}
    for key, value in changes.items():
        if key == "name":
            out[key] = _clean_name(value)
        elif key == "contact_person":
            out[key] = _contact_person(value)
        elif key == "phone":
            out[key] = phone_number(value, field="phone", label="联系电话", limit=MAX_PHONE)
        elif key == "address":
            out[key] = clean_text(value, field="address", label="地址", limit=MAX_ADDRESS)
        elif key == "headcount":
            out[key] = _headcount(value)
    return out


# --- changing --------------------------------------------------------------------------------


def add_unit(
    db: Database,
    user: UserInfo,
    *,
    code: str,
    name: str,
    parent_code: str | None,
    contact_person: str | None = None,
    phone: str | None = None,
    address: str | None = None,
    headcount=None,
) -> UnitNode:
    """Add a county (under the city) or a grassroots unit (under a county). Without a parent,
    the city itself (only when there is none yet)."""
    require(user, "edit_units_tree", "新增单位")
    code = _clean_code(code)
    details = _clean_changes(
        {"name": name, "contact_person": contact_person, "phone": phone, "address": address, "headcount": headcount}
    )
    with UnitOfWork(db, user=user) as uow:
        q = OrgQueries(uow.session)
        existing = q.by_code(code)
        if existing is not None:
            raise ServiceError(f"单位代码 {code} 已被「{existing.name}」使用，请换一个代码。")
        parent_code = _code(parent_code, "上级单位代码", required=False)
        if parent_code is None:
            if q.city() is not None:
                raise ServiceError("请选择上级单位：县区总工会的上级是市总工会，基层工会的上级是县区总工会。")
            parent, kind = None, "city"
        else:
            parent = q.by_code(parent_code)
            if parent is None:
                raise NotFound(f"没有代码为 {parent_code} 的上级单位，请核对上级单位代码。")
            if parent.kind not in CHILD_KIND:
                raise ServiceError(
                    f"「{parent.name}」是基层工会，下面不能再设单位；请选择市总工会或县区总工会作为上级。"
                )
            if not parent.active:
                raise ServiceError(f"上级单位「{parent.name}」已停用，请先恢复它或选择其他上级单位。")
            kind = CHILD_KIND[parent.kind]
        unit = q.add(OrgUnit(code=code, kind=kind, parent_id=parent.id if parent else None, active=True, **details))
        uow.audit("unit.add", "org_unit", unit.id, after=_audit_view(unit, parent.code if parent else None))
        node = _node(unit, {parent.id: parent} if parent else {}, 0, unit.headcount)
        uow.commit()
    return node


def _load(q: OrgQueries, unit_id: int) -> OrgUnit:
    unit = q.by_id(unit_id)
    if unit is None:
        raise NotFound("该单位已不存在（可能已被他人修改），请刷新后再试。")
    return unit


def _parent_code(q: OrgQueries, unit: OrgUnit) -> str | None:
    parent = q.by_id(unit.parent_id) if unit.parent_id is not None else None
    return parent.code if parent else None


def _finish(uow: UnitOfWork, q: OrgQueries, unit: OrgUnit) -> UnitNode:
    parent = q.by_id(unit.parent_id) if unit.parent_id is not None else None
    node = _node(unit, {parent.id: parent} if parent else {}, q.member_count(unit.id), unit.headcount)
    uow.commit()
    return node


def edit_unit(db: Database, user: UserInfo, unit_id: int, changes: dict) -> UnitNode:
    """Change a unit's name (supervisor/admin), contact person, phone, address, head-count."""
    require(user, "edit_unit_contacts")
    if "name" in changes:
        require(user, "edit_units_tree", "修改单位名称")
    values = _clean_changes(changes)
    with UnitOfWork(db, user=user) as uow:
        q = OrgQueries(uow.session)
        unit = _load(q, unit_id)
        parent_code = _parent_code(q, unit)
        before = _audit_view(unit, parent_code)
        for key, value in values.items():
            setattr(unit, key, value)
        after = _audit_view(unit, parent_code)
        if after != before:
            q.flush()
            uow.audit("unit.edit", "org_unit", unit.id, before=before, after=after)
        return _finish(uow, q, unit)


def move_unit(db: Database, user: UserInfo, unit_id: int, new_parent_code: str) -> UnitNode:
    """Move a grassroots unit to another county (its members go with it)."""
    require(user, "edit_units_tree", "迁移单位")
    with UnitOfWork(db, user=user) as uow:
        q = OrgQueries(uow.session)
        unit = _load(q, unit_id)
        if unit.kind != "unit":
            raise ServiceError(f"只能迁移基层工会；「{unit.name}」是{KIND_LABELS[unit.kind]}，不能迁移。")
        target_code = _clean_code(new_parent_code, "县区总工会代码")
        target = q.by_code(target_code)
        if target is None:
            raise NotFound(f"没有代码为 {target_code} 的单位，请核对要迁入的县区总工会。")
        if target.kind != "county":
            raise ServiceError(
                f"基层工会只能迁到县区总工会下面；「{target.name}」是{KIND_LABELS[target.kind]}，请选择一个县区总工会。"
            )
        if not target.active:
            raise ServiceError(f"「{target.name}」已停用，不能迁入；请先恢复它或选择其他县区总工会。")
        if target.id == unit.parent_id:
            raise ServiceError(f"「{unit.name}」已经在「{target.name}」下面，无需迁移。")
        before = _audit_view(unit, _parent_code(q, unit))
        unit.parent_id = target.id
        q.flush()
        uow.audit("unit.move", "org_unit", unit.id, before=before, after=_audit_view(unit, target.code))
        return _finish(uow, q, unit)


def set_unit_active(db: Database, user: UserInfo, unit_id: int, active: bool) -> UnitNode:
    """Deactivate (停用) or reactivate (恢复) a unit. Never deletes: members stay with the unit."""
    require(user, "edit_units_tree", "停用或恢复单位")
    with UnitOfWork(db, user=user) as uow:
        q = OrgQueries(uow.session)
        unit = _load(q, unit_id)
        if bool(unit.active) == active:
            raise ServiceError(f"「{unit.name}」已经是{'启用' if active else '停用'}状态。")
        if not active:
            live = q.children(unit.id, active_only=True)
            if live:
                raise ServiceError(
                    f"「{unit.name}」下面还有 {len(live)} 个在用的单位（如「{live[0].name}」），"
                    "请先停用它们或把它们迁到其他县区，再停用本单位。"
                )
        else:
            parent = q.by_id(unit.parent_id) if unit.parent_id is not None else None
            if parent is not None and not parent.active:
                raise ServiceError(f"上级单位「{parent.name}」已停用，请先恢复上级单位。")
        parent_code = _parent_code(q, unit)
        before = _audit_view(unit, parent_code)
        unit.active = active
        q.flush()
        uow.audit(
            "unit.reactivate" if active else "unit.deactivate",
            "org_unit",
            unit.id,
            before=before,
            after=_audit_view(unit, parent_code),
        )
        return _finish(uow, q, unit)
