import Configuration
import Control
import FoundationEssentials
import Logbook
import Room
import Service
import Localization

/// The room, running: it holds the rules' state, feeds every input through
/// `Room.reduce`, and hands each effect to the driver that carries it out.
/// The rules live in `Room` and nowhere else; this actor only carries out
/// what they decide, in the order they decide it.
actor RoomDaemon {
    private(set) var state: State
    let devices: RoomDevices
    let logbook: Logbook
    let log: ServiceLog
    /// Set once the control server exists; events go to its subscribers.
    private var control: ControlServer?
    /// Set when the room is in a fleet; events go to the broker too.
    private(set) var fleet: FleetLink?
    private var statusSink: (@Sendable (String) -> Void)?
    private var lastStatusLine: String?

    /// One way to each device, so a slow camera never delays a microphone.
    /// Microphones and camera merge what waits (the latest wins); the
    /// terminal's call orders are few and each one counts.
    let microphoneDesk: MicrophoneDesk?
    let cameraQueue: CameraQueue?
    /// The other cameras' queues, by name.
    let otherCameraQueues: [String: CameraQueue]
    let terminalWork = SerialWork()
    /// The preset book's writes, one at a time (each reads the file, adds a name, replaces it).
    let presetBookWork = SerialWork()
    /// The logbook's writes, in the order the rules made them, started at
    /// once beside the device work (see `LogbookWriter`).
    let logbookWriter: LogbookWriter
    /// What the writer says of its disk, for the rules.
    private let logbookHealth: AsyncStream<LogbookWriter.LogbookHealthChange>
    /// What the microphones and the camera refused, for the rules.
    private let deviceFaults: AsyncStream<Input>
    /// Events to the control clients, in the order the rules made them.
    let eventWork = SerialWork()

    /// The single timer of the schedule (R5): it sleeps until the next
    /// meeting check falls due, so an idle room does not wake up.
    private var scheduleTimer: Task<Void, Never>?
    private var tasks: [Task<Void, Never>] = []
    /// Whether the camera and the terminal are watched as closely as a meeting needs.
    private var watchingClosely: Bool?
    /// Samples the call's quality for the logbook while a call is connected (R4).
    private var qualitySampler: Task<Void, Never>?
    private let qualityInterval: Duration
    /// The room's one preset book on the disk, and the main camera's name in it.
    let presetBook: RoomPresetBook?
    let mainCameraName: String

    /// In preparation, a test or an official session a silent camera or
    /// terminal must be noticed within 2 s; an idle room is only asked now
    /// and then (within 35 s), so the room PC sleeps between the watchdog's pings.
    static let meetingHeartbeat: Duration = .milliseconds(700)
    static let idleHeartbeat: Duration = .seconds(30)
    /// The terminal: a keep-alive after this long without a word from it, and
    /// how long its answer may take before it is reported silent.
    static let meetingTerminalWatch: (every: Duration, waiting: Duration) = (.seconds(1), .milliseconds(800))
    static let idleTerminalWatch: (every: Duration, waiting: Duration) = (.seconds(30), .seconds(4))

    init(
        setup: RoomSetup, devices: RoomDevices, logbook: Logbook, log: ServiceLog, firstIncident: Int,
        qualityInterval: Duration = .seconds(60), presetBook: RoomPresetBook? = nil, mainCameraName: String = "main"
    ) {
        self.qualityInterval = qualityInterval
        self.presetBook = presetBook
        self.mainCameraName = mainCameraName
        state = State(setup: setup, nextIncidentNumber: firstIncident)
        self.devices = devices
        self.logbook = logbook
        self.log = log
        let (health, healthSink) = AsyncStream.makeStream(of: LogbookWriter.LogbookHealthChange.self)
        logbookHealth = health
        logbookWriter = LogbookWriter(logbook) { healthSink.yield($0) }
        let (faults, faultSink) = AsyncStream.makeStream(of: Input.self, bufferingPolicy: .bufferingNewest(64))
        deviceFaults = faults
        microphoneDesk = devices.microphones.map { bank in
            MicrophoneDesk(bank: bank) { channel, reason in faultSink.yield(.mixer(.setFailed(channel: channel, reason: reason))) }
        }
        cameraQueue = devices.camera.map { camera in
            CameraQueue(camera: camera) { order, reason in faultSink.yield(.camera(.fault("\(order): \(reason)"))) }
        }
        otherCameraQueues = Dictionary(uniqueKeysWithValues: devices.otherCameras.map { name, camera in
            (name, CameraQueue(camera: camera) { order, reason in faultSink.yield(.otherCamera(name: name, .fault("\(order): \(reason)"))) })
        })
    }

    /// Feeds the logbook's and the devices' failures to the rules, for as long as the room runs.
    func watchFaults() {
        let log = log
        let health = logbookHealth, faults = deviceFaults
        keep(Task { [weak self] in
            for await change in health {
                switch change {
                case .failed(let error, let entries, let dropped):
                    log.critical(dropped > 0
                        ? Message("logbook: {entries} entries not written: {fault}; {dropped} older unwritten entries given up",
                                  ["entries": "\(entries)", "dropped": "\(dropped)"], parts: ["fault": .about(error)])
                        : Message("logbook: {entries} entries not written: {fault}", ["entries": "\(entries)"], parts: ["fault": .about(error)]))
                    await self?.submit(.logbook(.failing("\(error)")))
                case .recovered:
                    log.notice(Message("logbook: written again"))
                    await self?.submit(.logbook(.writing))
                case .lowOnSpace(let free):
                    log.warning(Message("logbook: its disk has {megabytes} MB left", ["megabytes": "\(free / 1_048_576)"]))
                    await self?.submit(.logbook(.lowOnSpace("\(free / 1_048_576) MB left")))
                case .spaceAgain(let free):
                    log.notice(Message("logbook: its disk has {megabytes} MB free again", ["megabytes": "\(free / 1_048_576)"]))
                    await self?.submit(.logbook(.spaceAgain("\(free / 1_048_576) MB free")))
                }
            }
        })
        keep(Task { [weak self] in
            for await input in faults { await self?.submit(input) }
        })
    }

    func attach(_ control: ControlServer) {
        self.control = control
    }

    /// Where the room's one-line status goes (systemd's `STATUS=`), sent now
    /// and again whenever it changes.
    func reportStatus(to send: @escaping @Sendable (String) -> Void) {
        statusSink = send
        lastStatusLine = nil
        updateStatusLine()
    }

    /// The status line: the phase and the call, and what does not work.
    /// Not the microphones: the line changes only when the room's condition
    /// does, not with every word of the floor. In the room's language (it is
    /// what `systemctl status` shows); the phase, the call and `FAULT` stay
    /// keywords.
    static func statusLine(of state: State, room setup: RoomSetup, in language: Language) -> String {
        let faults = state.faults
        let values: KeyValuePairs<String, String> = [
            "room": setup.identity.roomName, "phase": state.phase.rawValue, "call": state.call.rawValue, "faults": faults.joined(separator: ", "),
        ]
        return faults.isEmpty
            ? language.say("{room}: {phase}, call {call}; every device answers", values)
            : language.say("{room}: {phase}, call {call}; FAULT: {faults}", values)
    }

    private func updateStatusLine() {
        guard let statusSink else { return }
        let line = Self.statusLine(of: state, room: state.setup, in: log.language)
        guard line != lastStatusLine else { return }
        lastStatusLine = line
        statusSink(line)
    }

    /// Runs one input through the rules and carries out what they decide,
    /// without waiting for the devices (drivers' reports, timers).
    @discardableResult
    func submit(_ input: Input, at now: Date = Date()) -> [Effect] {
        apply(input, at: now).effects
    }

    /// Runs one input through the rules, carries out what they decide, and
    /// waits until the devices and the disk have answered: what a control
    /// reply states. `status` is the room right after this input, before
    /// any other ran.
    func perform(_ input: Input, waitingForCamera: Bool, at now: Date = Date()) async -> Performed {
        let (effects, commitments) = apply(input, at: now)
        let status = state
        var problems: [Message] = []
        var camera: DeviceAnswer?
        for commitment in commitments {
            switch commitment {
            case .device(let pending, let isCamera):
                guard !isCamera || waitingForCamera else { continue }
                let answer = await pending.value
                if isCamera, camera == nil || answer != .superseded { camera = answer }
                if let problem = answer.problem, !problems.contains(problem) { problems.append(problem) }
            case .logbook(let written):
                if let error = await written.value {
                    let problem = Message("logbook: {fault}", parts: ["fault": .about(error)])
                    if !problems.contains(problem) { problems.append(problem) }
                }
            }
        }
        return Performed(effects: effects, state: status, problems: problems, camera: camera)
    }

    private func apply(_ input: Input, at now: Date) -> (effects: [Effect], commitments: [Commitment]) {
        let effects = state.apply(input, at: now)
        var commitments: [Commitment] = []
        var microphones: [String: PendingAnswer] = [:]
        for effect in effects {
            // A microphone's event waits for its mixer: the centre hears
            // `mic muted=true` only once the mixer has it.
            if case .event(.microphone(let channel, _)) = effect, let answer = microphones[channel] {
                publish(effect, once: answer)
                continue
            }
            guard let commitment = carryOut(effect) else { continue }
            if case .setMicrophone(let channel, _) = effect, case .device(let answer, _) = commitment { microphones[channel] = answer }
            commitments.append(commitment)
        }
        rescheduleTimer()
        watchDevices()
        sampleQualityDuringCalls()
        updateStatusLine()
        return (effects, commitments)
    }

    /// One sample a minute while connected: enough for the report's loss and
    /// jitter, and the only reason the daemon wakes during a quiet call.
    private func sampleQualityDuringCalls() {
        let connected = state.call == .connected
        guard connected != (qualitySampler != nil), let terminal = devices.terminal else { return }
        qualitySampler?.cancel()
        qualitySampler = nil
        guard connected else { return }
        let log = log, interval = qualityInterval
        qualitySampler = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled else { return }
                do {
                    guard let sample = try await terminal.statistics().first else { continue }
                    let rate = [sample.receiveRateKbps, sample.transmitRateKbps].compactMap { $0 }.max()
                    await self?.submit(.terminal(.quality(CallQuality(
                        lossPercent: sample.lossPercent ?? 0, jitterMs: Double(sample.jitterMilliseconds ?? 0), rateKbps: rate))))
                } catch {
                    log.warning(Message("terminal: no call statistics: {fault}", parts: ["fault": .about(error)]))
                }
            }
        }
    }

    /// Watches the camera and the terminal as closely as the phase needs.
    private func watchDevices() {
        let closely = [.preparation, .technicalTest, .official].contains(state.phase)
        guard closely != watchingClosely else { return }
        watchingClosely = closely
        let interval = closely ? Self.meetingHeartbeat : Self.idleHeartbeat
        for chain in devices.cameraChains {
            Task { await chain.watch(every: interval) }
        }
        if let terminal = devices.terminal {
            let watch = closely ? Self.meetingTerminalWatch : Self.idleTerminalWatch
            Task { await terminal.watch(every: watch.every, waiting: watch.waiting) }
        }
    }

    /// Keeps `task` alive as long as the room runs (drivers' event loops).
    func keep(_ task: Task<Void, Never>) {
        tasks.append(task)
    }

    /// SIGTERM's first step: every microphone muted on the mixer through the
    /// desk, before the rules hear of it.
    func muteEveryMicrophoneNow(log: ServiceLog) async {
        guard let microphoneDesk else { return }
        let answers = state.setup.channelNames.map { ($0, microphoneDesk.set($0, muted: true)) }
        for (_, answer) in answers {
            if let problem = await answer.value.problem { log.error(problem) }
        }
    }

    /// Waits until the terminal's orders, the logbook and the events queued so far are out.
    func settle() async {
        await terminalWork.drain()
        await logbookWriter.drain()
        await eventWork.drain()
    }

    func publish(_ event: ControlEvent) async {
        // Handed over without waiting: the control clients' events keep their pace and order.
        fleet?.post(event)
        await control?.publish(event)
    }

    func attach(_ fleet: FleetLink) {
        self.fleet = fleet
    }

    func stopTasks() {
        scheduleTimer?.cancel()
        qualitySampler?.cancel()
        for task in tasks { task.cancel() }
        tasks.removeAll()
    }

    private func rescheduleTimer() {
        scheduleTimer?.cancel()
        guard let due = state.nextWakeUp else {
            scheduleTimer = nil
            return
        }
        let delay = max(0, due.timeIntervalSinceNow)
        scheduleTimer = Task { [weak self] in
            try? await Task.sleep(for: .seconds(delay))
            guard !Task.isCancelled else { return }
            await self?.submit(.tick)
        }
    }
}

/// What one input came to, once the devices and the disk answered.
struct Performed: Sendable {
    let effects: [Effect]
    /// The room right after the input.
    let state: State
    /// What did not happen, each naming the device or the disk; empty when all did.
    let problems: [Message]
    /// The camera's answer, when the reply waited for it.
    let camera: DeviceAnswer?
}
