"""参保's dialogs, mixed into EnrollmentPage: 导入名册 (the roster import dialog) and 收款 (the payment
dialog for the enrollments listed under 本次办理). The page's database, user, worker and saved list are
used as they are."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLineEdit
from shiboken6 import isValid

from mutualaid_desktop.ui.enrollment.payment_dialog import PaymentDialog

if TYPE_CHECKING:
    from mutualaid_desktop.ui.common.counter_page import CounterPage as _PageBase
    from mutualaid_desktop.ui.enrollment.enrollment_saved_model import SavedModel
    from mutualaid_desktop.ui.enrollment.roster_import_dialog import RosterImportDialog
else:
    _PageBase = object  # at run time a plain mixin; EnrollmentPage brings CounterPage


class EnrollmentDialogs(_PageBase):
    """导入名册 and 收款 (a mixin of EnrollmentPage)."""

    # what the page (EnrollmentPage) provides and these dialogs use
    rosterImported: Signal
    saved_model: SavedModel
    id_edit: QLineEdit
    _import_dialog: RosterImportDialog | None
    _payment_dialog: PaymentDialog | None
    plan_code: Callable[[], str | None]
    _check_participation: Callable[[], None]
    _paid: Callable[[list[int]], None]

    @property
    def import_dialog(self):
        """The roster import dialog while it is open (it deletes itself when closed)."""
        dialog = self._import_dialog
        return dialog if dialog is not None and isValid(dialog) and dialog.isVisible() else None

    @property
    def payment_dialog(self):
        dialog = self._payment_dialog
        return dialog if dialog is not None and isValid(dialog) and dialog.isVisible() else None

    @Slot()
    def open_import(self) -> None:
        from mutualaid_desktop.ui.enrollment.roster_import_dialog import RosterImportDialog

        # no unit: the walk-in's unit left on the page is not the unit that brings the roster
        dialog = RosterImportDialog(
            self._db, self._user, worker=self._worker, parent=self, plan_code=self.plan_code(), today=self._today
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._roster_imported)
        self._import_dialog = dialog
        dialog.open()

    def _roster_imported(self, result) -> None:
        self._check_participation()
        self.rosterImported.emit(result)

    @Slot()
    def open_payment(self) -> None:
        ids = self.saved_model.unpaid_ids()
        if not ids:
            return
        dialog = PaymentDialog(
            self._db, self._user, enrollment_ids=ids, parent=self, today=self._today, worker=self._worker
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.paymentRecorded.connect(lambda _result, ids=ids: self._paid(ids))
        dialog.finished.connect(self._payment_closed, Qt.ConnectionType.QueuedConnection)
        self._payment_dialog = dialog
        dialog.open()

    def _payment_closed(self, _code: int = 0) -> None:
        """The payment dialog closed (paid or not): ready for the next person's card."""
        if isValid(self):
            self.id_edit.setFocus(Qt.FocusReason.OtherFocusReason)
