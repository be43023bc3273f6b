"""单位续保's steps for adding joiners (新增人员), mixed into UnitRenewalPage: typed at the counter
(JoinerDialog: the ID number looked up, the person checked on the worker as single enrollment), or read from
a roster file (read and checked through the roster preview of 导入名册, ui/roster_preview.RosterReading: a
progress dialog that can cancel, the 列对应 window when the headers were not recognised; the rows not added are
listed in JoinerBadRowsDialog as the import's preview lists them, and can be saved for the unit). The page's
draft, model, worker and messages are used as they are (declared below for the type checker); this class holds
no state of its own but the roster's reading."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSortFilterProxyModel, SignalInstance, Slot
from PySide6.QtWidgets import QProgressDialog, QTableView
from shiboken6 import isValid

from mutualaid_desktop.ui.common.file_dialogs import ask_open_file
from mutualaid_desktop.ui.common.widgets import delete_closed_dialogs
from mutualaid_desktop.ui.enrollment.roster_preview import RosterReading
from mutualaid_desktop.ui.renewal.unit_renewal_draft_model import DraftModel
from mutualaid_desktop.ui.renewal.unit_renewal_joiners import JoinerBadRowsDialog, JoinerDialog
from mutualaid_desktop.ui.shell.background import user_message

if TYPE_CHECKING:
    from mutualaid_desktop.services.enrollment.roster_import import ColumnMatch, RosterTable
    from mutualaid_desktop.services.renewal.renewal import Joiner, RenewalDraft, RosterJoiners
    from mutualaid_desktop.ui.common.counter_page import CounterPage
    from mutualaid_desktop.ui.enrollment.column_mapping_dialog import ColumnMappingDialog

    _Page = CounterPage
else:
    _Page = object


class JoiningSteps(_Page):
    """Adding joiners to the unit's draft (a mixin of UnitRenewalPage, before its CounterPage)."""

    # what the page provides
    draft: RenewalDraft | None
    model: DraftModel
    proxy: QSortFilterProxyModel
    table: QTableView
    joinerAdded: SignalInstance
    rosterChecked: SignalInstance
    failed: SignalInstance
    bad_rows_dialog: JoinerBadRowsDialog | None
    roster_reading: RosterReading
    _busy: bool
    _joiner_dialog: JoinerDialog | None
    _roster_folder: Path | None
    # the page's methods (declared, not defined here: pyside6-lupdate loses the class's context at a
    # method stub under `if TYPE_CHECKING:`)
    _message: Callable[[str, str], None]
    _update_buttons: Callable[[], None]

    @property
    def joiner_dialog(self) -> JoinerDialog | None:
        dialog = self._joiner_dialog
        return dialog if dialog is not None and isValid(dialog) and dialog.isVisible() else None

    @Slot()
    def open_joiner_dialog(self) -> None:
        if self.draft is None:
            return
        dialog = JoinerDialog(self.draft.plan.plan.max_shares, self)
        delete_closed_dialogs(self, dialog, JoinerDialog)
        dialog.submitted.connect(lambda d=dialog: self._check_joiner(d))
        dialog.idEntered.connect(lambda number, d=dialog: self._look_up_joiner(d, number))
        self._joiner_dialog = dialog
        dialog.open()

    def _look_up_joiner(self, dialog: JoinerDialog, number: str) -> None:
        from mutualaid_desktop.services.renewal.renewal_joiners import find_known_person

        if self.draft is None:
            return
        self._worker.submit(
            find_known_person,
            self._db,
            unit_code=self.draft.unit.code,
            id_number=number,
            today=self._today(),
            on_result=partial(dialog.show_known, number),
            on_error=lambda _error: None,
            context=dialog,
        )  # the check on 添加 says what is wrong

    def _check_joiner(self, dialog: JoinerDialog) -> None:
        from mutualaid_desktop.services.renewal.renewal import check_joiner

        if self.draft is None:
            dialog.show_error(self.tr("请先选择单位和续保计划。"))
            return
        values = dialog.values()
        self._worker.submit(
            check_joiner,
            self._db,
            unit_code=self.draft.unit.code,
            plan_code=self.draft.plan.code,
            today=self._today(),
            **values,
            on_result=partial(self._joiner_checked, dialog),
            on_error=partial(self._joiner_refused, dialog),
            context=dialog,
        )

    def _joiner_checked(self, dialog: JoinerDialog, joiner: Joiner) -> None:
        if joiner.member_id is not None:
            row = self.model.member_row(joiner.member_id)
            if row >= 0:
                self.model.set_keep(row, True)
                dialog.saved()
                self._message(self.tr("{name} 在去年的名单中，已勾选续保。").format(name=joiner.name), "ok")
                self._show_row(row)
                return
        if self.model.has_joiner(joiner.id_number):
            dialog.show_error(
                self.tr("{name}（{number}）已添加过，不要重复添加。").format(name=joiner.name, number=joiner.masked_id)
            )
            return
        self.model.add_joiners([joiner])
        dialog.saved()
        text = self.tr("已添加新增人员：{name}。").format(name=joiner.name)
        if joiner.note:
            text += "\n" + joiner.note
        self._message(text, "ok")
        self._show_row(self.model.rowCount() - 1)
        self.joinerAdded.emit(joiner)

    def _joiner_refused(self, dialog: JoinerDialog, error: BaseException) -> None:
        dialog.show_error(user_message(error, self.tr("检查时出现意外错误。")))
        dialog.focus_field(getattr(error, "field", None))

    def _show_row(self, source_row: int) -> None:
        index = self.proxy.mapFromSource(self.model.index(source_row, DraftModel.NAME))
        if index.isValid():
            self.table.scrollTo(index)
            self.table.selectRow(index.row())

    # --- joiners from a roster file -----------------------------------------------------------

    def _setup_roster_reading(self) -> None:
        """The roster preview's reading (ui/roster_preview), as 导入名册 reads a roster: called by the page."""
        self.roster_reading = RosterReading(self._worker, self)
        self.roster_reading.checked.connect(self._roster_checked)
        self.roster_reading.failed.connect(self._roster_failed)
        self.roster_reading.busyChanged.connect(self._roster_busy)

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self.roster_reading.progress_dialog

    @property
    def mapping_dialog(self) -> ColumnMappingDialog | None:
        """The 列对应 window, open while the columns of a roster whose headers were not recognised are asked for."""
        return self.roster_reading.mapping_dialog

    @Slot()
    def choose_roster(self) -> None:
        if self.draft is None:
            return
        path = ask_open_file(
            self, self.tr("选择新名册文件"), "", self.tr("名册 (*.xlsx *.xls *.csv *.txt);;所有文件 (*)")
        )
        if path:
            self._roster_folder = Path(path).parent  # the bad rows are saved next to the roster by default
            self.add_roster(path)

    def add_roster(self, path: str) -> None:
        """Read and check a roster file on the worker (the columns asked for when the headers were not
        recognised); the good rows join the draft."""
        from mutualaid_desktop.services.renewal.renewal_joiners import table_joiners

        if self.draft is None or self._busy:
            return
        self._message(self.tr("正在读取并检查名册…"), "")
        db, draft, today = self._db, self.draft, self._today()

        def check(table: RosterTable, columns: ColumnMatch, **progress: Any) -> tuple[RenewalDraft, RosterJoiners]:
            return draft, table_joiners(
                db,
                table,
                unit_code=draft.unit.code,
                plan_code=draft.plan.code,
                columns=columns,
                today=today,
                **progress,
            )

        self.roster_reading.read(path, check)

    @Slot()
    def cancel_roster(self) -> None:
        self.roster_reading.cancel()

    @Slot(bool)
    def _roster_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_buttons()

    @Slot(str)
    def _roster_failed(self, text: str) -> None:
        self._message(text, "error")
        self.failed.emit(text)

    @Slot(object)
    def _roster_checked(self, checked: tuple[RenewalDraft, RosterJoiners]) -> None:
        draft, found = checked
        if draft is not self.draft:
            return  # another unit was chosen meanwhile
        added, on_list, twice = [], [], 0
        numbers: set[str] = set()
        for joiner in found.good:
            row = self.model.member_row(joiner.member_id) if joiner.member_id is not None else -1
            if row >= 0:
                on_list.append(row)
            elif self.model.has_joiner(joiner.id_number) or joiner.id_number in numbers:
                twice += 1
            else:
                added.append(joiner)
                numbers.add(joiner.id_number)
        self.model.set_keep_rows(on_list, True)
        ticked = len(on_list)
        self.model.add_joiners(added)
        text = self.tr("名册 {file}：共 {rows} 行，新增 {added} 人").format(
            file=found.file_name, rows=found.rows, added=len(added)
        )
        if ticked:
            text += self.tr("；{count} 人在去年的名单中，已勾选续保").format(count=ticked)
        if twice:
            text += self.tr("；{count} 人已添加过，未重复添加").format(count=twice)
        if found.bad:
            text += self.tr("；{count} 行有问题，没有添加（原因见列表）").format(count=len(found.bad))
        self._message(text + self.tr("。"), "error" if found.bad else "ok")
        if found.bad:
            dialog = JoinerBadRowsDialog(found, self._worker, self, folder=self._roster_folder)
            delete_closed_dialogs(self, dialog, JoinerBadRowsDialog)
            self.bad_rows_dialog = dialog
            dialog.open()
        self.rosterChecked.emit(found)
