"""设置: the counter's settings, one tab each: the union tree (单位), the hospitals (医院), the
counter's information printed on its papers (柜台信息), the plans (计划: add, copy for next year,
participation and papers), the yearly targets of the counties and the 百万县区 thresholds (目标), the text blocks of the papers that are not rules (纸面文字), how papers
are printed (打印: straight to a printer without the dialog, a test page), and for
administrators the accounts (用户)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QWidget

from mutualaid_desktop.domain import clock
from mutualaid_desktop.services.permissions import may
from mutualaid_desktop.ui.common.counter_page import CounterPage
from mutualaid_desktop.ui.settings.counter_info_page import CounterInfoPage
from mutualaid_desktop.ui.settings.hospitals_page import HospitalsPage
from mutualaid_desktop.ui.settings.paper_texts_page import PaperTextsPage
from mutualaid_desktop.ui.settings.plans_page import PlansPage
from mutualaid_desktop.ui.settings.print_settings_page import PrintSettingsPage
from mutualaid_desktop.ui.settings.targets_page import TargetsPage
from mutualaid_desktop.ui.settings.units_page import UnitsPage
from mutualaid_desktop.ui.settings.users_page import UsersPage
from mutualaid_desktop.ui.shell.task_runner import TaskRunner

if TYPE_CHECKING:
    from mutualaid_desktop.services.admin.users import UserInfo
    from mutualaid_desktop.store.database import Database


class SettingsPage(CounterPage):
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
        self.setObjectName("settingsPage")
        layout = self.page_layout(self.tr("设置"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.units_page = UnitsPage(db, user, worker=worker)
        self.tabs.addTab(self.units_page, self.tr("单位"))
        self.hospitals_page = HospitalsPage(db, user, worker=worker)
        self.tabs.addTab(self.hospitals_page, self.tr("医院"))
        self.counter_info_page = CounterInfoPage(db, user, worker=worker)
        self.tabs.addTab(self.counter_info_page, self.tr("柜台信息"))
        self.plans_page = PlansPage(db, user, worker=worker)
        self.tabs.addTab(self.plans_page, self.tr("计划"))
        self.targets_page = TargetsPage(db, user, worker=worker, today=today)  # the year it starts on
        self.tabs.addTab(self.targets_page, self.tr("目标"))
        self.paper_texts_page = PaperTextsPage(db, user, worker=worker)
        self.tabs.addTab(self.paper_texts_page, self.tr("纸面文字"))
        self.paper_texts_page.counter_info_requested.connect(lambda: self.tabs.setCurrentWidget(self.counter_info_page))
        self.print_settings_page = PrintSettingsPage(db, user, worker=worker)
        self.tabs.addTab(self.print_settings_page, self.tr("打印"))
        self.users_page: UsersPage | None = None
        if may(user, "manage_users"):
            self.users_page = UsersPage(db, user, worker=worker)
            self.tabs.addTab(self.users_page, self.tr("用户"))
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.tabs)
