import Localization

extension CameraSetup {
    /// One of `cameras`: its name, profile, link, place on the chain and
    /// preset book. Over IP a camera is always address 1; two presets on
    /// one slot would be one camera position under two names.
    init?(reading camera: FieldObject) {
        let name = camera.field("name", required: true)?.text(.name)
        let profile = camera.field("profile", required: true)?.text(.profile)
        let link = camera.field("link", required: true)?.object().flatMap(LinkSetup.init(reading:))
        let address = camera.field("address")?.number(.chainAddress)
        let presets = camera.field("presets")?.map().map(Self.slots)
        if let link, link.kind.isIP, let address, address != 1 {
            camera.report(Message("is {address} on an IP link", ["address": "\(address)"]), Message("over IP the camera is always address 1; remove the field"), at: "address")
        }
        guard let name, let profile, let link else { return nil }
        self.init(name: name, profile: profile, link: link, address: address, presets: presets)
    }

    /// The preset book's slots, by name; a slot given to two names is
    /// noted at the second, naming the first.
    private static func slots(of presets: [(name: String, value: FieldValue)]) -> [String: Int] {
        var slots: [String: Int] = [:]
        var owners: [Int: String] = [:]
        for (name, value) in presets {
            guard let slot = value.number(.presetSlot) else { continue }
            if let owner = owners[slot] {
                value.report(
                    Message("is slot {slot}, which {owner} has too", ["slot": "\(slot)", "owner": Quoted.text(owner)]),
                    Message("give each preset its own slot: the camera keeps one position in a slot"))
            }
            owners[slot] = owners[slot] ?? name
            slots[name] = slot
        }
        return slots
    }
}

extension LinkSetup {
    /// `cameras[].link`: a serial or tty link has a device path and no host
    /// or port, an IP link the other way round.
    init?(reading link: FieldObject) {
        let kind = link.field("kind", required: true)?.choice(Kind.self, noun: Message("a kind of link"))
        let path = link.field("path")?.text(.device)
        let baud = link.field("baud")?.number(.baud)
        let host = link.field("host")?.text(.host)
        let port = link.field("port")?.number(.port)
        guard let kind else { return nil }
        if kind.isIP {
            if !link.has("host") { link.report(Message("missing"), Schema.fix(for: "host"), at: "host") }
            if link.has("path") || link.has("baud") {
                link.report(Message("an IP link has no path or baud rate"), Message("remove them, or use kind serial or tty"))
            }
        } else {
            if !link.has("path") { link.report(Message("missing"), Schema.fix(for: "path"), at: "path") }
            if link.has("host") || link.has("port") {
                link.report(Message("a {kind} link has no host or port", ["kind": kind.rawValue]), Message("remove them, or use kind udp or tcp"))
            }
        }
        self.init(kind: kind, path: path, baud: baud, host: host, port: port)
    }
}

extension LinkSetup.Kind {
    /// VISCA over the network (UDP or TCP), rather than a serial line.
    var isIP: Bool { self == .udp || self == .tcp }
}
