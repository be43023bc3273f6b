"""Settings and administration: users, sign-in, units, hospitals, plans, the counter's information, maintenance and the demo database."""
