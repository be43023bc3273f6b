"""The texts a reviewer and a supervisor type into decisions are cleaned by the one cleaner
(domain/text.clean_text), as every other typed text is (test_hostile_input): a bidi override, a
zero-width or a control character in a 核减理由, a refusal's 说明, a 冲正原因 or a bank's 退回原因 is
refused as every typed text is (an InputError naming the field "reason" and the label), and nothing is
decided. One rule owns it: services/reasons.written_reason."""

from __future__ import annotations

import pytest

from mutualaid_desktop.domain.errors import InputError
from mutualaid_desktop.services.claims import claims_review as cr
from mutualaid_desktop.services.payouts.payouts import create_batch, export_bank_file, mark_paid, reverse_payout

from . import payouts_data
from .review_data import ClaimSpec, add_claims, review_counter

HIDDEN = ["\u202e", "\u200b", "\x1b"]


@pytest.mark.parametrize("char", HIDDEN)
def test_review_texts_with_hidden_characters_are_refused(db, char):
    counter = review_counter(db)
    number = add_claims(db, counter, [ClaimSpec()])[0]
    with pytest.raises(InputError, match="说明第 3 个字符"):
        cr.refuse(db, counter.reviewer, number, reason_code="other", text="发票" + char + "重复")
    with pytest.raises(InputError, match="核减理由第 3 个字符"):
        cr.approve(db, counter.reviewer, number, amount="1.00", reason="部分" + char + "自费")
    assert cr.refuse(db, counter.reviewer, number, reason_code="other", text=" 发票\t重复 ").status == "refused"


@pytest.mark.parametrize("char", HIDDEN)
def test_payout_reasons_with_hidden_characters_are_refused(db, tmp_path, today, char):
    counter = payouts_data.make_counter(db, members=5, years=(2026,))
    claims = payouts_data.approved_claims(db, counter)
    batch = create_batch(db, counter.clerk, claims)
    export_bank_file(db, counter.clerk, batch.batch_number, tmp_path / "bank.xlsx")
    with pytest.raises(InputError, match="退回原因第 3 个字符"):
        mark_paid(
            db, counter.supervisor, batch.batch_number, settled_on=today, returned={claims[2]: "账户" + char + "销户"}
        )
    mark_paid(db, counter.supervisor, batch.batch_number, settled_on=today, only=claims[:1])
    with pytest.raises(InputError, match="冲正原因第 3 个字符"):
        reverse_payout(db, counter.supervisor, claims[0], amount="100.00", reason="重复" + char + "给付")
    assert (
        reverse_payout(db, counter.supervisor, claims[0], amount="100.00", reason="重复给付").claim_number == claims[0]
    )
