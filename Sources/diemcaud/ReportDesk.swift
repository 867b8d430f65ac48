import Control
import FoundationEssentials
import Localization
import Logbook
import Room
import Support
import Synchronization

/// Makes the reports the control protocol asks for (`report 2026-H1 html`)
/// from the room's logbook: the same report `diemcau logbook report` prints.
///
/// Reading a half year of a busy room's logbook takes the better part of a
/// second, so a report is made on a thread of its own: the rules, the
/// reactor and Swift's cooperative threads go on meanwhile. At most
/// `maxUnderway` are made at once; a request beyond that is told to ask again.
enum ReportDesk {
    static let maxUnderway = 2
    private static let underway = Mutex(0)

    /// The report for `kind` in `format`, in `language`, as a reply with its
    /// document; an error reply when the logbook cannot be read.
    static func answer(
        _ kind: ReportKind, _ format: ReportFormat, language: Language, directory: String, identity: EndpointIdentity
    ) async -> ControlReply {
        let admitted = underway.withLock { count in
            guard count < maxUnderway else { return false }
            count += 1
            return true
        }
        guard admitted else {
            return .error(.unavailable, language.say(
                "{count} reports are being made already: ask again in a moment", ["count": "\(maxUnderway)"]))
        }
        let made = Promise<ControlReply>()
        let refused = DetachedThread.startIfPossible(name: "report") {
            defer { underway.withLock { $0 -= 1 } }
            made.fulfil(make(kind, format, language: language, directory: directory, identity: identity))
        }
        if let refused {
            underway.withLock { $0 -= 1 }
            return .error(.unavailable, language.say(
                "no thread could be started for the report ({reason}): ask again in a moment", ["reason": refused.description]))
        }
        return await made.value
    }

    /// The work itself, on the report's thread.
    static func make(
        _ kind: ReportKind, _ format: ReportFormat, language: Language, directory: String, identity: EndpointIdentity
    ) -> ControlReply {
        let timeZone = TimeZone.room
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let period = kind.period(in: calendar) else {
            return .error(.badArgument, language.say("give a quarter, a half year or a year, e.g. 2026-H1"))
        }
        let report: LogbookReport
        do {
            report = try LogbookReader(directory: directory, timeZone: timeZone).report(period)
        } catch {
            return .error(.device, language.say("the logbook could not be read: {reason}", ["reason": "\(error)"]))
        }
        let document = report.document(
            format, kind: kind, timeZone: timeZone, language: language, preparedBy: identity.technician, head: identity.lead)
        return .document(ControlMessage("report", [
            "period": .text(kind.name), "format": .text(format.rawValue),
            "meetings": .number(report.meetingsHeld.count), "incidents": .number(report.incidents.count),
        ]), document)
    }
}
