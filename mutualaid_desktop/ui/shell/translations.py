"""The language of the user interface.

Source strings are Simplified Chinese. English comes from `resources/translations/mutualaid_en.qm`
(compiled from `mutualaid_en.ts` with `pyside6-lrelease`). The language is chosen by `--lang`,
else by the QSettings key `ui/language`, else Chinese. In Chinese, Qt's own strings (the buttons
of standard dialogs, the edit menu of a text field) come from Qt's `qtbase_zh_CN` catalogue.

To update the catalogue after changing strings in the UI:

    pyside6-lupdate -no-obsolete -locations none mutualaid_desktop/app.py \\
        $(find mutualaid_desktop/ui -name '*.py' | sort) -ts resources/translations/mutualaid_en.ts
    (translate the new entries in the .ts)
    pyside6-lrelease resources/translations/mutualaid_en.ts \\
        -qm resources/translations/mutualaid_en.qm
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from mutualaid_desktop.paths import resources_dir

log = logging.getLogger(__name__)

SETTINGS_KEY = "ui/language"
DEFAULT_LANGUAGE = "zh"
LANGUAGES = ("zh", "en")
CATALOGUE = "mutualaid"

# Installed translators must outlive this module's functions: Qt does not own them.
_installed: list[QTranslator] = []


def normalise_language(value: str | None) -> str | None:
    """'zh', 'zh_CN', 'zh-Hans' -> 'zh'; 'en', 'en_US' -> 'en'; anything else -> None."""
    if not value:
        return None
    code = str(value).strip().lower().replace("-", "_")
    if code.startswith("zh"):
        return "zh"
    if code.startswith("en"):
        return "en"
    return None


def choose_language(cli_value: str | None = None) -> str:
    """`--lang` wins, then the saved setting, then Chinese."""
    chosen = normalise_language(cli_value)
    if chosen:
        return chosen
    saved = QSettings().value(SETTINGS_KEY)
    chosen = normalise_language(saved if isinstance(saved, str) else None)
    if saved and not chosen:
        log.warning("unknown language setting %r; using Chinese", saved)
    return chosen or DEFAULT_LANGUAGE


def save_language(language: str) -> None:
    code = normalise_language(language)
    if code is None:
        raise ValueError(f"unknown language {language!r}")
    QSettings().setValue(SETTINGS_KEY, code)


def translations_dir() -> Path:
    return resources_dir() / "translations"


def remove_translators(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())


def install_translators(app: QCoreApplication, language: str) -> str:
    """Install the translators for `language` ('zh' or 'en'); returns the language in effect.

    When the English catalogue cannot be loaded the interface stays in Chinese (and this is
    logged): the program must still start."""
    remove_translators(app)
    language = normalise_language(language) or DEFAULT_LANGUAGE
    if language == "en":
        translator = QTranslator(app)
        if translator.load(CATALOGUE + "_en", str(translations_dir())):
            app.installTranslator(translator)
            _installed.append(translator)
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
            return "en"
        log.warning("English catalogue not found in %s; staying in Chinese", translations_dir())
        language = DEFAULT_LANGUAGE
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load("qtbase_zh_CN", qt_dir):
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    return language
