"""理赔审核's detail of the selected claim (ui/claims/claim_review_page.py): the facts, the papers, the quote
(stored at intake and computed again now), the member, the account and the history, as HTML in a text
browser. A claim with flags lists them at the top; a reviewer who may not decide it is told why there too."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser, QWidget

from mutualaid_desktop.ui.claims.review_queue_model import money_or_dash
from mutualaid_desktop.ui.common.widgets import ERROR_COLOR

if TYPE_CHECKING:
    from mutualaid_desktop.services.claims.claims_review import ReviewView


def _h4(text: str) -> str:
    return f"<h4>{escape(text)}</h4>"


class ClaimDetailView(QTextBrowser):
    """The claim being reviewed, in full (`show_claim`); links are not followed, the focus comes by a click."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claimDetail")
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setOpenLinks(False)

    def show_claim(self, v: ReviewView) -> None:
        self.setHtml(self.claim_html(v))

    def claim_html(self, v: ReviewView) -> str:
        """The claim in full: who, the facts, the papers, the computation, the account and the history."""
        parts = self._head_html(v)
        parts.append(self._member_html(v))
        parts.append(_h4(self.tr("理赔信息")))
        parts.append(self._table([(f.label, f.value) for f in v.facts if f.key != "id_number"], columns=2))
        parts.append(_h4(self.tr("材料")))
        parts.extend(self._papers_html(v))
        parts.append(_h4(self.tr("计算")))
        parts.extend(self._computation_html(v))
        parts.append(_h4(self.tr("给付账户")))
        parts.extend(self._account_html(v))
        parts.append(_h4(self.tr("处理记录")))
        parts.append(self._history_html(v))
        return "".join(parts)

    def _head_html(self, v: ReviewView) -> list[str]:
        e = escape
        parts = [
            f"<h3>{e(v.claim_number)}　{e(v.member_name)}　<span style='color:#1f4e79'>{e(v.status_label)}</span></h3>"
        ]
        problem = v.why_not_decide if v.waiting else None
        if problem:
            parts.append(f"<p style='color:{ERROR_COLOR}'>{e(problem)}</p>")
        if v.flags:
            title = self.tr("疑点（须逐项核实后才能核准）：")
            items = "".join(f"<li>{e(f.label)}：{e(f.text)}</li>" for f in v.flags)
            parts.append(f"<div style='color:{ERROR_COLOR}'><b>{e(title)}</b><ul>{items}</ul></div>")
        return parts

    def _member_html(self, v: ReviewView) -> str:
        member = [
            (self.tr("身份证号"), v.id_number),
            (self.tr("性别/年龄"), f"{v.sex_label} {v.age}"),
            (self.tr("单位"), v.unit_name or "—"),
            (self.tr("电话"), v.phone or "—"),
            (self.tr("计划"), v.plan_name),
            (self.tr("受理"), f"{v.received_on.isoformat()} {v.clerk_name}"),
        ]
        if v.hospital_name:
            member.append((self.tr("医院"), f"{v.hospital_name}（{v.hospital_grade or ''}）"))
        if v.diagnosis:
            member.append((self.tr("诊断"), v.diagnosis))
        return self._table(member, columns=2)

    def _papers_html(self, v: ReviewView) -> list[str]:
        e = escape
        parts = []
        if v.papers:
            items = "　".join(
                f"<span style='color:{'#1b5e20' if p.received else ERROR_COLOR}'>{'☑' if p.received else '☐'} {e(p.item)}</span>"
                for p in v.papers
            )
            parts.append(f"<p>{items}</p>")
            if v.papers_missing and v.papers_due:
                due = self.tr("缺少的材料须于 {day} 前补交").format(day=v.papers_due.isoformat())
                parts.append(f"<p>{e(due)}</p>")
        else:
            parts.append("<p>" + e(self.tr("未记录材料清单")) + "</p>")
        return parts

    def _computation_html(self, v: ReviewView) -> list[str]:
        e = escape
        parts = []
        if v.quote_changed:
            warning = self.tr("受理后情况有变化，按现在的数据重新计算的结果与受理时不同；审核以重新计算的结果为准。")
            parts.append(f"<p style='color:{ERROR_COLOR}'><b>{e(warning)}</b></p>")
            parts.append(self._quote_html(self.tr("受理时"), v.stored_quote))
            parts.append(self._quote_html(self.tr("现在重新计算"), v.fresh_quote))
        else:
            parts.append(self._quote_html(self.tr("计算结果"), v.quote))
        if v.changes:
            rows = "".join(
                f"<tr><td>{e(c.label)}</td><td>{e(c.at_intake)}</td><td>{e(c.now)}</td></tr>" for c in v.changes
            )
            heads = (self.tr("受理后有变化的信息："), self.tr("项目"), self.tr("受理时"), self.tr("现在"))
            parts.append(
                f"<p>{e(heads[0])}</p><table border='1' cellspacing='0' cellpadding='3'>"
                f"<tr><th>{e(heads[1])}</th><th>{e(heads[2])}</th><th>{e(heads[3])}</th></tr>{rows}</table>"
            )
        if v.fresh_problem:
            parts.append(f"<p style='color:{ERROR_COLOR}'>{e(v.fresh_problem)}</p>")
        return parts

    def _account_html(self, v: ReviewView) -> list[str]:
        e = escape
        parts = []
        parts.append(
            self._table(
                [
                    (self.tr("开户银行"), v.bank_name or "—"),
                    (self.tr("户名"), v.account_holder or "—"),
                    (self.tr("账号"), v.account_number or "—"),
                ],
                columns=2,
            )
        )
        if v.beneficiary_note:
            parts.append("<p>" + e(self.tr("受益人：")) + e(v.beneficiary_note) + "</p>")
        if v.approved is not None or v.decision_reason:
            parts.append(
                _h4(self.tr("审核结果"))
                + f"<p>{e(v.status_label)} {e(money_or_dash(v.approved)) if v.approved is not None else ''}"
                f" {e(v.decision_reason or '')} {e(v.decided_by or '')}</p>"
            )
        return parts

    def _history_html(self, v: ReviewView) -> str:
        e = escape
        rows = "".join(
            f"<tr><td>{h.changed_at:%Y-%m-%d %H:%M}</td><td>{e(h.from_label or '—')} → {e(h.to_label)}</td>"
            f"<td>{e(h.user_name)}</td><td>{e(h.reason or '')}</td></tr>"
            for h in v.history
        )
        return f"<table border='1' cellspacing='0' cellpadding='3'>{rows}</table>"

    def _quote_html(self, title: str, q) -> str:
        e = escape
        if not q.eligible:
            reasons = "；".join(q.reason_labels)
            not_eligible = self.tr("不符合给付条件")
            return f"<p><b>{e(title)}</b>：<span style='color:{ERROR_COLOR}'>{e(not_eligible)}：{e(reasons)}</span></p>"
        rows = "".join(f"<tr><td>{e(line.label)}</td><td align='right'>{e(line.amount)}</td></tr>" for line in q.lines)
        pays = self.tr("给付")
        return (
            f"<p><b>{e(title)}</b>：{e(pays)} <b>{e(money_or_dash(q.payout))}</b></p>"
            f"<table border='1' cellspacing='0' cellpadding='3'>{rows}</table>"
        )

    @staticmethod
    def _table(pairs, *, columns: int) -> str:
        cells = [f"<td style='color:#555'>{escape(k)}</td><td>{escape(str(val))}</td>" for k, val in pairs]
        rows = ["".join(cells[i : i + columns]) for i in range(0, len(cells), columns)]
        return "<table cellspacing='0' cellpadding='3'>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"
