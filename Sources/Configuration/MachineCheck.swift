import Localization

/// What a valid room file still leaves to the room PC: the devices, files
/// and addresses it names must be there when `diemcaud` starts. The file
/// cannot say whether they are, and `diemcau config check` may run on a
/// laptop, or as a user who may not read the daemon's secrets; so it lists
/// them, and the daemon checks each at start (a missing secrets file or
/// address stops it, a missing device is reported and the room runs without it).
public struct MachineCheck: Sendable, Equatable, CustomStringConvertible, Sayable {
    /// The field, as a path: `control.secrets`.
    public let field: String
    /// What must hold on the room PC.
    public let requirement: Message

    public var message: Message { Message("{field}: {requirement}", ["field": field], parts: ["requirement": requirement]) }
    public var description: String { message.description }
}

extension RoomConfiguration {
    /// What only the room PC can judge, field by field, in the file's order.
    public var machineChecks: [MachineCheck] {
        var checks: [MachineCheck] = []
        func need(_ field: String, _ requirement: Message) {
            checks.append(MachineCheck(field: field, requirement: requirement))
        }
        need("stateDirectory", Message("{path} must be a folder the daemon's user can write (the logbook)",
                                       ["path": stateDirectory ?? "$STATE_DIRECTORY or /var/lib/diemcau"]))
        for (i, camera) in cameras.enumerated() {
            need("cameras[\(i)].profile", Message(
                "the camera profile \"{profile}\" must be in /etc/diemcau/cameras, /usr/share/diemcau/cameras or /usr/local/share/diemcau/cameras",
                ["profile": camera.profile]))
            if let path = camera.link.path {
                need("cameras[\(i)].link.path", Message("{path} must be the camera's serial device", ["path": path]))
            }
        }
        for (i, mic) in microphones.enumerated() {
            need("microphones[\(i)].device", Message("the ALSA control device \"{device}\" must have the element \"{element}\" (`diemcau mic list`)",
                                                    ["device": mic.device, "element": mic.element]))
        }
        if let alsaConfiguration { need("alsaConfiguration", Message("{path} must be readable by the daemon's user", ["path": alsaConfiguration])) }
        if let terminal {
            need("terminal.secrets", Message("{path} must hold the API password, readable only by the daemon's user (mode 0600)", ["path": terminal.secrets]))
        }
        if let keypad {
            need("keypad.device", Message("{path} must be the keypad's input device", ["path": keypad.device]))
            need("keypad.map", Message("{path} must be a key map the daemon's user can read", ["path": keypad.map]))
        }
        if let tcp = control.tcp {
            need("control.tcp", Message("the daemon must be able to listen on {address} port {port}: an address of the room PC, a port no other program holds",
                                        ["address": tcp.address, "port": "\(tcp.port)"]))
        }
        if let socket = control.unixSocket {
            need("control.unixSocket", Message("the folder of {path} must exist and be writable by the daemon's user", ["path": socket]))
        }
        need("control.secrets", Message("{path} must hold the role tokens, owned by the daemon's user with mode 0600", ["path": control.secrets]))
        for (field, group) in [("control.technicianGroup", control.technicianGroup), ("control.observerGroup", control.observerGroup)] {
            if let group { need(field, Message("the group {group} must exist on the room PC (getent group {group})", ["group": group])) }
        }
        return checks
    }
}
