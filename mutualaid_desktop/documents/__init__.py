"""Printed papers (reportlab). They turn plain data into PDFs and never query the database."""
