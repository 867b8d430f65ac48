import FoundationEssentials
import Localization

/// What the daemon saw when it ran the readiness self-test (R5), before any
/// judgement: the rules turn it into a pass/fail report with what to fix.
public struct ReadinessObservations: Sendable, Hashable, Codable {
    /// The camera answered an inquiry.
    public var cameraAnswers: Bool
    /// The camera reported power on (not standby).
    public var cameraPowered: Bool
    /// What the camera driver said when it failed, or nil.
    public var cameraProblem: String?
    /// Each microphone channel as the mixer showed it.
    public var microphones: [MicrophoneObservation]
    /// The terminal's API answered.
    public var terminalAnswers: Bool
    /// The terminal is registered with its gatekeeper or registrar.
    public var terminalRegistered: Bool
    /// The terminal's own words (registration status, or why the API failed).
    public var terminalDetail: String
    /// Free bytes for the logbook, or nil when they could not be measured.
    public var logbookFreeBytes: Int64?

    public init(
        cameraAnswers: Bool, cameraPowered: Bool, cameraProblem: String? = nil, microphones: [MicrophoneObservation],
        terminalAnswers: Bool, terminalRegistered: Bool, terminalDetail: String, logbookFreeBytes: Int64?
    ) {
        self.cameraAnswers = cameraAnswers
        self.cameraPowered = cameraPowered
        self.cameraProblem = cameraProblem
        self.microphones = microphones
        self.terminalAnswers = terminalAnswers
        self.terminalRegistered = terminalRegistered
        self.terminalDetail = terminalDetail
        self.logbookFreeBytes = logbookFreeBytes
    }
}

/// One microphone channel as the readiness test found it.
public struct MicrophoneObservation: Sendable, Hashable, Codable {
    public var channel: String
    /// Nil when the channel could not be reached, with `problem` saying why.
    public var muted: Bool?
    public var problem: String?

    public init(channel: String, muted: Bool?, problem: String? = nil) {
        self.channel = channel
        self.muted = muted
        self.problem = problem
    }
}

extension ReadinessReport {
    /// Less free space than this for the logbook fails the test: a day's
    /// meetings write well under a megabyte, so this is months of margin.
    public static let minimumFreeBytes: Int64 = 100 * 1024 * 1024

    /// Judges what the test saw (R5): the camera answers and is powered, every
    /// microphone is reachable and muted, the terminal answers and is
    /// registered, the logbook has room.
    public init(_ seen: ReadinessObservations, trigger: ReadinessTrigger, minimumFreeBytes: Int64 = minimumFreeBytes) {
        var checks: [ReadinessCheck] = []
        if !seen.cameraAnswers {
            checks.append(ReadinessCheck(
                name: "camera", passed: false,
                said: seen.cameraProblem.map { Message("{problem}: check its control cable and its power, then run the test again", ["problem": $0]) }
                    ?? Message("the camera does not answer: check its control cable and its power, then run the test again")))
        } else if !seen.cameraPowered {
            checks.append(ReadinessCheck(
                name: "camera", passed: false, said: Message("answers but is in standby: switch it on before the test")))
        } else {
            checks.append(ReadinessCheck(name: "camera", passed: true, said: Message("answers, powered on")))
        }
        for mic in seen.microphones {
            let name = "microphone \(mic.channel)"
            switch mic.muted {
            case nil:
                checks.append(ReadinessCheck(
                    name: name, passed: false,
                    said: mic.problem.map { Message("{problem}: check the audio interface and its USB cable", ["problem": $0]) }
                        ?? Message("the mixer does not answer: check the audio interface and its USB cable")))
            case true?:
                checks.append(ReadinessCheck(name: name, passed: true, said: Message("reachable, muted")))
            case false?:
                checks.append(ReadinessCheck(
                    name: name, passed: false, said: Message("is open: a microphone stays muted until the centre grants the floor (R2)")))
            }
        }
        let terminal = seen.terminalDetail
        if !seen.terminalAnswers {
            checks.append(ReadinessCheck(
                name: "terminal API", passed: false,
                said: Message("{terminal}: check the terminal's network cable and that its API is enabled", ["terminal": terminal])))
        } else {
            checks.append(ReadinessCheck(name: "terminal API", passed: true, said: Message("answers")))
            checks.append(ReadinessCheck(
                name: "terminal registration", passed: seen.terminalRegistered,
                said: seen.terminalRegistered
                    ? Message("registered ({terminal})", ["terminal": terminal])
                    : Message("not registered ({terminal}): check the gatekeeper or registrar address and the terminal's H.323 ID or SIP account",
                              ["terminal": terminal])))
        }
        let megabytes = { (bytes: Int64) in "\(bytes / (1024 * 1024))" }
        if let free = seen.logbookFreeBytes {
            checks.append(ReadinessCheck(
                name: "logbook disk space", passed: free >= minimumFreeBytes,
                said: free >= minimumFreeBytes
                    ? Message("{free} MB free", ["free": megabytes(free)])
                    : Message("only {free} MB free (at least {needed} MB needed): free space under the state directory",
                              ["free": megabytes(free), "needed": megabytes(minimumFreeBytes)])))
        } else {
            checks.append(ReadinessCheck(
                name: "logbook disk space", passed: false, said: Message("the free space could not be measured: check the state directory")))
        }
        self.init(checks: checks, trigger: trigger)
    }

    /// The report as the pass/fail table `diemcau check` prints, ending with
    /// READY or NOT READY.
    public var table: String { table(in: .en) }

    /// The table in `language`: headings and verdicts translated, each
    /// check's name as the test wrote it, its detail in `language`.
    public func table(in language: Language) -> String {
        let heading = [language.say("CHECK"), language.say("RESULT"), language.say("DETAIL")]
        let pass = language.say("pass"), fail = language.say("FAIL")
        let width = max(heading[0].count, checks.map(\.name.count).max() ?? 0)
        let verdictWidth = max(heading[1].count, pass.count, fail.count)
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var lines = ["\(pad(heading[0], width))  \(pad(heading[1], verdictWidth))  \(heading[2])"]
        for check in checks {
            lines.append("\(pad(check.name, width))  \(pad(check.passed ? pass : fail, verdictWidth))  \(check.said.said(in: language))")
        }
        lines.append(passed ? language.say("READY") : language.say("NOT READY"))
        return lines.joined(separator: "\n") + "\n"
    }
}
