"""理赔受理: a walk-in claim, from the ID card to the acceptance receipt.

Scan or type the ID number and press Enter: the member, the unit and every cover with its state;
the cover of the admission date is chosen by itself (again when the admission date changes),
or the reason there is none is shown. Typing another ID number clears the previous claimant's
stay and bank account, so that nothing of theirs is saved for the next person. Then the stay
(hospital from the list, or 新增医院; dates; diagnosis — for a lump-sum plan the plan's disease list
and the date of diagnosis; invoice; the four amounts of the settlement sheet), the materials
checklist, the bank account. The panel on the right (ui/claims/claim_quote_panel.py) shows the quote as the
clerk types (the same domain code as the CLI; previous invoices and payments come from the database,
so a duplicate invoice or a reached cap shows at once) and the flags of a possible duplicate; a
field the service refuses (a discharge after today...) is framed red with its message below it.

The live quote (ui/claims/claim_intake_quote.py) runs on the GUI thread, debounced: `intake_check` takes
about a millisecond on a million members (bench/bench_claim_quote.py), well inside a keystroke. Saving runs
on the worker. The hospital list and 新增医院 are ui/claims/claim_intake_hospitals.py.

Keyboard (ui/claims/claim_intake_keys.py): Enter moves to the next field; Space ticks a paper; Enter on 保存
saves; Tab follows the form as it is laid out (the checklist before the bank account and 保存). 补交材料 (a later visit)
is ui/claims/claim_papers_dialog.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.changes import HOSPITALS
from mutualaid_desktop.ui.claims.claim_intake_form import BANK_FIELDS, STAY_FIELDS, IntakeFields, IntakeForm
from mutualaid_desktop.ui.claims.claim_intake_hospitals import IntakeHospitals
from mutualaid_desktop.ui.claims.claim_intake_keys import IntakeKeys
from mutualaid_desktop.ui.claims.claim_intake_parts import (
    PAGE_STYLE,
    AddHospitalDialog,
    parse_day,
    receipt_recorder,
    save_claim_with_receipt,
    set_state,
)
from mutualaid_desktop.ui.claims.claim_intake_quote import IntakeQuote
from mutualaid_desktop.ui.claims.claim_papers_dialog import PapersDialog
from mutualaid_desktop.ui.claims.claim_quote_panel import QuotePanel
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.common.widgets import (
    disable_while_working,
    enable_after_work,
)
from mutualaid_desktop.ui.enrollment import payment_dialog
from mutualaid_desktop.ui.shell.background import user_message
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from pathlib import Path

    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.services.claims.claim_checks import ClaimFlag, CounterQuote
    from mutualaid_desktop.services.claims.claims_intake import IntakeCover, IntakeLookup, SavedClaim
    from mutualaid_desktop.store.database import Database

log = logging.getLogger(__name__)

__all__ = ["AddHospitalDialog", "ClaimIntakePage", "PapersDialog", "parse_day"]


class ClaimIntakePage(IntakeFields, CounterPage):
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
        worker: TaskRunner,
        parent: QWidget | None = None,
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__(db, user, worker=worker, parent=parent, today=today)
        self.setObjectName("claimIntakePage")
        self.lookup: IntakeLookup | None = None
        self.cover: IntakeCover | None = None
        self._cover_chosen_by_hand = False
        self._saving = False
        self.last_saved: SavedClaim | None = None
        self.pdf_path: Path | None = None
        self.live_quote = IntakeQuote(self, db, self._today)  # ui/claims/claim_intake_quote.py
        self.live_quote.shown.connect(self.quoteShown)
        self._build()
        self.hospitals.reload()

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.setStyleSheet(PAGE_STYLE)
        self.papers_button = QPushButton(self.tr("补交材料…"))
        self.papers_button.setObjectName("papersButton")
        self.papers_button.setToolTip(self.tr("按受理编号找到待补材料的理赔，勾选补交的材料"))
        self.papers_button.clicked.connect(self.open_papers_dialog)
        outer = self.page_layout(self.tr("理赔受理"), self.papers_button)
        body = QHBoxLayout()
        body.setSpacing(14)
        outer.addLayout(body, 1)

        # the form, in a scroll area (the checklist makes it tall)
        self.intake_form = form = IntakeForm(self._today())
        for name in (
            "form",
            "id_edit",
            "member_label",
            "cover_combo",
            "cover_label",
            "hospital_combo",
            "add_hospital_button",
            "disease_combo",
            "papers_box",
            "papers_layout",
            *STAY_FIELDS,
            *BANK_FIELDS,
        ):
            setattr(self, name, getattr(form, name))
        form.changed.connect(self._changed)
        form.eventDayChanged.connect(self._admission_changed)
        self.id_edit.textEdited.connect(self._id_edited)
        self.setFocusProxy(self.id_edit)  # entered from the navigation: ready for the card reader
        self.cover_combo.activated.connect(self._cover_picked)
        self.hospitals = IntakeHospitals(  # the list and 新增医院 (ui/claims/claim_intake_hospitals.py)
            self.hospital_combo, self._db, self._user, worker=self._worker, page=self
        )
        self.hospitals.loaded.connect(self._hospitals_loaded)
        self.hospitals.failed.connect(self._failed)
        self.add_hospital_button.clicked.connect(self.hospitals.open_add)
        scroll = QScrollArea()
        scroll.setObjectName("formScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a container: the fields take the focus, and scroll into view
        scroll.setWidget(form)
        self.form_scroll = scroll
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(scroll, 1)
        body.addLayout(left, 3)

        self._build_buttons(left)

        # the live quote
        self.quote_panel = QuotePanel()
        for name in ("eligible_label", "payout_label", "words_label", "lines_label", "notes_label", "flags_label"):
            setattr(self, name, getattr(self.quote_panel, name))
        body.addWidget(self.quote_panel, 2)

        self.keys = IntakeKeys(self)  # Enter and Tab (ui/claims/claim_intake_keys.py)
        self.keys.set_tab_order()
        self.keys.watch_all()
        self.live_quote.clear()

    def _build_buttons(self, left: QVBoxLayout) -> None:
        """保存并打印回执 and 清空 below the scrolling form (always in sight), and the message line."""
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存并打印回执"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setMinimumHeight(34)
        self.save_button.setMinimumWidth(140)
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("清空"))
        self.clear_button.setObjectName("clearButton")
        self.clear_button.setMinimumHeight(34)
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

    @property
    def paper_boxes(self) -> list[QCheckBox]:
        return self.intake_form.paper_boxes

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.window().focusWidget() is None:  # shown on its own; in the window, see ui/shell/navigation.py
            self.id_edit.setFocus(Qt.FocusReason.OtherFocusReason)  # ready for the card reader

    # --- hospitals --------------------------------------------------------------------------

    shows = frozenset({HOSPITALS})  # a hospital added in 设置 or elsewhere is offered at once

    def reload_for(self, changes) -> None:
        self.hospitals.reload()

    def _hospitals_loaded(self) -> None:
        self._changed()
        self.hospitalsLoaded.emit()

    def hospital_id(self) -> int | None:
        return self.intake_form.hospital_id()

    # --- the member -------------------------------------------------------------------------

    def _id_edited(self, _text: str) -> None:
        """Another ID number is being typed: the previous claimant's stay, papers and bank account
        go with them (never saved onto the next person)."""
        if self.lookup is not None:
            self.clear_stay()
            self._set_lookup(None)
        set_state(self.message_label, " ", "")  # what was said was about the previous claimant

    @Slot()
    def id_entered(self) -> None:
        """Enter in the ID field (or a card reader's Enter): look the member up, then go on."""
        from mutualaid_desktop.services.claims.claims_intake import intake_lookup

        text = self.id_edit.text().strip()
        if not text:
            return
        self._worker.submit(
            intake_lookup,
            self._db,
            text,
            admission_date=self._event_date(),
            today=self._today(),
            on_result=self._looked_up,
            on_error=self._lookup_failed,
            context=self,
        )

    def _looked_up(self, lookup: IntakeLookup) -> None:
        self.id_edit.setText(lookup.member.id_number)
        self._set_lookup(lookup)
        self.memberLoaded.emit(lookup)
        self.keys.focus_next(self.cover_combo)  # on to the hospital

    def _lookup_failed(self, error: BaseException) -> None:
        self._set_lookup(None)
        set_state(self.member_label, user_message(error, self.tr("查找会员时出现意外错误。")), "error")
        self.id_edit.selectAll()
        self.id_edit.setFocus()

    def _set_lookup(self, lookup: IntakeLookup | None) -> None:
        self.lookup = lookup
        self._cover_chosen_by_hand = False
        self.cover_combo.clear()
        if lookup is None:
            set_state(self.member_label, " ", "")
            self.cover = None
            self._show_cover()
            return
        m = lookup.member
        set_state(
            self.member_label,
            self.tr("{name}（{sex}，{age} 周岁） · {unit}").format(
                name=m.name, sex=m.sex_label, age=m.age, unit=m.unit_name or self.tr("无单位")
            ),
            "ok",
        )
        for cover in lookup.covers:
            self.cover_combo.addItem(cover.label(), cover.enrollment_id)
        self.cover = lookup.chosen
        self._select_cover_item()
        self._show_cover()
        if lookup.waiting_papers:
            notes = self.tr("该会员有待补材料的理赔：{numbers}（补交请用“补交材料”）").format(
                numbers="、".join(lookup.waiting_papers)
            )
            set_state(self.message_label, notes, "warning")

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
        from mutualaid_desktop.services.claims.claims_intake import choose_cover

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
        self.intake_form.kind_rows(kind)
        self.intake_form.set_diseases(cover.diseases if cover is not None else ())
        for box in self.intake_form.set_papers(cover.materials if cover else (), keep=keep_papers):
            self.keys.watch(box)
        self.keys.set_tab_order()
        if self.lookup is not None and not self._cover_chosen_by_hand:
            day = self._event_date() or self.lookup.event_date
            from mutualaid_desktop.services.claims.claims_intake import choose_cover

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
            set_state(self.cover_label, " ", "")
            return
        in_force, problem = getattr(self, "_cover_problem", (True, None))
        if cover is None:
            set_state(self.cover_label, problem or lookup.problem or self.tr("没有可用的保障。"), "error")
            return
        parts = []
        if cover.annual_cap:
            parts.append(
                self.tr("本期已给付 {paid}，年度限额 {cap}").format(
                    paid=format_amount(cover.paid_before), cap=format_amount(cover.annual_cap)
                )
            )
        elif cover.claims_before:
            parts.append(self.tr("本期已理赔 {count} 次").format(count=cover.claims_before))
        if cover.open_claims:
            parts.append(self.tr("另有 {count} 件理赔在办").format(count=cover.open_claims))
        text = "；".join(parts) or self.tr("本期尚无理赔")
        if problem:
            set_state(self.cover_label, problem + "\n" + text, "error" if not in_force else "warning")
        else:
            set_state(self.cover_label, text, "ok")

    # --- the live quote ---------------------------------------------------------------------

    def _changed(self, *_args) -> None:
        self.live_quote.schedule()

    def _lump(self) -> bool:
        return self.cover is not None and self.cover.kind == "lump_sum"

    def stay(self):
        return self.intake_form.stay(self._lump())

    @Slot()
    def update_quote(self) -> None:
        """The quote and the flags of what is typed so far, now (ui/claims/claim_intake_quote.py)."""
        self.live_quote.update()

    @property
    def quote(self) -> CounterQuote | None:
        return self.live_quote.quote

    @property
    def quote_error(self) -> Exception | None:
        return self.live_quote.error

    @property
    def flags(self) -> tuple[ClaimFlag, ...]:
        return self.live_quote.flags

    def show_field_error(self, field: str | None, message: str) -> None:
        self.intake_form.show_field_error(self._field_widget(field) if field else None, message)

    def received_papers(self) -> list[str]:
        return self.intake_form.received_papers()

    # --- saving -----------------------------------------------------------------------------

    def bank(self):
        return self.intake_form.bank()

    def _field_widget(self, field: str | None) -> QWidget | None:
        return self.intake_form.field_widget(field, self._lump())

    @Slot()
    def save(self) -> None:
        if self._saving:
            return
        if self.lookup is None:
            set_state(self.message_label, self.tr("请先输入身份证号码并按回车，找到会员。"), "error")
            self.id_edit.setFocus()
            return
        if self.cover is None:
            set_state(
                self.message_label,
                self.tr("没有可用的保障，不能受理：{reason}").format(reason=self.lookup.problem or ""),
                "error",
            )
            self.cover_combo.setFocus()
            return
        self._saving = True
        disable_while_working(self.save_button)
        self._worker.submit(
            save_claim_with_receipt, self._db, self._user, member_id=self.lookup.member.id, enrollment_id=self.cover.enrollment_id,
            stay=self.stay(), papers=self.received_papers(), bank=self.bank(), today=self._today(),
            on_result=self._saved, on_error=self._save_failed, context=self,
        )  # fmt: skip

    def _saved(self, outcome: tuple[SavedClaim, Path | None, Exception | None]) -> None:
        saved, pdf_path, problem = outcome  # the receipt is drawn on the runner too (save_claim_with_receipt)
        self._saving = False
        enable_after_work(self.save_button)
        self.last_saved = saved
        flagged = (
            self.tr("\n有疑点（{items}），已记录，由审核人核实决定。").format(
                items="、".join(dict.fromkeys(f.label for f in saved.flags))
            )
            if saved.flags
            else ""
        )
        if saved.status == "waiting_papers":
            text = self.tr("已受理，编号 {number}：待补材料（{items}），请于 {due} 前补交。").format(
                number=saved.claim_number,
                items="、".join(saved.papers_missing),
                due=saved.papers_due.isoformat() if saved.papers_due else "",
            )
        else:
            text = self.tr("已受理，编号 {number}：材料齐全，已转审核。").format(number=saved.claim_number)
        text += flagged
        try:
            if problem is not None:
                raise problem
            self.pdf_path = pdf_path
            assert pdf_path is not None  # drawn in the same job as the save when no problem came back
            payment_dialog.open_pdf(
                pdf_path, on_printed=receipt_recorder(self._db, self._user, saved.claim_number), runner=self._worker
            )
        except Exception as exc:  # the claim stands; the receipt can be printed again
            log.exception("acceptance receipt PDF failed")
            text += "\n" + self.tr("回执文件没有生成：{reason}").format(reason=str(exc))
        self.clear_form()
        set_state(self.message_label, text, "ok")
        self.claimSaved.emit(saved)

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        enable_after_work(self.save_button)
        text = user_message(error, self.tr("保存时出现意外错误，数据没有改动。"))
        set_state(self.message_label, text, "error")
        field = getattr(error, "field", None)
        target = self._field_widget(field)
        if target is not None:
            self.show_field_error(field, text)  # at the field too
            target.setFocus()
            if isinstance(target, QLineEdit):
                target.selectAll()
        self.saveFailed.emit(text)

    def _failed(self, error: BaseException) -> None:
        set_state(self.message_label, user_message(error, self.tr("读取数据时出现意外错误。")), "error")

    def clear_stay(self) -> None:
        """Empty what was typed about the stay and the bank account (the ID number stays)."""
        self.intake_form.clear_stay()

    @Slot()
    def clear_form(self) -> None:
        """Ready for the next claimant (the hospital list stays)."""
        self.id_edit.clear()
        self.clear_stay()
        self._set_lookup(None)
        set_state(self.message_label, " ", "")
        self.live_quote.clear()
        self.live_quote.stop()
        self.id_edit.setFocus()

    # --- 补交材料 ---------------------------------------------------------------------------

    @Slot()
    def open_papers_dialog(self) -> None:
        dialog = PapersDialog(self._db, self._user, worker=self._worker, parent=self, today=self._today)
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
            text = self.tr("理赔 {number} 仍缺：{items}。").format(
                number=saved.claim_number, items="、".join(saved.papers_missing)
            )
        set_state(self.message_label, text, "ok")
        self.papersCompleted.emit(saved)
