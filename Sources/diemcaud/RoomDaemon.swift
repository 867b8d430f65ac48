import Configuration
import Control
import FoundationEssentials
import Logbook
import Room
import Service

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

    /// One queue per device, so a slow camera never delays a microphone.
    let cameraWork = SerialWork()
    let microphoneWork = SerialWork()
    let terminalWork = SerialWork()
    /// The logbook's writes, in the order the rules made them, a few
    /// milliseconds behind the devices (see `LogbookWriter`).
    let logbookWriter: LogbookWriter
    /// Events to the control clients, in the order the rules made them.
    let eventWork = SerialWork()

    /// The single timer of the schedule (R5): it sleeps until the next
    /// meeting check falls due, so an idle room does not wake up.
    private var scheduleTimer: Task<Void, Never>?
    private var tasks: [Task<Void, Never>] = []
    /// Whether the camera is watched as closely as a meeting needs.
    private var watchingClosely: Bool?
    /// Samples the call's quality for the logbook while a call is connected (R4).
    private var qualitySampler: Task<Void, Never>?
    private let qualityInterval: Duration

    /// In preparation, a test or an official session a silent camera must be
    /// noticed within 2 s; an idle room is only asked now and then, so the
    /// room PC sleeps between the watchdog's pings.
    static let meetingHeartbeat: Duration = .milliseconds(700)
    static let idleHeartbeat: Duration = .seconds(30)

    init(
        setup: RoomSetup, devices: RoomDevices, logbook: Logbook, log: ServiceLog, firstIncident: Int,
        qualityInterval: Duration = .seconds(60)
    ) {
        self.qualityInterval = qualityInterval
        state = State(setup: setup, nextIncidentNumber: firstIncident)
        self.devices = devices
        self.logbook = logbook
        self.log = log
        logbookWriter = LogbookWriter(logbook) { error, entries in
            log.critical("logbook: \(entries == 1 ? "an entry" : "\(entries) entries") not written: \(error)")
        }
    }

    func attach(_ control: ControlServer) {
        self.control = control
    }

    /// Runs one input through the rules and carries out what they decide.
    /// Returns the effects, so a control reply can say what happened.
    @discardableResult
    func submit(_ input: Input, at now: Date = Date()) -> [Effect] {
        let effects = state.apply(input, at: now)
        for effect in effects { carryOut(effect) }
        rescheduleTimer()
        watchCamera()
        sampleQualityDuringCalls()
        return effects
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
                    log.warning("terminal: no call statistics: \(error)")
                }
            }
        }
    }

    private func watchCamera() {
        let closely = [.preparation, .technicalTest, .official].contains(state.phase)
        guard closely != watchingClosely, let camera = devices.camera else { return }
        watchingClosely = closely
        let interval = closely ? Self.meetingHeartbeat : Self.idleHeartbeat
        Task { await camera.watch(every: interval) }
    }

    /// Keeps `task` alive as long as the room runs (drivers' event loops).
    func keep(_ task: Task<Void, Never>) {
        tasks.append(task)
    }

    /// Waits until every device queue has carried out what it was given.
    func settle() async {
        await microphoneWork.drain()
        await cameraWork.drain()
        await terminalWork.drain()
        await logbookWriter.drain()
        await eventWork.drain()
    }

    func publish(_ event: ControlEvent) async {
        await control?.publish(event)
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
