"""设置 → 柜台信息: what the papers say about the counter (organisation, address, phone, opening
hours) and the claim deadlines printed on the acceptance receipt. Supervisors and administrators
change it; others see it. An empty address, phone or hours says what 温馨提示 and 续保提示单 print in
its place (counter_setup.COUNTER_UNKNOWN; their preview warns of it too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

from mutualaid_desktop.services.changes import SETTINGS
from mutualaid_desktop.services.permissions import may, why_not
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.widgets import disable_while_working, enable_after_work
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.store.database import Database


class CounterInfoPage(CounterPage):
    saved = Signal(object)  # CounterInfo
    loaded = Signal()

    def __init__(self, db: Database, user: UserInfo, *, worker: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(db, user, worker=worker, parent=parent)
        self._shown: tuple | None = None  # the values last read, to tell what is being typed
        self.setObjectName("counterInfoPage")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.org_edit = QLineEdit()
        self.org_edit.setObjectName("orgEdit")
        self.org_edit.setMinimumWidth(420)
        form.addRow(self.tr("单位名称"), self.org_edit)
        self.address_edit = QLineEdit()
        self.address_edit.setObjectName("addressEdit")
        form.addRow(self.tr("柜台地址"), self.address_edit)
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("phoneEdit")
        form.addRow(self.tr("咨询电话"), self.phone_edit)
        self.hours_edit = QLineEdit()
        self.hours_edit.setObjectName("hoursEdit")
        self.hours_edit.setPlaceholderText(self.tr("如 周一至周五 8:30-12:00，14:30-17:30"))
        form.addRow(self.tr("办公时间"), self.hours_edit)
        from mutualaid_desktop.services.admin.counter_setup import COUNTER_UNKNOWN

        empty = self.tr("空着时印：{text}").format(text=COUNTER_UNKNOWN)
        why = self.tr("未填写时，温馨提示和续保提示单上印「{text}」，打印前会提醒。").format(text=COUNTER_UNKNOWN)
        for edit in (self.address_edit, self.phone_edit):
            edit.setPlaceholderText(empty)
            edit.setToolTip(why)
        self.due_spin = QSpinBox()
        self.due_spin.setObjectName("dueSpin")
        self.due_spin.setRange(1, 365)
        self.due_spin.setSuffix(self.tr(" 天"))
        form.addRow(self.tr("补交材料期限"), self.due_spin)
        self.decision_spin = QSpinBox()
        self.decision_spin.setObjectName("decisionSpin")
        self.decision_spin.setRange(1, 120)
        self.decision_spin.setSuffix(self.tr(" 个工作日"))
        form.addRow(self.tr("审核办结时限"), self.decision_spin)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setObjectName("saveButton")
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message_label = QLabel(" ")
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        layout.addStretch(1)
        may_edit = may(user, "edit_counter_info")
        self.save_button.setToolTip(why_not(user, "edit_counter_info") or "")
        for edit in (self.org_edit, self.address_edit, self.phone_edit, self.hours_edit):
            edit.setReadOnly(not may_edit)
        for control in (self.due_spin, self.decision_spin, self.save_button):
            control.setEnabled(may_edit)
        if not may_edit:
            self.message_label.setText(self.tr("柜台信息由主管或管理员修改。"))
        self.reload()

    shows = frozenset({SETTINGS})

    def reload_for(self, changes) -> None:
        if self._shown is None or self._on_screen() == self._shown:  # never over what is being typed
            self.reload()

    def reload(self) -> None:
        from mutualaid_desktop.services.admin.counter_setup import get_counter_info

        self._worker.submit(get_counter_info, self._db, on_result=self._show, on_error=self._failed, context=self)

    def _show(self, info) -> None:
        self.org_edit.setText(info.org_name)
        self.address_edit.setText(info.address)
        self.phone_edit.setText(info.phone)
        self.hours_edit.setText(info.hours)
        self.due_spin.setValue(info.papers_due_days)
        self.decision_spin.setValue(info.decision_days)
        self._shown = self._on_screen()
        self.loaded.emit()

    def _on_screen(self) -> tuple:
        return (
            self.org_edit.text(),
            self.address_edit.text(),
            self.phone_edit.text(),
            self.hours_edit.text(),
            self.due_spin.value(),
            self.decision_spin.value(),
        )

    def _failed(self, error: BaseException) -> None:
        self.message_label.setText(user_message(error, self.tr("读取柜台信息时出现意外错误。")))

    @Slot()
    def save(self) -> None:
        from mutualaid_desktop.services.admin.counter_setup import CounterInfo, set_counter_info

        info = CounterInfo(
            self.org_edit.text(),
            self.address_edit.text(),
            self.phone_edit.text(),
            self.hours_edit.text(),
            self.due_spin.value(),
            self.decision_spin.value(),
        )
        disable_while_working(self.save_button)
        self._worker.submit(
            set_counter_info,
            self._db,
            self._user,
            info,
            on_result=self._saved,
            on_error=self._save_failed,
            context=self,
        )

    def _saved(self, info) -> None:
        enable_after_work(self.save_button)
        self._show(info)
        self.message_label.setText(self.tr("已保存。回执、告知单、温馨提示和续保提示单上将印出这些信息。"))
        self.saved.emit(info)

    def _save_failed(self, error: BaseException) -> None:
        enable_after_work(self.save_button)
        self.message_label.setText(user_message(error, self.tr("保存没有成功，数据未改动。")))
