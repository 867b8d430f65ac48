// Byte links: SerialPortLink (libserialport), TTYLink (termios), UDPLink, TCPLink. (Issue 2.)
