"""理赔受理's hospital list (ui/claims/claim_intake_page.py): the active hospitals, read on the window's task
runner when the page is made and again when a change report touches hospitals (one added in 设置 is offered at
once), the clerk's choice kept; 新增医院 (claim_intake_parts.AddHospitalDialog) adds one on the spot, and it is
read back and chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QWidget

from mutualaid_desktop.ui.claims.claim_intake_parts import AddHospitalDialog
from mutualaid_desktop.ui.common.widgets import chosen_data

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.store.database import Database
    from mutualaid_desktop.ui.shell.task_runner import TaskRunner


class IntakeHospitals(QObject):
    """Fills `combo` with the hospitals; `loaded` after each reading, `failed` (the error) when it cannot."""

    loaded = Signal()
    failed = Signal(object)

    def __init__(
        self,
        combo: QComboBox,
        db: Database,
        user: UserInfo,
        *,
        worker: TaskRunner,
        page: QWidget,
    ) -> None:
        super().__init__(page)  # the page is its parent; no reference back to it (it is freed when dropped)
        self._combo, self._db, self._user, self._worker = combo, db, user, worker
        self.add_dialog: AddHospitalDialog | None = None  # 新增医院, while it is open

    def reload(self, select_id: int | None = None) -> None:
        """Read the list again; `select_id`: choose that hospital (else the one chosen stays chosen)."""
        from mutualaid_desktop.services.admin.hospitals import list_hospitals

        self._worker.submit(
            list_hospitals,
            self._db,
            active_only=True,
            context=self,
            on_result=lambda rows: self._loaded(rows, select_id),
            on_error=self.failed.emit,
        )

    def _loaded(self, rows, select_id: int | None) -> None:
        current = select_id if select_id is not None else chosen_data(self._combo)
        combo = self._combo
        combo.blockSignals(True)
        combo.clear()
        for h in rows:
            combo.addItem(h.label(), h.id)
        index = combo.findData(current) if current is not None else -1
        combo.setCurrentIndex(index)
        if index < 0:
            combo.setEditText("")
        combo.blockSignals(False)
        self.loaded.emit()

    @Slot()
    def open_add(self) -> None:
        """新增医院, the name typed in the hospital field filled in."""
        dialog = AddHospitalDialog(
            self._db,
            self._user,
            worker=self._worker,
            name=self._combo.currentText().strip(),
            parent=cast(QWidget, self.parent()),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(lambda info: self.reload(info.id))
        self.add_dialog = dialog
        dialog.open()
