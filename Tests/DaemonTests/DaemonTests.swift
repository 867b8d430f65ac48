// Tests for Daemon arrive with its issue.
