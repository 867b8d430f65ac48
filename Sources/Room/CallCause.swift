import Localization

/// Why a call ended, as people read it: the terminal gives the ITU-T Q.850
/// cause value ("16"); the logbook, the report and the centre's event keep
/// the number and add its meaning in both languages, so that a line read by
/// the centre's software, an English-speaking vendor or the commune's
/// technician names the same cause.
public enum CallCause {
    /// `16` → `16 (Normal call clearing / Xóa cuộc gọi bình thường)`;
    /// a value Q.850 does not list, or a word, stays as the terminal gave it.
    ///
    /// Each dialect's own words too: Cisco's CauseType with its code
    /// (`RemoteBusy SIP:486` → `RemoteBusy (The far end is busy / …), SIP
    /// 486 (Busy Here / …)`), and `dropped`, a call that ended with no cause
    /// given (Yealink's `sysstatus get finished` carries none).
    public static func describe(_ cause: String) -> String {
        let words = cause.split(separator: " ").map(String.init)
        if words.count == 1, let code = Int(words[0]) { return explained("\(code)") { name(code, in: $0) } ?? cause }
        if cause == "dropped" { return explained(cause) { dropped(in: $0) } ?? cause }
        guard let type = words.first, ciscoType(type, in: .en) != nil, words.count <= 2 else { return cause }
        var parts = [explained(type) { ciscoType(type, in: $0) } ?? type]
        if words.count == 2 { parts.append(coded(words[1])) }
        return parts.joined(separator: ", ")
    }

    /// `16 (Normal call clearing / Xóa cuộc gọi bình thường)`: the code and its meaning in both languages.
    private static func explained(_ code: String, _ meaning: (Language) -> String?) -> String? {
        guard let english = meaning(.en) else { return nil }
        let vietnamese = meaning(.vi) ?? english
        return vietnamese == english ? "\(code) (\(english))" : "\(code) (\(english) / \(vietnamese))"
    }

    /// A Cisco CauseCode with its CauseOrigin: `Q850:16`, `SIP:486`, `internal:3`.
    private static func coded(_ word: String) -> String {
        let parts = word.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let code = Int(parts[1]) else { return word }
        switch parts[0].uppercased() {
        case "Q850": return explained("Q.850 \(code)") { name(code, in: $0) } ?? "Q.850 \(code)"
        case "SIP": return explained("SIP \(code)") { sipName(code, in: $0) } ?? "SIP \(code)"
        default: return "\(parts[0]) \(code)"
        }
    }

    static func dropped(in l: Language) -> String {
        l.say("the terminal ended the call and gave no cause")
    }

    /// Cisco's CauseType value space (API reference, "About disconnect cause types").
    public static func ciscoType(_ type: String, in l: Language) -> String? {
        switch type {
        case "OtherLocal": l.say("Ended here, for another reason")
        case "LocalDisconnect": l.say("Hung up here")
        case "UnknownRemoteSite": l.say("The far end is unknown")
        case "LocalBusy": l.say("This terminal was busy")
        case "LocalReject": l.say("Rejected here")
        case "InsufficientSecurity": l.say("Not secure enough (encryption)")
        case "OtherRemote": l.say("Ended by the far end, for another reason")
        case "RemoteDisconnect": l.say("The far end hung up")
        case "RemoteBusy": l.say("The far end is busy")
        case "RemoteRejected": l.say("The far end rejected the call")
        case "RemoteNoAnswer": l.say("The far end did not answer")
        case "CallForwarded": l.say("The call was forwarded")
        case "NetworkRejected": l.say("The network rejected the call")
        default: nil
        }
    }

    /// The SIP responses (RFC 3261) a video-conference call ends on, in the RFC's words.
    public static func sipName(_ code: Int, in l: Language) -> String? {
        switch code {
        case 200: l.say("OK")
        case 403: l.say("Forbidden")
        case 404: l.say("Not Found")
        case 408: l.say("Request Timeout")
        case 480: l.say("Temporarily Unavailable")
        case 486: l.say("Busy Here")
        case 487: l.say("Request Terminated")
        case 488: l.say("Not Acceptable Here")
        case 500: l.say("Server Internal Error")
        case 503: l.say("Service Unavailable")
        case 600: l.say("Busy Everywhere")
        case 603: l.say("Decline")
        default: nil
        }
    }

    /// The cause values of ITU-T Q.850 (05/98) Table 1 a video-conference
    /// call meets, in the recommendation's own words.
    public static func name(_ code: Int, in l: Language) -> String? {
        switch code {
        case 1: l.say("Unallocated (unassigned) number")
        case 2: l.say("No route to specified transit network")
        case 3: l.say("No route to destination")
        case 6: l.say("Channel unacceptable")
        case 16: l.say("Normal call clearing")
        case 17: l.say("User busy")
        case 18: l.say("No user responding")
        case 19: l.say("No answer from user (user alerted)")
        case 20: l.say("Subscriber absent")
        case 21: l.say("Call rejected")
        case 22: l.say("Number changed")
        case 27: l.say("Destination out of order")
        case 28: l.say("Invalid number format (address incomplete)")
        case 29: l.say("Facility rejected")
        case 31: l.say("Normal, unspecified")
        case 34: l.say("No circuit/channel available")
        case 38: l.say("Network out of order")
        case 41: l.say("Temporary failure")
        case 42: l.say("Switching equipment congestion")
        case 44: l.say("Requested circuit/channel not available")
        case 47: l.say("Resource unavailable, unspecified")
        case 49: l.say("Quality of service not available")
        case 57: l.say("Bearer capability not authorized")
        case 58: l.say("Bearer capability not presently available")
        case 63: l.say("Service or option not available, unspecified")
        case 65: l.say("Bearer capability not implemented")
        case 79: l.say("Service or option not implemented, unspecified")
        case 88: l.say("Incompatible destination")
        case 102: l.say("Recovery on timer expiry")
        case 111: l.say("Protocol error, unspecified")
        case 127: l.say("Interworking, unspecified")
        default: nil
        }
    }
}
