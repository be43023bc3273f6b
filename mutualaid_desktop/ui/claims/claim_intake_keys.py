"""理赔受理's keyboard (ui/claims/claim_intake_page.py): Enter in the ID field (a card reader's Enter too) looks
the member up, Enter on 保存 saves, Enter elsewhere moves to the next field (hidden and disabled ones skipped,
the checklist before the bank account, the field scrolled into view); Tab follows the form as it is laid out
(the header's 补交材料 first, 新增医院 after the hospital, 清空 last)."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from mutualaid_desktop.ui.common.widgets import accept_typed_item, focus_next_in, is_enter_press

if TYPE_CHECKING:
    from mutualaid_desktop.ui.claims.claim_intake_page import ClaimIntakePage


class IntakeKeys(QObject):
    """The page's Enter chain and Tab order; `watch` a field that Enter should move on from."""

    def __init__(self, page: ClaimIntakePage) -> None:
        super().__init__(page)  # the page is its parent; no reference back to it (it is freed when dropped)

    @property
    def _page(self) -> ClaimIntakePage:
        return cast("ClaimIntakePage", self.parent())

    def fields(self) -> list[QWidget]:
        p = self._page
        return [p.id_edit, p.cover_combo, p.hospital_combo, p.admission_edit, p.discharge_edit, p.diagnosis_edit,
                p.disease_combo, p.diagnosis_date_edit, p.invoice_edit, p.total_edit, p.fund_edit, p.in_scope_edit,
                p.out_scope_edit, p.bank_edit, p.holder_edit, p.account_edit, p.beneficiary_edit, p.save_button]  # fmt: skip

    def chain(self) -> list[QWidget]:
        """The fields Enter walks through, in order (hidden and disabled ones are skipped)."""
        fields = self.fields()
        index = fields.index(self._page.bank_edit)
        return fields[:index] + self._page.paper_boxes + fields[index:]

    def tab_chain(self) -> list[QWidget]:
        """Tab's order: the form as it is laid out, top to bottom (the header's 补交材料 first, the
        checklist before the bank account, 保存 and 清空 last)."""
        p = self._page
        chain = self.chain()
        at = chain.index(p.hospital_combo) + 1
        return [p.papers_button, *chain[:at], p.add_hospital_button, *chain[at:], p.clear_button]

    def set_tab_order(self) -> None:
        for first, second in itertools.pairwise(self.tab_chain()):
            QWidget.setTabOrder(first, second)

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def watch_all(self) -> None:
        """Every field, and the hospital's line edit (a searchable combo takes Enter there)."""
        for widget in self.fields():
            self.watch(widget)
        hospital_line = self._page.hospital_combo.lineEdit()
        assert hospital_line is not None  # a searchable combo is editable
        self.watch(hospital_line)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if is_enter_press(event):
            p = self._page
            if watched is p.hospital_combo.lineEdit():
                watched = p.hospital_combo
            if watched is p.id_edit:
                p.id_entered()
                return True
            if watched is p.save_button:
                p.save()
                return True
            if watched is p.hospital_combo:
                accept_typed_item(p.hospital_combo)
            if isinstance(watched, QWidget) and watched in self.chain():
                self.focus_next(watched)
                return True
        return super().eventFilter(watched, event)

    def focus_next(self, widget: QWidget) -> None:
        p = self._page
        candidate = focus_next_in(self.chain(), widget, p)
        if candidate is not None and p.intake_form.isAncestorOf(candidate):  # the scroll area's widget
            p.form_scroll.ensureWidgetVisible(candidate)
