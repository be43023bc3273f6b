"""单位续保's joiners: the small form for a joiner typed at the counter, and the list of a roster's
rows that were not added (to hand back to the unit), listed as 导入名册's preview lists them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.ui.common.file_dialogs import ask_save_file, documents_folder
from mutualaid_desktop.ui.common.widgets import SubmitDialog, focus_next_in
from mutualaid_desktop.ui.enrollment.roster_preview import (
    bad_rows_file_name,
    bad_rows_table,
    fit_bad_rows,
    show_bad_rows,
    xlsx_path,
)
from mutualaid_desktop.ui.enrollment.roster_preview_models import BadRowsModel
from mutualaid_desktop.ui.shell.background import Worker, user_message

if TYPE_CHECKING:
    from mutualaid_desktop.services.renewal.renewal import RosterJoiners


class JoinerBadRowsDialog(QDialog):
    """The rows of a roster that were not added, with their reasons; 保存问题行… saves them as .xlsx (on the
    worker, as the roster import's 导出问题行 does) to hand back to the unit. `saved` carries the path."""

    saved = Signal(object)

    def __init__(
        self, found: RosterJoiners, worker: Worker, parent: QWidget | None = None, folder: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("badRowsDialog")
        self.setWindowTitle(self.tr("名册中未添加的行"))
        self._found = found
        self._worker = worker
        self._folder = folder
        layout = QVBoxLayout(self)
        label = QLabel(
            self.tr("{file}：以下 {count} 行有问题，没有添加。请单位按原因改正后再交来。").format(
                file=found.file_name, count=len(found.bad)
            )
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        self.model = BadRowsModel(self)  # as 导入名册 previews them: 行号 姓名 身份证号码 原因
        self.table = bad_rows_table("badRowsTable", self.model)
        show_bad_rows(self.table, self.model, found.bad, found.columns)
        layout.addWidget(self.table, 1)
        self.notice_label = QLabel()
        self.notice_label.setObjectName("badRowsNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.notice_label)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("保存问题行(&S)…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("saveBadRowsButton")
        self.save_button.setToolTip(self.tr("把这些行连同原因存为 Excel 文件，交给单位改正"))
        self.save_button.clicked.connect(self.choose_file)
        close = buttons.addButton(self.tr("关闭(&X)"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("closeBadRowsButton")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 380)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        fit_bad_rows(self.table)  # again, now that the table has its width: the reasons wrap in full

    def choose_file(self) -> None:
        folder = self._folder or documents_folder()
        path = ask_save_file(
            self,
            self.tr("保存问题行"),
            folder / bad_rows_file_name(self._found.file_name),
            self.tr("Excel 文件 (*.xlsx)"),
        )
        if path:
            self.save_to(path)

    def save_to(self, path: str | Path) -> None:
        from mutualaid_desktop.services.renewal.renewal_joiners import export_joiner_bad_rows

        self.save_button.setEnabled(False)
        self.notice_label.setText(self.tr("正在保存…"))
        self._worker.submit(
            export_joiner_bad_rows,
            self._found,
            xlsx_path(path),
            on_result=self._saved,
            on_error=self._save_failed,
            context=self,
        )

    def _saved(self, path) -> None:
        self.save_button.setEnabled(True)
        self.notice_label.setText(self.tr("问题行已保存到 {path}").format(path=path))
        self.saved.emit(path)

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.notice_label.setText(user_message(error, self.tr("保存时出现意外错误，没有写入文件。")))


class JoinerDialog(SubmitDialog):
    """A joiner typed at the counter: 身份证号码 姓名 手机 份数. OK asks the page to check the person;
    the page closes the dialog (`saved`) or shows why not (`show_error`). When the ID number is complete
    (Enter, or leaving the field) `idEntered` asks the page to look it up: `show_known` fills in the name
    of a member on file and says where they belong now (从 <unit> 转入), or clears the name it filled in
    for the number before."""

    idEntered = Signal(str)

    def __init__(self, max_shares: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinerDialog")
        self.setWindowTitle(self.tr("添加新增人员"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("joinerIdEdit")
        self.id_edit.setMaxLength(30)
        self.id_edit.setPlaceholderText(self.tr("输入或扫描身份证号码"))
        self.id_edit.setMinimumWidth(300)
        form.addRow(self.tr("身份证号码"), self.id_edit)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("joinerNameEdit")
        self.name_edit.setMaxLength(64)
        form.addRow(self.tr("姓名"), self.name_edit)
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("joinerPhoneEdit")
        self.phone_edit.setMaxLength(32)
        form.addRow(self.tr("手机"), self.phone_edit)
        self.shares_spin = QSpinBox()
        self.shares_spin.setObjectName("joinerSharesSpin")
        self.shares_spin.setRange(1, max(1, max_shares))
        self.shares_spin.setSuffix(self.tr(" 份"))
        self.shares_spin.setEnabled(max_shares > 1)
        form.addRow(self.tr("份数"), self.shares_spin)
        layout.addLayout(form)
        self.known_label = QLabel()
        self.known_label.setObjectName("joinerKnownLabel")
        self.known_label.setWordWrap(True)
        layout.addWidget(self.known_label)
        self._filled_name: str | None = None  # the name filled in from the member on file
        self._looked_up = ""
        self.id_edit.editingFinished.connect(self._id_entered)
        self.add_error_and_buttons(layout, self.tr("添加"), self.tr("取消"))
        self._chain: list[QWidget] = [self.id_edit, self.name_edit, self.phone_edit, self.shares_spin]
        for widget in self._chain:
            widget.installEventFilter(self)
        self.id_edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and watched in self._chain
        ):
            if watched is self.id_edit:  # the card reader's Enter: look the number up now
                self._id_entered()
            if focus_next_in(self._chain, watched, self) is None:
                self.accept()
            return True
        return super().eventFilter(watched, event)

    def _id_entered(self) -> None:
        number = self.id_edit.text().strip()
        if number and number != self._looked_up:
            self._looked_up = number
            self.idEntered.emit(number)

    def show_known(self, number: str, person) -> None:
        """What the lookup of `number` found: a services.renewal_joiners.KnownPerson, or None."""
        if number != self.id_edit.text().strip():
            return  # another number was typed meanwhile
        if person is None:
            if self._filled_name is not None and self.name_edit.text() == self._filled_name:
                self.name_edit.clear()  # the name of the person before is not this person's
            self._filled_name = None
            self.known_label.setText(self.tr("新会员（此身份证号码未登记过）。"))
            return
        if not self.name_edit.text().strip() or self.name_edit.text() == self._filled_name:
            self.name_edit.setText(person.name)
            self._filled_name = person.name
        sex = self.tr("男") if person.sex == "male" else self.tr("女")
        text = self.tr("已登记会员：{name}，{sex}，{birth} 出生。").format(
            name=person.name, sex=sex, birth=person.birth_date.isoformat()
        )
        if person.unit_name:
            text += self.tr("现属 {unit}：加入本单位续保即从 {unit} 转入本单位。").format(unit=person.unit_name)
        self.known_label.setText(text)

    def values(self) -> dict:
        return {
            "id_number": self.id_edit.text(),
            "name": self.name_edit.text(),
            "phone": self.phone_edit.text(),
            "shares": self.shares_spin.value(),
        }

    def focus_field(self, field: str | None) -> None:
        target = {"id_number": self.id_edit, "name": self.name_edit, "shares": self.shares_spin}.get(field or "")
        if target is not None:
            target.setFocus()
            if isinstance(target, QLineEdit):
                target.selectAll()
