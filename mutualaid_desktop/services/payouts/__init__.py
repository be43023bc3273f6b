"""Payouts: batches of approved claims paid to bank cards, their exports and reversals."""
