// Tests for Keypad arrive with its issue.
