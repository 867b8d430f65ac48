import FoundationEssentials
import Localization
import Support

/// The room's microphone channels, driven through ALSA mixers.
///
///     let bank = try MicrophoneBank(channels: configuration.channels,
///                                   alsaConfiguration: "/etc/diemcau/asound.conf")
///     Task { for await event in bank.events { ... } }   // outside changes, lost, re-attached
///     let problems = await bank.start()                 // attaches; fail-safe mute
///     try await bank.unmute("chair")                    // set, read back, verified
///     await bank.stop()                                 // fail-safe mute; closes
///
/// Outside changes (alsamixer, pactl, a button on the interface) arrive on
/// `events` as soon as the mixer reports them: a thread blocked in poll() on
/// alsa-lib's descriptors wakes this actor, nothing polls on a timer. They are
/// reported, not undone: whether to mute again is the room's rules' decision.
///
/// When a device goes away (USB unplugged, sound server restarted) its
/// channels turn `.unavailable`, and the bank tries to open it again — after
/// `retryInterval`, then at doubling intervals up to eight times that: the
/// only timer here, running only while a device is missing. Once it is back,
/// each channel's desired state (the last one asked for, or the fail-safe
/// mute) is set again and verified. A kernel card reports its unplugging on
/// its descriptors (POLLERR); alsa-lib's pulse plugin, by failing the next
/// event read, which its descriptor wakes up for when the server goes.
public actor MicrophoneBank {
    /// Every mixer call is a blocking C call, through alsa-lib's pulse plugin
    /// a round trip to the sound server (about 0.7 ms; a set is two, the
    /// write and the read-back): on a thread of its own, it never holds up
    /// the daemon's one loop, nor one of the cooperative pool's threads.
    private let executor = LoopExecutor.onOwnThread(named: "microphones")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Outside changes, lost channels and re-attached channels, in order.
    public nonisolated let events: AsyncStream<MicEvent>
    private let eventSink: AsyncStream<MicEvent>.Continuation

    /// The channels, in configuration order.
    public nonisolated let channels: [MicChannel]
    /// How long to wait before the first attempt to re-open a missing device.
    public nonisolated let retryInterval: Duration

    private let configuration: ALSAConfiguration?
    /// The poll() thread; made by `start`, ended by `stop`.
    private var watch: MixerWatch?
    private var watchTask: Task<Void, Never>?
    private var started = false
    private var stopped = false

    /// Open devices by ctl device name.
    private var devices: [String: MixerDevice] = [:]
    /// Bumped each time a device is (re)opened, so stale readiness is ignored.
    private var generations: [String: Int] = [:]
    /// Resolved channels by channel name.
    private var switches: [String: MuteSwitch] = [:]
    /// What each channel should be, re-asserted after a re-attach. Nil: leave it as found.
    private var desired: [String: MicState] = [:]
    /// What the bank last knew or reported of each channel.
    private var known: [String: MicStatus] = [:]
    /// Volume levels to restore, kept across re-attaches.
    private var restoreLevels: [String: [Int]] = [:]
    /// Devices being re-opened.
    private var retries: [String: Task<Void, Never>] = [:]

    /// - Parameters:
    ///   - channels: the channels; names must be unique.
    ///   - alsaConfiguration: an asound.conf loaded on top of alsa-lib's own
    ///     (for the ctl devices the channels name); nil for alsa-lib's own only.
    ///   - retryInterval: the pause before the first attempt to re-open a
    ///     missing device; the next ones wait twice as long, up to 8 times this.
    public init(channels: [MicChannel], alsaConfiguration: String? = nil, retryInterval: Duration = .milliseconds(250)) throws(MicError) {
        var seen = Set<String>()
        for channel in channels where !seen.insert(channel.name).inserted {
            throw .duplicateChannel(channel.name)
        }
        self.channels = channels
        self.retryInterval = retryInterval
        self.configuration = try alsaConfiguration.map { path throws(MicError) in try ALSAConfiguration(path: path) }
        (events, eventSink) = AsyncStream.makeStream(of: MicEvent.self)
        for channel in channels {
            known[channel.name] = .unavailable(reason: Message("not attached yet"))
        }
    }

    deinit {
        watch?.stop()
        eventSink.finish()
    }

    // MARK: Starting and stopping

    /// Opens every device, resolves every channel and mutes those whose
    /// `failSafeMute` is set. Returns what could not be attached; those
    /// channels stay unavailable, and devices that could not be opened are
    /// tried again every `retryInterval`.
    @discardableResult
    public func start() -> [MicError] {
        guard !started else { return [] }
        started = true
        for channel in channels where channel.failSafeMute {
            desired[channel.name] = .muted
        }
        let watch = MixerWatch()
        self.watch = watch
        let stream = watch.readiness
        watchTask = Task { [weak self] in
            for await ready in stream {
                await self?.handle(ready)
            }
        }
        var problems: [MicError] = []
        for device in deviceNames {
            problems += attach(device)
            if devices[device] == nil { scheduleRetry(device) }
        }
        return problems
    }

    /// Mutes every channel whose `failSafeMute` is set, closes the devices and
    /// ends `events`. Returns what could not be muted.
    @discardableResult
    public func stop() -> [MicError] {
        guard !stopped else { return [] }
        stopped = true
        var problems: [MicError] = []
        for channel in channels where channel.failSafeMute {
            do throws(MicError) { try set(channel.name, to: .muted) } catch { problems.append(error) }
        }
        for task in retries.values { task.cancel() }
        retries = [:]
        watch?.stop()
        watchTask?.cancel()
        switches = [:]
        devices = [:]
        eventSink.finish()
        return problems
    }

    // MARK: Commands

    /// Mutes a channel; see `set(_:to:)`.
    public func mute(_ channel: String) throws(MicError) { try set(channel, to: .muted) }

    /// Unmutes a channel; see `set(_:to:)`.
    public func unmute(_ channel: String) throws(MicError) { try set(channel, to: .live) }

    /// Sets a channel and reads it back from the device; throws unless the
    /// device reads back `state`. The state becomes the channel's desired
    /// state even when the channel is unavailable, so it is set as soon as
    /// the channel is back.
    public func set(_ channel: String, to state: MicState) throws(MicError) {
        guard channels.contains(where: { $0.name == channel }) else {
            throw .unknownChannel(channel, known: channels.map(\.name))
        }
        desired[channel] = state
        guard let control = switches[channel] else {
            throw .unavailable(channel: channel, reason: known[channel]?.unavailableReason?.description ?? "not attached")
        }
        do throws(MicError) {
            try control.set(state)
            known[channel] = MicStatus(state)
        } catch {
            switch error {
            case .unavailable, .writeFailed: lose(control.device.name, reason: error.message)
            default: break
            }
            throw error
        }
    }

    /// Sets every channel; returns what failed (empty when all succeeded).
    @discardableResult
    public func setAll(_ state: MicState) -> [MicError] {
        var problems: [MicError] = []
        for channel in channels {
            do throws(MicError) { try set(channel.name, to: state) } catch { problems.append(error) }
        }
        return problems
    }

    /// Reads a channel back from the device itself (not from a cache).
    public func read(_ channel: String) throws(MicError) -> MicState {
        guard channels.contains(where: { $0.name == channel }) else {
            throw .unknownChannel(channel, known: channels.map(\.name))
        }
        guard let control = switches[channel] else {
            throw .unavailable(channel: channel, reason: known[channel]?.unavailableReason?.description ?? "not attached")
        }
        do throws(MicError) {
            return try control.read()
        } catch {
            lose(control.device.name, reason: error.message)
            throw error
        }
    }

    /// What the bank knows of every channel now, kept current by the mixers' events.
    public func statuses() -> [(channel: String, status: MicStatus)] {
        channels.map { ($0.name, known[$0.name] ?? .unavailable(reason: Message("not attached"))) }
    }

    /// What the bank knows of one channel now.
    public func status(_ channel: String) -> MicStatus? { known[channel] }

    /// The state each channel is kept in (nil: left as found).
    public func desiredState(_ channel: String) -> MicState? { desired[channel] }

    // MARK: Devices

    private var deviceNames: [String] {
        var names: [String] = []
        for channel in channels where !names.contains(channel.device) { names.append(channel.device) }
        return names
    }

    /// Opens a device, resolves its channels and sets their desired states.
    private func attach(_ name: String) -> [MicError] {
        let device: MixerDevice
        do throws(MicError) {
            device = try MixerDevice.open(name, configuration: configuration)
        } catch {
            for channel in channels where channel.device == name {
                known[channel.name] = .unavailable(reason: error.message)
            }
            return [error]
        }
        devices[name] = device
        generations[name, default: 0] += 1
        var problems: [MicError] = []
        for channel in channels where channel.device == name {
            do throws(MicError) {
                let control = try MuteSwitch(channel: channel, device: device)
                if let levels = restoreLevels[channel.name], control.restoreLevels == nil {
                    control.restoreLevels = levels
                }
                switches[channel.name] = control
                if let state = desired[channel.name] {
                    try control.set(state)
                    known[channel.name] = MicStatus(state)
                } else {
                    known[channel.name] = MicStatus(try control.read())
                }
                restoreLevels[channel.name] = control.restoreLevels
            } catch {
                known[channel.name] = .unavailable(reason: error.message)
                problems.append(error)
            }
        }
        watch?.arm(name, generation: generations[name]!, descriptors: device.pollDescriptors())
        return problems
    }

    /// Handles a device's events: reports every channel whose state changed.
    private func handle(_ ready: MixerWatch.Ready) {
        guard let device = devices[ready.device], generations[ready.device] == ready.generation else { return }
        if let reason = device.handleEvents(ready.descriptors) {
            lose(ready.device, reason: Message("{device} went away: {reason}", ["device": ready.device, "reason": reason]))
            return
        }
        for channel in channels where channel.device == ready.device {
            guard let control = switches[channel.name] else { continue }
            var state = control.current()
            // The mixer's view can lag our own write: it went straight to the
            // control, and its event may come after this one. Before calling
            // a change "outside", ask the device itself (seen in the demo: a
            // floor grant reported closed 22 ms later, the camera sent wide).
            if known[channel.name] != MicStatus(state), let device = try? control.read() { state = device }
            if state == .live { control.noteOutsideLevels(); restoreLevels[channel.name] = control.restoreLevels }
            if known[channel.name] != MicStatus(state) {
                known[channel.name] = MicStatus(state)
                eventSink.yield(MicEvent(channel: channel.name, status: MicStatus(state), cause: .outsideChange))
            }
        }
        watch?.arm(ready.device, generation: ready.generation, descriptors: device.pollDescriptors())
    }

    /// Marks a device's channels unavailable, closes it and starts re-opening it.
    private func lose(_ name: String, reason: Message) {
        guard devices[name] != nil else { return }
        watch?.disarm(name)
        devices[name] = nil
        for channel in channels where channel.device == name {
            if let control = switches.removeValue(forKey: channel.name) {
                restoreLevels[channel.name] = control.restoreLevels
            }
            let status = MicStatus.unavailable(reason: reason)
            known[channel.name] = status
            eventSink.yield(MicEvent(channel: channel.name, status: status, cause: .lost))
        }
        scheduleRetry(name)
    }

    private func scheduleRetry(_ name: String) {
        guard retries[name] == nil, !stopped else { return }
        let first = retryInterval
        retries[name] = Task { [weak self] in
            // Quick at first (a sound server restarts in a second), then
            // slower while a card stays unplugged.
            var interval = first
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                interval = min(interval * 2, first * 8)
                guard !Task.isCancelled, let self else { return }
                if await self.retry(name) { return }
            }
        }
    }

    /// One attempt to re-open a device; true when it is open again.
    private func retry(_ name: String) -> Bool {
        guard !stopped else { return true }
        if devices[name] != nil { retries[name] = nil; return true }
        _ = attach(name)
        guard devices[name] != nil else { return false }
        retries[name] = nil
        for channel in channels where channel.device == name {
            eventSink.yield(MicEvent(channel: channel.name, status: known[channel.name] ?? .unavailable(reason: Message("not attached")), cause: .reattached))
        }
        return true
    }
}

extension MicStatus {
    var unavailableReason: Message? {
        if case .unavailable(let reason) = self { return reason }
        return nil
    }
}
