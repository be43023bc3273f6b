"""The plan editor of 设置 → 计划: a plan file's text, 检查 and 保存 (services/plans)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.ui.common.widgets import ERROR_COLOR, SubmitDialog
from mutualaid_desktop.ui.shell.background import Worker, user_message

if TYPE_CHECKING:
    from mutualaid_desktop.store.database import Database

_SECTIONS = ("reimbursement", "lump_sum")


def error_line(text: str, field: str | None, message: str) -> int | None:
    """The line (0-based) of `text` a plan error is about: the line named in a syntax error, else
    the line that sets the field (in its [section] for reimbursement.* / lump_sum.*); None when the
    field is not written (a missing field)."""
    where = re.search(r"第(\d+)行", message or "")
    lines = text.splitlines()
    if field is None:
        return int(where.group(1)) - 1 if where and int(where.group(1)) <= len(lines) else None
    parts = [re.sub(r"\[\d+\]$", "", part) for part in field.split(".")]
    start = 0
    section = None
    if len(parts) > 1 and parts[0] in _SECTIONS:
        section = parts[0]
        header = re.compile(rf"^\s*\[{section}\]")
        found = next((i for i, line in enumerate(lines) if header.match(line)), None)
        if found is None:
            return None
        start = found + 1
        parts = parts[1:]
    key = re.compile(rf"^\s*\"?{re.escape(parts[0])}\"?\s*=")
    for i in range(start, len(lines)):
        if section is None and re.match(r"^\s*\[", lines[i]):
            break
        if section is not None and i > start and re.match(r"^\s*\[(?!\[)", lines[i]):
            break
        if key.match(lines[i]):
            return i
    if section is not None:
        return start - 1  # the section itself (e.g. an unknown field in it)
    return None


class PlanEditorDialog(SubmitDialog):
    """A plan's text in a monospace editor: 检查 (without saving, as 保存 checks it: also a code
    that exists), 保存 (emits `submitted`: the page checks it, asks to confirm its rules and adds
    it), 取消. `source` is the code of the plan it was copied from (None for a file)."""

    checked = Signal()  # 检查 passed
    refused = Signal()  # 检查 or 保存 refused the text

    def __init__(
        self,
        text: str,
        *,
        title: str,
        intro: str,
        source: str | None = None,
        parent: QWidget | None = None,
        db: Database | None = None,
        worker: Worker | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planEditorDialog")
        self.source = source
        self._db = db
        self._worker = worker
        self.setWindowTitle(title)
        self.resize(760, 640)
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(intro)
        self.intro_label.setObjectName("introLabel")
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("planEditor")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), self.font().pointSizeF()))
        self.editor.setFont(font)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setTabChangesFocus(True)
        self.editor.setPlainText(text)
        self.editor.textChanged.connect(self._edited)
        layout.addWidget(self.editor, 1)
        row = QHBoxLayout()
        self.check_button = QPushButton(self.tr("检查"))
        self.check_button.setObjectName("checkButton")
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.check)
        row.addWidget(self.check_button)
        self.check_label = QLabel(" ")
        self.check_label.setObjectName("checkLabel")
        self.check_label.setWordWrap(True)
        row.addWidget(self.check_label, 1)
        layout.addLayout(row)
        self.add_error_and_buttons(layout, self.tr("保存为新计划"), self.tr("取消"))
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR}")
        self.editor.setFocus()

    def text(self) -> str:
        return self.editor.toPlainText()

    def reject(self) -> None:
        """取消/Esc: a text that was edited is given up only when the clerk says so."""
        if self.editor.document().isModified() and self.buttons.isEnabled():
            answer = QMessageBox.question(
                self,
                self.tr("放弃修改"),
                self.tr("编辑过的计划文件还没有保存，确定放弃吗？"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().reject()

    def _edited(self) -> None:
        self.editor.setExtraSelections([])
        self.check_label.setText(" ")

    @Slot()
    def check(self) -> None:
        """Check the text as 保存 would (nothing saved; on the worker: the code is looked up):
        its summary, or the error at its line."""
        from mutualaid_desktop.services.admin.plans import check_plan_text

        if self._worker is None or self._db is None:
            return
        self.check_label.setText(self.tr("正在检查…"))
        self._worker.submit(
            check_plan_text, self._db, self.text(), context=self, on_result=self.show_check, on_error=self.show_refusal
        )

    def show_check(self, result) -> None:
        from mutualaid_desktop.domain.money import format_amount

        summary = result.summary
        self.error_label.setVisible(False)
        kinds = {"reimbursement": self.tr("住院二次报销"), "lump_sum": self.tr("定额给付")}
        self.check_label.setText(
            self.tr("检查通过：{code} {name}，{kind}，每份 {amount}，{start} 至 {end}。").format(
                code=summary.code,
                name=summary.name,
                kind=kinds.get(summary.kind, summary.kind),
                amount=format_amount(summary.premium_per_share),
                start=summary.period_start.isoformat(),
                end=summary.period_end.isoformat(),
            )
        )
        self.checked.emit()

    def show_refusal(self, error: BaseException) -> None:
        """A refusal of 检查 or 保存: a plan error at its line, else the message (a code taken)."""
        from mutualaid_desktop.domain.errors import InputError

        self.check_label.setText(" ")
        if isinstance(error, InputError):
            self.show_plan_error(error)
        else:
            self.show_error(user_message(error, self.tr("保存没有成功，没有添加计划。")))
        self.refused.emit()

    def confirm_rules(self, result) -> bool:
        """Before 保存: the plan's rules, to be confirmed (No is the default)."""
        from mutualaid_desktop.ui.common.confirm import ask

        return ask(
            self,
            self.tr("确认保存计划"),
            self.tr("请核对计划 {code} 的规则。保存后不能修改（已参保和理赔都按它计算）。").format(
                code=result.summary.code
            ),
            "\n".join(result.lines),
            yes=self.tr("确认保存"),
            no=self.tr("返回修改"),
        )

    def show_plan_error(self, error) -> None:
        """A refusal of the text: the message (it names the field) and the cursor on its line."""
        self.show_error(self.tr("计划文件有误，未保存：{reason}").format(reason=error.message))
        line = error_line(self.text(), error.field, error.message)
        if line is None:
            return
        block = self.editor.document().findBlockByNumber(line)
        cursor = QTextCursor(block)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        mark = QTextEdit.ExtraSelection()
        mark.format.setBackground(QColor("#fde2e1"))
        mark.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        mark.cursor = cursor
        self.editor.setExtraSelections([mark])
        self.editor.setFocus()
