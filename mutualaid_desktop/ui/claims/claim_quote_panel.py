"""The live panel of 理赔受理 (核算（实时）): whether the stay is payable and how much, the computation
line by line, the papers still missing, and the flags of a possible duplicate that the reviewer will
have to decide on — shown before the claim is saved.

A quote is shown green only when it is payable (services/claim_checks.payable: eligible and above
0.00); a quote of 0.00 is shown red with its reason, like any other claim that is not payable.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

from mutualaid_desktop.ui.claims.claim_intake_parts import set_state
from mutualaid_desktop.ui.shell.fonts import scaled


class QuotePanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quotePanel")
        self.setMinimumWidth(330)
        base = QApplication.font()
        box = QVBoxLayout(self)
        box.setContentsMargins(18, 14, 18, 14)
        box.setSpacing(8)
        title = QLabel(self.tr("核算（实时）"))
        title.setFont(scaled(base, 1.2, bold=True))
        box.addWidget(title)

        def label(name: str, font=None, rich: bool = False) -> QLabel:
            widget = QLabel(" ")
            widget.setObjectName(name)
            widget.setWordWrap(True)
            if font is not None:
                widget.setFont(font)
            if rich:
                widget.setTextFormat(Qt.TextFormat.RichText)
            box.addWidget(widget)
            return widget

        self.eligible_label = label("eligibleLabel", scaled(base, 1.1, bold=True))
        self.payout_label = label("payoutLabel", scaled(base, 1.7, bold=True))
        self.payout_label.setWordWrap(False)
        self.words_label = label("wordsLabel")
        self.lines_label = label("linesLabel", rich=True)
        self.notes_label = label("notesLabel")
        self.flags_label = label("flagsLabel")
        self.flags_label.setVisible(False)
        box.addStretch(1)

    def clear(self, text: str) -> None:
        set_state(self.eligible_label, text, "pending")
        for widget in (self.payout_label, self.words_label, self.lines_label, self.notes_label):
            widget.setText(" ")
        self.show_flags(())

    def show_pending(self, error) -> None:
        """Input still missing (grey) or wrong (red), with the message."""
        missing = getattr(error, "code", "") in ("missing", "empty")
        set_state(
            self.eligible_label,
            (self.tr("待填写：") if missing else self.tr("请核对：")) + error.message,
            "pending" if missing else "error",
        )
        for widget in (self.payout_label, self.words_label, self.lines_label):
            widget.setText(" ")
        self.show_flags(())

    def show_error(self, text: str) -> None:
        set_state(self.eligible_label, text, "error")

    def show_quote(self, quote) -> None:
        from mutualaid_desktop.domain.money import format_amount

        if quote.eligible:  # payable: the service's rule (a quote of 0.00 is not eligible there)
            set_state(self.eligible_label, self.tr("符合给付条件"), "ok")
        else:
            reasons = "\n".join("· " + label for label in quote.reason_labels)
            set_state(self.eligible_label, self.tr("不符合给付条件：") + "\n" + reasons, "error")
        self.payout_label.setText(self.tr("给付 {amount}").format(amount=format_amount(quote.payout)))
        self.words_label.setText(quote.payout_in_words)
        rows = "".join(
            f"<tr><td>{escape(line.label)}</td><td align='right'>&nbsp;&nbsp;{escape(format_amount(line.amount))}</td></tr>"
            for line in quote.lines
        )
        days = self.tr("住院 {days} 天").format(days=quote.stay_days) if quote.stay_days else ""
        self.lines_label.setText(
            (f"<p>{escape(days)}</p>" if days else "") + (f"<table>{rows}</table>" if rows else "")
        )

    def show_notes(self, text: str, state: str) -> None:
        set_state(self.notes_label, text, state)

    def show_flags(self, flags) -> None:
        """The flags of a possible duplicate: saved with the claim, for the reviewer to decide on."""
        if not flags:
            self.flags_label.setVisible(False)
            self.flags_label.setText("")
            return
        lines = "\n".join("· " + flag.text for flag in flags)
        set_state(self.flags_label, self.tr("疑点（保存后由审核人核实决定）：") + "\n" + lines, "warning")
        self.flags_label.setVisible(True)
