"""单位续保's questions before anything is saved: the leavers' reason (离开原因), the summary of what
确认续保 (or 登记离开) will do, and, when many leavers are registered at once, the same question again
with their number. The reasons and the rule that a leaver needs one belong to services/renewal/leaver_reasons.py;
these dialogs only ask."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.renewal.leaver_reasons import LEAVER_REASONS, leaver_reason, split_leaver_reason
from mutualaid_desktop.ui.common.widgets import is_enter_press

MANY_LEAVERS = 5  # more leavers than this registered at once: asked again, with their number
NAMES_SHOWN = 300  # the reason dialog lists at most this many names (and says how many more)


class LeaverReasonDialog(QDialog):
    """One reason for the leavers listed: a choice of services/leaver_reasons.LEAVER_REASONS and optional
    words (required for 其他). Accepted only with a reason the service takes: `reason` holds it."""

    def __init__(self, names: list[str], suggested: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leaverReasonDialog")
        self.setWindowTitle(self.tr("离开原因"))
        self.reason: str | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("以下 {count} 人不续保（离开）。请选择离开原因，登记时一并记录：").format(count=len(names))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.names = QListWidget()
        self.names.setObjectName("leaverNames")
        self.names.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.names.addItems(names[:NAMES_SHOWN])
        if len(names) > NAMES_SHOWN:
            self.names.addItem(self.tr("……另有 {count} 人").format(count=len(names) - NAMES_SHOWN))
        self.names.setMaximumHeight(160)
        layout.addWidget(self.names)
        form = QFormLayout()
        self.reason_combo = QComboBox()
        self.reason_combo.setObjectName("leaverReasonCombo")
        self.reason_combo.addItem(self.tr("请选择…"), None)
        for kind in LEAVER_REASONS:
            self.reason_combo.addItem(kind, kind)
        if suggested in LEAVER_REASONS:
            self.reason_combo.setCurrentIndex(self.reason_combo.findData(suggested))
        reason_label = QLabel(self.tr("原因(&R)"))
        reason_label.setBuddy(self.reason_combo)
        form.addRow(reason_label, self.reason_combo)
        self.words_edit = QLineEdit()
        self.words_edit.setObjectName("leaverWordsEdit")
        self.words_edit.setMaxLength(150)
        self.words_edit.setPlaceholderText(self.tr("可不填；选“其他”时请写明原因"))
        words_label = QLabel(self.tr("说明(&D)"))
        words_label.setBuddy(self.words_edit)
        form.addRow(words_label, self.words_edit)
        layout.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setObjectName("dialogError")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("确定(&O)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("reasonOkButton")
        self.cancel_button = buttons.addButton(self.tr("取消(&C)"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reason_combo.installEventFilter(self)
        self.words_edit.returnPressed.connect(self.accept)
        self.words_edit.textEdited.connect(lambda _text: self.error_label.setVisible(False))
        self.reason_combo.currentIndexChanged.connect(lambda _index: self.error_label.setVisible(False))
        self.reason_combo.setFocus()
        self.resize(460, 380)

    def set_reason(self, reason: str | None) -> None:
        """Start from a reason already given (the selected leavers')."""
        kind, words = split_leaver_reason(reason)
        if kind is not None:
            self.reason_combo.setCurrentIndex(self.reason_combo.findData(kind))
        self.words_edit.setText(words)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.reason_combo and is_enter_press(event):
            self.words_edit.setFocus(Qt.FocusReason.TabFocusReason)  # Enter moves on to the words
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        try:
            self.reason = leaver_reason(self.reason_combo.currentData(), self.words_edit.text())
        except InputError as exc:
            self.error_label.setText(exc.message)
            self.error_label.setVisible(True)
            (self.words_edit if self.reason_combo.currentData() else self.reason_combo).setFocus()
            return
        super().accept()


@dataclass(frozen=True)
class RenewalSummary:
    """What 确认续保 will save."""

    unit: str
    plan: str
    kept: int
    left: int  # every leaver on the list
    to_record: int  # leavers whose record is new or changes
    joined: int
    due: Decimal


class RenewalSummaryDialog(QDialog):
    """The summary of a renewal before it is saved: 确认办理 saves, 返回修改 goes back to the list."""

    def __init__(self, summary: RenewalSummary, parent: QWidget | None = None) -> None:
        from mutualaid_desktop.domain.money import format_amount

        super().__init__(parent)
        self.setObjectName("renewalSummaryDialog")
        self.setWindowTitle(self.tr("确认续保"))
        layout = QVBoxLayout(self)
        lines = [
            self.tr("单位：{unit}").format(unit=summary.unit),
            self.tr("计划：{plan}").format(plan=summary.plan),
            "",
            self.tr("续保 {count} 人").format(count=summary.kept),
            self.tr("离开 {count} 人").format(count=summary.left)
            + (
                self.tr("（本次登记 {count} 人）").format(count=summary.to_record)
                if summary.to_record != summary.left
                else ""
            ),
            self.tr("新增 {count} 人").format(count=summary.joined),
            "",
        ]
        if summary.kept + summary.joined:
            lines.append(self.tr("应缴 {amount}（确认后收款）").format(amount=format_amount(summary.due)))
        else:
            lines.append(self.tr("只登记离开，没有需要缴费的人员。"))
        self.text_label = QLabel("\n".join(lines))
        self.text_label.setObjectName("summaryText")
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text_label)
        note = QLabel(self.tr("确认后即保存；如需修改，请选“返回修改”。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(self.tr("确认办理(&O)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("summaryOkButton")
        self.back_button = buttons.addButton(self.tr("返回修改(&B)"), QDialogButtonBox.ButtonRole.RejectRole)
        self.back_button.setObjectName("summaryBackButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ok_button.setDefault(True)
        self.ok_button.setFocus()


class ManyLeaversBox(QMessageBox):
    """The question again when more than MANY_LEAVERS leavers are registered at once; 返回 is the default."""

    def __init__(self, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manyLeaversBox")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("登记离开"))
        self.setText(self.tr("将一次登记 {count} 人离开（不续保）。\n人数较多，请核对后再确认。").format(count=count))
        self.yes_button: QPushButton = self.addButton(
            self.tr("登记 {count} 人离开(&Y)").format(count=count), QMessageBox.ButtonRole.AcceptRole
        )
        self.no_button: QPushButton = self.addButton(self.tr("返回(&N)"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.no_button)
        self.setEscapeButton(self.no_button)
