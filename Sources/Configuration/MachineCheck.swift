/// What a valid room file still leaves to the room PC: the devices, files
/// and addresses it names must be there when `diemcaud` starts. The file
/// cannot say whether they are, and `diemcau config check` may run on a
/// laptop, or as a user who may not read the daemon's secrets; so it lists
/// them, and the daemon checks each at start (a missing secrets file or
/// address stops it, a missing device is reported and the room runs without it).
public struct MachineCheck: Sendable, Equatable, CustomStringConvertible {
    /// The field, as a path: `control.secrets`.
    public let field: String
    /// What must hold on the room PC.
    public let requirement: String

    public var description: String { "\(field): \(requirement)" }
}

extension RoomConfiguration {
    /// What only the room PC can judge, field by field, in the file's order.
    public var machineChecks: [MachineCheck] {
        var checks: [MachineCheck] = []
        func need(_ field: String, _ requirement: String) {
            checks.append(MachineCheck(field: field, requirement: requirement))
        }
        need(
            "stateDirectory", "\(stateDirectory ?? "$STATE_DIRECTORY or /var/lib/diemcau") must be a folder the daemon's user can write (the logbook)")
        for (i, camera) in cameras.enumerated() {
            need("cameras[\(i)].profile", "the camera profile \"\(camera.profile)\" must be in /etc/diemcau/cameras, /usr/share/diemcau/cameras or /usr/local/share/diemcau/cameras")
            if let path = camera.link.path {
                need("cameras[\(i)].link.path", "\(path) must be the camera's serial device")
            }
        }
        for (i, mic) in microphones.enumerated() {
            need("microphones[\(i)].device", "the ALSA control device \"\(mic.device)\" must have the element \"\(mic.element)\" (`diemcau mic list`)")
        }
        if let alsaConfiguration { need("alsaConfiguration", "\(alsaConfiguration) must be readable by the daemon's user") }
        if let terminal {
            need("terminal.secrets", "\(terminal.secrets) must hold the API password, readable only by the daemon's user (mode 0600)")
        }
        if let keypad {
            need("keypad.device", "\(keypad.device) must be the keypad's input device")
            need("keypad.map", "\(keypad.map) must be a key map the daemon's user can read")
        }
        if let tcp = control.tcp {
            need("control.tcp", "the daemon must be able to listen on \(tcp.address) port \(tcp.port): an address of the room PC, a port no other program holds")
        }
        if let socket = control.unixSocket {
            need("control.unixSocket", "the folder of \(socket) must exist and be writable by the daemon's user")
        }
        need("control.secrets", "\(control.secrets) must hold the role tokens, owned by the daemon's user with mode 0600")
        for (field, group) in [("control.technicianGroup", control.technicianGroup), ("control.observerGroup", control.observerGroup)] {
            if let group { need(field, "the group \(group) must exist on the room PC (getent group \(group))") }
        }
        return checks
    }
}
