// Tests for Room arrive with its issue.
