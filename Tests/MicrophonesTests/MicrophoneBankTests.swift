import Foundation
import Testing
@testable import Microphones

/// Real mixers: PulseAudio null sources behind alsa-lib's pulse ctl plugin,
/// checked with pactl. One suite, serialized: the tests share the server.
@Suite("Microphones on real mixers", .serialized)
struct MicrophoneBankTests {
    let room: PulseRoom

    init() throws {
        room = try PulseRoom.start()
    }

    func bank(_ channels: [MicChannel]) throws -> MicrophoneBank {
        try MicrophoneBank(channels: channels, alsaConfiguration: room.alsaConfiguration)
    }

    static let chair = MicChannel(name: "chair", device: "mic1", element: "Capture")
    static let left = MicChannel(name: "left", device: "mic2", element: "Capture")

    @Test("mute and unmute each channel; pactl sees every change")
    func muteAndUnmuteEachChannel() async throws {
        let bank = try bank([Self.chair, Self.left])
        #expect(await bank.start().isEmpty)
        for (channel, source) in [("chair", "mic1"), ("left", "mic2")] {
            try await bank.unmute(channel)
            #expect(try room.sourceMuted(source) == false)
            #expect(try await bank.read(channel) == .live)
            try await bank.mute(channel)
            #expect(try room.sourceMuted(source) == true)
            #expect(try await bank.read(channel) == .muted)
            #expect(await bank.status(channel) == .muted)
        }
        // One channel's change leaves the other alone.
        try await bank.unmute("chair")
        #expect(try room.sourceMuted("mic1") == false)
        #expect(try room.sourceMuted("mic2") == true)
        await bank.stop()
    }

    @Test("the playback switch mutes the null sink's Master element")
    func playbackSwitch() async throws {
        let speaker = MicChannel(name: "monitor", device: "speaker1", element: "Master", control: .playbackSwitch)
        let bank = try bank([speaker])
        #expect(await bank.start().isEmpty)
        #expect(try room.sinkMuted("spk1") == true)
        try await bank.unmute("monitor")
        #expect(try room.sinkMuted("spk1") == false)
        try await bank.mute("monitor")
        #expect(try room.sinkMuted("spk1") == true)
        await bank.stop()
    }

    @Test("a volume control goes to zero on mute and back to its level on unmute")
    func volumeToZeroAndRestore() async throws {
        _ = try room.pactl(["set-source-volume", "mic3", "60%"])
        _ = try room.pactl(["set-source-mute", "mic3", "0"])
        let channel = MicChannel(name: "wireless", device: "mic3", element: "Capture", control: .captureVolume)
        let bank = try bank([channel])
        #expect(await bank.start().isEmpty)
        #expect(try room.sourceVolumePercent("mic3") == 0)
        try await bank.unmute("wireless")
        #expect(try room.sourceVolumePercent("mic3") == 60)
        try await bank.mute("wireless")
        #expect(try room.sourceVolumePercent("mic3") == 0)
        #expect(try room.sourceMuted("mic3") == false, "the volume carries this mute, not the switch")
        await bank.stop()
        _ = try room.pactl(["set-source-volume", "mic3", "100%"])
    }

    @Test("fail-safe: channels are muted on start and on stop, unless configured otherwise")
    func failSafe() async throws {
        try room.setSourceMute("mic1", false)
        try room.setSourceMute("mic2", false)
        var left = Self.left
        left.failSafeMute = false
        let bank = try bank([Self.chair, left])
        #expect(await bank.start().isEmpty)
        #expect(try room.sourceMuted("mic1") == true)
        #expect(try room.sourceMuted("mic2") == false, "left is not fail-safe: left as found")
        #expect(await bank.status("left") == .live)
        try await bank.unmute("chair")
        #expect(try room.sourceMuted("mic1") == false)
        #expect(await bank.stop().isEmpty)
        #expect(try room.sourceMuted("mic1") == true)
        #expect(try room.sourceMuted("mic2") == false)
    }

    @Test("a change made with pactl is reported as an event within 200 ms")
    func outsideChangeIsReported() async throws {
        let bank = try bank([Self.chair, Self.left])
        let recorder = EventRecorder(bank.events)
        #expect(await bank.start().isEmpty)
        try room.setSourceMute("mic1", false)
        let changed = ContinuousClock.now
        let unmuted = await recorder.next { $0.channel == "chair" && $0.cause == .outsideChange }
        let (event, at) = try #require(unmuted, "no event for pactl's change")
        #expect(event.status == .live)
        #expect(at - changed < .milliseconds(200), "reported after \(at - changed)")
        #expect(await bank.status("chair") == .live)
        #expect(await bank.desiredState("chair") == .muted, "reported, not undone: the rules decide")

        try room.setSourceMute("mic1", true)
        let muted = await recorder.next { $0.channel == "chair" && $0.cause == .outsideChange }
        #expect(muted?.0.status == .muted)
        // Our own changes are not reported as outside changes.
        try await bank.unmute("left")
        try await bank.mute("left")
        try room.setSourceMute("mic2", false)
        let next = await recorder.next { $0.channel == "left" }
        #expect(next?.0 == MicEvent(channel: "left", status: .live, cause: .outsideChange))
        await bank.stop()
    }

    @Test("PulseAudio killed and restarted: the channel is lost, re-attached, and its desired state set again")
    func serverRestart() async throws {
        // A server of its own, so killing it disturbs nothing else.
        let own = try PulseRoom.start(directory: "/tmp/diemcau-pulse-restart-\(getpid())")
        defer { try? own.stop(); try? FileManager.default.removeItem(atPath: own.directory) }
        let bank = try MicrophoneBank(
            channels: [Self.chair, MicChannel(name: "left", device: "mic2", element: "Capture", failSafeMute: false)],
            alsaConfiguration: own.alsaConfiguration)
        let recorder = EventRecorder(bank.events)
        #expect(await bank.start().isEmpty)
        try await bank.unmute("left")
        try await bank.mute("chair")
        #expect(try own.sourceMuted("mic1") == true)

        try own.kill()
        let lost = await recorder.next { $0.channel == "chair" && $0.cause == .lost }
        #expect(lost?.0.status.state == nil, "chair should be unavailable")
        await #expect(throws: MicError.self) { try await bank.read("chair") }
        // While it is away the chair is asked to go live, then muted again: the last word counts.
        await #expect(throws: MicError.self) { try await bank.unmute("chair") }
        await #expect(throws: MicError.self) { try await bank.mute("chair") }

        let restarted = try PulseRoom.start(directory: own.directory)
        #expect(try restarted.sourceMuted("mic1") == false, "a fresh null source starts unmuted")
        let back = await recorder.next { $0.channel == "chair" && $0.cause == .reattached }
        #expect(back?.0.status == .muted)
        let leftBack = await recorder.next { $0.channel == "left" && $0.cause == .reattached }
        #expect(leftBack?.0.status == .live)
        #expect(try restarted.sourceMuted("mic1") == true, "the desired state was set again")
        #expect(try restarted.sourceMuted("mic2") == false)
        // And it is watched again.
        try restarted.setSourceMute("mic1", false)
        let change = await recorder.next { $0.channel == "chair" && $0.cause == .outsideChange }
        #expect(change?.0.status == .live)
        await bank.stop()
    }
}

@Suite("Microphones: bad input gets an error that lists what exists", .serialized)
struct MicrophoneErrorTests {
    let room: PulseRoom
    init() throws { room = try PulseRoom.start() }

    func start(_ channel: MicChannel) async throws -> MicError {
        let bank = try MicrophoneBank(channels: [channel], alsaConfiguration: room.alsaConfiguration)
        let problems = await bank.start()
        await bank.stop()
        return try #require(problems.first)
    }

    @Test("an unknown ctl device lists the devices that exist")
    func unknownDevice() async throws {
        let error = try await start(MicChannel(name: "chair", device: "mic9", element: "Capture"))
        guard case .unknownDevice(let device, _, _, let ctlDevices) = error else {
            Issue.record("got \(error)"); return
        }
        #expect(device == "mic9")
        #expect(ctlDevices.contains("mic1") && ctlDevices.contains("speaker1"))
        #expect(error.description.contains("mic1, mic2, mic3"))
    }

    @Test("an unknown card lists the cards and devices that exist")
    func unknownCard() async throws {
        let error = try await start(MicChannel(name: "chair", device: "hw:CARD=NoSuchCard", element: "Mic"))
        guard case .unknownDevice = error else { Issue.record("got \(error)"); return }
        #expect(error.description.contains("hw:CARD=NoSuchCard"))
    }

    @Test("an unknown element lists the elements, like amixer scontrols")
    func unknownElement() async throws {
        let error = try await start(MicChannel(name: "chair", device: "mic1", element: "Mic", index: 0))
        guard case .unknownElement(_, _, let element, _, let existing) = error else { Issue.record("got \(error)"); return }
        #expect(element == "Mic")
        #expect(existing.contains(MixerElementInfo(name: "Capture", index: 0, controls: [.captureSwitch, .captureVolume])))
        #expect(error.description.contains("'Capture',0 [capture switch, capture volume]"))
    }

    @Test("an element without that switch says what it has and which elements have one")
    func elementWithoutThatSwitch() async throws {
        let error = try await start(MicChannel(name: "chair", device: "speaker1", element: "Capture", control: .playbackSwitch))
        guard case .noSuchControl(_, _, let element, let control, _) = error else { Issue.record("got \(error)"); return }
        #expect(element.controls == [.captureSwitch, .captureVolume])
        #expect(control == .playbackSwitch)
        #expect(error.description.contains("Elements with a playback switch: 'Master',0"))
    }

    @Test("an unknown channel name and duplicate names are refused")
    func unknownAndDuplicateChannels() async throws {
        #expect(throws: MicError.duplicateChannel("chair")) {
            try MicrophoneBank(channels: [MicrophoneBankTests.chair, MicrophoneBankTests.chair])
        }
        let bank = try MicrophoneBank(channels: [MicrophoneBankTests.chair], alsaConfiguration: room.alsaConfiguration)
        await #expect(throws: MicError.unknownChannel("podium", known: ["chair"])) { try await bank.mute("podium") }
    }

    @Test("an ALSA configuration that does not exist or does not parse is refused")
    func badConfigurationFile() throws {
        #expect {
            try MicrophoneBank(channels: [], alsaConfiguration: "/nonexistent/asound.conf")
        } throws: { error in
            (error as? MicError)?.description.contains("No such file") == true
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("diemcau-bad-\(getpid()).conf").path
        try "ctl.broken { type pulse ".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            try MicrophoneBank(channels: [], alsaConfiguration: path)
        } throws: { error in
            if case .configurationFile = error as? MicError { return true }
            return false
        }
    }
}

@Suite("MicChannel configuration")
struct MicChannelTests {
    @Test("only name, device and element are required")
    func decodesWithDefaults() throws {
        let json = #"{"name": "chair", "device": "hw:CARD=Device", "element": "Mic"}"#
        let channel = try JSONDecoder().decode(MicChannel.self, from: Data(json.utf8))
        #expect(channel == MicChannel(name: "chair", device: "hw:CARD=Device", element: "Mic", index: 0,
                                      control: .captureSwitch, failSafeMute: true))
    }

    @Test("every field round-trips")
    func roundTrips() throws {
        let channel = MicChannel(name: "wireless", device: "mic3", element: "Capture", index: 1,
                                 control: .playbackVolume, failSafeMute: false, liveVolumePercent: 70)
        let decoded = try JSONDecoder().decode(MicChannel.self, from: JSONEncoder().encode(channel))
        #expect(decoded == channel)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(MicChannel.self, from: Data(#"{"name":"x","device":"d","element":"e","control":"loud"}"#.utf8))
        }
    }

    @Test("the control names follow alsa-lib's simple mixer")
    func controlNames() {
        #expect(MuteSwitch.controlNames(MicChannel(name: "c", device: "d", element: "Capture")).first == "Capture Switch")
        #expect(MuteSwitch.controlNames(MicChannel(name: "c", device: "d", element: "Mic")).first == "Mic Capture Switch")
        #expect(MuteSwitch.controlNames(MicChannel(name: "c", device: "d", element: "Mic", control: .playbackSwitch)).first == "Mic Playback Switch")
    }
}
