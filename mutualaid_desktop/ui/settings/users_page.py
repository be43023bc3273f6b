"""设置 → 用户: the counter's accounts, kept by an administrator.

A table of every account (user name, name, role, in use; deactivated ones greyed); 新增 adds one
(user name, name, role, the password twice), 更改角色 changes the chosen account's role, 停用/启用
takes it out of use or back (after a confirmation: accounts are never deleted, their names stand
in the audit log), 重设密码 sets a new password (twice). Only administrators change accounts; the
services check it again and refuse (the last administrator, one's own account) with a message
that the dialog shows while it stays open. Loads and saves on the worker.

Keyboard: the buttons have mnemonics; in the dialogs Enter goes from field to field and, in the
last one, saves; Esc cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.services.changes import USERS
from mutualaid_desktop.services.permissions import may, why_not
from mutualaid_desktop.ui.common.counter_page import ChangesAware
from mutualaid_desktop.ui.common.list_table_model import ListTableModel
from mutualaid_desktop.ui.common.role_names import role_name, role_names
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR, SubmitDialog, delete_closed_dialogs
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo, UserRow
    from mutualaid_desktop.store.database import Database

INACTIVE_COLOR = "#8a8f98"


class UsersModel(ListTableModel):
    """用户名 姓名 角色 状态; a deactivated account is greyed."""

    USERNAME, NAME, ROLE, STATE = range(4)

    def __init__(self, parent=None) -> None:
        super().__init__(parent=parent)
        self.headers = [self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("状态")]
        self._roles = role_names()

    def display(self, u: UserRow, column: int) -> str:
        state = self.tr("在用") if u.active else self.tr("已停用")
        return (u.username, u.display_name, self._roles.get(u.role, u.role), state)[column]

    def role_data(self, u: UserRow, column: int, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and not u.active:
            return QColor(INACTIVE_COLOR)
        return None


class _UserDialog(SubmitDialog):
    """A small form with OK/Cancel and the refusal line. Enter in a field moves to the next one;
    in the last one it presses OK (the dialog's default button)."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.box = layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.add_error_and_buttons(layout, ok_text, self.tr("取消"))
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self._fields: list[QWidget] = []

    def show_error(self, message: str) -> None:
        super().show_error(message)
        self._fit()

    def _fit(self) -> None:
        """Grow to what the (wrapped) texts need: a refusal line appears below the form."""
        layout = self.box
        layout.activate()
        width = max(self.width(), self.minimumWidth())
        needed = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
        if needed > self.height():
            self.resize(width, needed)

    def _add_field(self, label: str, widget: QWidget) -> None:
        self.form.addRow(label, widget)
        widget.installEventFilter(self)
        self._fields.append(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and watched in self._fields
            and watched is not self._fields[-1]
        ):
            following = self._fields[self._fields.index(watched) + 1]
            following.setFocus(Qt.FocusReason.TabFocusReason)
            if isinstance(following, QLineEdit):
                following.selectAll()
            return True  # not the default button: the form is not finished
        return super().eventFilter(watched, event)

    def _role_combo(self, current: str | None = None) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName("roleCombo")
        for role, label in role_names().items():
            combo.addItem(label, role)
        if current is not None:
            combo.setCurrentIndex(max(combo.findData(current), 0))
        return combo

    def _password_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    def refuse(self, message: str, focus: QLineEdit) -> None:
        """A refusal found here, before any call: shown, and the field to fix chosen."""
        self.show_error(message)
        focus.setFocus()
        focus.selectAll()


class AddUserDialog(_UserDialog):
    """新增用户: user name, name, role, the password twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("新增用户"), self.tr("保存"), parent)
        self.setObjectName("addUserDialog")
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("usernameEdit")
        self.username_edit.setPlaceholderText(self.tr("登录用的名字，如 zhangsan"))
        self.display_name_edit = QLineEdit()
        self.display_name_edit.setObjectName("displayNameEdit")
        self.role_combo = self._role_combo("clerk")
        self.password_edit = self._password_edit("passwordEdit")
        self.confirm_edit = self._password_edit("confirmEdit")
        self._add_field(self.tr("用户名(&U)："), self.username_edit)
        self._add_field(self.tr("姓名(&N)："), self.display_name_edit)
        self._add_field(self.tr("角色(&R)："), self.role_combo)
        self._add_field(self.tr("密码(&P)："), self.password_edit)
        self._add_field(self.tr("确认密码(&C)："), self.confirm_edit)
        self.username_edit.setFocus()

    def values(self) -> dict:
        return {
            "username": self.username_edit.text(),
            "display_name": self.display_name_edit.text(),
            "role": self.role_combo.currentData(),
            "password": self.password_edit.text(),
        }


class RoleDialog(_UserDialog):
    """更改角色 of one account."""

    def __init__(self, account: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("更改角色"), self.tr("保存"), parent)
        self.setObjectName("roleDialog")
        self.account = account
        self.form.addRow(self.tr("用户："), QLabel(f"{account.display_name}（{account.username}）"))
        self.role_combo = self._role_combo(account.role)
        self._add_field(self.tr("新角色(&R)："), self.role_combo)
        self.role_combo.setFocus()


class PasswordDialog(_UserDialog):
    """重设密码 of one account: the new password twice."""

    def __init__(self, account: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("重设密码"), self.tr("保存"), parent)
        self.setObjectName("passwordDialog")
        self.account = account
        self.form.addRow(self.tr("用户："), QLabel(f"{account.display_name}（{account.username}）"))
        self.password_edit = self._password_edit("passwordEdit")
        self.confirm_edit = self._password_edit("confirmEdit")
        self._add_field(self.tr("新密码(&P)："), self.password_edit)
        self._add_field(self.tr("确认新密码(&C)："), self.confirm_edit)
        self.password_edit.setFocus()


class ActiveDialog(_UserDialog):
    """停用 or 启用 one account, after a confirmation: OK is the default, Esc cancels. A refusal
    (the last administrator, one's own account) is shown here."""

    def __init__(self, account: UserRow, parent: QWidget | None = None) -> None:
        deactivate = account.active
        title = self.tr("停用账号") if deactivate else self.tr("启用账号")
        super().__init__(title, self.tr("停用") if deactivate else self.tr("启用"), parent)
        self.setObjectName("activeDialog")
        self.account = account
        self.active = not account.active
        if deactivate:
            text = self.tr("停用账号 {name}？停用后不能再用它登录；账号和它的记录都保留，以后可以重新启用。")
        else:
            text = self.tr("重新启用账号 {name}？启用后可以用原密码登录。")
        label = QLabel(text.format(name=f"{account.display_name}（{account.username}）"))
        label.setObjectName("confirmText")
        label.setWordWrap(True)
        self.box.insertWidget(0, label)
        ok = self.buttons.button(self.buttons.StandardButton.Ok)
        ok.setDefault(True)
        ok.setFocus()


class UsersPage(ChangesAware, QWidget):
    """The accounts table and its buttons. `changed` is emitted after each (re)load."""

    changed = Signal()

    def __init__(self, db: Database, user: UserInfo, *, worker: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersPage")
        self._db, self._user, self._worker = db, user, worker
        self.dialog: _UserDialog | None = None
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新增(&N)…"))
        self.add_button.setObjectName("addButton")
        self.add_button.clicked.connect(self.add)
        self.role_button = QPushButton(self.tr("更改角色(&R)…"))
        self.role_button.setObjectName("roleButton")
        self.role_button.clicked.connect(self.change_role)
        self.toggle_button = QPushButton(self.tr("停用(&T)…"))
        self.toggle_button.setObjectName("toggleButton")
        self.toggle_button.clicked.connect(self.toggle)
        self.password_button = QPushButton(self.tr("重设密码(&P)…"))
        self.password_button.setObjectName("passwordButton")
        self.password_button.clicked.connect(self.reset_password)
        for button in (self.add_button, self.role_button, self.toggle_button, self.password_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setObjectName("usersTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in ((UsersModel.USERNAME, 180), (UsersModel.NAME, 180), (UsersModel.ROLE, 120)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _index: self.change_role())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        self.message_label = QLabel(" ")
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        self.setFocusProxy(self.table)
        if not self._is_admin():
            self.message_label.setText(self.tr("只有管理员可以新增和更改用户账号。"))
        self.add_button.setEnabled(self._is_admin())
        for button in (self.add_button, self.role_button, self.toggle_button, self.password_button):
            button.setToolTip(why_not(self._user, "manage_users") or "")
        self._selection_changed()
        self.reload()

    def _is_admin(self) -> bool:
        return may(self._user, "manage_users")

    # --- the list ---------------------------------------------------------------------------

    shows = frozenset({USERS})

    def reload_for(self, changes) -> None:
        self.reload()

    def reload(self, select: str | None = None) -> None:
        """Read the accounts again; `select` (a user name) is chosen afterwards, else the one
        chosen before."""
        from mutualaid_desktop.services.admin.users import list_users

        chosen = self.current()
        wanted = select or (chosen.username if chosen is not None else None)
        self._worker.submit(
            list_users, self._db, context=self, on_result=lambda rows: self._loaded(rows, wanted), on_error=self._failed
        )

    def _loaded(self, rows: list[UserRow], wanted: str | None) -> None:
        self.model.set_rows(rows)
        names = [u.username for u in rows]
        if rows:
            self.table.selectRow(names.index(wanted) if wanted in names else 0)
        self._selection_changed()
        self.changed.emit()

    def current(self) -> UserRow | None:
        selection = self.table.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        return self.model.row(rows[0].row()) if rows else None

    def _selection_changed(self, *_args) -> None:
        u = self.current()
        may_change = self._is_admin() and u is not None
        for button in (self.role_button, self.toggle_button, self.password_button):
            button.setEnabled(may_change)
        self.toggle_button.setText(self.tr("启用(&T)…") if u is not None and not u.active else self.tr("停用(&T)…"))

    def _failed(self, error: BaseException) -> None:
        self.message_label.setText(user_message(error, self.tr("读取用户列表时出现意外错误。")))

    # --- the dialogs ------------------------------------------------------------------------

    def _open(self, dialog: _UserDialog) -> None:
        delete_closed_dialogs(self, dialog, _UserDialog)
        dialog.submitted.connect(lambda: self._submit(dialog))
        self.dialog = dialog
        dialog.open()

    @Slot()
    def add(self) -> None:
        if self._is_admin():
            self._open(AddUserDialog(self))

    @Slot()
    def change_role(self) -> None:
        u = self.current()
        if u is not None and self._is_admin():
            self._open(RoleDialog(u, self))

    @Slot()
    def toggle(self) -> None:
        u = self.current()
        if u is not None and self._is_admin():
            self._open(ActiveDialog(u, self))

    @Slot()
    def reset_password(self) -> None:
        u = self.current()
        if u is not None and self._is_admin():
            self._open(PasswordDialog(u, self))

    def _submit(self, dialog: _UserDialog) -> None:
        from mutualaid_desktop.services.admin import users

        db, admin = self._db, self._user
        job: Callable[..., UserRow]
        args: tuple[Any, ...]
        kwargs: dict[str, Any]
        if (
            isinstance(dialog, (AddUserDialog, PasswordDialog))
            and dialog.password_edit.text() != dialog.confirm_edit.text()
        ):
            dialog.confirm_edit.clear()
            dialog.refuse(self.tr("两次输入的密码不一致，请重新输入确认密码。"), dialog.confirm_edit)
            return
        if isinstance(dialog, AddUserDialog):
            values = dialog.values()
            job, args, kwargs = users.add_user, (db, admin), values
            done = self.tr("已新增用户：{name}")
        elif isinstance(dialog, RoleDialog):
            job, args, kwargs = (
                users.set_user_role,
                (db, admin, dialog.account.username, dialog.role_combo.currentData()),
                {},
            )
            done = self.tr("已更改角色：{name}，现为{role}")
        elif isinstance(dialog, PasswordDialog):
            job, args, kwargs = (
                users.reset_password,
                (db, admin, dialog.account.username, dialog.password_edit.text()),
                {},
            )
            done = self.tr("已重设密码：{name}；请告诉本人新密码")
        else:
            assert isinstance(dialog, ActiveDialog)
            job, args, kwargs = users.set_user_active, (db, admin, dialog.account.username, dialog.active), {}
            done = self.tr("已启用：{name}") if dialog.active else self.tr("已停用：{name}（不能再登录）")
        self._worker.submit(
            job,
            *args,
            **kwargs,
            context=dialog,
            on_result=lambda row: self._saved(dialog, row, done),
            on_error=lambda exc: dialog.show_error(user_message(exc, self.tr("保存没有成功，数据未改动。"))),
        )

    def _saved(self, dialog: _UserDialog, row: UserRow, done: str) -> None:
        dialog.saved()
        name = f"{row.display_name}（{row.username}）"
        self.message_label.setText(done.format(name=name, role=role_name(row.role)))
        self.reload(select=row.username)
        self.table.setFocus()
