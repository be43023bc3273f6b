"""续保: the season, a unit's renewal, the overview and the reminders."""
