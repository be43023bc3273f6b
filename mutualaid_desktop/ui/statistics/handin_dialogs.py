"""The 交账 screen's dialogs: registering a county's public key at the city (the fingerprint in large digits, to
compare by phone before confirming; a reason when it replaces the key in force), and a county's history of files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.services.errors import ServiceError
from mutualaid_desktop.services.handin.signing import PublicKeyFile
from mutualaid_desktop.services.handin.status import CountyHandin
from mutualaid_desktop.services.handin_sides import read_key_file
from mutualaid_desktop.ui.common.file_dialogs import ask_open_file
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR, SubmitDialog, list_table
from mutualaid_desktop.ui.shell.fonts import scaled
from mutualaid_desktop.ui.statistics.handin_model import HandedFilesModel

FINGERPRINT_SCALE = 1.8  # the fingerprint's digits, times the application font


def fingerprint_label(name: str) -> QLabel:
    """A label for a fingerprint read over the phone: large fixed-width digits, selectable."""
    label = QLabel(" ")
    label.setObjectName(name)
    font = scaled(QApplication.font(), FINGERPRINT_SCALE, bold=True)
    font.setFamilies([QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family(), *font.families()])
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class RegisterKeyDialog(SubmitDialog):
    """Choose the county and its key file; read the fingerprint to the county by phone; confirm. On 登记
    (`submitted`) `chosen()` gives (county code, the key read, the reason for replacing or None); the opener
    registers it and calls `saved()`, or `show_error(reason)` (the dialog stays open)."""

    def __init__(
        self, counties: tuple[tuple[str, str], ...], in_force: dict[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registerKeyDialog")
        self.setWindowTitle(self.tr("登记县区交账公钥"))
        self._in_force = in_force
        self._key: PublicKeyFile | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.county_combo = QComboBox()
        self.county_combo.setObjectName("countyCombo")
        for code, name in counties:
            self.county_combo.addItem(f"{name}（{code}）", code)
        self.county_combo.currentIndexChanged.connect(self._update)
        county_label = QLabel(self.tr("县区(&C)："))
        county_label.setBuddy(self.county_combo)
        form.addRow(county_label, self.county_combo)
        file_row = QHBoxLayout()
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("keyFileEdit")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("县区柜台导出的公钥文件（交账公钥-代码.txt）"))
        self.file_button = QPushButton(self.tr("选择文件(&F)…"))
        self.file_button.setObjectName("keyFileButton")
        self.file_button.clicked.connect(self._ask_file)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.file_button)
        file_label = QLabel(self.tr("公钥文件："))
        form.addRow(file_label, file_row)
        layout.addLayout(form)

        self.fingerprint = fingerprint_label("fingerprintLabel")
        layout.addWidget(self.fingerprint)
        self.hint_label = QLabel(" ")
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.setWordWrap(True)
        layout.addWidget(self.hint_label)
        self.reason_label = QLabel(self.tr("更换原因(&R)："))
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("reasonEdit")
        self.reason_edit.setPlaceholderText(self.tr("如：县区柜台电脑更换，重新生成了密钥"))
        self.reason_label.setBuddy(self.reason_edit)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.reason_edit, 1)
        layout.addLayout(reason_row)
        self.checked_box = QCheckBox(self.tr("我已打电话与县区逐组核对，指纹一致(&Y)"))
        self.checked_box.setObjectName("checkedBox")
        self.checked_box.toggled.connect(self._update)
        layout.addWidget(self.checked_box)
        self.add_error_and_buttons(layout, self.tr("登记(&O)"), self.tr("取消"))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.setMinimumWidth(560)
        self._update()

    def county(self) -> str:
        return str(self.county_combo.currentData() or "")

    def _ask_file(self) -> None:
        chosen = ask_open_file(
            self, self.tr("选择县区的交账公钥文件"), self.file_edit.text(), self.tr("公钥文件 (*.txt);;所有文件 (*)")
        )
        if chosen:
            self.choose_file(chosen)

    def choose_file(self, path: str) -> None:
        """Read the key file at `path`: its county chosen, its fingerprint shown (or what is wrong with it)."""
        self.file_edit.setText(path)
        self.checked_box.setChecked(False)
        try:
            self._key = read_key_file(path)
        except ServiceError as exc:
            self._key = None
            self.fingerprint.setText(" ")
            self.hint_label.setText(exc.message)
            self.hint_label.setStyleSheet(f"color: {ERROR_COLOR};")
            self._update()
            return
        found = self.county_combo.findData(self._key.county_code)
        if found >= 0:
            self.county_combo.setCurrentIndex(found)
        self._update()

    def replacing(self) -> bool:
        """The county has a key in force other than the one read."""
        old = self._in_force.get(self.county())
        return old is not None and (self._key is None or old != self._key.fingerprint)

    def _update(self) -> None:
        key = self._key
        replacing = self.replacing()
        self.reason_label.setVisible(replacing)
        self.reason_edit.setVisible(replacing)
        if key is not None:
            self.fingerprint.setText(key.fingerprint)
            self.hint_label.setStyleSheet("")
            county = self.county_combo.currentText()
            text = self.tr(
                "请打电话给{county}，请对方在其柜台的 统计 → 交账 中读出本柜台公钥的指纹，与上面的数字逐组核对。"
                "一致才登记；不一致请不要登记，并联系管理员。"
            ).format(county=county)
            if key.county_code != self.county():
                text = self.tr("这是县区「{code}」的公钥，不是所选县区的：请核对文件和县区。").format(
                    code=key.county_code
                )
                self.hint_label.setStyleSheet(f"color: {ERROR_COLOR};")
            elif replacing:
                text += self.tr(
                    "\n该县区已登记另一把公钥（指纹 {old}），登记这把将替换它（旧的保留在记录中），请写明原因。"
                ).format(old=self._in_force[self.county()])
            elif self.county() in self._in_force:
                text = self.tr("该县区已登记这把公钥，再登记不会有改动。")
            self.hint_label.setText(text)
        self.ok_button.setEnabled(key is not None and self.checked_box.isChecked())

    def show_error(self, message: str) -> None:
        super().show_error(message)
        self._update()

    def chosen(self) -> tuple[str, PublicKeyFile, str | None]:
        assert self._key is not None
        reason = self.reason_edit.text().strip() if self.replacing() else None
        return self.county(), self._key, reason

    def key_file_name(self) -> str:
        return Path(self.file_edit.text()).name


class HistoryDialog(QDialog):
    """A county's hand-in files, superseded ones too, and the gaps in its sequence."""

    def __init__(self, county: CountyHandin, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handinHistoryDialog")
        self.setWindowTitle(self.tr("{county} 交账记录").format(county=county.county_name))
        layout = QVBoxLayout(self)
        self.model = HandedFilesModel(self)
        self.model.set_rows(reversed(county.files))
        self.table = list_table("historyTable", self.model)
        layout.addWidget(self.table)
        gaps = "、".join(map(str, county.gaps))
        self.gaps_label = QLabel(
            self.tr("缺序号 {gaps}：请向县区核对是否有文件没有交来。").format(gaps=gaps)
            if county.gaps
            else self.tr("序号连续，没有缺的文件。")
        )
        self.gaps_label.setObjectName("gapsLabel")
        if county.gaps:
            self.gaps_label.setStyleSheet(f"color: {ERROR_COLOR};")
        layout.addWidget(self.gaps_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 360)
