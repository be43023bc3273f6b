"""Opening the counter's database for the GUI and the CLI, restoring it, and the checks around it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mutualaid_desktop.store.database import Database, open_database

if TYPE_CHECKING:
    from mutualaid_desktop.store.restore import RestoreResult


def open_counter_database(location: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating or migrating) the database. Raises store.database.DatabaseCorrupt / DatabaseError."""
    return open_database(location, migrate=migrate)


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did, in words for the user (Chinese)."""

    result: RestoreResult
    lost_lines: tuple[str, ...]  # one per counter: 缴费收据 3 个：SJ2026-000002 至 SJ2026-000004
    paper_lines: tuple[str, ...]  # papers recorded after the backup: 续保提示单 XB2027-611002-0001（第1份）

    @property
    def pre_restore(self) -> Path | None:
        return self.result.pre_restore

    def summary(self) -> list[str]:
        """The lines to show after a restore: where the copy is, what must be entered again."""
        r = self.result
        lines = [f"已用备份 {r.source} 恢复数据库 {r.database}（用时 {r.seconds:.1f} 秒）。"]
        if r.migrated_from:
            lines.append(f"该备份的结构版本是 {r.migrated_from}，已先升级到当前版本。")
        if r.pre_restore is not None and not r.replaced_damaged:
            lines.append(f"恢复前的数据库已复制并检查完好，保存在：{r.pre_restore}（至少保留30天）。")
        lines.extend(r.notes)
        if self.lost_lines:
            lines.append(
                f"备份之后发出的下列编号（共 {r.lost_count} 个）已不在恢复后的数据库中，"
                "纸质单据已经发出：请按纸质单据重新录入。这些编号不会再次使用。"
            )
            lines.extend(f"  {line}" for line in self.lost_lines)
        else:
            lines.append("备份之后没有发出过编号，没有需要按纸质单据重新录入的收据、理赔或批次。")
        if self.paper_lines:
            lines.append("备份之后打印的下列单据的打印记录已不在数据库中（请找回纸件核对）：")
            lines.extend(f"  {line}" for line in self.paper_lines)
        return lines

    def to_json_dict(self) -> dict:
        r = self.result
        return {
            "restored_from": str(r.source),
            "database": str(r.database),
            "pre_restore": str(r.pre_restore) if r.pre_restore else None,
            "replaced_damaged": r.replaced_damaged,
            "method": r.method,
            "migrated_from": r.migrated_from,
            "seconds": round(r.seconds, 3),
            "lost_serials": [lost.to_json_dict() for lost in r.lost_serials],
            "lost_papers": [{"kind": p.kind, "serial": p.serial, "copy_number": p.copy_number} for p in r.lost_papers],
            "notes": list(r.notes),
        }


def restore_database(location: str | Path, backup_file: Path, *, username: str | None = None) -> RestoreReport:
    """Put a checked backup in place of the database's content (also while other windows or
    counters have it open: they see the restored data). Raises store.database.DatabaseError
    (in Chinese) with the database untouched when the restore is refused."""
    from mutualaid_desktop.services.errors import ServiceError
    from mutualaid_desktop.services.papers.paper_records import paper_kind
    from mutualaid_desktop.store.restore import restore_backup

    result = restore_backup(Path(backup_file), Path(location), username=username or _account("desktop"))
    papers = []
    for paper in result.lost_papers:
        try:
            label = paper_kind(paper.kind).label
        except ServiceError:  # a kind this version does not know
            label = paper.kind
        papers.append(f"{label} {paper.serial}（第{paper.copy_number + 1}份）")
    return RestoreReport(result, tuple(lost.describe() for lost in result.lost_serials), tuple(papers))


def restore_latest_backup(location: str | Path, backup_file: Path, *, username: str | None = None) -> RestoreReport:
    """Replace a damaged database with a backup (at start-up, before anybody has signed in)."""
    return restore_database(location, backup_file, username=username)


def _account(prefix: str) -> str:
    import getpass

    try:
        return f"{prefix}:{getpass.getuser()}"
    except Exception:  # no user name in the environment
        return f"{prefix}:unknown"


def run_full_check(db: Database) -> list[str]:
    """Integrity, foreign keys, schema version and the audit chain. Problems in Chinese; [] is fine."""
    from mutualaid_desktop.store.integrity import check_database

    return check_database(db, full=True)
