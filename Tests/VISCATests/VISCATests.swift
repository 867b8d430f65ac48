// Tests for VISCA arrive with its issue.
