"""参保: the enrollment screen, the roster import, payments and receipts, members."""
