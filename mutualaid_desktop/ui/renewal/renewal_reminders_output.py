"""续保提示单's output (ui/renewal/renewal_reminders_page.py): 输出 — one combined PDF or one PDF per unit in a
folder — and 保存到, with 选择… to pick the file or the folder. The page proposes a default place (`propose`)
until the clerk types or picks one (`chosen`); switching between one PDF and a folder keeps the clerk's choice
("x.pdf" becomes the folder "x", and the folder "x" the file "x.pdf")."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)


class ReminderOutput(QObject):
    """The two rows 输出 and 保存到 of the page's form. `defaultWanted` when the default place should be proposed
    again (the output switched while the clerk had chosen nothing)."""

    defaultWanted = Signal()

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)  # the page is its parent; no reference back to it (it is freed when dropped)
        self.chosen = False  # the clerk chose the output: no default replaces it

    def _page(self) -> QWidget:
        return cast(QWidget, self.parent())

    def add_rows(self, form: QFormLayout) -> None:
        """输出: one PDF or one per unit, and 保存到."""
        output = QHBoxLayout()
        self.output_group = QButtonGroup(self.parent())
        self.per_unit_radio = QRadioButton(self.tr("每个单位一个 PDF（存入文件夹）"))
        self.per_unit_radio.setObjectName("perUnitRadio")
        self.combined_radio = QRadioButton(self.tr("合并为一个 PDF（便于一次打印）"))
        self.combined_radio.setObjectName("combinedRadio")
        self.output_group.addButton(self.per_unit_radio, 0)
        self.output_group.addButton(self.combined_radio, 1)
        self.combined_radio.setChecked(True)
        output.addWidget(self.combined_radio)
        output.addWidget(self.per_unit_radio)
        output.addStretch(1)
        form.addRow(self.tr("输出："), output)
        where = QHBoxLayout()
        self.out_edit = QLineEdit()
        self.out_edit.setObjectName("outEdit")
        self.out_edit.textEdited.connect(self._out_edited)
        self.browse_button = QPushButton(self.tr("选择…"))
        self.browse_button.setObjectName("browseButton")
        self.browse_button.clicked.connect(self.browse)
        where.addWidget(self.out_edit, 1)
        where.addWidget(self.browse_button)
        form.addRow(self.tr("保存到："), where)
        self.output_group.idToggled.connect(self._output_toggled)

    def combined(self) -> bool:
        return self.combined_radio.isChecked()

    def propose(self, path: Path) -> None:
        """The default place, `path` without .pdf: the file path.pdf, or the folder for one PDF per unit (the page
        proposes only while the clerk has chosen nothing)."""
        self.out_edit.setText(str(path.with_name(path.name + ".pdf") if self.combined() else path))

    def _output_toggled(self, _id: int, checked: bool) -> None:
        if not checked:
            return
        text = self.out_edit.text().strip()
        if self.chosen and text:
            # keep the clerk's choice: "x.pdf" becomes the folder "x", and the folder "x" the file "x.pdf"
            path = Path(text)
            is_pdf = path.suffix.lower() == ".pdf"
            if self.combined():
                path = path if is_pdf else path.with_name(path.name + ".pdf")
            else:
                path = path.with_suffix("") if is_pdf else path
            self.out_edit.setText(str(path))
        else:
            self.defaultWanted.emit()

    def _out_edited(self, _text: str) -> None:
        self.chosen = True

    @Slot()
    def browse(self) -> None:
        current = self.out_edit.text().strip()
        if self.combined():
            # the page asks before writing over a file (also one typed in): not the dialog a second time
            path, _ = QFileDialog.getSaveFileName(
                self._page(),
                self.tr("合并的 PDF 保存为"),
                current,
                self.tr("PDF 文件 (*.pdf)"),
                options=QFileDialog.Option.DontConfirmOverwrite,
            )
            if path and not path.lower().endswith(".pdf"):
                path += ".pdf"
        else:
            path = QFileDialog.getExistingDirectory(self._page(), self.tr("选择保存提示单的文件夹"), current)
        if path:
            self.out_edit.setText(path)
            self.chosen = True
