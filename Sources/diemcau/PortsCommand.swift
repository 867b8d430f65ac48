/// `diemcau ports`: list the serial ports, with USB vendor, product and serial number.
enum PortsCommand {
    static let name = "ports"
    static let summary = "list the serial ports, with USB vendor, product and serial number"

    static let subcommand = Subcommand(name: name, summary: summary, run: run)

    static func run(_ arguments: [String]) async -> Int32 {
        warn("diemcau ports: not available in this build yet (issue 2).")
        return 69
    }
}
