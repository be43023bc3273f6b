"""The login dialog, which on a new database creates the first administrator instead.

Keyboard: Enter moves to the next field and, on the last one, submits; Esc closes the dialog.
Checking the password (a deliberately slow hash) runs on the background worker, so the dialog
stays responsive; the answer comes back as `user` and the dialog is accepted.

The dialog may be shown before its database is open (the program shows it at once and opens the
database in the background): it then waits, and `set_database()` brings it to life. On a
database without users it turns into "create the administrator": user name, display name,
password twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain.passwords import MIN_LENGTH, password_problem
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.fonts import scaled

if TYPE_CHECKING:  # importing the store at start-up would load SQLAlchemy before the first window
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner

MODE_OPENING = "opening"  # the database is still being opened
MODE_LOGIN = "login"
MODE_FIRST_RUN = "first_run"  # no users yet: create the administrator

ERROR_STYLE = "color: #b3261e;"
INFO_STYLE = "color: #555555;"


class LoginDialog(QDialog):
    """Asks who is at the counter; `user` holds the UserInfo once the dialog is accepted."""

    modeChanged = Signal(str)
    busyChanged = Signal(object)  # a bool; not Signal(bool): see background.py

    def __init__(
        self,
        db: Database | None = None,
        *,
        worker: TaskRunner,
        location: str | None = None,
        has_users: bool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.user: UserInfo | None = None
        self._db: Database | None = None
        self._mode = MODE_OPENING
        self._busy = False
        self._done = False
        self._submit_when_open = False
        self._worker = worker  # the window's task runner (app.py)
        self._location = location

        self.setObjectName("loginDialog")
        # the title is short: Qt adds the program's name (applicationDisplayName) after it
        self.setWindowTitle(self.tr("登录"))
        self.setModal(True)
        self.setMinimumWidth(480)
        self._build()
        self._set_mode(MODE_OPENING)
        self.username_edit.setFocus()
        if db is not None:
            self.set_database(db, has_users=has_users)

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        base = QApplication.font()
        outer = QVBoxLayout(self)
        # The dialog grows when it turns into "create the administrator"; it is resized then,
        # not given a new minimum size (which a shown window's platform may not support).
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        outer.setContentsMargins(32, 28, 32, 20)
        outer.setSpacing(14)

        self.title_label = QLabel(self.tr("互助保障柜台"))
        self.title_label.setObjectName("loginTitle")
        self.title_label.setFont(scaled(base, 1.7, bold=True))
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(self.title_label)

        self.subtitle_label = QLabel()
        self.subtitle_label.setObjectName("loginSubtitle")
        self.subtitle_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.subtitle_label.setWordWrap(True)
        self.subtitle_label.setFont(scaled(base, 1.1))
        outer.addWidget(self.subtitle_label)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        outer.addWidget(line)

        self.form = QFormLayout()
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(12)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.username_edit = self._line_edit("username", "")
        self.username_edit.setMaxLength(64)
        self.display_name_edit = self._line_edit("displayName", self.tr("如 张三"))
        self.display_name_edit.setMaxLength(64)
        self.password_edit = self._line_edit("password", "")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = self._line_edit("confirmPassword", self.tr("再输入一遍密码"))
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form.addRow(self.tr("用户名："), self.username_edit)
        self.form.addRow(self.tr("姓名："), self.display_name_edit)
        self.form.addRow(self.tr("密码："), self.password_edit)
        self.form.addRow(self.tr("确认密码："), self.confirm_edit)
        outer.addLayout(self.form)

        self.message_label = QLabel()
        self.message_label.setObjectName("loginMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setMinimumHeight(self.fontMetrics().height() * 2 + 4)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        outer.addWidget(self.message_label)

        self.buttons = QDialogButtonBox()
        self.submit_button = QPushButton(self.tr("登录"))
        self.submit_button.setObjectName("submitButton")
        self.cancel_button = QPushButton(self.tr("退出"))
        self.cancel_button.setObjectName("cancelButton")
        for button in (self.submit_button, self.cancel_button):
            button.setMinimumHeight(34)
            button.setMinimumWidth(110)
        self.buttons.addButton(self.submit_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        outer.addWidget(self.buttons)

        self.location_label = QLabel()
        self.location_label.setObjectName("databaseLocation")
        self.location_label.setFont(scaled(base, 0.85))
        self.location_label.setStyleSheet(INFO_STYLE)
        self.location_label.setWordWrap(True)
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.location_label)
        self._show_location()

    def _line_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(32)
        edit.setMinimumWidth(260)
        edit.installEventFilter(self)
        return edit

    def _show_location(self) -> None:
        location = self._location
        if location is None and self._db is not None:
            location = str(getattr(self._db, "path", None) or getattr(self._db, "url", "") or "")
        if location:
            self.location_label.setText(self.tr("数据库：{location}").format(location=location))
            self.location_label.setToolTip(location)
        self.location_label.setVisible(bool(location))

    # --- state ------------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return self._mode

    def fields(self) -> list[QLineEdit]:
        """The fields the current mode asks for, in keyboard order."""
        if self._mode == MODE_FIRST_RUN:
            return [self.username_edit, self.display_name_edit, self.password_edit, self.confirm_edit]
        return [self.username_edit, self.password_edit]

    def _set_mode(self, mode: str) -> None:
        self._mode = mode
        first_run = mode == MODE_FIRST_RUN
        self.form.setRowVisible(self.display_name_edit, first_run)
        self.form.setRowVisible(self.confirm_edit, first_run)
        if first_run:
            self.setWindowTitle(self.tr("首次使用"))
            self.subtitle_label.setText(
                self.tr("首次使用：请创建系统管理员账号。\n管理员以后可以为其他工作人员建立账号。")
            )
            self.username_edit.setPlaceholderText(self.tr("登录用的名字，如 zhangsan"))
            self.password_edit.setPlaceholderText(self.tr("至少 {count} 个字符").format(count=MIN_LENGTH))
            self.submit_button.setText(self.tr("创建管理员并登录"))
        else:
            self.setWindowTitle(self.tr("登录"))
            self.subtitle_label.setText(self.tr("请输入用户名和密码"))
            self.username_edit.setPlaceholderText("")
            self.password_edit.setPlaceholderText("")
            self.submit_button.setText(self.tr("登录"))
        if mode == MODE_OPENING:
            self._show_info(self.tr("正在打开数据库，请稍候…"))
        else:
            self._show_info("")
        self._update_enabled()
        self._fit()
        self.modeChanged.emit(mode)

    def _fit(self) -> None:
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        hint = layout.sizeHint()
        if self.isVisible():
            self.resize(max(self.width(), hint.width()), hint.height())
        else:
            self.setMinimumHeight(layout.minimumSize().height())
            self.resize(max(self.minimumWidth(), hint.width()), hint.height())

    def set_database(self, db: Database, *, has_users: bool | None = None) -> None:
        """The database is open: choose between logging in and creating the administrator."""
        self._db = db
        if has_users is None:
            from mutualaid_desktop.services.admin.users import has_users as _has_users

            has_users = _has_users(db)
        self._show_location()
        was_opening = self._mode == MODE_OPENING
        self._set_mode(MODE_LOGIN if has_users else MODE_FIRST_RUN)
        if self._mode == MODE_FIRST_RUN or not self.username_edit.text():
            self.username_edit.setFocus()
        if was_opening and self._submit_when_open and self._mode == MODE_LOGIN:
            self._submit_when_open = False
            self.submit()

    def _set_busy(self, busy: bool) -> None:
        if busy == self._busy:
            return
        self._busy = busy
        self._update_enabled()
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            QApplication.restoreOverrideCursor()
        self.busyChanged.emit(busy)

    def is_busy(self) -> bool:
        return self._busy

    def _update_enabled(self) -> None:
        for edit in (self.username_edit, self.display_name_edit, self.password_edit, self.confirm_edit):
            edit.setEnabled(not self._busy)
        self.submit_button.setEnabled(not self._busy and self._mode != MODE_OPENING)

    def _show_error(self, text: str) -> None:
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setText(text)

    def _show_info(self, text: str) -> None:
        self.message_label.setStyleSheet(INFO_STYLE)
        self.message_label.setText(text)

    def message(self) -> str:
        return self.message_label.text()

    # --- keyboard ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and isinstance(watched, QLineEdit)
        ):
            self._advance(watched)
            return True  # the dialog's default button must not also fire
        return super().eventFilter(watched, event)

    def _advance(self, edit: QLineEdit) -> None:
        fields = self.fields()
        if edit not in fields:
            return
        index = fields.index(edit)
        if index + 1 < len(fields):
            fields[index + 1].setFocus()
            fields[index + 1].selectAll()
        else:
            self.submit()

    # --- submitting -------------------------------------------------------------------------

    def submit(self) -> None:
        if self._busy or self._done:
            return
        if self._mode == MODE_OPENING:
            self._submit_when_open = True
            self._show_info(self.tr("正在打开数据库，请稍候…"))
            return
        if self._mode == MODE_FIRST_RUN:
            self._submit_first_admin()
        else:
            self._submit_login()

    def _refuse(self, text: str, field: QLineEdit, *, clear: tuple[QLineEdit, ...] = ()) -> None:
        for edit in clear:
            edit.clear()
        self._show_error(text)
        field.setFocus()
        field.selectAll()

    def _submit_login(self) -> None:
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not username:
            self._refuse(self.tr("请输入用户名。"), self.username_edit)
            return
        if not password:
            self._refuse(self.tr("请输入密码。"), self.password_edit)
            return
        from mutualaid_desktop.services.admin.users import authenticate

        self._show_info(self.tr("正在登录…"))
        self._set_busy(True)
        db = self._db
        assert db is not None  # out of MODE_OPENING: the database is open
        self._worker.operation(
            lambda: authenticate(db, username, password),
            parent=self,
            success=self._logged_in,
            failure=self._login_failed,
        )  # a write: the sign-in is audited

    def _login_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if self._done:
            return
        text = user_message(error, self.tr("登录时出现意外错误，请重试；如仍不行，请联系管理员。"))
        self._refuse(text, self.password_edit, clear=(self.password_edit,))

    def _submit_first_admin(self) -> None:
        username = self.username_edit.text().strip()
        display_name = self.display_name_edit.text().strip()
        password = self.password_edit.text()
        confirm = self.confirm_edit.text()
        if not username:
            self._refuse(self.tr("请填写管理员的用户名（登录时输入的名字）。"), self.username_edit)
            return
        if any(ch.isspace() for ch in username):
            self._refuse(self.tr("用户名中不能有空格，请修改。"), self.username_edit)
            return
        if not display_name:
            self._refuse(self.tr("请填写管理员的姓名，它会显示在窗口下方和打印的单据上。"), self.display_name_edit)
            return
        if not password:
            self._refuse(self.tr("请设置密码。"), self.password_edit)
            return
        problem = password_problem(password)
        if problem:
            if len(password) < MIN_LENGTH:
                problem = self.tr("密码至少需要 {count} 个字符，请重新输入。").format(count=MIN_LENGTH)
            self._refuse(problem, self.password_edit, clear=(self.password_edit, self.confirm_edit))
            return
        if not confirm:
            self._refuse(self.tr("请再输入一遍密码。"), self.confirm_edit)
            return
        if password != confirm:
            self._refuse(
                self.tr("两次输入的密码不一致，请重新输入。"),
                self.password_edit,
                clear=(self.password_edit, self.confirm_edit),
            )
            return
        from mutualaid_desktop.services.admin.users import create_first_admin

        self._show_info(self.tr("正在创建管理员…"))
        self._set_busy(True)
        db = self._db
        assert db is not None  # out of MODE_OPENING: the database is open
        self._worker.operation(
            lambda: create_first_admin(db, username, display_name, password),
            parent=self,
            success=self._logged_in,
            failure=self._create_failed,
        )

    def _create_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if self._done:
            return
        text = user_message(error, self.tr("创建管理员时出现意外错误，请重试；如仍不行，请联系技术支持。"))
        self._refuse(text, self.username_edit)

    def _logged_in(self, user: Any) -> None:
        self._set_busy(False)
        if self._done:
            return
        self.user = user
        self.accept()

    # --- closing ----------------------------------------------------------------------------

    def done(self, result: int) -> None:  # accept() and reject() both end here
        self._done = True
        if self._busy:
            self._busy = False
            QApplication.restoreOverrideCursor()
        super().done(result)
