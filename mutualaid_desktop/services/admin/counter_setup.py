"""Setting a new counter database up: the organisation's name and the first administrator; the
counter's information printed on its papers (address, phone, opening hours) and the claim deadlines."""

from __future__ import annotations

from dataclasses import dataclass

from mutualaid_desktop.documents.paper import COUNTER_UNKNOWN
from mutualaid_desktop.domain.text import clean_text, phone_number
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.repositories import SettingRepository

ORG_NAME_KEY = "org_name"  # the counter's (the union's) name: 设置 → 柜台信息, or `init --org-name`
DEFAULT_ORG_NAME = "职工互助保障服务中心"  # printed while no name is set


def stored_counter_name(session) -> str | None:
    """The counter's name as set, trimmed; None while none is set (the home page asks for it)."""
    return (SettingRepository(session).get(ORG_NAME_KEY) or "").strip() or None


def counter_name(session) -> str:
    """The counter's name as every paper and file prints it: the one set, else DEFAULT_ORG_NAME."""
    return stored_counter_name(session) or DEFAULT_ORG_NAME


def set_org_name(db: Database, name: str, *, username: str | None = None) -> None:
    name = _text("org_name", name, required=True)
    with UnitOfWork(db, username=username) as uow:
        settings = SettingRepository(uow.session)
        before = settings.get(ORG_NAME_KEY)
        settings.put(ORG_NAME_KEY, name)
        uow.audit("settings.org_name", "setting", ORG_NAME_KEY, before={"value": before}, after={"value": name})
        uow.commit()


# --- the counter's information, printed on its papers -----------------------------------------

COUNTER_ADDRESS_KEY = "counter_address"
COUNTER_PHONE_KEY = "counter_phone"
COUNTER_HOURS_KEY = "counter_hours"
PAPERS_DUE_DAYS_KEY = "claim_papers_due_days"  # missing claim papers: to be brought within N days
DECISION_DAYS_KEY = "claim_decision_working_days"  # a complete claim is decided within N working days
DEFAULT_PAPERS_DUE_DAYS = 30
DEFAULT_DECISION_DAYS = 15
_TEXT_LIMITS = {"org_name": 128, "address": 256, "phone": 64, "hours": 128}
_TEXT_LABELS = {"org_name": "单位名称", "address": "柜台地址", "phone": "咨询电话", "hours": "办公时间"}


def _text(name: str, value: object, *, required: bool = False) -> str:
    """A text of the counter as typed (the one cleaner, domain/text); the phone is checked by the one
    phone validator as a service line (a hotline such as 12351, several numbers, an extension)."""
    if name == "phone":
        return (
            phone_number(value, field=name, label=_TEXT_LABELS[name], limit=_TEXT_LIMITS[name], service_line=True) or ""
        )
    text = clean_text(
        value, field=name, label=_TEXT_LABELS[name], limit=_TEXT_LIMITS[name], required=required, halfwidth=False
    )
    return text or ""


@dataclass(frozen=True)
class CounterInfo:
    """What the papers say about the counter (受理回执, 理赔材料告知单, notices...)."""

    org_name: str
    address: str = ""
    phone: str = ""
    hours: str = ""
    papers_due_days: int = DEFAULT_PAPERS_DUE_DAYS
    decision_days: int = DEFAULT_DECISION_DAYS

    def to_json_dict(self) -> dict:
        return {
            "org_name": self.org_name,
            "address": self.address,
            "phone": self.phone,
            "hours": self.hours,
            "papers_due_days": self.papers_due_days,
            "decision_days": self.decision_days,
        }


def read_counter_info(session) -> CounterInfo:
    """The counter information inside an open unit of work (for services that make papers)."""
    settings = SettingRepository(session)
    return CounterInfo(
        org_name=counter_name(session),
        address=(settings.get(COUNTER_ADDRESS_KEY) or "").strip(),
        phone=(settings.get(COUNTER_PHONE_KEY) or "").strip(),
        hours=(settings.get(COUNTER_HOURS_KEY) or "").strip(),
        papers_due_days=int_setting(settings.get(PAPERS_DUE_DAYS_KEY), DEFAULT_PAPERS_DUE_DAYS),
        decision_days=int_setting(settings.get(DECISION_DAYS_KEY), DEFAULT_DECISION_DAYS),
    )


def int_setting(value: str | None, default: int) -> int:
    """A whole-number setting as stored (text): `default` when it is missing, not a number or not above 0."""
    try:
        number = int((value or "").strip())
    except ValueError:
        return default
    return number if number > 0 else default


# The papers that print the counter's address, phone and hours for members and units, by kind
# (services/printed_papers.KINDS): printing one while these are empty is warned of (the preview).
COUNTER_PAPERS = {
    "member_leaflet": "温馨提示",
    "renewal_reminder": "续保提示单",
    "claim_documents_notice": "理赔材料告知单",
}


def missing_counter_fields(info: CounterInfo) -> list[str]:
    """The labels of the counter's address, phone and hours that are not filled in, in the form's order."""
    return [_TEXT_LABELS[name] for name in ("address", "phone", "hours") if not getattr(info, name).strip()]


def counter_info_warning(db: Database, kind: str | None) -> str | None:
    """What to warn of before a paper of `kind` is printed: None, or which of the counter's address,
    phone and hours the paper will print as COUNTER_UNKNOWN and where they are filled in."""
    paper = COUNTER_PAPERS.get(kind or "")
    if paper is None:
        return None
    missing = missing_counter_fields(get_counter_info(db))
    if not missing:
        return None
    return (
        f"柜台信息还没有填写：{'、'.join(missing)}。{paper}上这些地方将印成「{COUNTER_UNKNOWN}」。"
        f"请主管或管理员到 设置 → 柜台信息 填写后再打印。"
    )


def get_counter_info(db: Database) -> CounterInfo:
    with UnitOfWork(db, read_only=True) as uow:
        return read_counter_info(uow.session)


def set_counter_info(db: Database, user: UserInfo, info: CounterInfo) -> CounterInfo:
    """Save the counter information (supervisors and administrators); audited, what it was and is."""
    require(user, "edit_counter_info")
    values = {name: _text(name, getattr(info, name)) for name in ("org_name", "address", "phone", "hours")}
    if not values["org_name"]:
        raise ServiceError("请填写单位名称（印在回执和通知书的抬头）。")
    for name, label, limit in (("papers_due_days", "补交材料期限", 365), ("decision_days", "审核办结时限", 120)):
        number = getattr(info, name)
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= limit:
            raise ServiceError(f"{label}应为 1 到 {limit} 之间的天数，现在是 {number}。")
    new = CounterInfo(
        values["org_name"],
        values["address"],
        values["phone"],
        values["hours"],
        info.papers_due_days,
        info.decision_days,
    )
    with UnitOfWork(db, user=user) as uow:
        before = read_counter_info(uow.session)
        settings = SettingRepository(uow.session)
        for key, value in (
            (ORG_NAME_KEY, new.org_name),
            (COUNTER_ADDRESS_KEY, new.address),
            (COUNTER_PHONE_KEY, new.phone),
            (COUNTER_HOURS_KEY, new.hours),
            (PAPERS_DUE_DAYS_KEY, str(new.papers_due_days)),
            (DECISION_DAYS_KEY, str(new.decision_days)),
        ):
            settings.put(key, value)
        uow.audit(
            "settings.counter_info", "setting", "counter_info", before=before.to_json_dict(), after=new.to_json_dict()
        )
        uow.commit()
    return new
