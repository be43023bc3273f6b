"""设置 → 医院: the hospitals the intake screen picks from, each with its grade.

A table of every hospital (name, grade, county, in use); 新增 adds one, 修改 changes the chosen
one (name, grade, county), 停用/启用 takes it off the intake list or back. Clerks may add (they
also can at intake); supervisors and administrators change. Loads and saves on the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.services.changes import HOSPITALS
from mutualaid_desktop.services.permissions import may, why_not
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.list_table_model import ListTableModel
from mutualaid_desktop.ui.common.widgets import SubmitDialog, delete_closed_dialogs
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.hospitals import HospitalInfo
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.store.database import Database


class HospitalsModel(ListTableModel):
    """医院名称 等级 县区 状态."""

    NAME, GRADE, COUNTY, STATE = range(4)

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.headers = [self.tr("医院名称"), self.tr("等级"), self.tr("县区代码"), self.tr("状态")]

    def display(self, h, column: int) -> str:
        grades = {0: self.tr("未定级"), 1: self.tr("一级"), 2: self.tr("二级"), 3: self.tr("三级")}
        state = self.tr("在用") if h.active else self.tr("已停用")
        return (h.name, grades.get(h.grade, str(h.grade)), h.county_code or "", state)[column]

    def role_data(self, h, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and not h.active:
            return QColor("#8a8f98")
        return None


class HospitalDialog(SubmitDialog):
    """新增 or 修改 a hospital: name, grade, county code."""

    def __init__(self, hospital=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hospitalDialog")
        self.hospital = hospital
        self.setWindowTitle(self.tr("修改医院") if hospital else self.tr("新增医院"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name_edit = QLineEdit(hospital.name if hospital else "")
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMinimumWidth(320)
        form.addRow(self.tr("医院名称"), self.name_edit)
        self.grade_combo = QComboBox()
        self.grade_combo.setObjectName("gradeCombo")
        for grade, label in ((3, self.tr("三级")), (2, self.tr("二级")), (1, self.tr("一级")), (0, self.tr("未定级"))):
            self.grade_combo.addItem(label, grade)
        if hospital:
            self.grade_combo.setCurrentIndex(self.grade_combo.findData(hospital.grade))
        form.addRow(self.tr("医院等级"), self.grade_combo)
        self.county_edit = QLineEdit(hospital.county_code or "" if hospital else "")
        self.county_edit.setObjectName("countyEdit")
        form.addRow(self.tr("县区代码"), self.county_edit)
        layout.addLayout(form)
        self.add_error_and_buttons(layout, self.tr("保存"), self.tr("取消"))

    def values(self) -> dict:
        return {
            "name": self.name_edit.text(),
            "grade": self.grade_combo.currentData(),
            "county_code": self.county_edit.text(),
        }


class HospitalsPage(CounterPage):
    changed = Signal()

    def __init__(self, db: Database, user: UserInfo, *, worker: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(db, user, worker=worker, parent=parent)
        self.setObjectName("hospitalsPage")
        self.dialog: HospitalDialog | None = None
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新增…"))
        self.add_button.setObjectName("addButton")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self.tr("修改…"))
        self.edit_button.setObjectName("editButton")
        self.edit_button.clicked.connect(self.edit)
        self.toggle_button = QPushButton(self.tr("停用"))
        self.toggle_button.setObjectName("toggleButton")
        self.toggle_button.clicked.connect(self.toggle)
        for button in (self.add_button, self.edit_button, self.toggle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.model = HospitalsModel(self)
        self.table = QTableView()
        self.table.setObjectName("hospitalsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(HospitalsModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        self.message_label = QLabel(" ")
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        self.add_button.setEnabled(may(user, "add_hospital"))
        self.add_button.setToolTip(why_not(user, "add_hospital") or "")
        for button in (self.edit_button, self.toggle_button):
            button.setToolTip(why_not(user, "edit_hospitals") or "")
        self._selection_changed()
        self.reload()

    shows = frozenset({HOSPITALS})

    def reload_for(self, changes) -> None:
        self.reload()

    def reload(self) -> None:
        from mutualaid_desktop.services.admin.hospitals import list_hospitals

        self._worker.submit(list_hospitals, self._db, on_result=self._loaded, on_error=self._failed, context=self)

    def _loaded(self, rows) -> None:
        chosen = self.current()
        self.model.set_rows(rows)
        if chosen is not None:
            for i, h in enumerate(rows):
                if h.id == chosen.id:
                    self.table.selectRow(i)
        self._selection_changed()
        self.changed.emit()

    def current(self):
        index = self.table.selectionModel().currentIndex() if self.table.selectionModel() else None
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if rows:
            return self.model.row(rows[0].row())
        return self.model.row(index.row()) if index is not None and index.isValid() else None

    def _selection_changed(self, *_args) -> None:
        h = self.current()
        may_edit = may(self._user, "edit_hospitals") and h is not None
        self.edit_button.setEnabled(may_edit)
        self.toggle_button.setEnabled(may_edit)
        self.toggle_button.setText(self.tr("启用") if h is not None and not h.active else self.tr("停用"))

    def _failed(self, error: BaseException) -> None:
        self.message_label.setText(user_message(error, self.tr("读取医院列表时出现意外错误。")))

    def _open(self, hospital=None) -> None:
        dialog = HospitalDialog(hospital, self)
        delete_closed_dialogs(self, dialog, HospitalDialog)
        dialog.submitted.connect(lambda: self._submit(dialog))
        self.dialog = dialog
        dialog.open()

    @Slot()
    def add(self) -> None:
        self._open()

    @Slot()
    def edit(self) -> None:
        h = self.current()
        if h is not None and may(self._user, "edit_hospitals"):
            self._open(h)

    def _submit(self, dialog: HospitalDialog) -> None:
        from mutualaid_desktop.services.admin.hospitals import add_hospital, update_hospital

        values = dialog.values()
        job: tuple[Callable[..., HospitalInfo], tuple[Any, ...], dict[str, Any]]
        if dialog.hospital is None:
            job = (add_hospital, (self._db, self._user), values)
        else:
            job = (update_hospital, (self._db, self._user, dialog.hospital.id), values)
        fn, args, kwargs = job
        self._worker.submit(
            fn,
            *args,
            **kwargs,
            context=dialog,
            on_result=lambda info: self._saved(dialog, info),
            on_error=lambda exc: dialog.show_error(user_message(exc, self.tr("保存没有成功，数据未改动。"))),
        )

    def _saved(self, dialog: HospitalDialog, info) -> None:
        dialog.saved()
        self.message_label.setText(self.tr("已保存：{name}").format(name=info.name))
        self.reload()

    @Slot()
    def toggle(self) -> None:
        from mutualaid_desktop.services.admin.hospitals import update_hospital

        h = self.current()
        if h is None:
            return
        self._worker.submit(
            update_hospital,
            self._db,
            self._user,
            h.id,
            active=not h.active,
            context=self,
            on_result=lambda info: self._saved_toggle(info),
            on_error=self._failed,
        )

    def _saved_toggle(self, info) -> None:
        text = self.tr("已启用：{name}") if info.active else self.tr("已停用：{name}（受理时不再列出）")
        self.message_label.setText(text.format(name=info.name))
        self.reload()
