"""设置: the counter's settings, one tab each. For now the union tree (单位)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from mutualaid_desktop.ui.background import Worker
from mutualaid_desktop.ui.units_page import UnitsPage

if TYPE_CHECKING:
    from mutualaid_desktop.services.users import UserInfo
    from mutualaid_desktop.store.database import Database


class SettingsPage(QWidget):
    def __init__(self, db: Database, user: UserInfo, *, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.units_page = UnitsPage(db, user, worker=worker)
        self.tabs.addTab(self.units_page, self.tr("单位"))
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.tabs)
