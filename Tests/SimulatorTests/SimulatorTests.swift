// Tests for Simulator arrive with its issue.
