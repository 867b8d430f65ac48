// VISCA as values: commands, replies, framing at 0xFF, the VISCA-over-IP header. No I/O. (Issue 2.)
