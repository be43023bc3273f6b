"""The form of 理赔受理 (ui/claims/claim_intake_page.py): its fields as they are laid out, top to bottom —
ID number, member, cover, hospital, the stay (or the diagnosis of a lump-sum plan), invoice, the four
amounts of the settlement sheet, the papers checklist, the bank account — and what is read from it.

The example dates in the placeholders are counted back from today (never a day in the future). A
field the service refuses is framed red, with the message in a line right below it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.ui.claims.claim_intake_parts import mark_field, parse_day
from mutualaid_desktop.ui.common.widgets import chosen_data, searchable_combo
from mutualaid_desktop.ui.shell.fonts import scaled

STAY_FIELDS = (
    "admission_edit",
    "discharge_edit",
    "diagnosis_edit",
    "diagnosis_date_edit",
    "invoice_edit",
    "total_edit",
    "fund_edit",
    "in_scope_edit",
    "out_scope_edit",
)
BANK_FIELDS = ("bank_edit", "holder_edit", "account_edit", "beneficiary_edit")


class IntakeFields:
    """The fields of the form, declared once: IntakeForm makes them, ClaimIntakePage takes them over under
    the same names (with the labels of its quote panel, ui/claims/claim_quote_panel.py)."""

    form: QFormLayout
    id_edit: QLineEdit
    member_label: QLabel
    cover_combo: QComboBox
    cover_label: QLabel
    hospital_combo: QComboBox
    add_hospital_button: QPushButton
    disease_combo: QComboBox
    papers_box: QWidget
    papers_layout: QVBoxLayout
    admission_edit: QLineEdit
    discharge_edit: QLineEdit
    diagnosis_edit: QLineEdit
    diagnosis_date_edit: QLineEdit
    invoice_edit: QLineEdit
    total_edit: QLineEdit
    fund_edit: QLineEdit
    in_scope_edit: QLineEdit
    out_scope_edit: QLineEdit
    bank_edit: QLineEdit
    holder_edit: QLineEdit
    account_edit: QLineEdit
    beneficiary_edit: QLineEdit
    # the quote panel's labels (set on the page only)
    eligible_label: QLabel
    payout_label: QLabel
    words_label: QLabel
    lines_label: QLabel
    notes_label: QLabel
    flags_label: QLabel


class IntakeForm(IntakeFields, QFrame):
    """The fields. `changed`: something the quote reads changed; `eventDayChanged`: the admission
    (diagnosis) date was typed; the page connects the ID field and the cover chooser itself."""

    changed = Signal()
    eventDayChanged = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formCard")
        self.paper_boxes: list[QCheckBox] = []
        self._error_row: QLabel | None = None
        self._error_field: QWidget | None = None
        base = QApplication.font()
        box = QVBoxLayout(self)
        box.setContentsMargins(18, 12, 18, 12)
        self.form = form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(7)
        box.addLayout(form)
        box.addStretch(1)

        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("idEdit")
        self.id_edit.setMaxLength(30)
        self.id_edit.setFont(scaled(base, 1.2))
        self.id_edit.setPlaceholderText(self.tr("输入或扫描身份证号码，按回车"))
        form.addRow(self.tr("身份证号码"), self.id_edit)
        self.member_label = QLabel(" ")
        self.member_label.setObjectName("memberLabel")
        self.member_label.setWordWrap(True)
        self.member_label.setFont(scaled(base, 1.05, bold=True))
        form.addRow("", self.member_label)
        self.cover_combo = QComboBox()
        self.cover_combo.setObjectName("coverCombo")
        form.addRow(self.tr("保障"), self.cover_combo)
        self.cover_label = QLabel(" ")
        self.cover_label.setObjectName("coverLabel")
        self.cover_label.setWordWrap(True)
        form.addRow("", self.cover_label)
        self._add_stay_rows(form, today)
        self._add_papers_and_bank_rows(form)
        self.kind_rows("reimbursement")

    def _add_stay_rows(self, form: QFormLayout, today: date) -> None:
        """The hospital, the stay (or a lump-sum plan's diagnosis), the invoice and the four amounts."""
        self.hospital_row = QHBoxLayout()
        self.hospital_combo = searchable_combo("hospitalCombo")
        hospital_line = self.hospital_combo.lineEdit()
        assert hospital_line is not None  # a searchable combo is editable
        hospital_line.setPlaceholderText(self.tr("输入医院名称查找"))
        self.hospital_combo.currentIndexChanged.connect(self.changed)
        hospital_line.textEdited.connect(self.changed)
        self.hospital_row.addWidget(self.hospital_combo, 1)
        self.add_hospital_button = QPushButton(self.tr("新增医院…"))
        self.add_hospital_button.setObjectName("addHospitalButton")
        self.add_hospital_button.setAutoDefault(False)
        self.hospital_row.addWidget(self.add_hospital_button)
        form.addRow(self.tr("医院"), self.hospital_row)

        example = self.tr("如 {day}")  # example dates from today: a stay that ended three days ago
        self.admission_edit = self._line(
            "admissionEdit", example.format(day=f"{today - timedelta(days=10):%Y-%m-%d}"), 200
        )
        self.admission_edit.textChanged.connect(self.eventDayChanged)
        form.addRow(self.tr("入院日期"), self.admission_edit)
        self.discharge_edit = self._line(
            "dischargeEdit", example.format(day=f"{today - timedelta(days=3):%Y-%m-%d}"), 200
        )
        form.addRow(self.tr("出院日期"), self.discharge_edit)
        self.diagnosis_edit = self._line("diagnosisEdit", self.tr("出院小结上的出院诊断"))
        form.addRow(self.tr("诊断"), self.diagnosis_edit)
        self.disease_combo = QComboBox()
        self.disease_combo.setObjectName("diseaseCombo")
        self.disease_combo.currentIndexChanged.connect(self.changed)
        form.addRow(self.tr("确诊疾病"), self.disease_combo)
        self.diagnosis_date_edit = self._line(
            "diagnosisDateEdit",
            self.tr("诊断证明书上的日期，如 {day}").format(day=f"{today - timedelta(days=7):%Y-%m-%d}"),
            260,
        )
        self.diagnosis_date_edit.textChanged.connect(self.eventDayChanged)
        form.addRow(self.tr("确诊日期"), self.diagnosis_date_edit)
        self.invoice_edit = self._line("invoiceEdit", self.tr("住院发票号码"), 260)
        form.addRow(self.tr("发票号码"), self.invoice_edit)
        self.total_edit = self._line("totalEdit", self.tr("结算单：医疗费用总额"), 200)
        form.addRow(self.tr("医疗总费用"), self.total_edit)
        self.fund_edit = self._line("fundEdit", self.tr("结算单：统筹基金支付"), 200)
        form.addRow(self.tr("医保统筹支付"), self.fund_edit)
        self.in_scope_edit = self._line("inScopeEdit", self.tr("结算单：政策范围内个人自付"), 200)
        form.addRow(self.tr("政策内自付"), self.in_scope_edit)
        self.out_scope_edit = self._line("outScopeEdit", self.tr("结算单：政策范围外个人自费"), 200)
        form.addRow(self.tr("政策外自费"), self.out_scope_edit)

    def _add_papers_and_bank_rows(self, form: QFormLayout) -> None:
        """The papers checklist and the bank account."""
        self.papers_box = QWidget()
        self.papers_box.setObjectName("papersBox")
        self.papers_layout = QVBoxLayout(self.papers_box)
        self.papers_layout.setContentsMargins(0, 2, 0, 2)
        self.papers_layout.setSpacing(3)
        form.addRow(self.tr("收到材料"), self.papers_box)

        self.bank_edit = self._line("bankEdit", self.tr("如 中国农业银行商洛分行"))
        form.addRow(self.tr("开户银行"), self.bank_edit)
        self.holder_edit = self._line("holderEdit", self.tr("会员本人；会员身故的填受益人"), 260)
        form.addRow(self.tr("账户户名"), self.holder_edit)
        self.account_edit = self._line("accountEdit", self.tr("银行卡号"), 300)
        form.addRow(self.tr("银行账号"), self.account_edit)
        self.beneficiary_edit = self._line("beneficiaryEdit", self.tr("仅会员身故时填写：受益人与会员关系、死亡证明"))
        form.addRow(self.tr("受益人说明"), self.beneficiary_edit)

    def _line(self, name: str, placeholder: str = "", width: int | None = None) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        if width:
            edit.setMaximumWidth(width)
        edit.textChanged.connect(self.changed)
        return edit

    # --- shape --------------------------------------------------------------------------------

    def kind_rows(self, kind: str) -> None:
        lump = kind == "lump_sum"
        for widget in (
            self.admission_edit,
            self.discharge_edit,
            self.diagnosis_edit,
            self.total_edit,
            self.fund_edit,
            self.in_scope_edit,
            self.out_scope_edit,
        ):
            self.form.setRowVisible(widget, not lump)
        for lump_widget in (self.disease_combo, self.diagnosis_date_edit):
            self.form.setRowVisible(lump_widget, lump)

    def set_diseases(self, diseases) -> None:
        self.disease_combo.blockSignals(True)
        self.disease_combo.clear()
        if diseases:
            self.disease_combo.addItems(diseases)
            self.disease_combo.setCurrentIndex(-1)
        self.disease_combo.blockSignals(False)

    def set_papers(self, materials, *, keep: bool = False) -> list[QCheckBox]:
        """The checklist of `materials` (ticks kept for the same items with `keep`); returns the boxes."""
        ticked = {box.text() for box in self.paper_boxes if box.isChecked()} if keep else set()
        for box in self.paper_boxes:
            self.papers_layout.removeWidget(box)
            box.deleteLater()
        self.paper_boxes = []
        for material in materials:
            box = QCheckBox(material.label())
            box.setObjectName("paper_" + material.name)
            box.setProperty("item", material.name)
            box.setChecked(box.text() in ticked)
            box.toggled.connect(self.changed)
            self.papers_layout.addWidget(box)
            box.show()
            self.paper_boxes.append(box)
        return self.paper_boxes

    # --- reading --------------------------------------------------------------------------------

    def hospital_id(self) -> int | None:
        return chosen_data(self.hospital_combo)

    def received_papers(self) -> list[str]:
        return [box.property("item") for box in self.paper_boxes if box.isChecked()]

    def stay(self, lump: bool):
        from mutualaid_desktop.services.claims.claims_intake import Stay

        disease = self.disease_combo.currentText() if self.disease_combo.currentIndex() >= 0 else ""

        def day(edit: QLineEdit):
            text = edit.text().strip()
            return parse_day(text) if parse_day(text) is not None else (text or None)

        return Stay(
            admission_date=None if lump else day(self.admission_edit),
            discharge_date=None if lump else day(self.discharge_edit),
            hospital_id=self.hospital_id(),
            diagnosis=disease if lump else self.diagnosis_edit.text(),
            diagnosis_date=day(self.diagnosis_date_edit) if lump else None,
            invoice_number=self.invoice_edit.text(),
            total_cost="" if lump else self.total_edit.text(),
            fund_paid="" if lump else self.fund_edit.text(),
            in_scope_self_pay="" if lump else self.in_scope_edit.text(),
            out_of_scope_self_pay="" if lump else self.out_scope_edit.text(),
        )

    def bank(self):
        from mutualaid_desktop.services.claims.claim_papers import BankAccount

        return BankAccount(
            self.bank_edit.text(), self.holder_edit.text(), self.account_edit.text(), self.beneficiary_edit.text()
        )

    # --- errors at their field -----------------------------------------------------------------

    def field_widget(self, field: str | None, lump: bool) -> QWidget | None:
        return {
            "hospital": self.hospital_combo,
            "hospital_grade": self.hospital_combo,
            "admission_date": self.admission_edit,
            "discharge_date": self.discharge_edit,
            "diagnosis": self.disease_combo if lump else self.diagnosis_edit,
            "diagnosis_date": self.diagnosis_date_edit,
            "invoice_number": self.invoice_edit,
            "total_cost": self.total_edit,
            "fund_paid": self.fund_edit,
            "in_scope_self_pay": self.in_scope_edit,
            "out_of_scope_self_pay": self.out_scope_edit,
            "bank_name": self.bank_edit,
            "account_holder": self.holder_edit,
            "account_number": self.account_edit,
            "beneficiary_note": self.beneficiary_edit,
            "enrollment": self.cover_combo,
            "id_number": self.id_edit,
        }.get(field or "")

    def show_field_error(self, target: QWidget | None, message: str) -> None:
        """Frame `target` red and put `message` in a line right below it (None: no field in error)."""
        if self._error_field is not None and self._error_field is not target:
            mark_field(self._error_field, False)
        if self._error_row is not None:
            self.form.removeRow(self._error_row)
            self._error_row = None
        self._error_field = target
        if target is None:
            return
        mark_field(target, True, message)
        row = self._row_of(target)
        if row >= 0:
            label = QLabel(message)
            label.setObjectName("fieldError")
            label.setWordWrap(True)
            self.form.insertRow(row + 1, "", label)
            self._error_row = label

    @property
    def error_line(self) -> QLabel | None:
        """The line under the field in error, while there is one."""
        return self._error_row

    def _row_of(self, widget: QWidget) -> int:
        # PySide6's stub types the (row, role) pair getWidgetPosition returns as a bare object
        position: int = cast("tuple[int, QFormLayout.ItemRole]", self.form.getWidgetPosition(widget))[0]
        if position >= 0:
            return position
        for row in range(self.form.rowCount()):  # the hospital combo sits in a row with 新增医院
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            layout = item.layout() if item is not None else None
            if layout is not None and layout.indexOf(widget) >= 0:
                return row
        return -1

    def clear_stay(self) -> None:
        """Empty what was typed about the stay and the bank account (the ID number stays)."""
        for name in (*STAY_FIELDS, *BANK_FIELDS):
            getattr(self, name).clear()
        self.hospital_combo.setCurrentIndex(-1)
        self.hospital_combo.setEditText("")
        self.disease_combo.setCurrentIndex(-1)
        for box in self.paper_boxes:
            box.setChecked(False)
        self.show_field_error(None, "")
