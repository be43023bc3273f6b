"""What the user sees when the database cannot be opened at start.

A damaged file: say so, and offer to put back the latest good backup (with its date) or quit;
after the restore, say where the copy of the replaced file is and which numbers (receipts,
claims, payout batches) were handed out on paper after the backup and must be entered again.
Any other failure: say what is wrong and what to do; the program then ends.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale
from PySide6.QtWidgets import QMessageBox, QWidget

_STAMP_IN_NAME = re.compile(r"-(\d{8}-\d{6})-[a-z-]+\.sqlite3$")


def backup_taken_at(backup: Path) -> datetime | None:
    """When a backup was taken: the local time in its name (`<stem>-YYYYMMDD-HHMMSS-<reason>`),
    else its file's modification time."""
    match = _STAMP_IN_NAME.search(Path(backup).name)
    if match:
        try:
            return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            pass
    try:
        return datetime.fromtimestamp(Path(backup).stat().st_mtime)
    except OSError:
        return None


def backup_moment(backup: Path) -> str:
    """When a backup was taken, for people, to the minute."""
    stamp = backup_taken_at(backup)
    if stamp is None:
        return QCoreApplication.translate("RestoreDialog", "（时间不详）")
    moment = QDateTime(stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, 0)
    return QLocale().toString(moment, "yyyy-MM-dd HH:mm")


def _widen(box: QMessageBox) -> None:
    """QMessageBox keeps itself narrow; paths and file names read better on fewer lines."""
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 460px; }")


def _details(error: BaseException) -> str:
    message = getattr(error, "message", None) or ""
    hint = getattr(error, "hint", None) or ""
    return "\n".join(part for part in (message, hint) if part)


def offer_restore(error: BaseException, location: str, parent: QWidget | None = None) -> bool:
    """Tell the user the database file is damaged; True when they choose to restore the backup.

    `error` is a store.database.DatabaseCorrupt: `latest_backup` is the newest backup that passed
    its check, or None (then the only choice is to quit)."""
    backup: Path | None = getattr(error, "latest_backup", None)
    box = QMessageBox(parent)
    box.setObjectName("restoreBox")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("RestoreDialog", "数据库文件已损坏"))
    box.setText(QCoreApplication.translate("RestoreDialog", "数据库文件已损坏，程序无法使用它。"))
    lines = [QCoreApplication.translate("RestoreDialog", "文件：{location}").format(location=location)]
    if backup is not None:
        lines.append("")
        lines.append(
            QCoreApplication.translate("RestoreDialog", "最近一次完好的备份：{moment}").format(
                moment=backup_moment(backup)
            )
        )
        lines.append(QCoreApplication.translate("RestoreDialog", "备份文件：{name}").format(name=Path(backup).name))
        lines.append("")
        lines.append(
            QCoreApplication.translate(
                "RestoreDialog",
                "恢复后，这次备份之后录入的业务需要重新录入。损坏的文件会先原样复制到备份文件夹保存，不会丢弃。",
            )
        )
        lines.append("")
        lines.append(QCoreApplication.translate("RestoreDialog", "要恢复这份备份吗？"))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Close)
        box.button(QMessageBox.StandardButton.Yes).setText(
            QCoreApplication.translate("RestoreDialog", "恢复最近的备份")
        )
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
    else:
        hint = getattr(error, "hint", None) or QCoreApplication.translate(
            "RestoreDialog", "没有找到可用的备份。请保留这个文件，不要删除，并联系技术支持。"
        )
        lines.append("")
        lines.append(hint)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.button(QMessageBox.StandardButton.Close).setText(QCoreApplication.translate("RestoreDialog", "退出"))
    box.setEscapeButton(QMessageBox.StandardButton.Close)
    box.setInformativeText("\n".join(lines))
    _widen(box)
    answer = box.exec()
    return backup is not None and answer == QMessageBox.StandardButton.Yes


def show_open_error(error: BaseException, location: str, parent: QWidget | None = None) -> None:
    """The database could not be opened (not damaged: missing folder, no permission, too new...)."""
    box = QMessageBox(parent)
    box.setObjectName("openErrorBox")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("RestoreDialog", "无法打开数据库"))
    box.setText(QCoreApplication.translate("RestoreDialog", "无法打开数据库，程序将退出。"))
    details = _details(error) or QCoreApplication.translate("RestoreDialog", "出现意外错误。请联系技术支持。")
    where = QCoreApplication.translate("RestoreDialog", "文件：{location}").format(location=location)
    box.setInformativeText(f"{where}\n\n{details}")
    _widen(box)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.button(QMessageBox.StandardButton.Close).setText(QCoreApplication.translate("RestoreDialog", "退出"))
    box.exec()


def show_restore_failed(error: BaseException, parent: QWidget | None = None) -> None:
    box = QMessageBox(parent)
    box.setObjectName("restoreFailedBox")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("RestoreDialog", "恢复没有成功"))
    box.setText(QCoreApplication.translate("RestoreDialog", "备份没能恢复，数据库文件保持原样。程序将退出。"))
    unexpected = QCoreApplication.translate("RestoreDialog", "出现意外错误。请联系技术支持。")
    box.setInformativeText(_details(error) or unexpected)
    _widen(box)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.button(QMessageBox.StandardButton.Close).setText(QCoreApplication.translate("RestoreDialog", "退出"))
    box.exec()


SHOWN_LOST = 12  # lines of lost numbers in the box; all of them are under 详细信息


def show_restored(report, parent: QWidget | None = None) -> None:
    """After a restore: the backup used, where the copy of the replaced database is, and the
    numbers handed out after the backup that must be entered again from the papers.

    `report` is a services.session.RestoreReport."""
    result = report.result
    box = QMessageBox(parent)
    box.setObjectName("restoredBox")
    box.setIcon(QMessageBox.Icon.Information if not report.lost_lines else QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("RestoreDialog", "数据库已恢复"))
    box.setText(
        QCoreApplication.translate("RestoreDialog", "已用 {moment} 的备份恢复数据库。").format(
            moment=backup_moment(result.source)
        )
    )
    lines = [QCoreApplication.translate("RestoreDialog", "备份文件：{name}").format(name=Path(result.source).name)]
    if result.pre_restore is not None:
        lines.append("")
        if result.replaced_damaged:
            lines.append(
                QCoreApplication.translate("RestoreDialog", "损坏的数据库文件已原样复制保存在：\n{path}").format(
                    path=result.pre_restore
                )
            )
        else:
            lines.append(
                QCoreApplication.translate("RestoreDialog", "恢复前的数据库已复制并检查完好，保存在：\n{path}").format(
                    path=result.pre_restore
                )
            )
    lines.append("")
    if report.lost_lines:
        lines.append(
            QCoreApplication.translate(
                "RestoreDialog",
                "备份之后发出的下列编号（共 {count} 个）已不在恢复后的数据库中。纸质单据已经发出，"
                "请按纸质单据重新录入；这些编号不会再次使用：",
            ).format(count=result.lost_count)
        )
        shown = list(report.lost_lines[:SHOWN_LOST])
        lines.extend(f"• {line}" for line in shown)
    else:
        lines.append(
            QCoreApplication.translate(
                "RestoreDialog", "备份之后没有发出过收据、理赔或给付批次编号，不需要按纸质单据补录。"
            )
        )
    if report.paper_lines:
        lines.append("")
        lines.append(
            QCoreApplication.translate(
                "RestoreDialog", "备份之后打印的 {count} 份单据的打印记录已不在数据库中，见“详细信息”。"
            ).format(count=len(report.paper_lines))
        )
    box.setInformativeText("\n".join(lines))
    details = []
    for lost in result.lost_serials:
        details.append(f"{lost.label}（{lost.count}）：")
        details.extend(f"  {number}" for number in lost.numbers)
    details.extend(report.paper_lines)
    if details:
        box.setDetailedText("\n".join(details))
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 560px; }")  # paths on one line
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText(QCoreApplication.translate("RestoreDialog", "知道了"))
    box.exec()
