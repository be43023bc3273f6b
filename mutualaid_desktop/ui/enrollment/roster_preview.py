"""The roster preview shared by 参保 → 导入名册 (ui/enrollment/roster_import_dialog.py) and 单位续保's joiners from a roster
file (ui/renewal/unit_renewal_joining.py): reading a roster on the worker with a progress dialog that can cancel, the
列对应 window when the headers were not all recognised, the tables of its bad and good rows
(ui/enrollment/roster_preview_models.py) and the file the bad rows are saved to for the unit.

What each caller does with a checked roster differs (an enrollment batch imported; joiners added to a renewal
draft), so the check itself is the caller's: `RosterReading(check=...)` runs it on the worker with the table read
and the columns found or assigned."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QDialog, QHeaderView, QProgressDialog, QTableView, QWidget

from mutualaid_desktop.ui.common.list_table_model import ListTableModel
from mutualaid_desktop.ui.common.widgets import work_progress
from mutualaid_desktop.ui.enrollment.roster_preview_models import BadRowsModel
from mutualaid_desktop.ui.shell.background import Worker, user_message

if TYPE_CHECKING:
    from mutualaid_desktop.services.enrollment.roster_import import ColumnMatch, RosterTable
    from mutualaid_desktop.ui.enrollment.column_mapping_dialog import ColumnMappingDialog

# check(table, columns, progress=..., cancelled=...) -> what `checked` carries; runs on the worker
Check = Callable[..., Any]


class RosterProgress(QObject):
    """Carries progress from the worker thread to the GUI thread (queued signal)."""

    changed = Signal(int, int, str)

    def report(self, done: int, total: int, stage: str) -> None:
        self.changed.emit(done, total, stage)


class RosterReading(QObject):
    """Reads a roster file and checks it on the worker, one job at a time, with a window-modal progress dialog
    whose 取消 stops the job at its next check. Columns not found by their headers are asked for in the
    列对应 window (ColumnMappingDialog) before the check; `choose_columns` assigns them again and checks again.
    `checked` carries what `check` returned, `failed` the message for the clerk (the data left as it was);
    `busyChanged` follows every job. `run` runs another long job of the caller (an import) the same way."""

    checked = Signal(object)
    failed = Signal(str)
    busyChanged = Signal(bool)

    def __init__(self, worker: Worker, parent: QWidget) -> None:
        super().__init__(parent)
        self._worker = worker
        self._parent = parent
        self._check: Check | None = None
        self._cancel = threading.Event()
        self._progress = RosterProgress(self)
        self._progress.changed.connect(self._show_progress)
        self.busy = False
        self.progress_dialog: QProgressDialog | None = None
        self.mapping_dialog: ColumnMappingDialog | None = None
        self.table: RosterTable | None = None  # the roster read
        self.columns: ColumnMatch | None = None  # the columns it was checked with

    def clear(self) -> None:
        """Forget the roster read (another file, unit or plan was chosen)."""
        self.table = None
        self.columns = None

    # --- reading and checking ---------------------------------------------------------------

    def read(self, path: str, check: Check) -> None:
        """Read `path` and check it with `check(table, columns, progress=..., cancelled=...)` on the worker (the
        columns found by their headers, else asked for). `choose_columns` checks again with the same `check`."""
        from mutualaid_desktop.services.enrollment.roster_import import read_roster_file

        if self.busy:
            return
        self.clear()
        self._check = check
        self._start(self.tr("正在读取名册…"))
        self._worker.submit(
            read_roster_file,
            path,
            progress=self._progress.report,
            cancelled=self._cancelled,
            on_result=self._read_done,
            on_error=self._failed,
            context=self,
        )

    def _read_done(self, table: RosterTable) -> None:
        from mutualaid_desktop.services.enrollment.roster_import import find_roster_columns

        self.table = table
        if not table.rows:
            self._stop(self.tr("文件中没有数据，请检查是否选错了文件。"))
            return
        columns = find_roster_columns(table.rows)
        if columns.complete:
            self._check_with(columns)
            return
        if self.progress_dialog is not None:
            self.progress_dialog.hide()
        self._ask_columns(columns, self._columns_chosen_for_check)

    def _columns_chosen_for_check(self, columns: ColumnMatch | None) -> None:
        if columns is None:
            self._stop(self.tr("没有指定姓名和身份证号码所在的列，未检查。"))
            return
        if self.progress_dialog is not None:
            self.progress_dialog.show()
        self._check_with(columns)

    def _ask_columns(self, columns: ColumnMatch, then: Callable[[ColumnMatch | None], None]) -> None:
        """Open the column mapping dialog (window-modal); `then(columns or None)` when closed."""
        from mutualaid_desktop.services.enrollment.roster_import import REQUIRED_FIELDS, ROSTER_FIELDS
        from mutualaid_desktop.ui.enrollment.column_mapping_dialog import ColumnMappingDialog

        assert self.table is not None
        start = (columns.header_index or 0) + 1
        samples = [row.cells for row in self.table.rows[start : start + 5]]
        dialog = ColumnMappingDialog(
            ROSTER_FIELDS,
            columns.headers,
            columns.mapping,
            required=REQUIRED_FIELDS,
            samples=samples,
            parent=self._parent,
        )
        self.mapping_dialog = dialog

        def closed(code: int) -> None:
            self.mapping_dialog = None
            dialog.deleteLater()
            then(columns.with_mapping(dialog.mapping()) if code == QDialog.DialogCode.Accepted else None)

        dialog.finished.connect(closed)
        dialog.open()

    @Slot()
    def choose_columns(self) -> None:
        """Change which column is which, then check again."""
        from mutualaid_desktop.services.enrollment.roster_import import find_roster_columns

        if self.table is None or self.busy or self._check is None:
            return

        def chosen(columns: ColumnMatch | None) -> None:
            if columns is not None:
                self._start(self.tr("正在检查名册…"))
                self._check_with(columns)

        self._ask_columns(self.columns or find_roster_columns(self.table.rows), chosen)

    def _check_with(self, columns: ColumnMatch) -> None:
        assert self._check is not None  # set by `read`
        self.columns = columns
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText(self.tr("正在检查每一行…"))
        self._worker.submit(
            self._check,
            self.table,
            columns,
            progress=self._progress.report,
            cancelled=self._cancelled,
            on_result=self._checked,
            on_error=self._failed,
            context=self,
        )

    def _checked(self, result: object) -> None:
        self._finish()
        self.checked.emit(result)

    # --- any long job -----------------------------------------------------------------------

    def run(
        self,
        title: str,
        fn: Callable[..., Any],
        *args: Any,
        on_result: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """Run `fn(*args, progress=..., cancelled=..., **kwargs)` on the worker behind the progress dialog;
        the dialog is closed before `on_result` or `on_error` (default: `failed` with the message) is called."""

        def done(result: Any) -> None:
            self._finish()
            on_result(result)

        def error(exc: BaseException) -> None:
            if on_error is None:
                self._failed(exc)
            else:
                self._finish()
                on_error(exc)

        self._start(title)
        self._worker.submit(
            fn,
            *args,
            progress=self._progress.report,
            cancelled=self._cancelled,
            on_result=done,
            on_error=error,
            context=self,
            **kwargs,
        )

    # --- progress ---------------------------------------------------------------------------

    def _start(self, title: str) -> None:
        self.busy = True
        self._cancel.clear()
        self.progress_dialog = work_progress(self._parent, title, self.tr("取消"), self.tr("请稍候"), self.cancel)
        self.busyChanged.emit(True)

    def _finish(self) -> None:
        self.busy = False
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self.cancel)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        self.busyChanged.emit(False)

    def _stop(self, text: str) -> None:
        self._finish()
        self.failed.emit(text)

    def _failed(self, error: BaseException) -> None:
        self._stop(user_message(error, self.tr("出现意外错误，数据没有改动。")))

    @Slot()
    def cancel(self) -> None:
        """Stop the running read, check or job (an import is rolled back)."""
        self._cancel.set()
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText(self.tr("正在取消…"))

    def _cancelled(self) -> bool:  # called on the worker thread
        return self._cancel.is_set()

    @Slot(int, int, str)
    def _show_progress(self, done: int, total: int, stage: str) -> None:
        if self.progress_dialog is None or self._cancel.is_set():
            return
        self.progress_dialog.setLabelText(
            self.tr("{stage}… {done} / {total} 行").format(stage=stage, done=done, total=total)
        )
        self.progress_dialog.setValue(min(99, done * 100 // total) if total else 0)


# --- the preview's tables and the bad rows' file ----------------------------------------------


def preview_table(name: str, model: ListTableModel) -> QTableView:
    """A table of the preview: whole rows selected, alternating colours, columns the clerk can widen."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(26)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


def bad_rows_table(name: str, model: BadRowsModel) -> QTableView:
    """The bad rows (行号 姓名 身份证号码 原因): the reason takes the width left and wraps."""
    view = preview_table(name, model)
    header = view.horizontalHeader()
    header.setSectionResizeMode(BadRowsModel.REASON, QHeaderView.ResizeMode.Stretch)
    view.setWordWrap(True)
    header.sectionResized.connect(lambda *_: _wrap_reasons(view))  # the window laid out or widened by the clerk
    return view


def show_bad_rows(view: QTableView, model: BadRowsModel, bad: Sequence, columns: Mapping[str, int]) -> None:
    """Fill the bad rows' table (`columns`: field -> column index of the roster, for 姓名 and 身份证号码)."""
    model.set_rows(list(bad), columns.get("name"), columns.get("id_number"))
    fit_bad_rows(view)


def fit_bad_rows(view: QTableView) -> None:
    """Columns as wide as their contents, the reason as wide as is left and wrapped in full (a long list keeps one
    line a row: fast)."""
    for column in (BadRowsModel.ROW, BadRowsModel.NAME, BadRowsModel.ID_NUMBER):
        view.resizeColumnToContents(column)
    _wrap_reasons(view)


def _wrap_reasons(view: QTableView) -> None:
    if view.model().rowCount() <= 500:
        view.resizeRowsToContents()


def bad_rows_file_name(roster_name: str) -> str:
    """The name suggested for the bad rows of roster `roster_name`: <roster>-问题行.xlsx."""
    return f"{Path(roster_name).stem}-问题行.xlsx"


def xlsx_path(path: str | Path) -> Path:
    """`path`, ending in .xlsx (the clerk may type a name without it)."""
    path = Path(path)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")
