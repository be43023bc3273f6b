"""Which catalogue context `self.tr` reads (PySide6), for whoever splits a screen: pyside6-lupdate files a
string under the class it is written in; at run time `self.tr` tries the object's class and then each class of
its MRO in turn (a mixin, a base class) and takes the first translation found. So a string moved into a mixin
or a base class keeps working once lupdate has filed it there, and a string moved into a helper class of its
own (not in the screen's MRO) is found only under the helper's name."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTranslator


class Catalogue(QTranslator):
    """Knows "你好" in the contexts given; says which contexts were asked."""

    def __init__(self, contexts: set[str]) -> None:
        super().__init__()
        self.contexts = contexts
        self.asked: list[str] = []

    def translate(self, context, source, disambiguation=None, n=-1):
        self.asked.append(context)
        return f"hello ({context})" if context in self.contexts else None


class Steps:  # a mixin, as ui/renewal/unit_renewal_confirming.ConfirmingSteps
    def say(self) -> str:
        return self.tr("你好")  # type: ignore[attr-defined]


class Screen(Steps, QObject):
    def say_here(self) -> str:
        return self.tr("你好")


class Helper(QObject):  # a helper of its own, as ui/claims/claim_review_detail.ClaimDetailView
    def say(self) -> str:
        return self.tr("你好")


def translated(qapp, contexts: set[str], say) -> tuple[str, list[str]]:
    catalogue = Catalogue(contexts)
    qapp.installTranslator(catalogue)
    try:
        return say(), catalogue.asked
    finally:
        qapp.removeTranslator(catalogue)


def test_a_mixins_string_is_found_under_the_mixins_name_after_the_screens(qapp):
    assert translated(qapp, {"Steps"}, lambda: Screen().say()) == ("hello (Steps)", ["Screen", "Steps"])
    assert translated(qapp, {"Screen"}, lambda: Screen().say()) == ("hello (Screen)", ["Screen"])
    text, asked = translated(qapp, set(), lambda: Screen().say_here())
    assert text == "你好" and asked == ["Screen", "Steps", "QObject"]


def test_a_helpers_string_is_found_only_under_the_helpers_name(qapp):
    assert translated(qapp, {"Helper"}, lambda: Helper().say())[0] == "hello (Helper)"
    assert translated(qapp, {"Screen"}, lambda: Helper().say()) == ("你好", ["Helper", "QObject"])
    assert QCoreApplication.translate("Helper", "你好") == "你好"  # nothing installed now
