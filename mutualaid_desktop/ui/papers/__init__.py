"""The paper preview, printing and the record of printed papers."""
