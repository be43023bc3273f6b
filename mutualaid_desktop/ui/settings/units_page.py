"""设置 → 单位: the union tree (市总工会 → 县区总工会 → 基层工会).

A tree of every unit with its members and head-count; inactive units are greyed. Supervisors
and administrators add, rename, move, deactivate and reactivate; clerks keep contact details and
the head-count up to date. The tree is read and every change saved on the background worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.services.changes import MEMBERS, UNITS
from mutualaid_desktop.services.permissions import may, why_not
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.widgets import SubmitDialog, delete_closed_dialogs
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.units import UnitNode
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.store.database import Database

COL_NAME, COL_CODE, COL_MEMBERS, COL_HEADCOUNT, COL_CONTACT, COL_PHONE, COL_STATE = range(7)
COLUMN_COUNT = 7
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NODE_ROLE = Qt.ItemDataRole.UserRole + 2
INACTIVE = QColor("#9aa3ad")

PAGE_STYLE = """
QTreeView#unitTree::item { min-height: 28px; padding: 0 6px; }
QLabel#statusLabel { color: #5f6b7a; }
QLabel#errorLabel, QLabel#dialogError { color: #b3261e; }
"""


class _Item:
    __slots__ = ("children", "node", "parent", "row")

    def __init__(self, node: UnitNode | None, parent: _Item | None, row: int) -> None:
        self.node = node
        self.parent = parent
        self.children: list[_Item] = []
        self.row = row


class UnitTreeModel(QAbstractItemModel):
    """The tree of UnitNode (as list_units returns them: parents before their children)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._root = _Item(None, None, 0)
        self._by_code: dict[str, _Item] = {}
        self._headers = (
            self.tr("名称"),
            self.tr("代码"),
            self.tr("会员数"),
            self.tr("职工总数"),
            self.tr("联系人"),
            self.tr("联系电话"),
            self.tr("状态"),
        )

    def set_units(self, nodes: list[UnitNode]) -> None:
        self.beginResetModel()
        self._root = _Item(None, None, 0)
        self._by_code = {}
        by_id: dict[int, _Item] = {}
        for node in nodes:
            parent = by_id.get(node.parent_id, self._root) if node.parent_id is not None else self._root
            item = _Item(node, parent, len(parent.children))
            parent.children.append(item)
            by_id[node.id] = item
            self._by_code[node.code] = item
        self.endResetModel()

    def index_of(self, code: str) -> QModelIndex:
        item = self._by_code.get(code)
        return self.createIndex(item.row, 0, item) if item else QModelIndex()

    def nodes(self) -> list[UnitNode]:
        return [item.node for item in self._by_code.values() if item.node is not None]

    # --- QAbstractItemModel -----------------------------------------------------------------

    def _item(self, index: QModelIndex | QPersistentModelIndex) -> _Item:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._item(parent).children[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._item(parent).children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < COLUMN_COUNT
        ):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = index.internalPointer().node
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._value(node, column, sort=role == SORT_ROLE)
        if role == NODE_ROLE:
            return node
        if role == Qt.ItemDataRole.ForegroundRole and not node.active:
            return QBrush(INACTIVE)
        if role == Qt.ItemDataRole.FontRole and node.kind != "unit" and column == COL_NAME:
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_MEMBERS, COL_HEADCOUNT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _value(self, node: UnitNode, column: int, *, sort: bool) -> Any:
        if column == COL_NAME:
            return node.name
        if column == COL_CODE:
            return node.code
        if column == COL_MEMBERS:
            return node.members if sort else f"{node.members:,}"
        if column == COL_HEADCOUNT:
            value = node.total_headcount
            return (value or 0) if sort else (f"{value:,}" if value is not None else "")
        if column == COL_CONTACT:
            return node.contact_person or ""
        if column == COL_PHONE:
            return node.phone or ""
        return self.tr("在用") if node.active else self.tr("已停用")


class _SaveDialog(SubmitDialog):
    """On OK emits `submitted`; the page saves on the worker and calls saved() or show_error()."""

    def _add_buttons(self, layout: QVBoxLayout, ok_text: str) -> None:
        self.add_error_and_buttons(layout, ok_text, self.tr("取消"))


class UnitDialog(_SaveDialog):
    """新增 / 编辑单位."""

    def __init__(
        self,
        *,
        node: UnitNode | None,
        parents: list[UnitNode],
        can_rename: bool,
        default_parent: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.node = node
        self.setWindowTitle(self.tr("新增单位") if node is None else self.tr("编辑单位"))
        self.setMinimumWidth(480)
        self.setStyleSheet(PAGE_STYLE)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.code_edit = QLineEdit(node.code if node else "")
        self.code_edit.setObjectName("codeEdit")
        self.code_edit.setEnabled(node is None)
        self.name_edit = QLineEdit(node.name if node else "")
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setEnabled(can_rename)
        self.parent_combo = QComboBox()
        self.parent_combo.setObjectName("parentCombo")
        for p in parents:
            self.parent_combo.addItem(f"{p.name}（{p.code}）", p.code)
        if default_parent:
            at = self.parent_combo.findData(default_parent)
            if at >= 0:
                self.parent_combo.setCurrentIndex(at)
        self.contact_edit = QLineEdit(node.contact_person or "" if node else "")
        self.phone_edit = QLineEdit(node.phone or "" if node else "")
        self.address_edit = QLineEdit(node.address or "" if node else "")
        self.headcount_edit = QLineEdit(str(node.headcount) if node and node.headcount is not None else "")
        self.headcount_edit.setObjectName("headcountEdit")
        if node is None:
            form.addRow(self.tr("上级单位(&P)："), self.parent_combo)
        form.addRow(self.tr("单位代码(&D)："), self.code_edit)
        form.addRow(self.tr("单位名称(&N)："), self.name_edit)
        form.addRow(self.tr("联系人(&L)："), self.contact_edit)
        form.addRow(self.tr("联系电话(&T)："), self.phone_edit)
        form.addRow(self.tr("地址(&A)："), self.address_edit)
        form.addRow(self.tr("职工总数(&H)："), self.headcount_edit)
        layout.addLayout(form)
        self._add_buttons(layout, self.tr("保存"))

    def values(self) -> dict:
        values = {
            "contact_person": self.contact_edit.text(),
            "phone": self.phone_edit.text(),
            "address": self.address_edit.text(),
            "headcount": self.headcount_edit.text(),
        }
        if self.name_edit.isEnabled():
            values["name"] = self.name_edit.text()
        return values

    def parent_code(self) -> str | None:
        return self.parent_combo.currentData()


class MoveDialog(_SaveDialog):
    """迁移基层工会: choose the county."""

    def __init__(self, node: UnitNode, counties: list[UnitNode], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("迁移单位"))
        self.setMinimumWidth(420)
        self.setStyleSheet(PAGE_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("把「{name}」迁到：").format(name=node.name)))
        self.county_combo = QComboBox()
        self.county_combo.setObjectName("countyCombo")
        for c in counties:
            if c.id != node.parent_id:
                self.county_combo.addItem(f"{c.name}（{c.code}）", c.code)
        layout.addWidget(self.county_combo)
        layout.addWidget(QLabel(self.tr("该单位的会员随单位一起迁移。")))
        self._add_buttons(layout, self.tr("迁移"))

    def target(self) -> str | None:
        return self.county_combo.currentData()


class UnitsPage(CounterPage):
    unitsLoaded = Signal(int)
    unitSaved = Signal(object)  # UnitNode
    failed = Signal(str)

    def __init__(self, db: Database, user: UserInfo, *, worker: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(db, user, worker=worker, parent=parent)
        self.setObjectName("unitsPage")
        self._select_code: str | None = None
        self._dialog = None
        self._loaded = False
        self.model = UnitTreeModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(SORT_ROLE)
        self._build()

    def _build(self) -> None:
        self.setStyleSheet(PAGE_STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 8)
        outer.setSpacing(8)
        self._build_filter_row(outer)
        self._build_buttons(outer)
        self._build_tree(outer)
        self._build_messages(outer)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Refresh),
            self,
            self.refresh,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        for button in (self.add_button, self.move_button, self.active_button):
            button.setToolTip(why_not(self._user, "edit_units_tree") or "")
        self.edit_button.setToolTip(why_not(self._user, "edit_unit_contacts") or "")
        self._update_buttons()

    def _build_filter_row(self, outer: QVBoxLayout) -> None:
        row = QHBoxLayout()
        label = QLabel(self.tr("筛选(&S)："))
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(self.tr("单位名称、代码、联系人或电话"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumHeight(32)
        label.setBuddy(self.filter_edit)
        self.filter_edit.textChanged.connect(self._filter)
        row.addWidget(label)
        row.addWidget(self.filter_edit, 1)
        outer.addLayout(row)

    def _build_buttons(self, outer: QVBoxLayout) -> None:
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("新增(&A)"))
        self.edit_button = QPushButton(self.tr("编辑(&E)"))
        self.move_button = QPushButton(self.tr("迁移(&M)"))
        self.active_button = QPushButton(self.tr("停用(&D)"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        for name, button in (
            ("addButton", self.add_button),
            ("editButton", self.edit_button),
            ("moveButton", self.move_button),
            ("activeButton", self.active_button),
            ("refreshButton", self.refresh_button),
        ):
            button.setObjectName(name)
            button.setMinimumHeight(32)
            button.setMinimumWidth(88)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.add_button.clicked.connect(self.add_unit)
        self.edit_button.clicked.connect(self.edit_unit)
        self.move_button.clicked.connect(self.move_unit)
        self.active_button.clicked.connect(self.toggle_active)
        self.refresh_button.clicked.connect(self.refresh)
        outer.addLayout(buttons)

    def _build_tree(self, outer: QVBoxLayout) -> None:
        self.tree = QTreeView()
        self.tree.setObjectName("unitTree")
        self.tree.setModel(self.proxy)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSortingEnabled(False)
        header = self.tree.header()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column, width in (
            (COL_CODE, 130),
            (COL_MEMBERS, 90),
            (COL_HEADCOUNT, 90),
            (COL_CONTACT, 90),
            (COL_PHONE, 130),
            (COL_STATE, 70),
        ):
            header.resizeSection(column, width)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.tree.activated.connect(lambda _i: self.edit_unit())
        outer.addWidget(self.tree, 1)

    def _build_messages(self, outer: QVBoxLayout) -> None:
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        outer.addWidget(self.error_label)
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        outer.addWidget(self.status_label)

    # --- loading ----------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    shows = frozenset({MEMBERS, UNITS})  # the tree and its member counts

    def reload_for(self, changes) -> None:
        if self._loaded:
            self.refresh()

    def refresh(self) -> None:
        from mutualaid_desktop.services.admin.units import list_units

        if self._worker.closed:
            return
        self._loaded = True
        if self._select_code is None and (node := self.current_node()) is not None:
            self._select_code = node.code
        self.status_label.setText(self.tr("正在读取单位…"))
        self._worker.submit(
            list_units,
            self._db,
            on_result=self._units_arrived,
            on_error=lambda e: self._show_error(user_message(e, self.tr("读取单位时出现意外错误。"))),
            context=self,
        )

    def _units_arrived(self, nodes: list[UnitNode]) -> None:
        self.model.set_units(nodes)
        self._filter(self.filter_edit.text())
        units = sum(1 for n in nodes if n.kind == "unit")
        inactive = sum(1 for n in nodes if not n.active)
        self.status_label.setText(
            self.tr("共 {count} 个基层工会，{name} 个已停用。").format(count=units, name=inactive)
        )
        code, self._select_code = self._select_code, None
        if code:
            self.select_code(code)
        elif self.proxy.rowCount():
            self.tree.setCurrentIndex(self.proxy.index(0, 0))
        self._update_buttons()
        self.unitsLoaded.emit(len(nodes))

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.tree.expandAll()
        else:
            self.tree.collapseAll()
            for row in range(self.proxy.rowCount()):  # the city open: the counties show
                self.tree.expand(self.proxy.index(row, 0))
        self._update_buttons()

    def select_code(self, code: str) -> bool:
        source = self.model.index_of(code)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.tree.scrollTo(index)
        self.tree.setCurrentIndex(index)
        return True

    def current_node(self) -> UnitNode | None:
        index = self.tree.currentIndex()
        return index.data(NODE_ROLE) if index.isValid() else None

    def _update_buttons(self) -> None:
        node = self.current_node()
        tree_ok = may(self._user, "edit_units_tree")
        self.add_button.setEnabled(tree_ok)
        self.edit_button.setEnabled(node is not None and may(self._user, "edit_unit_contacts"))
        self.move_button.setEnabled(tree_ok and node is not None and node.kind == "unit")
        self.active_button.setEnabled(tree_ok and node is not None)
        self.active_button.setText(self.tr("恢复(&D)") if node is not None and not node.active else self.tr("停用(&D)"))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(True)
        self.failed.emit(message)

    # --- changing ---------------------------------------------------------------------------

    @property
    def dialog(self):
        return self._dialog

    def _open(self, dialog) -> None:
        delete_closed_dialogs(self, dialog, _SaveDialog)
        self._dialog = dialog
        dialog.finished.connect(lambda _r: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog) -> None:
        if self._dialog is dialog:
            self._dialog = None
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save(self, dialog, fn, *args) -> None:
        def done(node: UnitNode) -> None:
            dialog.saved()
            self.error_label.setVisible(False)
            self._select_code = node.code
            self.unitSaved.emit(node)
            self.refresh()

        def refused(error: BaseException) -> None:
            dialog.show_error(user_message(error, self.tr("保存时出现意外错误，没有改动。")))

        self._worker.submit(fn, *args, on_result=done, on_error=refused, context=dialog)

    def _parents(self) -> list[UnitNode]:
        return [n for n in self.model.nodes() if n.kind in ("city", "county") and n.active]

    def add_unit(self) -> None:
        if not may(self._user, "edit_units_tree"):
            return
        from mutualaid_desktop.services.admin.units import add_unit

        node = self.current_node()
        default = None
        if node is not None:
            default = node.code if node.kind in ("city", "county") else node.parent_code
        dialog = UnitDialog(node=None, parents=self._parents(), can_rename=True, default_parent=default, parent=self)
        dialog.setObjectName("unitDialog")

        def submit() -> None:
            values = dialog.values()
            self._save(
                dialog,
                lambda: add_unit(
                    self._db, self._user, code=dialog.code_edit.text(), parent_code=dialog.parent_code(), **values
                ),
            )

        dialog.submitted.connect(submit)
        self._open(dialog)
        dialog.code_edit.setFocus()

    def edit_unit(self) -> None:
        node = self.current_node()
        if node is None or not may(self._user, "edit_unit_contacts"):
            return
        from mutualaid_desktop.services.admin.units import edit_unit

        dialog = UnitDialog(node=node, parents=[], can_rename=may(self._user, "edit_units_tree"), parent=self)
        dialog.setObjectName("unitDialog")
        original = dialog.values()

        def submit() -> None:
            changes = {k: v for k, v in dialog.values().items() if v != original[k]}
            if not changes:
                dialog.saved()
                return
            self._save(dialog, edit_unit, self._db, self._user, node.id, changes)

        dialog.submitted.connect(submit)
        self._open(dialog)

    def move_unit(self) -> None:
        node = self.current_node()
        if node is None or node.kind != "unit" or not may(self._user, "edit_units_tree"):
            return
        from mutualaid_desktop.services.admin.units import move_unit

        counties = [n for n in self.model.nodes() if n.kind == "county" and n.active]
        dialog = MoveDialog(node, counties, self)
        dialog.setObjectName("moveDialog")
        dialog.submitted.connect(lambda: self._save(dialog, move_unit, self._db, self._user, node.id, dialog.target()))
        self._open(dialog)

    def toggle_active(self) -> None:
        node = self.current_node()
        if node is None or not may(self._user, "edit_units_tree"):
            return
        from mutualaid_desktop.services.admin.units import set_unit_active

        def done(saved: UnitNode) -> None:
            self.error_label.setVisible(False)
            self._select_code = saved.code
            self.unitSaved.emit(saved)
            self.refresh()

        self._worker.submit(
            set_unit_active,
            self._db,
            self._user,
            node.id,
            not node.active,
            on_result=done,
            on_error=lambda e: self._show_error(user_message(e, self.tr("保存时出现意外错误，没有改动。"))),
            context=self,
        )
