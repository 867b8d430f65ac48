// Tests for Links arrive with its issue.
