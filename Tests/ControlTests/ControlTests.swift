// Tests for Control arrive with its issue.
