"""The renewal overview (续保进度) of a season: per county and unit, who has renewed and who has not come yet.

The season is named by the plan year that ends (2026: renewing into 2027). For a kind of plan:
- covered (上年参保): members paid under last year's plans of that kind (the plans ending in the year);
- renewed (已续保): the members covered last year and paid under next year's plan (RenewalQueries.next_plan),
  counted in the unit where they renewed (moved in from another unit included);
- pending (待缴费): of those, the members whose next-year enrollment is made but not paid yet;
- left (离开): of those, the members the unit said have left (a live leaver record for next year's plan,
  services/renewal: confirm_renewal / set_leaver) and not enrolled in it after all;
- moved out (转出): of those, the members enrolled in next year's plan (paid or pending) in another unit;
- cannot renew (不能续保): of those, the members not enrolled, not recorded as having left, and outside next
  year's age limit on the cover start of a payment made `today` (services/enrollment: the one age rule);
- open (未续保) = covered - (renewed - moved in) - pending - left - moved out - cannot renew: nobody has done
  anything for them yet, and they can renew;
- moved in (转入): of the renewed, those covered last year in another unit;
- joiners (新参保): paid under next year's plan but not covered last year;
- received (已收金额): the premiums of the paid next-year enrollments (integer fen in the database, Decimal here):
  paid for the `paid` people of the unit = renewed + joiners, so people and money agree on a row.

A member is counted where they renew: covered/pending/left/cannot renew in the unit of last year's cover;
renewed, joiners and the amount in the unit of next year's enrollment; a member renewing in another unit is
moved out (转出) at the old unit and renewed (转入) at the new one. A unit is done (已办完) when nobody is open or
waiting for payment: everyone who can renew has renewed, left or moved. Units with nothing to show (no cover last year, nothing
paid next year) are left out. Inside a county the units come in the order the clerk works in: units that
have renewed nobody yet (and have members to renew) first, then the most open, then by code.
Enrollments without a unit (individual members) are shown as one line of their own under "无单位".

export_overview writes an overview as read to .xlsx (io/renewal_overview_writer.py) for the county unions:
the screen's rows (county subtotals, units, the total), codes and phones as text, money from the Decimal;
a file that cannot be written is a ServiceError in Chinese. overview_to_json is the CLI's --json.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.money import from_fen
from mutualaid_desktop.services.admin.plans import KIND_LABELS
from mutualaid_desktop.services.errors import NotFound, ServiceError
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.renewal_overview_queries import RenewalOverviewQueries
from mutualaid_desktop.store.renewal_queries import PlanRow, RenewalQueries

NO_UNIT_CODE = ""
NO_UNIT_NAME = "个人参保（无单位）"
NO_COUNTY_NAME = "无单位"
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Figures:
    covered: int = 0
    renewed: int = 0
    pending: int = 0
    joiners: int = 0
    received: Decimal = ZERO
    left: int = 0  # covered last year, recorded as having left (离开)
    moved_out: int = 0  # covered here last year, enrolled next year in another unit (转出)
    moved_in: int = 0  # of `renewed`: covered last year in another unit (转入)
    cannot: int = 0  # covered here last year, outside next year's age limit, not enrolled nor left (不能续保)

    @property
    def open(self) -> int:
        """Covered last year, can renew and nothing done yet (未续保): not renewed, not waiting for payment, not
        recorded as having left, not moved to another unit, not outside next year's age limit."""
        return self.covered - (self.renewed - self.moved_in) - self.pending - self.left - self.moved_out - self.cannot

    @property
    def paid(self) -> int:
        """The people the amount received was paid for: renewed (moved in included) and joiners."""
        return self.renewed + self.joiners

    @property
    def not_started(self) -> int:
        """The same as `open` (kept for the callers of the time when open counted pending too)."""
        return self.open

    @property
    def rate(self) -> Decimal | None:
        """Renewed / covered as a percentage with one decimal (None when nobody was covered)."""
        if not self.covered:
            return None
        return (Decimal(100 * self.renewed) / Decimal(self.covered)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.covered + other.covered,
            self.renewed + other.renewed,
            self.pending + other.pending,
            self.joiners + other.joiners,
            self.received + other.received,
            self.left + other.left,
            self.moved_out + other.moved_out,
            self.moved_in + other.moved_in,
            self.cannot + other.cannot,
        )

    def to_json_dict(self) -> dict:
        return {
            "covered": self.covered,
            "renewed": self.renewed,
            "pending": self.pending,
            "left": self.left,
            "moved_out": self.moved_out,
            "moved_in": self.moved_in,
            "cannot_renew": self.cannot,
            "open": self.open,
            "joiners": self.joiners,
            "paid": self.paid,
            "received": str(self.received),
        }


@dataclass(frozen=True)
class UnitOverview:
    unit_id: int | None
    code: str
    name: str
    contact_person: str
    phone: str
    figures: Figures

    @property
    def not_come(self) -> bool:
        """Members to renew and none renewed or confirmed yet: the unit has not come."""
        return not_come(self.figures)


@dataclass(frozen=True)
class CountyOverview:
    code: str
    name: str
    units: tuple[UnitOverview, ...]
    figures: Figures  # the subtotal of its units

    @property
    def units_not_come(self) -> int:
        return sum(1 for u in self.units if u.not_come)


@dataclass(frozen=True)
class RenewalOverview:
    year: int
    kind: str
    current: tuple[PlanRow, ...]  # last year's plans of the kind (those ending in `year`)
    next_plan: PlanRow
    counties: tuple[CountyOverview, ...]
    total: Figures  # the city (or the county asked for)
    county_code: str | None = None

    @property
    def units(self) -> list[UnitOverview]:
        return [u for c in self.counties for u in c.units]

    @property
    def unit_count(self) -> int:
        return sum(len(c.units) for c in self.counties)

    @property
    def units_not_come(self) -> int:
        return sum(c.units_not_come for c in self.counties)

    @property
    def units_done(self) -> int:
        """Units with members last year and nobody open or waiting for payment (已办完)."""
        return sum(1 for u in self.units if unit_state(u.figures) == STATE_DONE)


@dataclass(frozen=True)
class OverviewChoices:
    """What the season/kind/county/unit choosers offer."""

    years: dict[str, list[int]]  # kind -> years in which a plan of that kind ends (with a next plan or not)
    kinds: list[tuple[str, str]]  # (kind, Chinese label)
    counties: list[tuple[str, str]]  # (code, name)
    units: list[tuple[str, str, str | None]] = field(default_factory=list)  # (code, name, county code)

    def default_year(self, kind: str, today: date) -> int | None:
        """The season being renewed on `today`: the plan year ending this year, else the latest before it,
        else the first."""
        years = self.years.get(kind) or []
        if not years:
            return None
        if today.year in years:
            return today.year
        earlier = [y for y in years if y < today.year]
        return max(earlier) if earlier else years[0]


def not_come(figures: Figures) -> bool:
    """Members who can renew and nobody renewed or confirmed (waiting for payment): the unit has not come."""
    return figures.renewed == 0 and figures.pending == 0 and figures.open > 0


def unit_order(u: UnitOverview) -> tuple:
    """Who has not come yet first: units with nothing renewed (and members to renew), then the most open."""
    return (not u.not_come, -u.figures.open, u.code)


def overview_choices(db: Database, *, with_units: bool = False) -> OverviewChoices:
    with UnitOfWork(db, read_only=True) as uow:
        q = RenewalOverviewQueries(uow.session)
        years: dict[str, list[int]] = {}
        for kind, year in q.plan_years():
            years.setdefault(kind, []).append(year)
        counties = [(code, name) for _, code, name in q.counties()]
        units = [(u.code, u.name, u.parent_code) for u in q.units()] if with_units else []
    kinds = [(k, KIND_LABELS.get(k, k)) for k in KIND_LABELS if k in years]
    kinds += [(k, k) for k in years if k not in KIND_LABELS]
    return OverviewChoices(years, kinds, counties, units)


def season_plans(db: Database, year: int, kind: str = "reimbursement") -> tuple[tuple[PlanRow, ...], PlanRow | None]:
    """Last year's plans of the kind (ending in `year`; NotFound when none) and next year's plan (None when
    it has not been added yet)."""
    with UnitOfWork(db, read_only=True) as uow:
        return _season_plans(RenewalQueries(uow.session), year, kind)


def _season_plans(q: RenewalQueries, year: int, kind: str) -> tuple[tuple[PlanRow, ...], PlanRow | None]:
    plans = q.plans_ending_in(year, kind)
    if not plans:
        label = KIND_LABELS.get(kind, kind)
        raise NotFound(f"没有在 {year} 年到期的{label}计划。请选择即将到期的计划年度（如今年的计划选今年）。")
    return tuple(plans), q.next_plan(plans[0])


def _figures_by_unit(covered, left, cannot, following) -> dict[int | None, Figures]:
    """Each unit's figures (None: enrollments without a unit) from the season's counts: covered, left and
    cannot renew as (unit id, n); next year's enrollments as (unit id, covered before, last year's unit id,
    status, n, fen)."""
    # unit id -> [covered, renewed, pending, joiners, received fen, left, moved out, moved in, cannot renew]
    counts: dict[int | None, list] = {}

    def of(unit_id: int | None) -> list:
        return counts.setdefault(unit_id, [0] * 9)

    for unit_id, n in covered:
        of(unit_id)[0] += n
    for unit_id, n in left:
        of(unit_id)[5] += n
    for unit_id, n in cannot:
        of(unit_id)[8] += n
    for unit_id, covered_before, last_unit_id, status, n, fen in following:
        paid = status == "paid"
        if paid:
            of(unit_id)[4] += fen
        if not covered_before:
            if paid:
                of(unit_id)[3] += n  # a joiner (a pending one is not counted yet)
        elif last_unit_id != unit_id:  # renewing in another unit: moved out there, renewed (moved in) here once paid
            of(last_unit_id)[6] += n
            if paid:
                of(unit_id)[1] += n
                of(unit_id)[7] += n
        else:
            of(unit_id)[1 if paid else 2] += n
    return {
        u: Figures(c, r, p, j, from_fen(fen), lv, mo, mi, cr) for u, (c, r, p, j, fen, lv, mo, mi, cr) in counts.items()
    }


def renewal_overview(
    db: Database, year: int, *, kind: str = "reimbursement", county: str | None = None, today: date | None = None
) -> RenewalOverview:
    """The figures of the season `year` (the plan year ending) for the whole city or one county (its code);
    who cannot renew is judged on the cover start of a payment made `today`."""
    from mutualaid_desktop.services.renewal.renewal_reminders import next_plan_birth_bounds

    with UnitOfWork(db, read_only=True) as uow:
        q = RenewalOverviewQueries(uow.session)
        rq = RenewalQueries(uow.session)
        current, nxt = _season_plans(rq, year, kind)
        if nxt is None:
            raise ServiceError(
                f"还没有 {year + 1} 年度的计划（接续 {current[0].code}），续保进度无从统计。"
                f"请先在 设置 → 计划 中添加下一年度的计划。"
            )
        county_id = None
        if county:
            found = rq.county_by_code(county)
            if found is None:
                raise NotFound(f"没有代码为「{county}」的县区工会。请从列表中选择县区。")
            county_id = found[0]
        current_ids = [p.id for p in current]
        units = q.units(county_id)
        covered = q.covered(current_ids, county_id)
        following = q.next_year(current_ids, nxt.id, county_id)
        left = q.left(current_ids, nxt.id, county_id)
        cannot = q.cannot_renew(
            current_ids, nxt.id, next_plan_birth_bounds(uow.session, nxt, today or clock.today()), county_id
        )

    figures = _figures_by_unit(covered, left, cannot, following)

    groups: dict[str, tuple[str, list[UnitOverview]]] = {}
    for u in units:
        f = figures.pop(u.id, None)
        if f is None:
            continue
        key = u.parent_code or NO_UNIT_CODE
        name = u.parent_name or NO_COUNTY_NAME
        groups.setdefault(key, (name, []))[1].append(
            UnitOverview(u.id, u.code, u.name, u.contact_person or "", u.phone or "", f)
        )
    # Enrollments without a unit, or in a unit that is not a grassroots unit: a line of their own.
    if county_id is None:
        loose = Figures()
        for f in figures.values():
            loose = loose + f
        if loose != Figures():
            groups.setdefault(NO_UNIT_CODE, (NO_COUNTY_NAME, []))[1].append(
                UnitOverview(None, NO_UNIT_CODE, NO_UNIT_NAME, "", "", loose)
            )

    counties = []
    for code in sorted(groups, key=lambda c: (c == NO_UNIT_CODE, c)):
        name, members = groups[code]
        members.sort(key=unit_order)
        subtotal = Figures()
        for unit_row in members:
            subtotal = subtotal + unit_row.figures
        counties.append(CountyOverview(code, name, tuple(members), subtotal))
    total = Figures()
    for c in counties:
        total = total + c.figures
    return RenewalOverview(year, kind, current, nxt, tuple(counties), total, county or None)


# --- the overview as a spreadsheet (续保进度 → Excel), and as JSON ------------------------------

STATE_NOT_COME = "尚未来办理"
STATE_PARTLY = "部分续保"
STATE_NEW_UNIT = "新参保单位"
STATE_AWAITING_PAYMENT = "待缴费"
STATE_DONE = "已办完"
CITY_SCOPE = "全市"
EXPORT_NOTES = (
    "说明：“层级”一列区分县区小计、单位和合计；求和或筛选时请只取“单位”行，否则会重复计算。",
    "续保率 = 已续保 ÷ 上年参保；离开 = 单位续保时说明已离开（离职、退休、死亡等）并登记的人员；"
    "转出 = 上年在本单位参保、今年在其他单位续保的人员（计入新单位的已续保，“其中转入”）；"
    "不能续保 = 超出续保计划参保年龄、未续保也未登记离开的人员；"
    "未续保 = 上年参保 − 已续保（不含转入）− 待缴费 − 离开 − 转出 − 不能续保；新参保 = 上年未参保、已缴续保计划保费的会员；"
    "已收金额 = 续保计划已缴的保费，即已续保和新参保人员的保费。",
    "上年参保、待缴费、离开、转出、不能续保按上年参保的单位，已续保、新参保和已收金额按续保的单位。"
    "尚未来办理的单位排在前面，其余按未续保人数从多到少。",
)
_NOT_IN_FILE_NAMES = str.maketrans({c: "_" for c in '\\/:*?"<>|'})


def unit_state(figures: Figures) -> str:
    """The state of a unit, as on the screen: 尚未来办理 (members who can renew, nobody renewed or confirmed) /
    待缴费 (renewal confirmed, enrollments waiting for payment) / 部分续保 (some renewed, some can still renew) /
    新参保单位 / 已办完 (nobody open or waiting: everyone who can renew has renewed, left or moved)."""
    if not_come(figures):
        return STATE_NOT_COME
    if figures.pending > 0:
        return STATE_AWAITING_PAYMENT
    if figures.open > 0:
        return STATE_PARTLY
    if figures.covered == 0:
        return STATE_NEW_UNIT
    return STATE_DONE


def not_done(figures: Figures) -> bool:
    """Somebody still to renew or to pay for (what 只看未办完的单位 keeps)."""
    return figures.open > 0 or figures.pending > 0


def overview_scope(overview: RenewalOverview) -> str:
    """全市, or the name of the county asked for."""
    if not overview.county_code:
        return CITY_SCOPE
    for county in overview.counties:
        if county.code == overview.county_code:
            return county.name
    return overview.county_code


def export_file_name(overview: RenewalOverview) -> str:
    """The suggested file name, named by the renewal year: 续保进度-2027-全市.xlsx for the season 2026 renewing into
    2027 (the kind added when it is not 住院二次报销)."""
    parts = ["续保进度", str(overview.year + 1), overview_scope(overview)]
    if overview.kind != "reimbursement":
        parts.append(KIND_LABELS.get(overview.kind, overview.kind))
    return "-".join(parts).translate(_NOT_IN_FILE_NAMES) + ".xlsx"


def overview_sheet_rows(overview: RenewalOverview, *, only_open: bool = False) -> list:
    """The rows of the spreadsheet, in the screen's order: each county's subtotal then its units, the total last.
    With `only_open`, units with nobody left to renew or to pay for are left out (the subtotals and the total stay
    whole)."""
    from mutualaid_desktop.io.renewal_overview_writer import OverviewSheetRow

    def row(
        level: str, name: str, f: Figures, code: str = "", contact: str = "", phone: str = "", state: str = ""
    ) -> OverviewSheetRow:
        return OverviewSheetRow(
            level,
            name,
            code,
            contact,
            phone,
            f.covered,
            f.renewed,
            f.rate,
            f.pending,
            f.open,
            f.joiners,
            f.received,
            state,
            left=f.left,
            moved_out=f.moved_out,
            moved_in=f.moved_in,
            cannot=f.cannot,
        )

    rows = []
    for county in overview.counties:
        units = [u for u in county.units if not only_open or not_done(u.figures)]
        if only_open and not units:
            continue
        rows.append(row("county", f"{county.name}（小计）", county.figures, county.code))
        rows.extend(
            row("unit", u.name, u.figures, u.code, u.contact_person, u.phone, unit_state(u.figures)) for u in units
        )
    rows.append(row("total", f"{overview_scope(overview)}合计", overview.total))
    return rows


def overview_title(overview: RenewalOverview, org_name: str = "") -> str:
    kind = KIND_LABELS.get(overview.kind, overview.kind)
    head = f"{org_name.strip()} " if org_name and org_name.strip() else ""
    return f"{head}续保进度：{overview.year} 年（续保 {overview.year + 1} 年） {kind} · {overview_scope(overview)}"


def overview_subtitle(overview: RenewalOverview, made_at: datetime, *, only_open: bool = False) -> str:
    from mutualaid_desktop.domain.money import format_amount

    nxt = overview.next_plan
    text = (
        f"上年计划：{'、'.join(p.code for p in overview.current)}；续保计划：{nxt.code} {nxt.name}，"
        f"每份 {format_amount(from_fen(nxt.premium_per_share_fen))}；统计时间：{made_at:%Y-%m-%d %H:%M}"
    )
    if only_open:
        text += "；只列出尚未办完的单位（小计和合计含全部单位）"
    return text


def export_overview(
    overview: RenewalOverview, path, *, only_open: bool = False, org_name: str = "", made_at: datetime | None = None
) -> Path:
    """Write the overview (as read: the figures are not read again) to an .xlsx file at `path`.
    A file that cannot be written (open in Excel, a folder without rights) is a ServiceError in Chinese."""
    from mutualaid_desktop.io.renewal_overview_writer import write_renewal_overview

    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ServiceError(f"文件名应以 .xlsx 结尾（现在是「{target.name}」），请改一下文件名。")
    made_at = made_at or clock.now()
    rows = overview_sheet_rows(overview, only_open=only_open)
    try:
        return write_renewal_overview(
            target,
            rows,
            title=overview_title(overview, org_name),
            subtitle=overview_subtitle(overview, made_at, only_open=only_open),
            notes=EXPORT_NOTES,
        )
    except PermissionError as exc:
        raise ServiceError(
            f"文件被占用或没有写入权限：{target}。如果它正在 Excel（或 WPS）中打开，请先关闭再导出；"
            f"否则请换一个位置或文件名保存。"
        ) from exc
    except OSError as exc:  # a full disk, a missing folder...: said in Chinese, the previous file unchanged
        from mutualaid_desktop.safe_files import describe_write_error

        raise ServiceError(describe_write_error(target, exc)) from exc


def overview_to_json(overview: RenewalOverview) -> dict:
    """The overview as JSON-ready data (amounts as strings, rates as strings of percent or null)."""

    def figures(f: Figures) -> dict:
        return {**f.to_json_dict(), "rate": None if f.rate is None else str(f.rate)}

    nxt = overview.next_plan
    return {
        "year": overview.year,
        "kind": overview.kind,
        "county": overview.county_code,
        "scope": overview_scope(overview),
        "current_plans": [p.code for p in overview.current],
        "next_plan": {
            "code": nxt.code,
            "name": nxt.name,
            "premium_per_share": str(from_fen(nxt.premium_per_share_fen)),
        },
        "total": figures(overview.total),
        "units": overview.unit_count,
        "units_not_come": overview.units_not_come,
        "units_done": overview.units_done,
        "counties": [
            {
                "code": c.code,
                "name": c.name,
                "figures": figures(c.figures),
                "units": [
                    {
                        "code": u.code,
                        "name": u.name,
                        "contact_person": u.contact_person,
                        "phone": u.phone,
                        "state": unit_state(u.figures),
                        "figures": figures(u.figures),
                    }
                    for u in c.units
                ],
            }
            for c in overview.counties
        ],
    }
