// Tests for Microphones arrive with its issue.
