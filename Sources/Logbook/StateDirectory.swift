import FoundationEssentials

/// Where the daemon keeps its state: systemd's `$STATE_DIRECTORY` (the first
/// of them when the unit names several), else `/var/lib/diemcau`.
public enum StateDirectory {
    public static let fallback = "/var/lib/diemcau"

    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let value = environment["STATE_DIRECTORY"],
            let first = value.split(separator: ":").first, !first.isEmpty
        {
            return String(first)
        }
        return fallback
    }

    /// The logbook's own folder inside the state directory.
    public static func logbookPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        path(environment: environment) + "/logbook"
    }
}
