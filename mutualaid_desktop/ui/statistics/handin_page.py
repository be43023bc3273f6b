"""统计 → 交账: the county hand-in files (services/handin/) on screen, opened from the 统计 screen (交账…).

The screen shows the part of the side the database is on (services/handin_sides.py decides):
- **a county counter**: this counter's hand-in key (its fingerprint, read to the city by phone; 导出公钥文件…
  makes it at first use) and 导出交账文件… for a closed month (only closed months are offered), with the files
  written before;
- **the city**: the counties' 交账情况 (last month handed in, version and sequence, when imported, the due month's
  state 按时 / 逾期 / 未交 / 未到期 in words and colour, the gaps in the sequence, the key registered); Enter or a
  double-click on a county opens its history; 导入交账文件… and 登记县区公钥… (the fingerprint compared by phone).
Every read and write runs on the window's task runner; a refusal shows the service's reason (nothing written).
The screen reads again on a change report of hand-ins, closings or the union tree (another process's import
too), and on 刷新 (F5).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QComboBox, QDialog, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import CLOSINGS, HANDINS, UNITS
from mutualaid_desktop.services.permissions import may, why_not
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.file_dialogs import ask_open_file, ask_save_file
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR, delete_closed_dialogs, list_table
from mutualaid_desktop.ui.shell.background import SerialLoad, user_message
from mutualaid_desktop.ui.statistics.handin_dialogs import HistoryDialog, RegisterKeyDialog, fingerprint_label
from mutualaid_desktop.ui.statistics.handin_model import HandinStatusModel

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.handin_sides import HandinSides
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner

EXPORTS_SHOWN = 5  # the latest files written, listed under the export
WINDOW_SIZE = (1200, 640)  # the window's size when opened


def _read(db: Database, user: UserInfo) -> tuple[HandinSides, str | None]:
    from mutualaid_desktop.services.handin_sides import handin_sides, key_fingerprint

    sides = handin_sides(db, user)
    key = None
    if sides.county is not None and may(user, "export_handin"):
        key = key_fingerprint(db, user, sides.county[0])
    return sides, key


class HandinPage(CounterPage):
    """交账. `loaded(sides)` each time the screen has read, `done(message)` after an import, an export or a
    registration, `refused(message)` when the service said no."""

    loaded = Signal(object)
    done = Signal(str)
    refused = Signal(str)

    shows = frozenset({HANDINS, CLOSINGS, UNITS})

    def __init__(
        self,
        db: Database,
        user: UserInfo,
        *,
        worker: TaskRunner,
        parent: QWidget | None = None,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(db, user, worker=worker, parent=parent, today=today)
        self.setObjectName("handinPage")
        self._load = SerialLoad()
        self._sides: HandinSides | None = None
        self._busy = False
        self._build()
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Refresh),
            self,
            self.refresh,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )

    # --- construction -----------------------------------------------------------------------

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        self.refresh_button = self._button("refreshButton", self.tr("刷新"), self.refresh)
        self.refresh_button.setToolTip(self.tr("重新读取（F5）"))
        outer = self.page_layout(self.tr("交账"), self.refresh_button)
        self.result_label = QLabel(" ")
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.result_label)
        self.county_box = self._build_county()
        outer.addWidget(self.county_box)
        self.city_box = self._build_city()
        outer.addWidget(self.city_box, 1)
        self.none_label = QLabel(self.tr("本数据库的单位树中还没有县区工会，无从交账。请先在 设置 → 单位 中建立县区。"))
        self.none_label.setObjectName("noneLabel")
        self.none_label.setWordWrap(True)
        outer.addWidget(self.none_label)
        for widget in (self.county_box, self.city_box, self.none_label):
            widget.setVisible(False)
        outer.addStretch(0)
        self._update_buttons()

    def _build_county(self) -> QGroupBox:
        box = QGroupBox(self.tr("本柜台交账"))
        box.setObjectName("countyBox")
        layout = QVBoxLayout(box)
        key_row = QHBoxLayout()
        key_caption = QLabel(self.tr("本柜台交账公钥指纹："))
        key_row.addWidget(key_caption)
        self.own_fingerprint = fingerprint_label("ownFingerprint")
        key_row.addWidget(self.own_fingerprint, 1)
        self.key_note = QLabel(" ")
        self.key_note.setObjectName("keyNote")
        self.key_note.setWordWrap(True)
        key_row.addWidget(self.key_note, 1)
        self.key_button = self._button("exportKeyButton", self.tr("导出公钥文件(&K)…"), self.export_key)
        key_row.addWidget(self.key_button)
        layout.addLayout(key_row)
        export_row = QHBoxLayout()
        month_label = QLabel(self.tr("已月结的月份(&M)："))
        self.month_combo = QComboBox()
        self.month_combo.setObjectName("monthCombo")
        self.month_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        month_label.setBuddy(self.month_combo)
        self.export_button = self._button("exportHandinButton", self.tr("导出交账文件(&X)…"), self.export_handin)
        export_row.addWidget(month_label)
        export_row.addWidget(self.month_combo)
        export_row.addWidget(self.export_button)
        export_row.addStretch(1)
        layout.addLayout(export_row)
        self.exports_label = QLabel(" ")
        self.exports_label.setObjectName("exportsLabel")
        self.exports_label.setWordWrap(True)
        layout.addWidget(self.exports_label)
        return box

    def _build_city(self) -> QGroupBox:
        box = QGroupBox(self.tr("各县区交账情况"))
        box.setObjectName("cityBox")
        layout = QVBoxLayout(box)
        buttons = QHBoxLayout()
        self.import_button = self._button("importButton", self.tr("导入交账文件(&I)…"), self.import_handin)
        self.register_button = self._button("registerKeyButton", self.tr("登记县区公钥(&G)…"), self.register_key)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.register_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.due_label = QLabel(" ")
        self.due_label.setObjectName("dueLabel")
        self.due_label.setWordWrap(True)
        layout.addWidget(self.due_label)
        self.model = HandinStatusModel(self)
        self.table = list_table("handinTable", self.model)
        self.table.setAccessibleName(self.tr("各县区交账情况"))
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 8)
        self.table.activated.connect(self._activated)
        layout.addWidget(self.table, 1)
        hint = QLabel(self.tr("双击或按回车查看一个县区的交账记录（含被替换的旧版本）。"))
        hint.setObjectName("historyHint")
        layout.addWidget(hint)
        return box

    # --- loading ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._sides is None and not self._load.loading:
            self.refresh()

    def reload_for(self, changes) -> None:
        self.refresh()

    def is_loading(self) -> bool:
        return self._load.loading

    @property
    def sides(self) -> HandinSides | None:
        return self._sides

    @Slot()
    def refresh(self) -> None:
        if self._worker.closed or not self._load.start():
            return
        db, user = self._db, self._user
        self.refresh_button.setEnabled(False)
        self._worker.query(lambda: _read(db, user), parent=self, success=self._loaded, failure=self._failed)

    def _loaded(self, answer: tuple[HandinSides, str | None]) -> None:
        sides, key = answer
        first, self._sides = self._sides is None, sides
        self.county_box.setVisible(sides.county is not None)
        self.city_box.setVisible(sides.city)
        self.none_label.setVisible(sides.county is None and not sides.city)
        if sides.county is not None:
            self._show_county(sides, key)
        if sides.city:
            self._show_city(sides)
        if first:  # the keyboard starts in the table of the counties, or at the month to export
            self.setFocusProxy(self.table if sides.city else self.month_combo)
            self.setFocus()
        self.loaded.emit(sides)
        self._finish()

    def _failed(self, error: BaseException) -> None:
        self._say(user_message(error, self.tr("交账情况没有读出来（意外错误），数据没有改动。请按“刷新”再试。")), True)
        self._finish()

    def _finish(self) -> None:
        again = self._load.finish()
        self.refresh_button.setEnabled(True)
        self._update_buttons()
        if again:
            self.refresh()

    def _show_county(self, sides: HandinSides, key: str | None) -> None:
        assert sides.county is not None
        code, name = sides.county
        self.county_box.setTitle(self.tr("本柜台交账：{name}（{code}）").format(name=name, code=code))
        if not may(self._user, "export_handin"):
            self._show_key(None, why_not(self._user, "export_handin") or "")
        elif key is None:
            self._show_key(None, self.tr("本柜台还没有交账密钥：导出公钥文件或第一次导出交账文件时生成。"))
        else:
            self._show_key(key)
        chosen = self.month_combo.currentData()
        self.month_combo.clear()
        for year, number in sides.closed_months:
            label = self.tr("{year}年{month}月").format(year=year, month=number)
            done = sides.exported(year, number)
            if done is not None:
                label += self.tr("（已导出第 {version} 版）").format(version=done.version)
            self.month_combo.addItem(label, (year, number))
        if not sides.closed_months:
            self.month_combo.addItem(self.tr("还没有月结的月份（统计 → 月结）"), None)
        found = self.month_combo.findData(chosen)
        self.month_combo.setCurrentIndex(max(found, 0))
        lines = [
            self.tr("{year}年{month}月 第 {version} 版，序号 {sequence}，{when} {who}").format(
                year=e.year, month=e.month, version=e.version, sequence=e.sequence,
                when=f"{e.created_at:%Y-%m-%d %H:%M}", who=e.created_by,
            )
            for e in sides.exports[:EXPORTS_SHOWN]
        ]  # fmt: skip
        self.exports_label.setText(
            self.tr("已导出的交账文件：\n{lines}").format(lines="\n".join(lines))
            if lines
            else self.tr("还没有导出过交账文件。")
        )

    def _show_key(self, fingerprint: str | None, note: str = "") -> None:
        """This counter's fingerprint in large digits, or the note why there is none."""
        self.own_fingerprint.setText(fingerprint or "")
        self.own_fingerprint.setVisible(fingerprint is not None)
        self.key_note.setText(note)
        self.key_note.setVisible(fingerprint is None)

    def _show_city(self, sides: HandinSides) -> None:
        current = self.table.currentIndex().row()
        self.model.set_rows(sides.status)
        if sides.status:
            first = sides.status[0]
            self.due_label.setText(
                self.tr("{year}年{month}月的交账应在 {day} 前交来。").format(
                    year=first.due_year, month=first.due_month, day=f"{first.due_by:%Y-%m-%d}"
                )
            )
            self.table.setCurrentIndex(self.model.index(min(max(current, 0), self.model.rowCount() - 1), 0))
        else:
            self.due_label.setText(
                self.tr("还没有县区交账：先用“登记县区公钥”登记县区交来的公钥，再导入它的交账文件。")
            )

    def _say(self, text: str, error: bool = False) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet(f"color: {ERROR_COLOR};" if error else "")

    def _update_buttons(self) -> None:
        ready = self._sides is not None and not self._busy
        sides = self._sides
        guarded: tuple[tuple[QPushButton, str, bool], ...] = (
            (self.key_button, "export_handin", True),
            (self.export_button, "export_handin", bool(sides and sides.closed_months)),
            (self.import_button, "import_handin", True),
            (self.register_button, "register_handin_key", bool(sides and sides.counties)),
        )
        for button, action, possible in guarded:
            button.setEnabled(ready and possible and may(self._user, action))
            button.setToolTip(why_not(self._user, action) or "")

    # --- the county's history ---------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row(index.row())
        if row is not None:
            self.show_history(row.county_code)

    def show_history(self, code: str) -> HistoryDialog | None:
        """Open the files of the county `code` (not blocking)."""
        found = next((c for c in (self._sides.status if self._sides else ()) if c.county_code == code), None)
        if found is None:
            return None
        dialog = HistoryDialog(found, self)
        delete_closed_dialogs(self, dialog, HistoryDialog)
        dialog.open()
        return dialog

    # --- county: key and export -------------------------------------------------------------

    def _folder(self) -> Path:
        from mutualaid_desktop.services.enrollment.payments import papers_folder

        return papers_folder(self._db) / "handin"

    def suggested_handin_path(self, year: int, number: int) -> Path:
        assert self._sides is not None and self._sides.county is not None
        return self._folder() / f"交账-{self._sides.county[0]}-{year}-{number:02d}.json"

    @Slot()
    def export_key(self) -> None:
        sides = self._sides
        if sides is None or sides.county is None or self._busy:
            return
        code = sides.county[0]
        chosen = ask_save_file(
            self,
            self.tr("导出交账公钥"),
            self._folder() / f"交账公钥-{code}.txt",
            self.tr("公钥文件 (*.txt)"),
            suffix=".txt",
        )
        if not chosen:
            return
        from mutualaid_desktop.services.handin_sides import save_public_key

        db, user = self._db, self._user
        self._run(lambda: save_public_key(db, user, code, chosen), self._key_saved, self.tr("正在导出公钥…"))

    def _key_saved(self, key: Any) -> None:
        self._show_key(key.fingerprint)
        self._succeeded(self.tr("公钥已保存，请把文件交给市总工会登记，并在电话中与对方核对指纹 {fingerprint}。").format(
            fingerprint=key.fingerprint
        ))  # fmt: skip

    @Slot()
    def export_handin(self) -> None:
        sides = self._sides
        chosen_month = self.month_combo.currentData()
        if sides is None or sides.county is None or chosen_month is None or self._busy:
            return
        year, number = chosen_month
        chosen = ask_save_file(
            self,
            self.tr("导出{year}年{month}月的交账文件").format(year=year, month=number),
            self.suggested_handin_path(year, number),
            self.tr("交账文件 (*.json)"),
            suffix=".json",
        )
        if not chosen:
            return
        from mutualaid_desktop.services.handin.export import export_month

        db, user, code = self._db, self._user, sides.county[0]
        self._run(
            lambda: export_month(db, user, year, number, chosen, code), self._exported, self.tr("正在导出交账文件…")
        )

    def _exported(self, r: Any) -> None:
        text = self.tr(
            "已导出{name}{year}年{month}月的交账文件：第 {version} 版，序号 {sequence}，保存在 {path}。"
        ).format(name=r.county_name, year=r.year, month=r.month, version=r.version, sequence=r.sequence, path=r.path)
        if r.again:
            text += self.tr("（这次月结已导出过，写出的是同一个文件。）")
        if r.key_made:
            text += self.tr("本机第一次交账，已生成交账密钥：请导出公钥文件交市总工会登记。")
        self._succeeded(text)

    # --- city: import and keys --------------------------------------------------------------

    @Slot()
    def import_handin(self) -> None:
        if self._sides is None or self._busy:
            return
        folder = self._folder()
        chosen = ask_open_file(
            self,
            self.tr("导入县区交账文件"),
            str(folder) if folder.is_dir() else "",
            self.tr("交账文件 (*.json);;所有文件 (*)"),
        )
        if not chosen:
            return
        from mutualaid_desktop.services.handin.imports import import_file

        db, user = self._db, self._user
        self._run(lambda: import_file(db, user, chosen), lambda r: self._succeeded(r.message), self.tr("正在导入…"))

    @Slot()
    def register_key(self) -> RegisterKeyDialog | None:
        sides = self._sides
        if sides is None or self._busy:
            return None
        in_force = {c.county_code: c.fingerprint for c in sides.status if c.fingerprint}
        dialog = RegisterKeyDialog(sides.counties, in_force, self)
        delete_closed_dialogs(self, dialog, RegisterKeyDialog)
        dialog.submitted.connect(lambda: self._register(dialog))
        dialog.open()
        return dialog

    def _register(self, dialog: RegisterKeyDialog) -> None:
        from mutualaid_desktop.services.handin.keys import register_key

        county, key, reason = dialog.chosen()
        db, user, where, data = self._db, self._user, dialog.key_file_name(), key.text().encode("utf-8")

        def refused(error: BaseException) -> None:
            self._refused(error)
            dialog.show_error(self.result_label.text())

        def registered(done: Any) -> None:
            dialog.saved()
            self._registered(done)

        self._busy = True
        self._update_buttons()
        self._say(self.tr("正在登记公钥…"))
        self._worker.operation(
            lambda: register_key(db, user, county, data, where, replace_reason=reason),
            parent=self,
            success=registered,
            failure=refused,
        )

    def _registered(self, done: Any) -> None:
        if not done.changed:
            self._succeeded(
                self.tr("{name}（{code}）已登记这把公钥，没有改动。").format(
                    name=done.county_name, code=done.county_code
                )
            )
        else:
            self._succeeded(self.tr("已登记{name}（{code}）的交账公钥，指纹 {fingerprint}。").format(
                name=done.county_name, code=done.county_code, fingerprint=done.fingerprint
            ))  # fmt: skip

    # --- running ----------------------------------------------------------------------------

    def _run(self, op: Callable[[], Any], success: Callable[[Any], None], text: str) -> None:
        self._busy = True
        self._update_buttons()
        self._say(text)
        self._worker.operation(op, parent=self, success=success, failure=self._refused)

    def _succeeded(self, text: str) -> None:
        self._busy = False
        self._say(text)
        self._update_buttons()
        self.done.emit(text)
        self.refresh()

    def _refused(self, error: BaseException) -> None:
        self._busy = False
        text = user_message(error, self.tr("没有完成（意外错误），数据没有改动。请再试一次。"))
        self._say(text, True)
        self._update_buttons()
        self.refused.emit(text)


class HandinWindow(QDialog):
    """The 交账 screen in a window of its own, opened from 统计 (not modal; Esc closes it). A child of the
    统计 screen, so that the window's change reports reach it."""

    def __init__(self, page: HandinPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handinWindow")
        self.setWindowTitle(self.tr("统计 → 交账"))
        self.page = page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)
        self.resize(*WINDOW_SIZE)
