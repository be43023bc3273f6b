"""A plan's claim materials checklist, edited in 设置 → 计划 (services/claim_materials)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.ui.common.widgets import ERROR_COLOR, SubmitDialog, table_cell


class MaterialsDialog(SubmitDialog):
    """A plan's claim materials checklist: one row per item (name, required, only for some
    diagnoses); 恢复默认 puts back the default list of the plan's kind (saved as "the default")."""

    NAME, REQUIRED, ONLY_FOR = range(3)

    def __init__(self, plan, materials, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("materialsDialog")
        self.plan = plan
        self.use_default = not plan.own_materials
        self.setWindowTitle(self.tr("材料清单：{code}").format(code=plan.code))
        self.resize(620, 460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "理赔时要交的材料（受理时逐项勾选；必交的缺了，理赔等待补交）。"
                "“仅限诊断”填疾病名称，多个用 / 分开：只有这些诊断必须交。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("materialsTable")
        self.table.setHorizontalHeaderLabels([self.tr("材料名称"), self.tr("必须提交"), self.tr("仅限诊断")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(self.ONLY_FOR, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_row_button = QPushButton(self.tr("增加一项"))
        self.add_row_button.setObjectName("addRowButton")
        self.add_row_button.clicked.connect(self.add_row)
        self.remove_row_button = QPushButton(self.tr("删除所选"))
        self.remove_row_button.setObjectName("removeRowButton")
        self.remove_row_button.clicked.connect(self.remove_row)
        self.default_button = QPushButton(self.tr("恢复默认"))
        self.default_button.setObjectName("defaultButton")
        self.default_button.clicked.connect(self.restore_default)
        for button in (self.add_row_button, self.remove_row_button, self.default_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.state_label = QLabel(" ")
        self.state_label.setObjectName("stateLabel")
        layout.addWidget(self.state_label)
        self.add_error_and_buttons(layout, self.tr("保存"), self.tr("取消"))
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR}")
        self._fill(materials)
        self.use_default = not plan.own_materials
        self._show_state()
        self.table.itemChanged.connect(self._changed)

    def _fill(self, materials) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for m in materials:
            self._append(m.name, m.required, "/".join(m.only_for))
        self.table.blockSignals(False)

    def _append(self, name: str, required: bool, only_for: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, self.NAME, QTableWidgetItem(name))
        check = QTableWidgetItem(self.tr("必交"))
        check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
        check.setCheckState(Qt.CheckState.Checked if required else Qt.CheckState.Unchecked)
        self.table.setItem(row, self.REQUIRED, check)
        self.table.setItem(row, self.ONLY_FOR, QTableWidgetItem(only_for))
        return row

    def _changed(self, *_args) -> None:
        self.use_default = False
        self._show_state()

    def _show_state(self) -> None:
        self.state_label.setText(self.tr("现在用的是默认清单。") if self.use_default else self.tr("本计划专用清单。"))

    @Slot()
    def add_row(self) -> None:
        self.table.blockSignals(True)
        row = self._append("", True, "")
        self.table.blockSignals(False)
        self._changed()
        self.table.setCurrentCell(row, self.NAME)
        self.table.editItem(table_cell(self.table, row, self.NAME))

    @Slot()
    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._changed()

    @Slot()
    def restore_default(self) -> None:
        from mutualaid_desktop.services.claims.claim_materials import DEFAULT_MATERIALS

        self._fill(DEFAULT_MATERIALS[self.plan.kind])
        self.use_default = True
        self._show_state()

    def items(self) -> list[dict] | None:
        """The list to save (None: the default of the plan's kind); rows without a name are left out."""
        if self.use_default:
            return None
        out = []
        for row in range(self.table.rowCount()):
            name_item, only_for_item = self.table.item(row, self.NAME), self.table.item(row, self.ONLY_FOR)
            name = (name_item.text() if name_item else "").strip()
            if not name:
                continue
            only_for = only_for_item.text() if only_for_item else ""
            required = table_cell(self.table, row, self.REQUIRED).checkState() == Qt.CheckState.Checked
            out.append({"name": name, "required": required, "only_for": only_for})
        return out
