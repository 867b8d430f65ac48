// Tests for Codec arrive with its issue.
