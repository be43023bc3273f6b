"""设置 → 纸面文字: the text blocks of the papers that are not rules.

- 温馨提示 (member leaflet): the greeting at its top and the footer line (services/leaflet);
  预览温馨提示… makes the leaflet of a chosen plan and shows it. With the texts as saved it is recorded as
  a handout (打印记录: 温馨提示, the plan code, 第 n 份) and printing it from the preview fills its printer;
  while the greeting or footer in the editors differ from the saved ones, the preview shows them as
  typed (a draft: services/leaflet.draft_leaflet, neither saved nor recorded) and cannot be printed
  until they are saved.
- 续保提示单 (renewal reminder): how to pay (services/paper_texts, printed on one line).
- 通报 (the monthly bulletin): its closing text (结束语, services/paper_texts), a paragraph.
Each has a length limit (counted as typed); an empty text goes back to the default, and the page
says so. The counter's address, phone and hours are printed on these papers too but are kept on
the 柜台信息 tab: this page says so and offers a way there (`counter_info_requested`).
Supervisors and administrators change the texts; anyone may preview.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.services.changes import PLANS, SETTINGS
from mutualaid_desktop.services.permissions import may
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR
from mutualaid_desktop.ui.enrollment import payment_dialog
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.store.database import Database


def _load(db):
    from mutualaid_desktop.services.admin.plans import list_plans
    from mutualaid_desktop.services.papers.paper_texts import get_paper_texts

    return get_paper_texts(db), list_plans(db)


def _make_draft(db, code: str, greeting: str, footer: str):
    """(on a worker) the leaflet with the texts as typed, not saved: its Path."""
    from mutualaid_desktop.services.papers.leaflet import LeafletTexts, draft_leaflet

    return draft_leaflet(db, code, LeafletTexts(greeting=greeting, footer=footer))


def open_draft_pdf(path, parent) -> None:
    """A draft shown in the preview, which does not print it."""
    from PySide6.QtCore import QCoreApplication

    from mutualaid_desktop.ui.papers.paper_preview import PaperPreviewDialog

    reason = QCoreApplication.translate(
        "PaperTextsPage", "这是按尚未保存的文字生成的草稿，只供查看；保存后再预览即可打印。"
    )
    PaperPreviewDialog(path, parent, not_printable=reason).exec()


def _make_leaflet(db, user, code: str):
    """(on a worker) the leaflet made and recorded as a handout: (PaperRecord, Path)."""
    from mutualaid_desktop.services.papers.printed_papers import make_paper

    return make_paper(db, user, kind="member_leaflet", serial=code)


class PaperTextsPage(CounterPage):
    loaded = Signal()
    saved = Signal(object)  # PaperTexts
    counter_info_requested = Signal()  # 转到柜台信息: the settings page shows that tab
    preview_ready = Signal(object)  # the leaflet's Path, just before it is shown

    def __init__(self, db: Database, user: UserInfo, *, worker: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(db, user, worker=worker, parent=parent)
        self.setObjectName("paperTextsPage")
        self.may_edit = may(user, "edit_paper_texts")
        self._texts = None
        layout = self._build_scroll()
        self._build_leaflet_box(layout)
        self._build_reminder_box(layout)
        self._build_bulletin_box(layout)
        self._watch_limits()
        self._build_pointer(layout)
        self._build_save_row(layout)
        self._apply_permission()
        self.reload()

    # --- construction -----------------------------------------------------------------------

    def _build_scroll(self) -> QVBoxLayout:
        """The page's content in a scroll area; returns the content's layout."""
        content = QWidget()
        content.setObjectName("paperTextsContent")
        layout = QVBoxLayout(content)
        scroll = QScrollArea()  # on a low screen the page scrolls rather than squeezing its editors
        scroll.setObjectName("paperTextsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a container: the fields take the focus
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        return layout

    def _build_leaflet_box(self, layout: QVBoxLayout) -> None:
        """温馨提示: its greeting, its footer and a preview for a plan."""
        leaflet_box = QGroupBox(self.tr("温馨提示（发给会员的保障说明）"))
        leaflet_form = QFormLayout(leaflet_box)
        self.greeting_edit = QPlainTextEdit()
        self.greeting_edit.setObjectName("greetingEdit")
        self.greeting_edit.setTabChangesFocus(True)
        self.greeting_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.greeting_count = self._counter("greetingCount")
        leaflet_form.addRow(self.tr("开头问候语"), self._with_count(self.greeting_edit, self.greeting_count))
        self.footer_edit = QLineEdit()
        self.footer_edit.setObjectName("footerEdit")
        self.footer_count = self._counter("footerCount")
        leaflet_form.addRow(self.tr("页脚说明"), self._with_count(self.footer_edit, self.footer_count))
        preview_row = QHBoxLayout()
        self.plan_combo = QComboBox()
        self.plan_combo.setObjectName("planCombo")
        self.plan_combo.setMinimumWidth(320)
        preview_row.addWidget(self.plan_combo, 1)
        self.preview_button = QPushButton(self.tr("预览温馨提示…"))
        self.preview_button.setObjectName("previewButton")
        self.preview_button.clicked.connect(self.preview_leaflet)
        preview_row.addWidget(self.preview_button)
        leaflet_form.addRow(self.tr("按计划预览"), preview_row)
        layout.addWidget(leaflet_box)

    def _build_reminder_box(self, layout: QVBoxLayout) -> None:
        """续保提示单: how to pay."""
        reminder_box = QGroupBox(self.tr("续保提示单（发给各单位）"))
        reminder_form = QFormLayout(reminder_box)
        self.payment_edit = QPlainTextEdit()
        self.payment_edit.setObjectName("paymentEdit")
        self.payment_edit.setTabChangesFocus(True)
        self.payment_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 12)
        self.payment_count = self._counter("paymentCount")
        reminder_form.addRow(self.tr("缴费方式说明"), self._with_count(self.payment_edit, self.payment_count))
        layout.addWidget(reminder_box)

    def _build_bulletin_box(self, layout: QVBoxLayout) -> None:
        """通报: the closing text after the figures."""
        box = QGroupBox(self.tr("通报（每月各县区进展情况）"))
        form = QFormLayout(box)
        self.bulletin_edit = QPlainTextEdit()
        self.bulletin_edit.setObjectName("bulletinClosingEdit")
        self.bulletin_edit.setTabChangesFocus(True)
        self.bulletin_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.bulletin_count = self._counter("bulletinClosingCount")
        form.addRow(self.tr("结束语"), self._with_count(self.bulletin_edit, self.bulletin_count))
        layout.addWidget(box)

    def _watch_limits(self) -> None:
        """Each editor's length limit and count label, and its key in PaperTexts."""
        from mutualaid_desktop.services.papers.leaflet import FOOTER_LIMIT, GREETING_LIMIT
        from mutualaid_desktop.services.papers.paper_texts import BULLETIN_CLOSING_LIMIT, PAYMENT_TEXT_LIMIT

        self._limits: dict[QPlainTextEdit | QLineEdit, tuple[int, QLabel]] = {
            self.greeting_edit: (GREETING_LIMIT, self.greeting_count),
            self.footer_edit: (FOOTER_LIMIT, self.footer_count),
            self.payment_edit: (PAYMENT_TEXT_LIMIT, self.payment_count),
            self.bulletin_edit: (BULLETIN_CLOSING_LIMIT, self.bulletin_count),
        }
        self._keys: dict[QPlainTextEdit | QLineEdit, str] = {
            self.greeting_edit: "greeting",
            self.footer_edit: "footer",
            self.payment_edit: "payment",
            self.bulletin_edit: "bulletin_closing",
        }
        for editor in self._keys:
            editor.textChanged.connect(self._update_counts)

    def _build_pointer(self, layout: QVBoxLayout) -> None:
        """The hint on empty texts, and the pointer to 柜台信息."""
        self.hint_label = QLabel(self.tr("留空后保存，即恢复默认文字。换行和多余的空格不保留。"))
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.setWordWrap(True)
        layout.addWidget(self.hint_label)
        pointer = QHBoxLayout()
        self.pointer_label = QLabel(
            self.tr("柜台地址、咨询电话和办公时间也印在这些纸面上，它们在“柜台信息”一页修改，这里不重复。")
        )
        self.pointer_label.setObjectName("pointerLabel")
        self.pointer_label.setWordWrap(True)
        pointer.addWidget(self.pointer_label, 1)
        self.counter_info_button = QPushButton(self.tr("转到柜台信息"))
        self.counter_info_button.setObjectName("counterInfoButton")
        self.counter_info_button.clicked.connect(lambda: self.counter_info_requested.emit())
        pointer.addWidget(self.counter_info_button)
        layout.addLayout(pointer)

    def _build_save_row(self, layout: QVBoxLayout) -> None:
        """保存 and the message line under it."""
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

    def _apply_permission(self) -> None:
        """Read-only, with a note saying who edits, for a clerk who may not."""
        for widget in (self.greeting_edit, self.footer_edit, self.payment_edit, self.bulletin_edit):
            widget.setReadOnly(not self.may_edit)
        self.save_button.setEnabled(False)
        if not self.may_edit:
            self.message_label.setText(self.tr("纸面文字由主管或管理员修改；您可以预览。"))

    # --- helpers ----------------------------------------------------------------------------

    def _counter(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        return label

    def _with_count(self, editor: QWidget, count: QLabel) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(editor)
        box.addWidget(count)
        return box

    def _text(self, editor) -> str:
        return editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()

    def _update_counts(self) -> None:
        from mutualaid_desktop.services.papers.paper_texts import typed_paper_text

        for editor, (limit, label) in self._limits.items():
            kept, problem = typed_paper_text(self._keys[editor], self._text(editor))
            n = len(kept)
            if problem:
                label.setText(problem)
                label.setStyleSheet(f"color: {ERROR_COLOR}")
            elif n == 0:
                label.setText(self.tr("（空：保存后恢复默认文字）"))
                label.setStyleSheet("")
            elif n > limit:
                label.setText(
                    self.tr("{count}/{limit} 字，超出 {over} 字，请缩短").format(count=n, limit=limit, over=n - limit)
                )
                label.setStyleSheet(f"color: {ERROR_COLOR}")
            else:
                label.setText(self.tr("{count}/{limit} 字").format(count=n, limit=limit))
                label.setStyleSheet("")
        if self.may_edit:
            self.save_button.setEnabled(self._texts is not None and bool(self.changes()))

    # --- loading ----------------------------------------------------------------------------

    shows = frozenset({PLANS, SETTINGS})

    def reload_for(self, changes) -> None:
        if self._texts is None or not self.changes():  # never over texts being edited
            self.reload()

    def reload(self) -> None:
        self._worker.submit(_load, self._db, on_result=self._loaded, on_error=self._failed, context=self)

    def _loaded(self, result) -> None:
        texts, plans = result
        chosen = self.plan_combo.currentData()
        self.plan_combo.clear()
        for p in plans:
            self.plan_combo.addItem(f"{p.code}  {p.name}", p.code)
        if chosen is not None and self.plan_combo.findData(chosen) >= 0:
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(chosen))
        self.preview_button.setEnabled(bool(plans))
        if not plans:
            self.plan_combo.setPlaceholderText(self.tr("还没有计划"))
        self._show(texts)
        self.loaded.emit()

    def _show(self, texts) -> None:
        self._texts = texts
        self.greeting_edit.setPlainText(texts.greeting)
        self.footer_edit.setText(texts.footer)
        self.payment_edit.setPlainText(texts.payment)
        self.bulletin_edit.setPlainText(texts.bulletin_closing)
        self._update_counts()

    def _failed(self, error: BaseException) -> None:
        self.message_label.setText(user_message(error, self.tr("读取纸面文字时出现意外错误。")))

    # --- saving -----------------------------------------------------------------------------

    def changes(self) -> dict:
        """The texts changed since they were loaded: {greeting|footer|payment|bulletin_closing: text}."""
        from mutualaid_desktop.services.papers.paper_texts import typed_paper_text

        if self._texts is None:
            return {}
        out = {}
        for editor, key in self._keys.items():
            text = self._text(editor)
            if typed_paper_text(key, text)[0] != typed_paper_text(key, getattr(self._texts, key))[0]:
                out[key] = text
        return out

    @Slot()
    def save(self) -> None:
        from mutualaid_desktop.services.papers.paper_texts import save_paper_texts

        changes = self.changes()
        if not self.may_edit:
            return
        if not changes:
            self.message_label.setText(self.tr("没有修改。"))
            return
        self.save_button.setEnabled(False)
        self._worker.submit(
            save_paper_texts,
            self._db,
            self._user,
            **changes,
            context=self,
            on_result=lambda texts: self._saved(texts, changes),
            on_error=self._save_failed,
        )

    def _saved(self, texts, changes: dict) -> None:
        self._show(texts)
        from mutualaid_desktop.services.papers.paper_texts import typed_paper_text

        labels = {
            "greeting": self.tr("问候语"),
            "footer": self.tr("页脚说明"),
            "payment": self.tr("缴费方式说明"),
            "bulletin_closing": self.tr("通报结束语"),
        }
        reset = [labels[key] for key, text in changes.items() if not typed_paper_text(key, text)[0]]
        message = self.tr("已保存。")
        if reset:
            message += self.tr("{name}留空，已恢复为默认文字。").format(name="、".join(reset))
        self.message_label.setText(message)
        self.saved.emit(texts)

    def _save_failed(self, error: BaseException) -> None:
        self._update_counts()
        self.message_label.setText(user_message(error, self.tr("保存没有成功，文字未改动。")))

    # --- preview ----------------------------------------------------------------------------

    @Slot()
    def preview_leaflet(self) -> None:
        code = self.plan_combo.currentData()
        if code is None:
            self.message_label.setText(self.tr("请先选一个计划。"))
            return
        self.preview_button.setEnabled(False)
        if {"greeting", "footer"} & set(self.changes()):  # the texts as typed, a draft
            self.message_label.setText(self.tr("正在按编辑框里尚未保存的文字生成预览…"))
            self._worker.submit(
                _make_draft,
                self._db,
                code,
                self.greeting_edit.toPlainText(),
                self.footer_edit.text(),
                context=self,
                on_result=self._show_draft,
                on_error=self._preview_failed,
            )
            return
        self.message_label.setText(self.tr("正在生成温馨提示…"))
        self._worker.submit(
            _make_leaflet,
            self._db,
            self._user,
            code,
            context=self,
            on_result=self._show_leaflet,
            on_error=self._preview_failed,
        )

    def _show_draft(self, path) -> None:
        self.preview_button.setEnabled(True)
        self.message_label.setText(
            self.tr("预览按编辑框里尚未保存的文字生成（草稿，不能打印，也不登记）；保存后再预览即可打印。")
        )
        self.preview_ready.emit(path)
        open_draft_pdf(path, self)

    def _show_leaflet(self, result) -> None:
        from mutualaid_desktop.services.papers.printed_papers import printer_recorder

        record, path = result
        self.preview_button.setEnabled(True)
        self.message_label.setText(" ")
        self.preview_ready.emit(path)
        payment_dialog.open_pdf(
            path,
            on_printed=printer_recorder(self._db, self._user, record_id=record.id, kind=record.kind),
            runner=self._worker,
        )

    def _preview_failed(self, error: BaseException) -> None:
        self.preview_button.setEnabled(True)
        self.message_label.setText(user_message(error, self.tr("没能生成温馨提示。")))
