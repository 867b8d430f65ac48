import Power

extension PowerSetup {
    /// The client of the upsd that serves the room's UPS (`ups` on it).
    public var client: NUTClient {
        NUTClient(host: host, port: port.map { UInt16($0) } ?? NUTClient.defaultPort)
    }
}
