// The terminal's Telnet-style API client and its dialects; call control behind a gate. (Issue 4.)
