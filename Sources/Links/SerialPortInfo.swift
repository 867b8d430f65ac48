import CSerialPort

/// One serial port the machine offers, as `diemcau ports` shows it.
public struct SerialPortInfo: Sendable, Equatable, Codable {
    /// How the port is attached.
    public enum Transport: String, Sendable, Codable {
        case native, usb, bluetooth, unknown
    }

    /// The device path, e.g. `/dev/ttyUSB0`.
    public var path: String
    public var description: String
    public var transport: Transport
    /// USB vendor and product ids (for a udev rule), when the port is a USB adapter.
    public var usbVendorID: UInt16?
    public var usbProductID: UInt16?
    public var manufacturer: String?
    public var product: String?
    /// The adapter's serial number: what a udev rule matches to give it a stable name.
    public var serialNumber: String?

    public init(path: String, description: String, transport: Transport,
                usbVendorID: UInt16? = nil, usbProductID: UInt16? = nil,
                manufacturer: String? = nil, product: String? = nil, serialNumber: String? = nil) {
        self.path = path
        self.description = description
        self.transport = transport
        self.usbVendorID = usbVendorID
        self.usbProductID = usbProductID
        self.manufacturer = manufacturer
        self.product = product
        self.serialNumber = serialNumber
    }

    /// The serial ports libserialport finds, sorted by path. An empty list is
    /// a valid answer (a machine with no serial ports); an error is not hidden.
    public static func list() throws -> [SerialPortInfo] {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        try SerialPortLink.check(sp_list_ports(&list), path: "(all ports)", operation: "sp_list_ports")
        guard let list else { return [] }
        defer { sp_free_port_list(list) }
        var ports: [SerialPortInfo] = []
        var index = 0
        while let port = list[index] {
            index += 1
            ports.append(SerialPortInfo(port))
        }
        return ports.sorted { $0.path < $1.path }
    }

    init(_ port: OpaquePointer) {
        func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
            guard let pointer else { return nil }
            let value = String(cString: pointer)
            return value.isEmpty ? nil : value
        }
        path = text(sp_get_port_name(port)) ?? "?"
        description = text(sp_get_port_description(port)) ?? ""
        switch sp_get_port_transport(port) {
        case SP_TRANSPORT_NATIVE: transport = .native
        case SP_TRANSPORT_USB: transport = .usb
        case SP_TRANSPORT_BLUETOOTH: transport = .bluetooth
        default: transport = .unknown
        }
        if transport == .usb {
            var vendor: Int32 = 0, product: Int32 = 0
            if sp_get_port_usb_vid_pid(port, &vendor, &product) == SP_OK {
                usbVendorID = UInt16(truncatingIfNeeded: vendor)
                usbProductID = UInt16(truncatingIfNeeded: product)
            }
            manufacturer = text(sp_get_port_usb_manufacturer(port))
            self.product = text(sp_get_port_usb_product(port))
            serialNumber = text(sp_get_port_usb_serial(port))
        }
    }
}
