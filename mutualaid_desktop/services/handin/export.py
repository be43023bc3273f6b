"""Export a closed month's hand-in file at a county counter (交账文件; the format: file_format.py, the data:
tallies.py, the rules: docs/handin.md).

- only a month closed (月结) is handed in, and only as it was closed: the month's figures computed now for the
  county must equal the closing's; when they do not (something in the month changed after it was closed), the
  month has to be reopened and closed again first;
- each file written gets the county's next sequence number; a month's first file is version 1, a file for the
  same month after it was reopened and closed again is the next version; writing the file for the same closing
  again gives the very same file (its bytes are kept in the export history, handin_exports);
- the history row is committed before the file is written (through safe_files): a failed write is repeated by
  exporting again, and gives the same file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mutualaid_desktop import __version__, paths, safe_files
from mutualaid_desktop.domain import clock
from mutualaid_desktop.domain.periods import Period, month
from mutualaid_desktop.services.admin.users import UserInfo
from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.handin import file_format, signing
from mutualaid_desktop.services.handin.keys import counter_county
from mutualaid_desktop.services.handin.tallies import BASES, tally_row, unit_row
from mutualaid_desktop.services.permissions import require
from mutualaid_desktop.services.statistics.figures import statistics_in, unit_tallies
from mutualaid_desktop.services.statistics.figures_json import figures_to_json, statistics_from_json
from mutualaid_desktop.services.statistics.month_report import checked_json
from mutualaid_desktop.services.statistics.tree import Tree
from mutualaid_desktop.services.unit_of_work import UnitOfWork
from mutualaid_desktop.store.closing_queries import ClosingQueries
from mutualaid_desktop.store.database import Database
from mutualaid_desktop.store.handin_models import HandinExport
from mutualaid_desktop.store.handin_queries import HandinQueries
from mutualaid_desktop.store.models import MonthClosing
from mutualaid_desktop.store.statistics_queries import StatisticsQueries


@dataclass(frozen=True)
class ExportResult:
    path: Path
    county_code: str
    county_name: str
    year: int
    month: int
    sequence: int
    version: int
    fingerprint: str
    sha256: str
    again: bool  # the same closing was exported before: the same file written again
    key_made: bool  # this counter's key was made for this export (hand the public key to the city)

    @property
    def label(self) -> str:
        return f"{self.year}年{self.month}月"


def _period(year: int, number: int) -> Period:
    try:
        return month(year, number)
    except ValueError as exc:
        raise ServiceError(str(exc)) from exc


def _data(q: StatisticsQueries, closing: MonthClosing, period: Period, code: str) -> dict[str, str]:
    """closing.json (the closing as signed), units.json and tallies.json of the county, after checking that the
    county's figures now are the closed ones."""
    tree = Tree(q.units())
    node = next(n for n in tree.counties() if n.code == code)
    closed = statistics_from_json(checked_json(closing)["month"]).county(code)
    now = statistics_in(q, period, tree=tree).county(code)
    if closed is None or now is None or figures_to_json(closed) != figures_to_json(now):
        raise ServiceError(
            f"{period.label}月结之后，{node.name}的数据又有变动，交账文件必须与月结一致。"
            f"请重新打开{period.label}并重新月结后再导出（只能重新打开最近一个已月结的月份）。"
        )
    units = [unit_row(u.code, u.name, u.headcount, u.active) for u in tree.units_of(node.id) if u.kind == "unit"]
    rows = []
    for basis in BASES:
        for (unit, kind), t in unit_tallies(q, tree, period, basis).items():
            if tree.county_of(unit) == node.id:
                row = tally_row(basis, tree.code(unit), kind, t)
                if len(row) > 3:  # something besides basis, unit and kind
                    rows.append(row)
    rows.sort(key=lambda r: (r["basis"], r["unit"], r["kind"] or ""))
    return {
        "closing.json": closing.figures_json,
        "units.json": file_format.canonical(units).decode("utf-8"),
        "tallies.json": file_format.canonical(rows).decode("utf-8"),
    }


def export_month(
    db: Database,
    user: UserInfo,
    year: int,
    number: int,
    target: str | Path,
    county: str | None = None,
    *,
    key_folder: Path | None = None,
) -> ExportResult:
    """Write the hand-in file of the closed month `year`-`number` to `target` (a supervisor)."""
    require(user, "export_handin")
    period = _period(year, number)
    folder = key_folder or paths.handin_key_folder()
    with UnitOfWork(db, user=user) as uow:
        hq = HandinQueries(uow.session)
        code, name = counter_county(hq, county)
        closing = ClosingQueries(uow.session).live(year, number)
        if closing is None:
            raise ServiceError(
                f"{period.label}还没有月结，不能交账。请先月结（统计 → 月结，或 "
                f"mutualaid month close --year {year} --month {number}），再导出交账文件。"
            )
        key, made = signing.load_or_make(folder, code)
        fingerprint = signing.fingerprint(signing.raw_public(key.public_key()))
        done = hq.export_of_closing(closing.id)
        if done is not None:
            if done.county_code != code:
                raise ServiceError(f"{period.label}的这次月结已作为县区「{done.county_code}」交过账。")
            row, again = done, True
        else:
            files = _data(StatisticsQueries(uow.session), closing, period, code)
            manifest = file_format.Manifest(
                county_code=code,
                county_name=name,
                year=year,
                month=number,
                sequence=hq.next_sequence(),
                version=hq.next_version(year, number),
                created_at=clock.utcnow().isoformat(timespec="seconds") + "Z",
                program_version=__version__,
                key_fingerprint=fingerprint,
                files={
                    n: (file_format.sha256(text.encode("utf-8")), file_format.rows_of(n, file_format.parse_json(
                        text.encode("utf-8"), n)))
                    for n, text in files.items()
                },
            )  # fmt: skip
            content = file_format.build(manifest, files, key)
            row = HandinExport(
                county_code=code,
                sequence=manifest.sequence,
                year=year,
                month=number,
                version=manifest.version,
                closing_id=closing.id,
                file_sha256=file_format.sha256(content),
                content=content,
                created_at=manifest.created,
                created_by=user.username,
            )
            hq.add(row)
            uow.audit(
                "handin.export",
                "handin_export",
                row.id,
                after={"month": f"{year}-{number:02d}", "sequence": row.sequence, "version": row.version,
                       "closing_version": closing.version, "sha256": row.file_sha256, "fingerprint": fingerprint},
            )  # fmt: skip
            again = False
        result = ExportResult(
            Path(target), code, name, year, number, row.sequence, row.version, fingerprint, row.file_sha256,
            again, made,
        )  # fmt: skip
        content = row.content
        uow.commit()
    safe_files.write_bytes(target, content)
    return result
