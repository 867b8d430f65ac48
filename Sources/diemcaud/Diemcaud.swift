import Camera
import Configuration
import Control
import FoundationEssentials
import Glibc
import Localization
import Logbook
import Room
import Service
import Support

/// `diemcaud`: the room controller, as a systemd service.
@main
enum Diemcaud {
    /// Synchronous, so that the daemon's own executors are in place before
    /// the first task: its tasks run on the main thread's loop, with no
    /// Dispatch worker threads (see `DaemonExecutors`).
    static func main() {
        DaemonExecutors.install()
        let options: DaemonOptions
        switch DaemonOptions.parse(Array(CommandLine.arguments.dropFirst())) {
        case .run(let parsed): options = parsed
        case .help:
            print(DaemonOptions.help(in: .fromEnvironment(ProcessInfo.processInfo.environment)))
            exit(0)
        case .usage(let problem):
            let language = Language.fromEnvironment(ProcessInfo.processInfo.environment)
            let text = Array("diemcaud: \(problem.said(in: language))\n\n\(DaemonOptions.help(in: language))\n".utf8)
            _ = text.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            exit(64)
        }
        let log = ServiceLog.standardError()
        Task { () async -> Void in
            do throws(StartError) {
                try await run(options, log: log)
                exit(0)
            } catch {
                log.speaking(error.language ?? log.language).critical(error.message)
                exit(error.exitStatus)
            }
        }
        DaemonExecutors.run()
    }

    static func run(_ options: DaemonOptions, log environmentLog: ServiceLog) async throws(StartError) {
        let notifier: ServiceNotifier?
        do {
            notifier = try ServiceNotifier()
        } catch {
            environmentLog.warning(Message("systemd notify: {fault}; running without it", parts: ["fault": .about(error)]))
            notifier = nil
        }
        try? notifier?.send(.status(environmentLog.language.say("reading {file}", ["file": options.configuration])))

        let configuration: RoomConfiguration
        do {
            configuration = try ConfigurationFile.load(options.configuration)
        } catch {
            throw .configuration(error, language: ConfigurationFile.language(ofFile: options.configuration))
        }
        // From here on the journal speaks the room's language.
        let language = configuration.room.language ?? .en
        let log = environmentLog.speaking(language)

        let logbook: Logbook
        do {
            let directory = configuration.stateDirectory.map { $0 + "/logbook" } ?? StateDirectory.logbookPath()
            logbook = try Logbook(directory: directory)
        } catch {
            throw .logbook(Message.about(error), language: language)
        }

        var problems: [Message] = []
        let profiles = CameraProfileLibrary(directories: options.profiles + CameraProfileLibrary().directories)
        let devices = RoomDevices.make(
            from: configuration, profiles: profiles, alsaConfiguration: configuration.alsaConfiguration,
            log: { log.info($0) }, problems: &problems)
        for problem in problems { log.error(problem) }

        let firstIncident = ((try? await logbook.highestIncidentNumber()) ?? 0) + 1
        let presetBook = RoomPresetBook(configuration: configuration)
        let setup = presetBook.setup(
            of: configuration, presetSlots: devices.camera?.chain.profile.presetRanges, log: { log.warning(Message("preset book: {problem}", parts: ["problem": $0])) })
        if let shortfall = setup.identity.shortfall {
            log.warning(Message("identity: {shortfall} (room.technicians in {file})", ["shortfall": shortfall, "file": options.configuration]))
        }
        let room = RoomDaemon(
            setup: setup, devices: devices, logbook: logbook, log: log, firstIncident: firstIncident,
            qualityInterval: .seconds(configuration.terminal?.qualitySampleSeconds ?? 60),
            presetBook: presetBook, mainCameraName: configuration.cameras.first?.name ?? "main")

        // The control endpoints: without them nobody can run the room, so a
        // failure here stops the daemon (and systemd says why).
        let server: ControlServer
        do {
            let tokens = try RoleTokens.load(from: configuration.control.secrets)
            var settings = try ControlConfiguration(configuration.control, roomName: configuration.room.name)
            settings.language = configuration.room.language ?? .en
            settings.people = People(configuration.people)
            server = ControlServer(configuration: settings, tokens: tokens, handler: ControlBridge(room: room, log: log))
            try await server.start()
        } catch {
            throw .control(Message.about(error), language: language)
        }
        await room.attach(server)
        await room.watchFaults()
        // The fleet: optional, and never a reason not to serve the room.
        if let fleetSetup = configuration.fleet,
           let fleet = await FleetLink.start(
               fleetSetup, language: configuration.room.language ?? .en, room: room,
               bridge: ControlBridge(room: room, log: log), log: log) {
            await room.attach(fleet)
        }

        // The drivers, and what they report.
        if let microphones = devices.microphones {
            for error in await microphones.start() { log.error(Message("microphones: {fault}", parts: ["fault": .about(error)])) }
        }
        await DriverInputs.listen(to: devices, room: room, log: log)
        // The cameras' first answers are awaited, every line at once, so
        // that the room's first framing goes to cameras that are there; one
        // that does not answer is reported, and its driver keeps trying.
        await withTaskGroup(of: Void.self) { group in
            for chain in devices.cameraChains {
                group.addTask {
                    do { try await chain.start() } catch {
                        log.error(Message("camera {endpoint}: {fault}", ["endpoint": "\(chain.endpoint)"], parts: ["fault": .about(error)]))
                    }
                }
            }
        }
        await devices.terminal?.start()
        await room.submit(.started)

        // Signals are taken before READY: whoever starts the daemon may send
        // SIGHUP or SIGTERM the moment it reads READY, and the default
        // action of either would end the process without muting anything.
        // Before the line that says the room is ready, too: tests and
        // scripts wait for it.
        let signals = ServiceSignal.stream()
        log.notice(Message(
            "room \"{name}\" ready: {microphones} microphones, {camera}, {terminal}", ["name": configuration.room.name, "microphones": "\(configuration.microphones.count)"],
            parts: [
                "camera": configuration.cameras.first.map { Message("camera {name}", ["name": $0.name]) } ?? Message("no camera"),
                "terminal": configuration.terminal.map { Message("{dialect} terminal", ["dialect": $0.dialect.rawValue]) } ?? Message("no terminal API"),
            ]))
        // READY=1 means what it usually means to systemd: the room is served.
        // The control protocol answers, every microphone was muted (or its
        // mixer is reported lost), and the rules run. It does not wait for a
        // camera or a terminal that is absent: that would stall the room PC's
        // boot. What is missing is in STATUS= and in `status`, and the centre
        // hears of each device as it comes and goes (EVENT device).
        try? notifier?.send(.ready)
        await room.reportStatus { line in try? notifier?.send(.status(line)) }

        var watchdog: ServiceWatchdog?
        if let notifier {
            do {
                watchdog = try ServiceWatchdog(notifier: notifier, log: log)
                watchdog?.start()
            } catch {
                log.error(Message("watchdog: {fault}", parts: ["fault": .about(error)]))
            }
        }
        // Once the start's last work (the first framing, the logbook's first
        // entries, the readiness events) has run out.
        Task {
            try? await Task.sleep(for: .seconds(3))
            let release = StartupCode.release()
            log.info(Message("memory: start-up code unmapped, resident {before} MB → {after} MB",
                             ["before": "\(release.residentBefore / 1024)", "after": "\(release.residentAfter / 1024)"]))
        }

        for await signal in signals {
            switch signal {
            case .hangUp:
                await reload(options, room: room, notifier: notifier, log: log)
            case .terminate, .interrupt:
                try? notifier?.send(.stopping, .status(language.say("stopping: muting microphones")))
                watchdog?.stop()
                await Shutdown.run(room: room, devices: devices, server: server, signal: signal, log: log)
                return
            }
        }
    }

    /// SIGHUP: read the configuration again. A bad file never replaces the
    /// running one; a good one gives the rules its room setup (identity,
    /// groups, presets, framing, floor policy). Devices, terminal and
    /// control endpoints are opened at start only: changing them takes a restart.
    static func reload(_ options: DaemonOptions, room: RoomDaemon, notifier: ServiceNotifier?, log: ServiceLog) async {
        try? notifier?.reloading()
        do {
            let configuration = try ConfigurationFile.load(options.configuration)
            let slots = await room.state.setup.presetSlots
            let setup = RoomPresetBook(configuration: configuration).setup(
                of: configuration, presetSlots: slots, log: { log.warning(Message("preset book: {problem}", parts: ["problem": $0])) })
            await room.submit(.reloaded(setup))
            log.notice(Message("reload: {file} read again; the rules use its room setup, devices change on 'systemctl restart diemcaud'", ["file": options.configuration]))
        } catch {
            log.error(Message("reload: {file} has problems; the running configuration is kept:\n{problems}", ["file": options.configuration], parts: ["problems": error.message]))
        }
        try? notifier?.send(.ready)
        await room.reportStatus { line in try? notifier?.send(.status(line)) }
    }
}

/// Why the daemon could not start, with the exit status systemd shows, and
/// the language it is said in: the room's, or the environment's when the
/// room file could not be read far enough to say (`language` nil).
enum StartError: Error {
    case configuration(ConfigurationError, language: Language?)
    case logbook(Message, language: Language)
    case control(Message, language: Language)

    var message: Message {
        switch self {
        case .configuration(let error, _): Message("configuration: {problems}", parts: ["problems": error.message])
        case .logbook(let fault, _): Message("logbook: {fault}", parts: ["fault": fault])
        case .control(let fault, _): Message("control: {fault}", parts: ["fault": fault])
        }
    }

    var language: Language? {
        switch self {
        case .configuration(_, let language): language
        case .logbook(_, let language), .control(_, let language): language
        }
    }

    /// sysexits.h: EX_CONFIG for a bad file, EX_CANTCREAT for the logbook, EX_UNAVAILABLE otherwise.
    var exitStatus: Int32 {
        switch self {
        case .configuration: 78
        case .logbook: 73
        case .control: 69
        }
    }
}
