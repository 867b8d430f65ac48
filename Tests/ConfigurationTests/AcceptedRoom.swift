import Foundation
import Glibc

@testable import Configuration

/// What an accepted room file must be, written a second time apart from the
/// reader: the fuzz test holds every file the reader accepts to it, so that
/// the reader cannot let something through and agree with itself.
enum AcceptedRoom {
    /// What is wrong with an accepted configuration; empty when it is one the daemon can run.
    static func violations(of room: RoomConfiguration) -> [String] {
        var found: [String] = []
        func check(_ condition: Bool, _ what: @autoclosure () -> String) {
            if !condition { found.append(what()) }
        }
        for text in strings(in: room) {
            check(!text.trimmingCharacters(in: .whitespaces).isEmpty, "an empty text")
            check(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "a control character in \(text.debugDescription)")
            check(text.utf8.count <= 4095, "a text of \(text.utf8.count) bytes")
        }
        check(Set(room.cameras.map(\.name)).count == room.cameras.count, "two cameras with one name")
        for camera in room.cameras {
            let slots = Array((camera.presets ?? [:]).values)
            check(Set(slots).count == slots.count, "two presets on one slot: \(camera.presets ?? [:])")
            check(slots.allSatisfy { (0...255).contains($0) }, "a preset slot out of range: \(slots)")
            check(!camera.profile.contains("/"), "a profile with a folder")
            switch camera.link.kind {
            case .serial, .tty:
                check(camera.link.path?.hasPrefix("/") == true, "a serial link without an absolute path")
                check(camera.link.host == nil && camera.link.port == nil, "a serial link with a host or port")
                check(camera.link.baud.map { [9600, 38400].contains($0) } ?? true, "baud \(camera.link.baud ?? 0)")
                check(camera.address.map { (1...7).contains($0) } ?? true, "chain address \(camera.address ?? 0)")
            case .udp, .tcp:
                check(camera.link.host.map(isHost) == true, "an IP link without a host")
                check(camera.link.path == nil && camera.link.baud == nil, "an IP link with a path or baud")
                check(camera.link.port.map { (1...65535).contains($0) } ?? true, "camera port \(camera.link.port ?? 0)")
                check(camera.address == nil || camera.address == 1, "address \(camera.address ?? 0) over IP")
            }
        }
        let micNames = room.microphones.map(\.name)
        check(Set(micNames).count == micNames.count, "two microphones with one name")
        check(!micNames.contains("all"), "a microphone called all")
        let floorPresets = Set(room.cameras.flatMap { $0.presets.map { Array($0.keys) } ?? [] })
        for mic in room.microphones {
            check(mic.element.utf8.count <= 43, "a mixer element of \(mic.element.utf8.count) bytes")
            check(mic.index.map { (0...255).contains($0) } ?? true, "element index \(mic.index ?? 0)")
            check(mic.preset.map(floorPresets.contains) ?? true, "microphone preset \(mic.preset ?? "") on no camera")
        }
        for preset in [room.framing?.wide, room.framing?.privacy].compactMap({ $0 }) {
            check(floorPresets.contains(preset), "framing preset \(preset) on no camera")
        }
        for (group, members) in room.groups ?? [:] {
            check(!micNames.contains(group) && group != "all", "group \(group) named like a microphone")
            check(!members.isEmpty && members.allSatisfy(micNames.contains), "group \(group) of \(members)")
        }
        if let terminal = room.terminal {
            check(isHost(terminal.host), "terminal host \(terminal.host.prefix(40))")
            check(terminal.port.map { (1...65535).contains($0) } ?? true, "terminal port \(terminal.port ?? 0)")
            check(terminal.qualitySampleSeconds.map { (1...3600).contains($0) } ?? true, "quality sample \(terminal.qualitySampleSeconds ?? 0)")
        }
        let control = room.control
        check(control.tcp != nil || control.unixSocket != nil, "control listens nowhere")
        if let tcp = control.tcp {
            check(tcp.address == "localhost" || isAddress(tcp.address), "listen address \(tcp.address.prefix(40))")
            check((1...65535).contains(tcp.port), "control port \(tcp.port)")
            check((tcp.allow ?? []).allSatisfy { AddressBlock($0) != nil }, "allow \(tcp.allow ?? [])")
        }
        if let socket = control.unixSocket {
            check(socket.hasPrefix("/") && socket.utf8.count <= 107, "control socket \(socket.prefix(40))")
        }
        check(control.maxConnections.map { (1...256).contains($0) } ?? true, "max connections \(control.maxConnections ?? 0)")
        check(control.idleTimeoutSeconds.map { (1...86_400).contains($0) } ?? true, "idle \(control.idleTimeoutSeconds ?? 0)")
        return found
    }

    /// Whether the configuration, written back as JSON, is accepted again as itself.
    static func roundTrips(_ room: RoomConfiguration) -> Bool {
        guard let data = try? JSONEncoder().encode(room) else { return false }
        return (try? ConfigurationFile.parse(data, file: "written back")) == room
    }

    /// Every text in the configuration, dictionary keys too.
    static func strings(in value: Any) -> [String] {
        if let text = value as? String { return [text] }
        return Mirror(reflecting: value).children.flatMap { strings(in: $0.value) }
    }

    static func isAddress(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    static func isHost(_ text: String) -> Bool {
        isAddress(text)
            || (text.utf8.count <= 253
                && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
                    $0.range(of: "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", options: .regularExpression) != nil
                })
    }
}
