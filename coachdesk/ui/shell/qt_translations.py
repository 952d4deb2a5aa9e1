"""Qt's own texts (standard buttons, context menus, file dialogs) in the app's language.

Our strings go through gettext; Qt's built-in ones ("Cancel", "Save", "Yes") come from the
qtbase catalogs shipped with PySide6, swapped whenever the coach changes the language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from coachdesk import i18n


class QtTranslations(QObject):
    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.app = app
        self.translator: QTranslator | None = None
        i18n.on_language_changed(self.apply)
        self.apply(i18n.current_language())

    def apply(self, lang: str) -> None:
        if self.translator is not None:
            self.app.removeTranslator(self.translator)
            self.translator = None
        QLocale.setDefault(QLocale(lang))
        if lang == "en":
            return
        translator = QTranslator(self)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(QLocale(lang), "qtbase", "_", folder):
            self.app.installTranslator(translator)
            self.translator = translator
