"""会员: one search box, the results, and a member's page in the same screen.

Typing searches as you type (after a short pause); an ID-card or barcode reader types the whole
number and presses Enter, which opens that member at once. Everything works from the keyboard:
Down or Enter moves from the box to the results, Enter on a result opens the member, Esc goes
back, Ctrl+F returns to the search box.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import CLAIMS, ENROLLMENTS, MEMBERS, PAYMENTS, PLANS, UNITS
from mutualaid_desktop.services.permissions import may
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.widgets import delete_closed_dialogs
from mutualaid_desktop.ui.enrollment.member_detail import CorrectIdDialog, MemberDetailView, MemberEditDialog
from mutualaid_desktop.ui.enrollment.member_table_model import (
    COL_AGE,
    COL_COVER,
    COL_ID_NUMBER,
    COL_NAME,
    COL_PHONE,
    COL_SEX,
    COL_UNIT,
    MemberTableModel,
)
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.fonts import scaled
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.enrollment.members import MemberDetail
    from mutualaid_desktop.store.database import Database

DEBOUNCE_MS = 150
PAGE_STYLE = """
QLabel#statusLabel { color: #5f6b7a; }
QLabel#errorLabel { color: #b3261e; }
"""


class MembersPage(CounterPage):
    detailLoaded = Signal(object)  # MemberDetail
    searchFinished = Signal(int)  # rows shown after a page arrived
    memberSaved = Signal(object)  # MemberDetail after an edit or a correction
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        user: UserInfo,
        *,
        worker: TaskRunner,
        today: Callable[[], date] = clock.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, user, worker=worker, parent=parent, today=today)
        self.setObjectName("membersPage")
        self._open_exact = False
        self._dialog = None
        self.model = MemberTableModel(db, worker=worker, today=today, parent=self)
        self._build()
        self.model.pageLoaded.connect(self._page_loaded)
        self.model.searchFailed.connect(self._show_error)
        self.model.loadingChanged.connect(self._loading_changed)

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.setStyleSheet(PAGE_STYLE)
        outer = self.page_layout(self.tr("会员"))
        self._build_search_row(outer)
        self._build_status(outer)
        self.stack = QStackedWidget()
        self._build_results_table()
        self._build_detail_view()
        outer.addWidget(self.stack, 1)
        self._connect_search()
        self._build_shortcuts()
        self.setFocusProxy(self.search_edit)

    def _build_search_row(self, outer: QVBoxLayout) -> None:
        base = QApplication.font()
        row = QHBoxLayout()
        label = QLabel(self.tr("查找(&S)："))
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(
            self.tr("身份证号码（全部、开头或后4-6位）、姓名或电话号码；可直接刷身份证")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setFont(scaled(base, 1.15))
        self.search_edit.setMinimumHeight(36)
        label.setBuddy(self.search_edit)
        row.addWidget(label)
        row.addWidget(self.search_edit, 1)
        outer.addLayout(row)

    def _build_status(self, outer: QVBoxLayout) -> None:
        self.status_label = QLabel(self.tr("输入后自动查找。"))
        self.status_label.setObjectName("statusLabel")
        outer.addWidget(self.status_label)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        outer.addWidget(self.error_label)

    def _build_results_table(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("resultsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        widths = {
            COL_NAME: 110,
            COL_ID_NUMBER: 200,
            COL_SEX: 56,
            COL_AGE: 56,
            COL_UNIT: 300,
            COL_PHONE: 130,
            COL_COVER: 190,
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(COL_UNIT, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        self.stack.addWidget(self.table)

    def _build_detail_view(self) -> None:
        self.detail_view = MemberDetailView(can_correct_id=may(self._user, "correct_id_number"))
        self.detail_view.editRequested.connect(self.edit_member)
        self.detail_view.correctRequested.connect(self.correct_id_number)
        self.detail_view.backRequested.connect(self.show_results)
        self.stack.addWidget(self.detail_view)

    def _connect_search(self) -> None:
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._search_now)
        self.search_edit.textEdited.connect(self._text_edited)
        self.search_edit.textChanged.connect(self._text_changed)
        self.search_edit.returnPressed.connect(self._enter_pressed)
        self.search_edit.installEventFilter(self)
        self.table.installEventFilter(self)

    def _build_shortcuts(self) -> None:
        shortcut = QShortcut(
            QKeySequence.StandardKey.Find,
            self,
            self.focus_search,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        shortcut.setObjectName("findShortcut")
        back = QShortcut(
            QKeySequence(Qt.Key.Key_Escape),
            self.detail_view,
            self.show_results,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        back.setObjectName("backShortcut")

    # --- searching --------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.show_results()
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _text_edited(self, _text: str) -> None:
        self._open_exact = False
        self._debounce.start()

    def _text_changed(self, text: str) -> None:
        if not text.strip():  # cleared (the clear button, Esc): no search
            self._debounce.stop()
            self.model.clear()
            self.status_label.setText(self.tr("输入后自动查找。"))

    def _search_now(self) -> None:
        self._debounce.stop()
        self.error_label.setVisible(False)
        text = self.search_edit.text()
        if text.strip() == self.model.query and not self._open_exact and self.model.rowCount():
            return
        self.show_results()
        self.model.search(text)

    def search(self, text: str) -> None:
        """Search for `text` at once (as if typed and paused)."""
        self.search_edit.setText(text)
        self._search_now()

    def _enter_pressed(self) -> None:
        from mutualaid_desktop.services.enrollment.members import full_id_number

        text = self.search_edit.text()
        if full_id_number(text):  # a card reader (or a clerk) gave a whole number: open it
            self._open_exact = True
            self.model.search(text)
            self.show_results()
            return
        if self._debounce.isActive() or text.strip() != self.model.query:
            self._search_now()
        if self.model.rowCount():
            self._focus_results()

    def _page_loaded(self, generation: int, count: int) -> None:
        if generation != self.model.generation:
            return
        self.searchFinished.emit(count)
        more = self.tr("，向下滚动查看更多") if self.model.canFetchMore() else ""
        if count == 0:
            self.status_label.setText(self.tr("没有找到与「{name}」相符的会员。").format(name=self.model.query))
        else:
            self.status_label.setText(self.tr("找到 {count} 人{more}").format(count=count, more=more))
        if self._open_exact:
            self._open_exact = False
            first = self.model.row(0)
            if first is not None and first.exact:
                self.open_member(first.id)
            elif count == 0:
                self.status_label.setText(self.tr("没有身份证号码为 {name} 的会员。").format(name=self.model.query))

    def _loading_changed(self, loading) -> None:
        if loading and self.model.rowCount() == 0:
            self.status_label.setText(self.tr("正在查找…"))

    def _focus_results(self) -> None:
        self.show_results()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search_edit:
                if key == Qt.Key.Key_Down and self.model.rowCount():
                    self._focus_results()
                    return True
                if key == Qt.Key.Key_Escape and self.search_edit.text():
                    self.search_edit.clear()
                    return True
            elif watched is self.table:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.currentIndex().isValid():
                    self._open_index(self.table.currentIndex())
                    return True
                if key == Qt.Key.Key_Escape or (key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0):
                    self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)
                    return True
        return super().eventFilter(watched, event)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(True)
        self.failed.emit(message)

    # --- a member's page --------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row(index.row())
        if row is not None:
            self.open_member(row.id)

    def open_member(self, member_id: int) -> None:
        from mutualaid_desktop.services.enrollment.members import member_detail

        self._worker.submit(
            member_detail,
            self._db,
            member_id,
            self._today(),
            on_result=self._detail_arrived,
            on_error=lambda e: self._show_error(user_message(e, self.tr("读取会员资料时出现意外错误。"))),
            context=self,
        )

    def _detail_arrived(self, detail: MemberDetail) -> None:
        self.error_label.setVisible(False)
        self.detail_view.show_detail(detail)
        self.stack.setCurrentWidget(self.detail_view)
        self.detail_view.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.detailLoaded.emit(detail)

    def show_results(self) -> None:
        if self.stack.currentWidget() is not self.table:
            self.stack.setCurrentWidget(self.table)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_detail(self) -> MemberDetail | None:
        return self.detail_view.detail if self.stack.currentWidget() is self.detail_view else None

    # --- changed elsewhere ------------------------------------------------------------------

    shows = frozenset({MEMBERS, ENROLLMENTS, UNITS, PLANS, CLAIMS, PAYMENTS})  # found people; a member's page

    def reload_for(self, changes) -> None:
        from mutualaid_desktop.services.enrollment.members import member_detail

        if self.model.query:  # the same search again (the focus stays where it is)
            self.model.search(self.model.query)
        detail = self.current_detail()
        if detail is not None:
            self._worker.submit(
                member_detail,
                self._db,
                detail.id,
                self._today(),
                context=self,
                on_result=self.detail_view.show_detail,
                on_error=lambda _e: None,
            )

    # --- editing ----------------------------------------------------------------------------

    def edit_member(self) -> None:
        detail = self.current_detail()
        if detail is None:
            return
        from mutualaid_desktop.services.enrollment.members import update_member

        dialog = MemberEditDialog(detail, self)
        dialog.setObjectName("memberEditDialog")

        def submit() -> None:
            changes = dialog.changes()
            if not changes:
                dialog.saved()
                return
            self._run_dialog(dialog, update_member, self._db, self._user, detail.id, changes)

        dialog.submitted.connect(submit)
        self._show_dialog(dialog)

    def correct_id_number(self) -> None:
        detail = self.current_detail()
        if detail is None or not may(self._user, "correct_id_number"):
            return
        from mutualaid_desktop.services.enrollment.members import correct_id_number

        dialog = CorrectIdDialog(detail, self)
        dialog.setObjectName("correctIdDialog")

        def submit() -> None:
            number, reason = dialog.values()
            self._run_dialog(dialog, correct_id_number, self._db, self._user, detail.id, number, reason)

        dialog.submitted.connect(submit)
        self._show_dialog(dialog)

    def _show_dialog(self, dialog) -> None:
        delete_closed_dialogs(self, dialog)
        self._dialog = dialog
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        self.detail_view.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def dialog(self):
        """The edit or correction dialog while it is open (for tests and the main window)."""
        return self._dialog

    def _run_dialog(self, dialog, fn, *args) -> None:
        def done(detail: MemberDetail) -> None:
            dialog.saved()
            self.detail_view.show_detail(detail)
            self.memberSaved.emit(detail)
            if self.model.query:  # the results show the new name/number too
                self.model.search(self.model.query)

        def refused(error: BaseException) -> None:
            dialog.show_error(user_message(error, self.tr("保存时出现意外错误，资料没有改动。")))

        self._worker.submit(fn, *args, on_result=done, on_error=refused, context=dialog)
