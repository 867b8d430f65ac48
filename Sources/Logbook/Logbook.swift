// The logbook on disk: append-only JSON Lines, fsync before acknowledging, monthly files, reports. (Issue 5.)
