// Tests for Logbook arrive with its issue.
