"""理赔受理: a walk-in claim, from the ID card to the acceptance receipt.

Scan or type the ID number and press Enter: the member, the unit and every cover with its state;
the cover of the admission date is chosen by itself (again when the admission date changes),
or the reason there is none is shown. Then the stay (hospital from the list, or 新增医院; dates;
diagnosis — for a lump-sum plan the plan's disease list and the date of diagnosis; invoice; the
four amounts of the settlement sheet), the materials checklist, the bank account. The panel on
the right shows the quote as the clerk types (the same domain code as the CLI; previous invoices
and payments come from the database, so a duplicate invoice or a reached cap shows at once).

The live quote runs on the GUI thread, debounced: `quote_for` takes under 1 ms on a million
members (bench/bench_claim_quote.py), well inside a keystroke. Saving runs on the worker.

Keyboard: Enter moves to the next field; Space ticks a paper; Enter on 保存 saves. 补交材料 finds a
claim waiting for papers by its number and ticks the rest.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.ui.background import Worker, user_message
from mutualaid_desktop.ui.counter_page import CounterPage
from mutualaid_desktop.ui.fonts import scaled
from mutualaid_desktop.ui import payment_dialog
from mutualaid_desktop.ui.payment_dialog import paper_path
from mutualaid_desktop.ui.widgets import ERROR_COLOR, accept_typed_item, chosen_data, focus_next_in, searchable_combo

if TYPE_CHECKING:
    from mutualaid_desktop.services.claims_intake import IntakeCover, IntakeLookup, SavedClaim
    from mutualaid_desktop.services.users import UserInfo
    from mutualaid_desktop.store.database import Database

log = logging.getLogger(__name__)

QUOTE_DELAY_MS = 150
PAGE_STYLE = """
QFrame#formCard, QFrame#quotePanel { background: #ffffff; border: 1px solid #d5dbe3; border-radius: 8px; }
QLabel[state="ok"] { color: #1b5e20; }
QLabel[state="error"] { color: #b3261e; }
QLabel[state="warning"] { color: #8a5300; }
QLabel[state="pending"] { color: #5f6b7a; }
QLabel#payoutLabel { color: #1f4e79; }
"""
_DATE = re.compile(r"^\s*(\d{4})\D?(\d{1,2})\D?(\d{1,2})\D*$")


def parse_day(text: str) -> date | None:
    """2027-05-03, 2027.5.3, 2027/05/03 or 20270503; None when empty or not a date."""
    from mutualaid_desktop.domain.text import to_halfwidth

    text = to_halfwidth(text or "").strip()
    if not text:
        return None
    match = _DATE.match(text) if not text.isdigit() or len(text) == 8 else None
    if text.isdigit() and len(text) == 8:
        match = re.match(r"(\d{4})(\d{2})(\d{2})", text)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _error_line() -> QLabel:
    """A dialog's refusal line (`dialogError`, red, hidden until there is a message)."""
    label = QLabel()
    label.setObjectName("dialogError")
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    label.setVisible(False)
    return label


def _set_state(label: QLabel, text: str, state: str) -> None:
    label.setText(text)
    label.setProperty("state", state)
    label.style().unpolish(label)
    label.style().polish(label)


class ClaimIntakePage(CounterPage):
    """The 理赔受理 page. `claimSaved` carries each SavedClaim; `papersCompleted` a SavedClaim."""

    claimSaved = Signal(object)
    papersCompleted = Signal(object)
    memberLoaded = Signal(object)
    hospitalsLoaded = Signal()
    saveFailed = Signal(str)
    quoteShown = Signal()

    def __init__(
        self,
        db: Database,
        user: UserInfo,
        *,
        worker: Worker,
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(db, user, worker=worker, parent=parent, today=today)
        self.setObjectName("claimIntakePage")
        self.lookup: IntakeLookup | None = None
        self.cover: IntakeCover | None = None
        self._cover_chosen_by_hand = False
        self._saving = False
        self.quote = None
        self.quote_error = None
        self.last_saved: SavedClaim | None = None
        self.pdf_path = None
        self.paper_boxes: list[QCheckBox] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUOTE_DELAY_MS)
        self._timer.timeout.connect(self.update_quote)
        self._build()
        self.reload_hospitals()

    # --- construction -----------------------------------------------------------------------

    def _line(self, name: str, placeholder: str = "", width: int | None = None) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        if placeholder:
            edit.setPlaceholderText(placeholder)
        if width:
            edit.setMaximumWidth(width)
        edit.textChanged.connect(self._changed)
        return edit

    def _build(self) -> None:
        self.setStyleSheet(PAGE_STYLE)
        base = QApplication.font()
        self.papers_button = QPushButton(self.tr("补交材料…"))
        self.papers_button.setObjectName("papersButton")
        self.papers_button.setToolTip(self.tr("按受理编号找到待补材料的理赔，勾选补交的材料"))
        self.papers_button.clicked.connect(self.open_papers_dialog)
        outer = self.page_layout(self.tr("理赔受理"), self.papers_button)

        body = QHBoxLayout()
        body.setSpacing(14)
        outer.addLayout(body, 1)

        # the form, in a scroll area (the checklist makes it tall)
        card = QFrame()
        card.setObjectName("formCard")
        form_box = QVBoxLayout(card)
        form_box.setContentsMargins(18, 12, 18, 12)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(7)
        form_box.addLayout(self.form)
        form_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("formScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(card)
        self.form_scroll = scroll
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(scroll, 1)
        body.addLayout(left, 3)

        self.id_edit = QLineEdit()
        self.id_edit.setObjectName("idEdit")
        self.id_edit.setMaxLength(30)
        self.id_edit.setFont(scaled(base, 1.2))
        self.id_edit.setPlaceholderText(self.tr("输入或扫描身份证号码，按回车"))
        self.id_edit.textEdited.connect(self._id_edited)
        self.form.addRow(self.tr("身份证号码"), self.id_edit)
        self.member_label = QLabel(" ")
        self.member_label.setObjectName("memberLabel")
        self.member_label.setWordWrap(True)
        self.member_label.setFont(scaled(base, 1.05, bold=True))
        self.form.addRow("", self.member_label)
        self.cover_combo = QComboBox()
        self.cover_combo.setObjectName("coverCombo")
        self.cover_combo.activated.connect(self._cover_picked)
        self.form.addRow(self.tr("保障"), self.cover_combo)
        self.cover_label = QLabel(" ")
        self.cover_label.setObjectName("coverLabel")
        self.cover_label.setWordWrap(True)
        self.form.addRow("", self.cover_label)

        hospital_row = QHBoxLayout()
        self.hospital_combo = searchable_combo("hospitalCombo")
        self.hospital_combo.lineEdit().setPlaceholderText(self.tr("输入医院名称查找"))
        self.hospital_combo.currentIndexChanged.connect(self._changed)
        self.hospital_combo.lineEdit().textEdited.connect(self._changed)
        hospital_row.addWidget(self.hospital_combo, 1)
        self.add_hospital_button = QPushButton(self.tr("新增医院…"))
        self.add_hospital_button.setObjectName("addHospitalButton")
        self.add_hospital_button.setAutoDefault(False)
        self.add_hospital_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.add_hospital_button.clicked.connect(self.open_add_hospital)
        hospital_row.addWidget(self.add_hospital_button)
        self.form.addRow(self.tr("医院"), hospital_row)

        self.admission_edit = self._line("admissionEdit", self.tr("如 2027-05-03"), 200)
        self.admission_edit.textChanged.connect(self._admission_changed)
        self.form.addRow(self.tr("入院日期"), self.admission_edit)
        self.discharge_edit = self._line("dischargeEdit", self.tr("如 2027-05-10"), 200)
        self.form.addRow(self.tr("出院日期"), self.discharge_edit)
        self.diagnosis_edit = self._line("diagnosisEdit", self.tr("出院小结上的出院诊断"))
        self.form.addRow(self.tr("诊断"), self.diagnosis_edit)
        self.disease_combo = QComboBox()
        self.disease_combo.setObjectName("diseaseCombo")
        self.disease_combo.currentIndexChanged.connect(self._changed)
        self.form.addRow(self.tr("确诊疾病"), self.disease_combo)
        self.diagnosis_date_edit = self._line("diagnosisDateEdit", self.tr("诊断证明书上的日期"), 200)
        self.diagnosis_date_edit.textChanged.connect(self._admission_changed)
        self.form.addRow(self.tr("确诊日期"), self.diagnosis_date_edit)
        self.invoice_edit = self._line("invoiceEdit", self.tr("住院发票号码"), 260)
        self.form.addRow(self.tr("发票号码"), self.invoice_edit)
        self.total_edit = self._line("totalEdit", self.tr("结算单：医疗费用总额"), 200)
        self.form.addRow(self.tr("医疗总费用"), self.total_edit)
        self.fund_edit = self._line("fundEdit", self.tr("结算单：统筹基金支付"), 200)
        self.form.addRow(self.tr("医保统筹支付"), self.fund_edit)
        self.in_scope_edit = self._line("inScopeEdit", self.tr("结算单：政策范围内个人自付"), 200)
        self.form.addRow(self.tr("政策内自付"), self.in_scope_edit)
        self.out_scope_edit = self._line("outScopeEdit", self.tr("结算单：政策范围外个人自费"), 200)
        self.form.addRow(self.tr("政策外自费"), self.out_scope_edit)

        self.papers_box = QWidget()
        self.papers_box.setObjectName("papersBox")
        self.papers_layout = QVBoxLayout(self.papers_box)
        self.papers_layout.setContentsMargins(0, 2, 0, 2)
        self.papers_layout.setSpacing(3)
        self.form.addRow(self.tr("收到材料"), self.papers_box)

        self.bank_edit = self._line("bankEdit", self.tr("如 中国农业银行商洛分行"))
        self.form.addRow(self.tr("开户银行"), self.bank_edit)
        self.holder_edit = self._line("holderEdit", self.tr("会员本人；会员身故的填受益人"), 260)
        self.form.addRow(self.tr("账户户名"), self.holder_edit)
        self.account_edit = self._line("accountEdit", self.tr("银行卡号"), 300)
        self.form.addRow(self.tr("银行账号"), self.account_edit)
        self.beneficiary_edit = self._line("beneficiaryEdit", self.tr("仅会员身故时填写：受益人与会员关系、死亡证明"))
        self.form.addRow(self.tr("受益人说明"), self.beneficiary_edit)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存并打印回执"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setMinimumHeight(34)
        self.save_button.setMinimumWidth(140)
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("清空"))
        self.clear_button.setObjectName("clearButton")
        self.clear_button.setMinimumHeight(34)
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.clear_button.clicked.connect(self.clear_form)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        left.addLayout(buttons)  # below the scrolling form: always in sight
        self.message_label = QLabel(" ")
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left.addWidget(self.message_label)

        # the live quote
        panel = QFrame()
        panel.setObjectName("quotePanel")
        panel.setMinimumWidth(330)
        panel_box = QVBoxLayout(panel)
        panel_box.setContentsMargins(18, 14, 18, 14)
        panel_box.setSpacing(8)
        panel_title = QLabel(self.tr("核算（实时）"))
        panel_title.setFont(scaled(base, 1.2, bold=True))
        panel_box.addWidget(panel_title)
        self.eligible_label = QLabel(" ")
        self.eligible_label.setObjectName("eligibleLabel")
        self.eligible_label.setWordWrap(True)
        self.eligible_label.setFont(scaled(base, 1.1, bold=True))
        panel_box.addWidget(self.eligible_label)
        self.payout_label = QLabel(" ")
        self.payout_label.setObjectName("payoutLabel")
        self.payout_label.setFont(scaled(base, 1.7, bold=True))
        panel_box.addWidget(self.payout_label)
        self.words_label = QLabel(" ")
        self.words_label.setObjectName("wordsLabel")
        self.words_label.setWordWrap(True)
        panel_box.addWidget(self.words_label)
        self.lines_label = QLabel(" ")
        self.lines_label.setObjectName("linesLabel")
        self.lines_label.setWordWrap(True)
        self.lines_label.setTextFormat(Qt.TextFormat.RichText)
        panel_box.addWidget(self.lines_label)
        self.notes_label = QLabel(" ")
        self.notes_label.setObjectName("notesLabel")
        self.notes_label.setWordWrap(True)
        panel_box.addWidget(self.notes_label)
        panel_box.addStretch(1)
        body.addWidget(panel, 2)

        self._kind_rows("reimbursement")
        for widget in self._all_fields():
            widget.installEventFilter(self)
        self.hospital_combo.lineEdit().installEventFilter(self)
        self._clear_quote()

    def _all_fields(self) -> list[QWidget]:
        return [self.id_edit, self.cover_combo, self.hospital_combo, self.admission_edit, self.discharge_edit,
                self.diagnosis_edit, self.disease_combo, self.diagnosis_date_edit, self.invoice_edit, self.total_edit,
                self.fund_edit, self.in_scope_edit, self.out_scope_edit, self.bank_edit, self.holder_edit,
                self.account_edit, self.beneficiary_edit, self.save_button]  # fmt: skip

    def _chain(self) -> list[QWidget]:
        """The fields Enter walks through, in order (hidden and disabled ones are skipped)."""
        fields = self._all_fields()
        index = fields.index(self.bank_edit)
        return fields[:index] + self.paper_boxes + fields[index:]

    def _kind_rows(self, kind: str) -> None:
        lump = kind == "lump_sum"
        for widget in (self.admission_edit, self.discharge_edit, self.diagnosis_edit, self.total_edit,
                       self.fund_edit, self.in_scope_edit, self.out_scope_edit):
            self.form.setRowVisible(widget, not lump)
        for widget in (self.disease_combo, self.diagnosis_date_edit):
            self.form.setRowVisible(widget, lump)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        focus = self.window().focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            self.id_edit.setFocus(Qt.FocusReason.OtherFocusReason)  # ready for the card reader

    # --- keyboard ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if watched is self.hospital_combo.lineEdit():
                watched = self.hospital_combo
            if watched is self.id_edit:
                self.id_entered()
                return True
            if watched is self.save_button:
                self.save()
                return True
            if watched is self.hospital_combo:
                accept_typed_item(self.hospital_combo)
            if watched in self._chain():
                self.focus_next(watched)
                return True
        return super().eventFilter(watched, event)

    def focus_next(self, widget: QWidget) -> None:
        candidate = focus_next_in(self._chain(), widget, self)
        if candidate is not None and self.form_scroll.widget().isAncestorOf(candidate):
            self.form_scroll.ensureWidgetVisible(candidate)

    # --- hospitals --------------------------------------------------------------------------

    def reload_hospitals(self, select_id: int | None = None) -> None:
        from mutualaid_desktop.services.hospitals import list_hospitals

        self._worker.submit(list_hospitals, self._db, active_only=True, context=self,
                            on_result=lambda rows: self._hospitals_loaded(rows, select_id), on_error=self._failed)

    def _hospitals_loaded(self, rows, select_id: int | None) -> None:
        current = select_id if select_id is not None else chosen_data(self.hospital_combo)
        combo = self.hospital_combo
        combo.blockSignals(True)
        combo.clear()
        for h in rows:
            combo.addItem(h.label(), h.id)
        index = combo.findData(current) if current is not None else -1
        combo.setCurrentIndex(index)
        if index < 0:
            combo.setEditText("")
        combo.blockSignals(False)
        self._changed()
        self.hospitalsLoaded.emit()

    def hospital_id(self) -> int | None:
        return chosen_data(self.hospital_combo)

    @Slot()
    def open_add_hospital(self) -> None:
        dialog = AddHospitalDialog(self._db, self._user, name=self.hospital_combo.currentText().strip(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(lambda info: self.reload_hospitals(info.id))
        self.add_hospital_dialog = dialog
        dialog.open()

    # --- the member -------------------------------------------------------------------------

    def _id_edited(self, _text: str) -> None:
        if self.lookup is not None:
            self._set_lookup(None)

    @Slot()
    def id_entered(self) -> None:
        """Enter in the ID field (or a card reader's Enter): look the member up, then go on."""
        from mutualaid_desktop.services.claims_intake import intake_lookup

        text = self.id_edit.text().strip()
        if not text:
            return
        self._worker.submit(intake_lookup, self._db, text, admission_date=self._event_date(), today=self._today(),
                            on_result=self._looked_up, on_error=self._lookup_failed, context=self)

    def _looked_up(self, lookup: IntakeLookup) -> None:
        self.id_edit.setText(lookup.member.id_number)
        self._set_lookup(lookup)
        self.memberLoaded.emit(lookup)
        self.focus_next(self.cover_combo)  # on to the hospital

    def _lookup_failed(self, error: BaseException) -> None:
        self._set_lookup(None)
        _set_state(self.member_label, user_message(error, self.tr("查找会员时出现意外错误。")), "error")
        self.id_edit.selectAll()
        self.id_edit.setFocus()

    def _set_lookup(self, lookup: IntakeLookup | None) -> None:
        self.lookup = lookup
        self._cover_chosen_by_hand = False
        self.cover_combo.clear()
        if lookup is None:
            _set_state(self.member_label, " ", "")
            self.cover = None
            self._show_cover()
            return
        m = lookup.member
        _set_state(self.member_label, self.tr("{name}（{sex}，{age} 周岁） · {unit}").format(
            name=m.name, sex=m.sex_label, age=m.age, unit=m.unit_name or self.tr("无单位")), "ok")
        for cover in lookup.covers:
            self.cover_combo.addItem(cover.label(), cover.enrollment_id)
        self.cover = lookup.chosen
        self._select_cover_item()
        self._show_cover()
        if lookup.waiting_papers:
            notes = self.tr("该会员有待补材料的理赔：{numbers}（补交请用“补交材料”）").format(
                numbers="、".join(lookup.waiting_papers))
            _set_state(self.message_label, notes, "warning")

    def _select_cover_item(self) -> None:
        index = self.cover_combo.findData(self.cover.enrollment_id) if self.cover else -1
        self.cover_combo.setCurrentIndex(index)

    def _cover_picked(self, index: int) -> None:
        if self.lookup is None or index < 0:
            return
        self._cover_chosen_by_hand = True
        self.cover = self.lookup.cover(self.cover_combo.itemData(index))
        self._show_cover()

    def _event_date(self) -> date | None:
        if self.cover is not None and self.cover.kind == "lump_sum":
            return parse_day(self.diagnosis_date_edit.text())
        return parse_day(self.admission_edit.text())

    def _admission_changed(self) -> None:
        """A new admission (diagnosis) date may fall in another cover: choose again."""
        from mutualaid_desktop.services.claims_intake import choose_cover

        if self.lookup is None or self._cover_chosen_by_hand:
            return
        day = self._event_date()
        if day is None:
            return
        kind = self.cover.kind if self.cover is not None else None
        chosen, in_force, problem = choose_cover(list(self.lookup.covers), day, kind)
        if chosen is None and kind is not None:
            chosen, in_force, problem = choose_cover(list(self.lookup.covers), day)
        self._cover_problem = (in_force, problem)
        if chosen is not self.cover:
            self.cover = chosen
            self._select_cover_item()
            self._show_cover(keep_papers=True)
        else:
            self._show_cover_state()

    def _show_cover(self, keep_papers: bool = False) -> None:
        cover = self.cover
        kind = cover.kind if cover else "reimbursement"
        self._kind_rows(kind)
        self.disease_combo.blockSignals(True)
        self.disease_combo.clear()
        if cover is not None and cover.diseases:
            self.disease_combo.addItems(cover.diseases)
            self.disease_combo.setCurrentIndex(-1)
        self.disease_combo.blockSignals(False)
        ticked = {box.text() for box in self.paper_boxes if box.isChecked()} if keep_papers else set()
        for box in self.paper_boxes:
            box.removeEventFilter(self)
            self.papers_layout.removeWidget(box)
            box.deleteLater()
        self.paper_boxes = []
        for material in cover.materials if cover else ():
            box = QCheckBox(material.label())
            box.setObjectName("paper_" + material.name)
            box.setProperty("item", material.name)
            box.setChecked(box.text() in ticked)
            box.toggled.connect(self._changed)
            box.installEventFilter(self)
            self.papers_layout.addWidget(box)
            box.show()
            self.paper_boxes.append(box)
        if self.lookup is not None and not self._cover_chosen_by_hand:
            day = self._event_date() or self.lookup.event_date
            from mutualaid_desktop.services.claims_intake import choose_cover

            chosen, in_force, problem = choose_cover(list(self.lookup.covers), day, cover.kind if cover else None)
            self._cover_problem = (in_force, problem) if chosen is cover else (cover is not None, None)
        else:
            self._cover_problem = (cover is not None, None)
        self._show_cover_state()
        self._changed()

    def _show_cover_state(self) -> None:
        from mutualaid_desktop.domain.money import format_amount

        cover, lookup = self.cover, self.lookup
        if lookup is None:
            _set_state(self.cover_label, " ", "")
            return
        in_force, problem = getattr(self, "_cover_problem", (True, None))
        if cover is None:
            _set_state(self.cover_label, problem or lookup.problem or self.tr("没有可用的保障。"), "error")
            return
        parts = []
        if cover.annual_cap:
            parts.append(self.tr("本期已给付 {paid}，年度限额 {cap}").format(
                paid=format_amount(cover.paid_before), cap=format_amount(cover.annual_cap)))
        elif cover.claims_before:
            parts.append(self.tr("本期已理赔 {count} 次").format(count=cover.claims_before))
        if cover.open_claims:
            parts.append(self.tr("另有 {count} 件理赔在办").format(count=cover.open_claims))
        text = "；".join(parts) or self.tr("本期尚无理赔")
        if problem:
            _set_state(self.cover_label, problem + "\n" + text, "error" if not in_force else "warning")
        else:
            _set_state(self.cover_label, text, "ok")

    # --- the live quote ---------------------------------------------------------------------

    def _changed(self, *_args) -> None:
        self._timer.start()

    def stay(self):
        from mutualaid_desktop.services.claims_intake import Stay

        lump = self.cover is not None and self.cover.kind == "lump_sum"
        disease = self.disease_combo.currentText() if self.disease_combo.currentIndex() >= 0 else ""

        def day(edit: QLineEdit):
            text = edit.text().strip()
            return parse_day(text) if parse_day(text) is not None else (text or None)

        return Stay(
            admission_date=None if lump else day(self.admission_edit),
            discharge_date=None if lump else day(self.discharge_edit),
            hospital_id=self.hospital_id(),
            diagnosis=disease if lump else self.diagnosis_edit.text().strip(),
            diagnosis_date=day(self.diagnosis_date_edit) if lump else None,
            invoice_number=self.invoice_edit.text().strip(),
            total_cost="" if lump else self.total_edit.text(),
            fund_paid="" if lump else self.fund_edit.text(),
            in_scope_self_pay="" if lump else self.in_scope_edit.text(),
            out_of_scope_self_pay="" if lump else self.out_scope_edit.text(),
        )

    @Slot()
    def update_quote(self) -> None:
        """The quote of what is typed so far (on the GUI thread: it takes about a millisecond)."""
        from mutualaid_desktop.domain.errors import InputError
        from mutualaid_desktop.services.claims_intake import quote_for

        self._timer.stop()
        if self.lookup is None or self.cover is None:
            self._clear_quote()
            return
        try:
            quote, _facts = quote_for(self._db, member_id=self.lookup.member.id,
                                      enrollment_id=self.cover.enrollment_id, stay=self.stay(), today=self._today())
        except InputError as exc:
            self.quote, self.quote_error = None, exc
            self._show_pending(exc)
        except Exception as exc:  # the database went away...: said, never a traceback
            self.quote, self.quote_error = None, exc
            _set_state(self.eligible_label, user_message(exc, self.tr("核算时出现意外错误。")), "error")
        else:
            self.quote, self.quote_error = quote, None
            self._show_quote(quote)
        self._show_papers_note()
        self.quoteShown.emit()

    def _clear_quote(self) -> None:
        self.quote = self.quote_error = None
        _set_state(self.eligible_label, self.tr("输入身份证号码后开始核算。"), "pending")
        for label in (self.payout_label, self.words_label, self.lines_label, self.notes_label):
            label.setText(" ")

    def _show_pending(self, error) -> None:
        missing = getattr(error, "code", "") in ("missing", "empty")
        _set_state(self.eligible_label, (self.tr("待填写：") if missing else self.tr("请核对：")) + error.message,
                   "pending" if missing else "error")
        self.payout_label.setText(" ")
        self.words_label.setText(" ")
        self.lines_label.setText(" ")

    def _show_quote(self, quote) -> None:
        from html import escape

        from mutualaid_desktop.domain.money import format_amount

        if quote.eligible:
            _set_state(self.eligible_label, self.tr("符合给付条件"), "ok")
        else:
            reasons = "\n".join("· " + label for label in quote.reason_labels)
            _set_state(self.eligible_label, self.tr("不符合给付条件：") + "\n" + reasons, "error")
        self.payout_label.setText(self.tr("给付 {amount}").format(amount=format_amount(quote.payout)))
        self.words_label.setText(quote.payout_in_words)
        rows = "".join(
            f"<tr><td>{escape(line.label)}</td><td align='right'>&nbsp;&nbsp;{escape(format_amount(line.amount))}</td></tr>"
            for line in quote.lines
        )
        days = self.tr("住院 {days} 天").format(days=quote.stay_days) if quote.stay_days else ""
        self.lines_label.setText((f"<p>{escape(days)}</p>" if days else "") + (f"<table>{rows}</table>" if rows else ""))

    def received_papers(self) -> list[str]:
        return [box.property("item") for box in self.paper_boxes if box.isChecked()]

    def missing_papers(self) -> list[str]:
        from mutualaid_desktop.services.claims_intake import BANK_ACCOUNT_ITEM

        diagnosis = self.stay().diagnosis
        missing = [m.name for m in (self.cover.materials if self.cover else ())
                   if m.required_for(diagnosis) and m.name not in self.received_papers()]
        if not self.account_edit.text().strip():
            missing.append(BANK_ACCOUNT_ITEM)
        return missing

    def _show_papers_note(self) -> None:
        if self.cover is None:
            self.notes_label.setText(" ")
            return
        missing = self.missing_papers()
        if missing:
            _set_state(self.notes_label, self.tr("尚缺：{items}\n保存后为“待补材料”，回执上写明补交期限。").format(
                items="、".join(missing)), "warning")
        else:
            _set_state(self.notes_label, self.tr("材料齐全：保存后进入审核。"), "ok")

    # --- saving -----------------------------------------------------------------------------

    def bank(self):
        from mutualaid_desktop.services.claims_intake import BankAccount

        return BankAccount(self.bank_edit.text(), self.holder_edit.text(), self.account_edit.text(),
                           self.beneficiary_edit.text())

    def _field_widget(self, field: str | None) -> QWidget | None:
        return {
            "hospital": self.hospital_combo, "hospital_grade": self.hospital_combo,
            "admission_date": self.admission_edit, "discharge_date": self.discharge_edit,
            "diagnosis": self.disease_combo if self.cover and self.cover.kind == "lump_sum" else self.diagnosis_edit,
            "diagnosis_date": self.diagnosis_date_edit, "invoice_number": self.invoice_edit,
            "total_cost": self.total_edit, "fund_paid": self.fund_edit, "in_scope_self_pay": self.in_scope_edit,
            "out_of_scope_self_pay": self.out_scope_edit, "bank_name": self.bank_edit,
            "account_holder": self.holder_edit, "account_number": self.account_edit,
            "beneficiary_note": self.beneficiary_edit, "enrollment": self.cover_combo, "id_number": self.id_edit,
        }.get(field or "")

    @Slot()
    def save(self) -> None:
        from mutualaid_desktop.services.claims_intake import save_claim

        if self._saving:
            return
        if self.lookup is None:
            _set_state(self.message_label, self.tr("请先输入身份证号码并按回车，找到会员。"), "error")
            self.id_edit.setFocus()
            return
        if self.cover is None:
            _set_state(self.message_label, self.tr("没有可用的保障，不能受理：{reason}").format(
                reason=self.lookup.problem or ""), "error")
            self.cover_combo.setFocus()
            return
        self._saving = True
        self.save_button.setEnabled(False)
        self._worker.submit(
            save_claim, self._db, self._user, member_id=self.lookup.member.id, enrollment_id=self.cover.enrollment_id,
            stay=self.stay(), papers=self.received_papers(), bank=self.bank(), today=self._today(),
            on_result=self._saved, on_error=self._save_failed, context=self,
        )  # fmt: skip

    def _saved(self, saved: SavedClaim) -> None:
        from mutualaid_desktop.services.claims_intake import save_receipt_pdf

        self._saving = False
        self.save_button.setEnabled(True)
        self.last_saved = saved
        if saved.status == "waiting_papers":
            text = self.tr("已受理，编号 {number}：待补材料（{items}），请于 {due} 前补交。").format(
                number=saved.claim_number, items="、".join(saved.papers_missing), due=saved.papers_due.isoformat())
        else:
            text = self.tr("已受理，编号 {number}：材料齐全，已转审核。").format(number=saved.claim_number)
        try:
            self.pdf_path = save_receipt_pdf(saved.receipt, paper_path(self._db, "acceptance", saved.claim_number))
            payment_dialog.open_pdf(self.pdf_path, on_printed=_recorder(self._db, self._user, saved.claim_number))
        except Exception as exc:  # the claim stands; the receipt can be printed again
            log.exception("acceptance receipt PDF failed")
            text += "\n" + self.tr("回执文件没有生成：{reason}").format(reason=str(exc))
        self.clear_form()
        _set_state(self.message_label, text, "ok")
        self.claimSaved.emit(saved)

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        text = user_message(error, self.tr("保存时出现意外错误，数据没有改动。"))
        _set_state(self.message_label, text, "error")
        target = self._field_widget(getattr(error, "field", None))
        if target is not None:
            target.setFocus()
            if isinstance(target, QLineEdit):
                target.selectAll()
        self.saveFailed.emit(text)

    def _failed(self, error: BaseException) -> None:
        _set_state(self.message_label, user_message(error, self.tr("读取数据时出现意外错误。")), "error")

    @Slot()
    def clear_form(self) -> None:
        """Ready for the next claimant (the hospital list stays)."""
        for edit in (self.id_edit, self.admission_edit, self.discharge_edit, self.diagnosis_edit,
                     self.diagnosis_date_edit, self.invoice_edit, self.total_edit, self.fund_edit, self.in_scope_edit,
                     self.out_scope_edit, self.bank_edit, self.holder_edit, self.account_edit, self.beneficiary_edit):
            edit.clear()
        self.hospital_combo.setCurrentIndex(-1)
        self.hospital_combo.setEditText("")
        self._set_lookup(None)
        _set_state(self.message_label, " ", "")
        self._clear_quote()
        self._timer.stop()
        self.id_edit.setFocus()

    # --- 补交材料 ---------------------------------------------------------------------------

    @Slot()
    def open_papers_dialog(self) -> None:
        dialog = PapersDialog(self._db, self._user, parent=self, today=self._today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.completed.connect(self._papers_completed)
        self.papers_dialog = dialog
        dialog.open()

    def _papers_completed(self, saved: SavedClaim) -> None:
        self.last_saved = saved
        self.pdf_path = getattr(self.papers_dialog, "pdf_path", None)
        if saved.status == "waiting_review":
            text = self.tr("理赔 {number} 材料已补齐，已转审核。").format(number=saved.claim_number)
        else:
            text = self.tr("理赔 {number} 仍缺：{items}。").format(number=saved.claim_number,
                                                                  items="、".join(saved.papers_missing))
        _set_state(self.message_label, text, "ok")
        self.papersCompleted.emit(saved)


class AddHospitalDialog(QDialog):
    """新增医院 on the spot: name and grade (the county may be kept in 设置 → 医院)."""

    added = Signal(object)  # HospitalInfo

    def __init__(self, db: Database, user: UserInfo, *, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addHospitalDialog")
        self.setWindowTitle(self.tr("新增医院"))
        self._db, self._user = db, user
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name_edit = QLineEdit(name)
        self.name_edit.setObjectName("hospitalNameEdit")
        self.name_edit.setMinimumWidth(320)
        form.addRow(self.tr("医院名称"), self.name_edit)
        self.grade_combo = QComboBox()
        self.grade_combo.setObjectName("hospitalGradeCombo")
        for grade, label in ((3, self.tr("三级")), (2, self.tr("二级")), (1, self.tr("一级")), (0, self.tr("未定级"))):
            self.grade_combo.addItem(label, grade)
        form.addRow(self.tr("医院等级"), self.grade_combo)
        layout.addLayout(form)
        self.error_label = _error_line()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("添加"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        from mutualaid_desktop.services.hospitals import add_hospital

        try:
            info = add_hospital(self._db, self._user, name=self.name_edit.text(), grade=self.grade_combo.currentData())
        except Exception as exc:
            self.error_label.setText(user_message(exc, self.tr("添加医院时出现意外错误。")))
            self.error_label.setVisible(True)
            return
        self.added.emit(info)
        super().accept()


class PapersDialog(QDialog):
    """补交材料: find a claim waiting for papers by its number; tick what was brought (and give the
    bank account when it was missing); the receipt is issued again."""

    completed = Signal(object)  # SavedClaim

    def __init__(self, db: Database, user: UserInfo, *, parent: QWidget | None = None,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.setObjectName("papersDialog")
        self.setWindowTitle(self.tr("补交材料"))
        self._db, self._user, self._today = db, user, today
        self.claim = None
        self.boxes: list[QCheckBox] = []
        self.pdf_path = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("claimNumberEdit")
        self.number_edit.setPlaceholderText(self.tr("回执上的受理编号，按回车"))
        self.number_edit.setMinimumWidth(300)
        self.number_edit.returnPressed.connect(self.find)
        form.addRow(self.tr("受理编号"), self.number_edit)
        self.claim_label = QLabel(" ")
        self.claim_label.setObjectName("claimLabel")
        self.claim_label.setWordWrap(True)
        form.addRow("", self.claim_label)
        self.boxes_widget = QWidget()
        self.boxes_layout = QVBoxLayout(self.boxes_widget)
        self.boxes_layout.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("补交材料"), self.boxes_widget)
        self.bank_edit = QLineEdit()
        self.bank_edit.setObjectName("papersBankEdit")
        self.holder_edit = QLineEdit()
        self.holder_edit.setObjectName("papersHolderEdit")
        self.account_edit = QLineEdit()
        self.account_edit.setObjectName("papersAccountEdit")
        form.addRow(self.tr("开户银行"), self.bank_edit)
        form.addRow(self.tr("账户户名"), self.holder_edit)
        form.addRow(self.tr("银行账号"), self.account_edit)
        self.form = form
        layout.addLayout(form)
        self.error_label = _error_line()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确认补交并打印回执"))
        self.ok_button.setEnabled(False)
        self.ok_button.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._bank_rows(False)

    def _bank_rows(self, visible: bool) -> None:
        for edit in (self.bank_edit, self.holder_edit, self.account_edit):
            self.form.setRowVisible(edit, visible)

    def _error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    @Slot()
    def find(self) -> None:
        from mutualaid_desktop.services.claims_intake import waiting_claim

        for box in self.boxes:
            box.deleteLater()
        self.boxes = []
        try:
            self.claim = waiting_claim(self._db, self.number_edit.text())
        except Exception as exc:
            self.claim = None
            self.ok_button.setEnabled(False)
            self.claim_label.setText(" ")
            self._bank_rows(False)
            self._error(user_message(exc, self.tr("查找理赔时出现意外错误。")))
            return
        self._error("")
        c = self.claim
        self.claim_label.setText(self.tr("{name}（{id}），{received} 受理，补交期限 {due}").format(
            name=c.member_name, id=c.id_masked, received=c.received_on.isoformat(),
            due=c.papers_due.isoformat() if c.papers_due else "—"))
        for item, required, received in c.checklist:
            if received:
                continue
            box = QCheckBox(item if required else self.tr("{item}（如有）").format(item=item))
            box.setObjectName("papers_" + item)
            box.setProperty("item", item)
            self.boxes_layout.addWidget(box)
            self.boxes.append(box)
        self._bank_rows(not c.has_account)
        self.ok_button.setEnabled(True)
        if self.boxes:
            self.boxes[0].setFocus()

    def accept(self) -> None:
        from mutualaid_desktop.services.claims_intake import BankAccount, complete_papers, save_receipt_pdf

        if self.claim is None:
            return
        bank = BankAccount(self.bank_edit.text(), self.holder_edit.text(), self.account_edit.text())
        try:
            saved = complete_papers(self._db, self._user, self.claim.claim_number,
                                    [b.property("item") for b in self.boxes if b.isChecked()],
                                    bank=bank if bank.given else None, today=self._today())
        except Exception as exc:
            self._error(user_message(exc, self.tr("补交没有成功，数据未改动。")))
            return
        try:
            self.pdf_path = save_receipt_pdf(saved.receipt, paper_path(self._db, "acceptance",
                                                                       f"{saved.claim_number}-{saved.receipt.printed_at:%H%M%S}"))
            payment_dialog.open_pdf(self.pdf_path, on_printed=_recorder(self._db, self._user, saved.claim_number))
        except Exception:  # the papers are recorded; the receipt can be printed again
            log.exception("acceptance receipt PDF failed")
        self.completed.emit(saved)
        super().accept()


def _recorder(db, user, claim_number: str):
    """on_printed of the acceptance receipt just issued (the newest copy of its number)."""
    from mutualaid_desktop.services.printed_papers import printer_recorder

    return printer_recorder(db, user, kind="acceptance_receipt", serial=claim_number, copy_number=None)
