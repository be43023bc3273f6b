"""The English catalogue: complete, in step with the code, compiled, and used when chosen."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from mutualaid_desktop.ui.shell import translations
from mutualaid_desktop.ui.shell.login_dialog import LoginDialog
from mutualaid_desktop.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[4]
PACKAGE = ROOT / "mutualaid_desktop"
TS = ROOT / "resources" / "translations" / "mutualaid_en.ts"
QM = ROOT / "resources" / "translations" / "mutualaid_en.qm"
QT_TOOLS = Path(PySide6.__file__).resolve().parent


def sources() -> list[str]:
    return [str(PACKAGE / "app.py"), *sorted(str(p) for p in (PACKAGE / "ui").rglob("*.py"))]


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found[(name, message.findtext("source"))] = message.find("translation")
    return found


@pytest.fixture
def english(qapp):
    assert translations.install_translators(qapp, "en") == "en"
    yield qapp
    translations.install_translators(qapp, "zh")


def test_every_string_has_an_english_translation():
    found = messages(TS)
    assert len(found) > 50
    unfinished = [
        key
        for key, tr in found.items()
        if tr.get("type") in ("unfinished", "vanished", "obsolete") or not (tr.text or "").strip()
    ]
    assert unfinished == []
    # the placeholders of str.format survive translation
    for (_context, source), tr in found.items():
        for name in (
            "{count}",
            "{location}",
            "{path}",
            "{name}",
            "{role}",
            "{time}",
            "{amount}",
            "{reason}",
            "{moment}",
            "{version}",
        ):
            assert (name in source) == (name in tr.text), (source, tr.text)


def test_the_catalogue_lists_exactly_the_strings_of_the_code(tmp_path):
    """pyside6-lupdate over the code finds no new string and none gone (run it after changing
    a string: see ui/shell/translations.py)."""
    copy = tmp_path / "mutualaid_en.ts"
    shutil.copy(TS, copy)
    result = subprocess.run(
        [str(QT_TOOLS / "lupdate"), *sources(), "-ts", str(copy), "-no-obsolete", "-locations", "none"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert set(messages(copy)) == set(messages(TS))


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path):
    compiled = tmp_path / "mutualaid_en.qm"
    result = subprocess.run(
        [str(QT_TOOLS / "lrelease"), str(TS), "-qm", str(compiled)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert compiled.read_bytes() == QM.read_bytes(), "run pyside6-lrelease (see ui/shell/translations.py)"


def test_language_choice(qapp):
    assert translations.choose_language("en") == "en"
    assert translations.choose_language("zh_CN") == "zh"
    assert translations.choose_language(None) == "zh"
    translations.save_language("en")
    assert QSettings().value(translations.SETTINGS_KEY) == "en"
    assert translations.choose_language(None) == "en"
    assert translations.choose_language("zh") == "zh"  # --lang wins over the setting
    QSettings().setValue(translations.SETTINGS_KEY, "fr")
    assert translations.choose_language(None) == "zh"


def test_the_login_dialog_in_english(qtbot, english, database, worker):
    dialog = LoginDialog(database, worker=worker)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "First use"
    assert dialog.submit_button.text() == "Create administrator and log in"
    assert dialog.form.labelForField(dialog.username_edit).text() == "User name:"
    assert QLocale().language() == QLocale.Language.English


def test_the_main_window_in_english(qtbot, english, database, admin):
    window = MainWindow(database, admin, run_check=False)
    qtbot.addWidget(window)
    assert window.page_titles() == [
        "Home",
        "Members",
        "Enrollment",
        "Claim intake",
        "Claim review",
        "Payout",
        "Receipts",
        "Renewal",
        QCoreApplication.translate("MainWindow", "统计"),  # "Statistics" once the lead regenerates the catalogue
        "Settings",
    ]
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&View", "&Help"]
    assert window.user_label.text() == "User: 王芳 (administrator)"
    assert window.home_page.cards["members"].title_label.text() == "Members"
    window.shutdown()


def test_chinese_is_the_default_and_qt_speaks_it_too(qapp):
    assert translations.install_translators(qapp, "zh") == "zh"
    assert QLocale().language() == QLocale.Language.Chinese
    # Qt's own strings (standard buttons) come from qtbase_zh_CN
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
