"""续保: the renewal season's screen, one tab each: one unit's renewal from last year's list
(单位续保), how far the season has come per county and unit (续保进度), and the renewal reminders
printed in batch (续保提示单)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.renewal.renewal_overview_page import RenewalOverviewPage
from mutualaid_desktop.ui.renewal.renewal_reminders_page import RenewalRemindersPage
from mutualaid_desktop.ui.renewal.unit_renewal_page import UnitRenewalPage
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.store.database import Database


class RenewalSeasonPage(CounterPage):
    def __init__(self, db: Database, user: UserInfo, *, worker: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(db, user, worker=worker, parent=parent)
        self.setObjectName("renewalSeasonPage")
        layout = self.page_layout(self.tr("续保"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("renewalTabs")
        self.unit_renewal_page = UnitRenewalPage(db, user, worker=worker)
        self.tabs.addTab(self.unit_renewal_page, self.tr("单位续保"))
        self.overview_page = RenewalOverviewPage(db, user, worker=worker)
        self.tabs.addTab(self.overview_page, self.tr("续保进度"))
        self.reminders_page = RenewalRemindersPage(db, user, worker=worker)
        self.tabs.addTab(self.reminders_page, self.tr("续保提示单"))
        for page in (self.unit_renewal_page, self.overview_page, self.reminders_page):
            page.show_as_tab()
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.tabs)

    def has_unsaved_work(self) -> bool:
        """A unit's renewal draft changed and not confirmed (the main window asks before closing)."""
        return self.unit_renewal_page.has_unsaved_work()

    def unsaved_work_text(self) -> str:
        return self.unit_renewal_page.unsaved_work_text()
