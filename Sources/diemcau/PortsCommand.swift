import Foundation
import Links

/// `diemcau ports`: list the serial ports, with USB vendor, product and serial number.
enum PortsCommand {
    static let name = "ports"
    static let summary = cli.say("list the serial ports, with USB vendor, product and serial number")

    static let subcommand = Subcommand(name: name, summary: summary, run: run)

    static let help = cli.say("""
        usage: diemcau ports [--json]

        Lists the serial ports this machine has (through libserialport): the device
        path, how it is attached, and for USB adapters the vendor and product ids,
        manufacturer, product name and serial number. Use the serial number in
        Hardware/serial/99-diemcau-serial.rules to give an adapter a stable name such
        as /dev/diemcau-camera1; stable names already present are listed at the end.

        options:
          --json      print the list as JSON (one object per port)
          -h, --help  show this text

        exit status: 0 listed (also when there are no ports), 64 bad option,
        74 the ports could not be listed.
        """)

    static func run(_ arguments: [String]) async -> Int32 {
        var json = false
        for argument in arguments {
            switch argument {
            case "-h", "--help":
                print(help)
                return 0
            case "--json":
                json = true
            default:
                warn("diemcau ports: " + cli.say("unknown option '{option}'.", ["option": argument]) + "\n\n" + help)
                return 64
            }
        }
        let ports: [SerialPortInfo]
        do {
            ports = try SerialPortInfo.list()
        } catch {
            warn("diemcau ports: \(said(error))")
            return 74
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: (try? encoder.encode(ports)) ?? Data("[]".utf8), as: UTF8.self))
            return 0
        }
        if ports.isEmpty {
            print(cli.say("No serial ports found. Plug the USB serial adapter in; `dmesg | tail` shows whether the kernel saw it (an adapter needs its driver: ftdi_sio, pl2303, ch341, cp210x)."))
        } else {
            print(table(ports))
        }
        let names = stableNames()
        if !names.isEmpty {
            print("\n" + cli.say("Stable names:"))
            for (link, target) in names { print("  \(link) -> \(target)") }
        }
        return 0
    }

    static func table(_ ports: [SerialPortInfo]) -> String {
        func hex(_ value: UInt16?) -> String {
            guard let value else { return "-" }
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 4 - digits.count) + digits
        }
        let rows = [["PATH", "TRANSPORT", "VID:PID", "MANUFACTURER", "PRODUCT", "SERIAL", "DESCRIPTION"]] + ports.map {
            [$0.path, $0.transport.rawValue,
             $0.usbVendorID == nil ? "-" : "\(hex($0.usbVendorID)):\(hex($0.usbProductID))",
             $0.manufacturer ?? "-", $0.product ?? "-", $0.serialNumber ?? "-", $0.description]
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    /// `/dev/diemcau-*` links made by the udev rule, and where they point.
    static func stableNames() -> [(String, String)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/dev")) ?? []
        return entries.filter { $0.hasPrefix("diemcau-") }.sorted().map { name in
            let path = "/dev/" + name
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            return (path, target)
        }
    }
}
