/// One line of systemd's notify protocol (sd_notify(3)).
public enum NotifyMessage: Sendable, Hashable {
    /// Start-up is finished: the drivers are up and the room is served.
    case ready
    /// A free-form status line that `systemctl status` shows.
    case status(String)
    /// "Still alive", within every `WatchdogSec=`.
    case watchdog
    /// Shutting down.
    case stopping
    /// Reloading the configuration (SIGHUP); `.ready` follows when done.
    /// Sent with `MONOTONIC_USEC=`, which systemd 253's Type=notify-reload requires.
    case reloading(monotonicMicroseconds: UInt64)
    /// The daemon failed with this errno (`ERRNO=`), for `systemctl status`.
    case errno(Int32)

    /// The text sent, one `KEY=value` per line.
    public var text: String {
        switch self {
        case .ready: "READY=1"
        case .status(let line): "STATUS=" + line.split(whereSeparator: \.isNewline).joined(separator: " ")
        case .watchdog: "WATCHDOG=1"
        case .stopping: "STOPPING=1"
        case .reloading(let usec): "RELOADING=1\nMONOTONIC_USEC=\(usec)"
        case .errno(let code): "ERRNO=\(code)"
        }
    }
}
