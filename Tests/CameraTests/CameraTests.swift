// Tests for Camera arrive with its issue.
