import Testing
import VISCA

/// Every command of the table in shared/protocols/VISCA.md, byte for byte.
@Suite struct CommandEncodingTests {
    let camera1 = try! CameraAddress(1)
    let camera3 = try! CameraAddress(3)
    let camera7 = try! CameraAddress(7)

    @Test func addressSetIsBroadcast() throws {
        #expect(try Command.addressSet.encoded(for: .broadcast) == [0x88, 0x30, 0x01, 0xFF])
        #expect(throws: VISCAError.addressSetIsBroadcastOnly) { try Command.addressSet.encoded(for: camera1) }
    }

    @Test func interfaceClearBroadcastAndPerCamera() throws {
        #expect(try Command.interfaceClear.encoded(for: .broadcast) == [0x88, 0x01, 0x00, 0x01, 0xFF])
        #expect(try Command.interfaceClear.encoded(for: camera3) == [0x83, 0x01, 0x00, 0x01, 0xFF])
    }

    @Test func commandCancelNamesTheSocket() throws {
        #expect(try Command.cancel(socket: 1).encoded(for: camera1) == [0x81, 0x21, 0xFF])
        #expect(try Command.cancel(socket: 2).encoded(for: camera7) == [0x87, 0x22, 0xFF])
        #expect(throws: VISCAError.parameterOutOfRange(parameter: "socket", value: 3, allowed: 1...2)) {
            try Command.cancel(socket: 3).encoded(for: camera1)
        }
        #expect(throws: VISCAError.parameterOutOfRange(parameter: "socket", value: 0, allowed: 1...2)) {
            try Command.cancel(socket: 0).encoded(for: camera1)
        }
    }

    @Test func power() throws {
        #expect(try Command.power(.on).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x00, 0x02, 0xFF])
        #expect(try Command.power(.standby).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x00, 0x03, 0xFF])
    }

    @Test func presets() throws {
        #expect(try Command.preset(.reset, 5).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x3F, 0x00, 0x05, 0xFF])
        #expect(try Command.preset(.set, 0).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x3F, 0x01, 0x00, 0xFF])
        #expect(try Command.preset(.recall, 0x59).encoded(for: camera3) == [0x83, 0x01, 0x04, 0x3F, 0x02, 0x59, 0xFF])
        #expect(try Command.preset(.recall, 0xFE).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x3F, 0x02, 0xFE, 0xFF])
        #expect(throws: VISCAError.parameterOutOfRange(parameter: "preset", value: 255, allowed: 0...254)) {
            try Command.preset(.recall, 255).encoded(for: camera1)
        }
        #expect(throws: VISCAError.parameterOutOfRange(parameter: "preset", value: -1, allowed: 0...254)) {
            try Command.preset(.set, -1).encoded(for: camera1)
        }
    }

    @Test func panTiltDrive() throws {
        #expect(try Command.panTiltDrive(pan: .left, tilt: .stop, panSpeed: 0x18, tiltSpeed: 0x01).encoded(for: camera1)
            == [0x81, 0x01, 0x06, 0x01, 0x18, 0x01, 0x01, 0x03, 0xFF])
        #expect(try Command.panTiltDrive(pan: .right, tilt: .up, panSpeed: 0x05, tiltSpeed: 0x17).encoded(for: camera1)
            == [0x81, 0x01, 0x06, 0x01, 0x05, 0x17, 0x02, 0x01, 0xFF])
        #expect(try Command.panTiltDrive(pan: .stop, tilt: .down, panSpeed: 1, tiltSpeed: 2).encoded(for: camera1)
            == [0x81, 0x01, 0x06, 0x01, 0x01, 0x02, 0x03, 0x02, 0xFF])
        #expect(throws: VISCAError.parameterOutOfRange(parameter: "pan speed", value: 0x19, allowed: 0...0x18)) {
            try Command.panTiltDrive(pan: .left, tilt: .stop, panSpeed: 0x19, tiltSpeed: 1).encoded(for: camera1)
        }
        #expect(throws: VISCAError.parameterOutOfRange(parameter: "tilt speed", value: 0x18, allowed: 0...0x17)) {
            try Command.panTiltDrive(pan: .left, tilt: .up, panSpeed: 1, tiltSpeed: 0x18).encoded(for: camera1)
        }
    }

    @Test func absoluteAndRelativePositionAreSignedNibbles() throws {
        #expect(try Command.absolutePosition(pan: 0x0123, tilt: -1, panSpeed: 0x10, tiltSpeed: 0x0E).encoded(for: camera1)
            == [0x81, 0x01, 0x06, 0x02, 0x10, 0x0E, 0x00, 0x01, 0x02, 0x03, 0x0F, 0x0F, 0x0F, 0x0F, 0xFF])
        #expect(try Command.relativePosition(pan: -2267, tilt: 300, panSpeed: 1, tiltSpeed: 1).encoded(for: camera1)
            == [0x81, 0x01, 0x06, 0x03, 0x01, 0x01, 0x0F, 0x07, 0x02, 0x05, 0x00, 0x01, 0x02, 0x0C, 0xFF])
        #expect(throws: VISCAError.parameterOutOfRange(parameter: "pan position", value: 40000, allowed: -32768...32767)) {
            try Command.absolutePosition(pan: 40000, tilt: 0, panSpeed: 1, tiltSpeed: 1).encoded(for: camera1)
        }
        #expect(throws: VISCAError.parameterOutOfRange(parameter: "tilt offset", value: -40000, allowed: -32768...32767)) {
            try Command.relativePosition(pan: 0, tilt: -40000, panSpeed: 1, tiltSpeed: 1).encoded(for: camera1)
        }
    }

    @Test func homeAndReset() throws {
        #expect(try Command.home.encoded(for: camera1) == [0x81, 0x01, 0x06, 0x04, 0xFF])
        #expect(try Command.panTiltReset.encoded(for: camera1) == [0x81, 0x01, 0x06, 0x05, 0xFF])
    }

    @Test func zoom() throws {
        #expect(try Command.zoom(.stop).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x07, 0x00, 0xFF])
        #expect(try Command.zoom(.tele).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x07, 0x02, 0xFF])
        #expect(try Command.zoom(.wide).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x07, 0x03, 0xFF])
        #expect(try Command.zoom(.teleVariable(speed: 7)).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x07, 0x27, 0xFF])
        #expect(try Command.zoom(.wideVariable(speed: 0)).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x07, 0x30, 0xFF])
        #expect(throws: VISCAError.parameterOutOfRange(parameter: "zoom speed", value: 8, allowed: 0...7)) {
            try Command.zoom(.teleVariable(speed: 8)).encoded(for: camera1)
        }
        #expect(try Command.zoomDirect(position: 0x4000).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x47, 0x04, 0x00, 0x00, 0x00, 0xFF])
        #expect(try Command.zoomDirect(position: 0xABCD).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x47, 0x0A, 0x0B, 0x0C, 0x0D, 0xFF])
        #expect(throws: VISCAError.parameterOutOfRange(parameter: "zoom position", value: 0x10000, allowed: 0...0xFFFF)) {
            try Command.zoomDirect(position: 0x10000).encoded(for: camera1)
        }
    }

    @Test func focus() throws {
        #expect(try Command.focus(.auto).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x38, 0x02, 0xFF])
        #expect(try Command.focus(.manual).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x38, 0x03, 0xFF])
        #expect(try Command.focus(.toggle).encoded(for: camera1) == [0x81, 0x01, 0x04, 0x38, 0x10, 0xFF])
    }

    @Test func inquiries() throws {
        #expect(try Command.inquiry(.power).encoded(for: camera1) == [0x81, 0x09, 0x04, 0x00, 0xFF])
        #expect(try Command.inquiry(.zoomPosition).encoded(for: camera1) == [0x81, 0x09, 0x04, 0x47, 0xFF])
        #expect(try Command.inquiry(.panTiltPosition).encoded(for: camera1) == [0x81, 0x09, 0x06, 0x12, 0xFF])
        #expect(try Command.inquiry(.version).encoded(for: camera7) == [0x87, 0x09, 0x00, 0x02, 0xFF])
        #expect(try Command.inquiry(.focusMode).encoded(for: camera1) == [0x81, 0x09, 0x04, 0x38, 0xFF])
        #expect(throws: VISCAError.broadcastNotAllowed(command: "power inquiry")) {
            try Command.inquiry(.power).encoded(for: .broadcast)
        }
    }

    @Test func addresses() throws {
        #expect(CameraAddress.all.map(\.commandHeader) == [0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87])
        #expect(CameraAddress.all.map(\.replyHeader) == [0x90, 0xA0, 0xB0, 0xC0, 0xD0, 0xE0, 0xF0])
        #expect(throws: VISCAError.addressOutOfRange(0)) { try CameraAddress(0) }
        #expect(throws: VISCAError.addressOutOfRange(8)) { try CameraAddress(8) }
        #expect(Recipient(header: 0x88) == .broadcast)
        #expect(Recipient(header: 0x80) == nil)
        #expect(Recipient(header: 0x90) == nil)
    }

    @Test func errorsTellTheTechnicianWhatToDo() {
        let message = VISCAError.parameterOutOfRange(parameter: "preset", value: 300, allowed: 0...254).description
        #expect(message.contains("preset 300"))
        #expect(message.contains("0 to 254"))
        #expect(VISCAError.addressOutOfRange(9).description.contains("1 to 7"))
    }
}

/// The camera side: commands decoded from their bytes.
@Suite struct CommandDecodingTests {
    @Test func everyEncodableCommandDecodesBack() throws {
        let camera = try CameraAddress(4)
        let commands: [Command] = [
            .interfaceClear, .cancel(socket: 2), .power(.on), .power(.standby),
            .preset(.reset, 0), .preset(.set, 5), .preset(.recall, 0xFE),
            .panTiltDrive(pan: .right, tilt: .down, panSpeed: 0x18, tiltSpeed: 0x17),
            .absolutePosition(pan: -2267, tilt: 1200, panSpeed: 1, tiltSpeed: 2),
            .relativePosition(pan: 5, tilt: -5, panSpeed: 3, tiltSpeed: 4),
            .home, .panTiltReset, .zoom(.stop), .zoom(.tele), .zoom(.wide),
            .zoom(.teleVariable(speed: 3)), .zoom(.wideVariable(speed: 7)), .zoomDirect(position: 0x4000),
            .focus(.auto), .focus(.manual), .focus(.toggle),
            .inquiry(.power), .inquiry(.zoomPosition), .inquiry(.panTiltPosition), .inquiry(.version),
            .inquiry(.focusMode),
        ]
        for command in commands {
            let decoded = try Command.decode(command.encoded(for: camera))
            #expect(decoded.recipient == .camera(camera))
            #expect(decoded.command == command)
        }
        let addressSet = try Command.decode([0x88, 0x30, 0x01, 0xFF])
        #expect(addressSet.recipient == .broadcast && addressSet.command == .addressSet)
    }

    @Test func cancelOfANonexistentSocketStillDecodes() throws {
        #expect(try Command.decode([0x81, 0x23, 0xFF]).command == .cancel(socket: 3))
    }

    @Test(arguments: [
        [UInt8](),
        [0x81, 0xFF],
        [0x81, 0x01, 0x04, 0x3F, 0x02, 0x01],         // no FF
        [0x90, 0x01, 0x04, 0x00, 0x02, 0xFF],         // a reply header
        [0x81, 0x01, 0x04, 0x00, 0x05, 0xFF],         // power 05
        [0x81, 0x01, 0x04, 0x3F, 0x03, 0x01, 0xFF],   // preset action 03
        [0x81, 0x01, 0x06, 0x01, 0x01, 0x01, 0x04, 0x03, 0xFF],  // pan direction 04
        [0x81, 0x01, 0x04, 0x47, 0x10, 0x00, 0x00, 0x00, 0xFF],  // nibble above 0F
        [0x81, 0x01, 0x04, 0x07, 0x28, 0xFF],         // zoom speed 8
        [0x81, 0x01, 0x7E, 0x01, 0xFF],               // unknown
        [0x81, 0x09, 0x04, 0x4B, 0xFF],               // an inquiry this library does not know
    ])
    func malformedCommands(bytes: [UInt8]) {
        #expect(throws: VISCAError.self) { try Command.decode(bytes) }
    }
}
