"""列对应: which column of the roster is which field, when the headers were not all recognised.

One combo per field, listing the columns by their header ("第3列：证件号"); 姓名 and 身份证号码
are required, and a column can be used once.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class ColumnMappingDialog(QDialog):
    """`fields`: (key, label) pairs; `headers`: the header row's cells; `mapping`: key -> column
    index found so far. After accept(), `mapping()` is the clerk's choice."""

    def __init__(
        self,
        fields: Sequence[tuple[str, str]],
        headers: Sequence[str],
        mapping: dict[str, int],
        *,
        required: Sequence[str] = ("name", "id_number"),
        samples: Sequence[Sequence[str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("columnMappingDialog")
        self.setWindowTitle(self.tr("指定名册的列"))
        self._fields = [(k, label) for k, label in fields if k != "seq"]
        self._required = tuple(required)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "有的列名没有认出来。请为每一项选择名册中对应的列（姓名和身份证号码必须指定），不需要的选“不导入”。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for key, label in self._fields:
            combo = QComboBox()
            combo.setObjectName(f"column_{key}")
            combo.addItem(self.tr("（不导入）"), -1)
            for index, header in enumerate(headers):
                example = next((row[index] for row in samples if index < len(row) and row[index]), "")
                text = self.tr("第{number}列：{header}").format(
                    number=index + 1, header=header or self.tr("（无列名）")
                )
                if example:
                    text += self.tr("（如 {example}）").format(example=example[:20])
                combo.addItem(text, index)
            if key in mapping:
                combo.setCurrentIndex(combo.findData(mapping[key]))
            combo.currentIndexChanged.connect(self._check)
            form.addRow((label + " *") if key in self._required else label, combo)
            self.combos[key] = combo
        layout.addLayout(form)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("problemLabel")
        self.problem_label.setStyleSheet("color: #b3261e;")
        self.problem_label.setWordWrap(True)
        layout.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._check()

    def mapping(self) -> dict[str, int]:
        return {key: combo.currentData() for key, combo in self.combos.items() if combo.currentData() >= 0}

    def set_column(self, key: str, column: int) -> None:
        combo = self.combos[key]
        combo.setCurrentIndex(combo.findData(column))

    def problem(self) -> str | None:
        chosen = self.mapping()
        labels = dict(self._fields)
        missing = [labels[k] for k in self._required if k not in chosen]
        if missing:
            return self.tr("请指定：{fields}").format(fields="、".join(missing))
        columns = list(chosen.values())
        if len(columns) != len(set(columns)):
            return self.tr("同一列不能对应两项，请检查。")
        return None

    def _check(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem or "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def accept(self) -> None:
        if self.problem() is None:
            super().accept()
