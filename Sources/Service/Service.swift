// Running as a systemd service: the notify protocol, the watchdog, journald priorities, signals. (Issue 6.)
