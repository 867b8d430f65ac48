import Codec

/// What each dialect's units say and do, for the tests that run against
/// every dialect: written once per dialect, here, where the compiler asks
/// for a new dialect's.
struct DialectFacts {
    /// The notification registrations the client makes after login.
    var registrations: [String]
    /// Whether the unit tells its gatekeeper and registrar (Yealink's API does not).
    var reportsRegistration = true
    /// Whether it tells the far site's mute (Poly's `notify mutestatus`).
    var reportsFarMute = false
    /// Whether its identity carries the system name (Yealink's `version` does not).
    var tellsSystemName = true
    /// Whether its call query tells the far site's name and the call rate.
    var callsTellNameAndRate = true
    /// Whether it answers a call command, refusals included (Yealink's guide shows no answer).
    var answersCallCommands = true
    /// Whether it prints a welcome banner after login, and again mid-session.
    var printsBanner = true
    /// The dial line for `.dial(10.10.0.100, h323, 1920)`, and what the accepted report holds.
    var dial: (command: String, answer: String)
    var hangUpAll: String
    var answerCall: String
    /// A dial line in other case and spacing, which the gate must still refuse.
    var disguisedDial: String

    init(_ dialect: DialectKind) {
        switch dialect {
        case .poly:
            registrations = ["callstatus", "mutestatus"]
            reportsFarMute = true
            dial = ("dial manual 1920 \"10.10.0.100\" h323", "dialing manual")
            hangUpAll = "hangup all"
            answerCall = "answer video"
            disguisedDial = "DIAL manual 384 \"1\""
        case .cisco:
            registrations = ["/Status/Call", "/Status/Audio/Microphones/Mute", "/Status/H323/Gatekeeper", "/Status/SIP/Registration", "/Event/CallDisconnect"]
            dial = ("xCommand Dial Number: 10.10.0.100 Protocol: H323 CallRate: 1920", "DialResult (status=OK)")
            hangUpAll = "xCommand Call Disconnect"
            answerCall = "xCommand Call Accept"
            disguisedDial = "xcommand   dial Number: 1"
        case .yealink:
            registrations = []
            reportsRegistration = false
            tellsSystemName = false
            callsTellNameAndRate = false
            answersCallCommands = false
            printsBanner = false
            dial = ("dial manual video h323 \"1920\" \"10.10.0.100\"", "sent (the terminal answers nothing to it)")
            hangUpAll = "button hangup"
            answerCall = "answer yes"
            disguisedDial = "DIAL  auto \"1\""
        }
    }

    /// The dialects whose units do `what`.
    static func dialects(where what: (DialectFacts) -> Bool) -> [DialectKind] {
        DialectKind.allCases.filter { what(DialectFacts($0)) }
    }
}
