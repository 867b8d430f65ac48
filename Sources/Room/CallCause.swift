import Localization

/// Why a call ended, as people read it: the terminal gives the ITU-T Q.850
/// cause value ("16"); the logbook, the report and the centre's event keep
/// the number and add its meaning in both languages, so that a line read by
/// the centre's software, an English-speaking vendor or the commune's
/// technician names the same cause.
public enum CallCause {
    /// `16` → `16 (Normal call clearing / Xóa cuộc gọi bình thường)`;
    /// a value Q.850 does not list, or a word, stays as the terminal gave it.
    public static func describe(_ cause: String) -> String {
        guard let code = Int(cause.trimmingCharacters(in: " ")), let english = name(code, in: .en) else { return cause }
        let vietnamese = name(code, in: .vi) ?? english
        return vietnamese == english ? "\(code) (\(english))" : "\(code) (\(english) / \(vietnamese))"
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

private extension String {
    func trimmingCharacters(in set: Character) -> Substring {
        let start = firstIndex { $0 != set } ?? endIndex
        let end = lastIndex { $0 != set }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }
}
