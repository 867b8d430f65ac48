// Tests for Service arrive with its issue.
