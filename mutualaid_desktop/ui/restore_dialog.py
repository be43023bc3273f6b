"""What the user sees when the database cannot be opened at start.

A damaged file: say so, and offer to put back the latest good backup (with its date) or quit.
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
        lines.append(
            QCoreApplication.translate("RestoreDialog", "备份文件：{name}").format(name=Path(backup).name)
        )
        lines.append("")
        lines.append(
            QCoreApplication.translate(
                "RestoreDialog", "恢复后，这次备份之后录入的业务需要重新录入。损坏的文件会保留，不会删除。"
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
