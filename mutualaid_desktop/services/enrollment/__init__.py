"""Enrollment: members, pending enrollments, roster imports, payments and receipts."""
