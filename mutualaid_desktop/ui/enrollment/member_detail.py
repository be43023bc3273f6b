"""A member's page inside the 会员 screen: personal data, every cover, the claims, what is left
of this period's annual cap; and the dialogs to edit the personal data and (supervisors) to
correct the ID number with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.ui.common.widgets import SubmitDialog
from mutualaid_desktop.ui.shell.fonts import scaled

if TYPE_CHECKING:
    from mutualaid_desktop.services.enrollment.members import MemberDetail

DETAIL_STYLE = """
QLabel#memberName { color: #1f4e79; }
QLabel.fieldLabel { color: #5f6b7a; }
QLabel#capLabel { color: #1f4e79; }
QLabel#dialogError { color: #b3261e; }
QFrame#capBox { background: #f3f7fb; border: 1px solid #d5dbe3; border-radius: 6px; }
"""


def _date(value) -> str:
    return value.strftime("%Y-%m-%d") if value else "—"


def _table(headers: list[str], stretch: int | None = None) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setMinimumSectionSize(80)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setDefaultSectionSize(28)
    table.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users move on
    return table


class MemberDetailView(QWidget):
    """Shows one MemberDetail. `editRequested` / `correctRequested` when the clerk asks."""

    editRequested = Signal()
    correctRequested = Signal()
    backRequested = Signal()

    def __init__(self, *, can_correct_id: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberDetail")
        self.setStyleSheet(DETAIL_STYLE)
        self.detail: MemberDetail | None = None
        base = QApplication.font()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        outer.setSpacing(8)
        self._build_header(outer, base, can_correct_id=can_correct_id)
        self._build_fields(outer)
        self._build_cap_box(outer, base)
        self._build_covers_table(outer, base)
        self._build_claims_table(outer, base)

    def _build_header(self, outer: QVBoxLayout, base: QFont, *, can_correct_id: bool) -> None:
        """The member's name and the buttons 返回结果, 编辑, 更正身份证号."""
        header = QHBoxLayout()
        self.name_label = QLabel()
        self.name_label.setObjectName("memberName")
        self.name_label.setFont(scaled(base, 1.5, bold=True))
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header.addWidget(self.name_label, 1)
        self.back_button = QPushButton(self.tr("返回结果"))
        self.back_button.setToolTip(self.tr("回到查找结果（Esc）"))
        self.back_button.clicked.connect(self.backRequested)
        self.edit_button = QPushButton(self.tr("编辑(&E)"))
        self.edit_button.setObjectName("editButton")
        self.edit_button.clicked.connect(self.editRequested)
        self.correct_button = QPushButton(self.tr("更正身份证号(&C)"))
        self.correct_button.setObjectName("correctButton")
        self.correct_button.clicked.connect(self.correctRequested)
        self.correct_button.setVisible(can_correct_id)
        for button in (self.back_button, self.edit_button, self.correct_button):
            button.setMinimumHeight(32)
            header.addWidget(button)
        outer.addLayout(header)

    def _build_fields(self, outer: QVBoxLayout) -> None:
        """The personal data, two label/value pairs a row."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        self.fields: dict[str, QLabel] = {}
        labels = [
            ("id_number", self.tr("身份证号码")),
            ("sex", self.tr("性别")),
            ("birth_date", self.tr("出生日期")),
            ("age", self.tr("年龄")),
            ("unit", self.tr("所在单位")),
            ("phone", self.tr("联系电话")),
            ("employee_no", self.tr("工号")),
            ("note", self.tr("备注")),
        ]
        for i, (key, text) in enumerate(labels):
            caption = QLabel(text + "：")
            caption.setProperty("class", "fieldLabel")
            value = QLabel()
            value.setObjectName(f"field_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            row, col = divmod(i, 2)
            grid.addWidget(caption, row, col * 2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, col * 2 + 1)
            self.fields[key] = value
        grid.setColumnMinimumWidth(1, 360)
        grid.setColumnStretch(3, 1)
        outer.addLayout(grid)

    def _build_cap_box(self, outer: QVBoxLayout, base: QFont) -> None:
        """What is left of this period's annual cap."""
        self.cap_box = QFrame()
        self.cap_box.setObjectName("capBox")
        cap_layout = QHBoxLayout(self.cap_box)
        cap_layout.setContentsMargins(12, 6, 12, 6)
        self.cap_label = QLabel()
        self.cap_label.setObjectName("capLabel")
        self.cap_label.setFont(scaled(base, 1.05, bold=True))
        self.cap_label.setWordWrap(True)
        cap_layout.addWidget(self.cap_label)
        outer.addWidget(self.cap_box)

    def _build_covers_table(self, outer: QVBoxLayout, base: QFont) -> None:
        """参保记录: every cover the member has had."""
        covers_title = QLabel(self.tr("参保记录"))
        covers_title.setFont(scaled(base, 1.1, bold=True))
        outer.addWidget(covers_title)
        self.covers_table = _table(
            [
                self.tr("计划"),
                self.tr("份数"),
                self.tr("互助金"),
                self.tr("保障开始"),
                self.tr("保障结束"),
                self.tr("连续参保"),
                self.tr("状态"),
            ],
            stretch=0,
        )
        self.covers_table.setObjectName("coversTable")
        covers_title.setBuddy(self.covers_table)
        outer.addWidget(self.covers_table, 1)

    def _build_claims_table(self, outer: QVBoxLayout, base: QFont) -> None:
        """理赔记录: the member's claims."""
        claims_title = QLabel(self.tr("理赔记录"))
        claims_title.setFont(scaled(base, 1.1, bold=True))
        outer.addWidget(claims_title)
        self.claims_table = _table(
            [
                self.tr("理赔编号"),
                self.tr("状态"),
                self.tr("住院/确诊日期"),
                self.tr("受理日期"),
                self.tr("测算金额"),
                self.tr("核准金额"),
            ],
            stretch=1,
        )
        self.claims_table.setObjectName("claimsTable")
        outer.addWidget(self.claims_table, 1)

    def show_detail(self, detail: MemberDetail) -> None:
        from mutualaid_desktop.domain.money import format_amount

        self.detail = detail
        self.name_label.setText(detail.name)
        unit = detail.unit_name or "—"
        if detail.unit_code:
            unit = f"{unit}（{detail.unit_code}）"
        values = {
            "id_number": detail.id_number,
            "sex": self.tr("男") if detail.sex == "male" else self.tr("女"),
            "birth_date": _date(detail.birth_date),
            "age": self.tr("{count}岁").format(count=detail.age),
            "unit": unit,
            "phone": detail.phone or "—",
            "employee_no": detail.employee_no or "—",
            "note": detail.note or "—",
        }
        for key, text in values.items():
            self.fields[key].setText(text)

        cap = detail.annual_cap
        if cap is None:
            self.cap_label.setText(self.tr("本期没有住院二次报销保障，无年度给付限额。"))
        elif cap.cap is None:
            self.cap_label.setText(
                self.tr("{plan}：年度给付限额 不限，本期已给付 {amount}").format(
                    plan=cap.plan_name, amount=format_amount(cap.used)
                )
            )
        else:
            self.cap_label.setText(
                self.tr("{plan}：年度限额 {cap}，已用 {amount}，剩余 {left}").format(
                    plan=cap.plan_name,
                    cap=format_amount(cap.cap),
                    amount=format_amount(cap.used),
                    left=format_amount(cap.remaining) if cap.remaining is not None else "—",
                )
            )

        self.covers_table.setRowCount(len(detail.covers))
        for row, c in enumerate(detail.covers):
            cells = [
                f"{c.plan_name}（{c.plan_code}）",
                str(c.shares),
                format_amount(c.premium),
                _date(c.cover_start),
                _date(c.cover_end),
                self.tr("是") if c.continuous else self.tr("否"),
                c.state_label,
            ]
            for col, text in enumerate(cells):
                self.covers_table.setItem(row, col, QTableWidgetItem(text))
        self.claims_table.setRowCount(len(detail.claims))
        for row, claim in enumerate(detail.claims):
            cells = [
                claim.claim_number,
                claim.status_label,
                _date(claim.event_date),
                _date(claim.received_on),
                format_amount(claim.quoted),
                format_amount(claim.approved) if claim.approved is not None else "—",
            ]
            for col, text in enumerate(cells):
                self.claims_table.setItem(row, col, QTableWidgetItem(text))
        if not detail.claims:
            self.claims_table.setRowCount(0)


class _FormDialog(SubmitDialog):
    """A small form with OK/Cancel and a line for the service's refusal. 保存 emits `submitted`;
    whoever opened the dialog saves (on the worker) and calls `saved()` or `show_error()`."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(DETAIL_STYLE)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.add_error_and_buttons(layout, self.tr("保存"), self.tr("取消"))


class MemberEditDialog(_FormDialog):
    """编辑会员资料: name, phone, unit code, employee number, note."""

    def __init__(self, detail: MemberDetail, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("编辑会员资料"), parent)
        self.name_edit = QLineEdit(detail.name)
        self.phone_edit = QLineEdit(detail.phone or "")
        self.unit_edit = QLineEdit(detail.unit_code or "")
        self.unit_edit.setPlaceholderText(self.tr("基层工会代码"))
        self.employee_edit = QLineEdit(detail.employee_no or "")
        self.note_edit = QPlainTextEdit(detail.note or "")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(70)
        id_label = QLabel(detail.id_number)
        self.form.addRow(self.tr("身份证号码："), id_label)
        self.form.addRow(self.tr("姓名(&N)："), self.name_edit)
        self.form.addRow(self.tr("联系电话(&P)："), self.phone_edit)
        self.form.addRow(self.tr("单位代码(&U)："), self.unit_edit)
        self.form.addRow(self.tr("工号(&W)："), self.employee_edit)
        self.form.addRow(self.tr("备注(&R)："), self.note_edit)
        self.name_edit.setFocus()
        self._original = self.values()

    def values(self) -> dict:
        return {
            "name": self.name_edit.text(),
            "phone": self.phone_edit.text(),
            "unit_code": self.unit_edit.text(),
            "employee_no": self.employee_edit.text(),
            "note": self.note_edit.toPlainText(),
        }

    def changes(self) -> dict:
        """Only what the clerk changed."""
        return {k: v for k, v in self.values().items() if v != self._original[k]}


class CorrectIdDialog(_FormDialog):
    """更正身份证号码 (supervisors): the new number and the reason, both required."""

    def __init__(self, detail: MemberDetail, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("更正身份证号码"), parent)
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("newIdNumber")
        self.number_edit.setMaxLength(24)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("correctReason")
        self.reason_edit.setPlaceholderText(self.tr("如：录入时抄错一位，已核对身份证原件"))
        hint = QLabel(self.tr("出生日期和性别将按新号码自动更正。此操作记入审计日志。"))
        hint.setWordWrap(True)
        self.form.addRow(self.tr("会员："), QLabel(f"{detail.name}  {detail.id_number}"))
        self.form.addRow(self.tr("新号码(&N)："), self.number_edit)
        self.form.addRow(self.tr("更正原因(&R)："), self.reason_edit)
        self.form.addRow(hint)
        self.number_edit.returnPressed.connect(self.reason_edit.setFocus)
        self.number_edit.setFocus()  # the field a supervisor types into first

    def values(self) -> tuple[str, str]:
        return self.number_edit.text(), self.reason_edit.text()
