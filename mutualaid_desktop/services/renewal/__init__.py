"""Renewal: the renewal season, a unit's renewal, leavers and joiners, the reminders."""
