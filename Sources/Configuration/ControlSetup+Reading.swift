import Localization

extension ControlSetup {
    /// `control`: where the room listens for the centre and the tool, and
    /// its limits. A room that listens nowhere cannot be run.
    init?(reading control: FieldObject) {
        let tcp = control.field("tcp")?.object().flatMap(TCP.init(reading:))
        let unixSocket = control.field("unixSocket")?.text(.socket)
        let secrets = control.field("secrets", required: true)?.text(.file)
        let maxConnections = control.field("maxConnections")?.number(.connections)
        let idleTimeoutSeconds = control.field("idleTimeoutSeconds")?.number(.idleSeconds)
        // Whether the groups exist is for the room PC to say: the daemon checks them when it starts.
        let technicianGroup = control.field("technicianGroup")?.text(.name)
        let observerGroup = control.field("observerGroup")?.text(.name)
        let notesPerMinute = control.field("notesPerMinute")?.number(.notesPerMinute)
        if !control.has("tcp") && !control.has("unixSocket") {
            control.report(Message("listens nowhere"), Message("give \"tcp\", \"unixSocket\" or both, or nobody can control the room"))
        }
        guard let secrets else { return nil }
        self.init(
            tcp: tcp, unixSocket: unixSocket, secrets: secrets, maxConnections: maxConnections,
            idleTimeoutSeconds: idleTimeoutSeconds, technicianGroup: technicianGroup, observerGroup: observerGroup,
            notesPerMinute: notesPerMinute)
    }
}

extension ControlSetup.TCP {
    init?(reading tcp: FieldObject) {
        let address = tcp.field("address", required: true)?.text(.listenAddress)
        let port = tcp.field("port", required: true)?.number(.port)
        let allow = tcp.field("allow")?.list()?.compactMap { $0.text(.addressBlock) }
        guard let address, let port else { return nil }
        self.init(address: address, port: port, allow: allow)
    }
}
