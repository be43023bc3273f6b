"""The window around the screens: sign-in, navigation, home, the task runner, change reports, faults, backups."""
