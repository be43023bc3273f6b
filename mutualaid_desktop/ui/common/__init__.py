"""Widgets and models shared by the screens (CounterPage, tables, confirmations)."""
