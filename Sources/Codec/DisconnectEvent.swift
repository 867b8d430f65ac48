import Support

/// A call's end as Cisco's `*e CallDisconnect` event tells it (API
/// reference, "About disconnect cause types"): one record of `Key: value`
/// pairs after the event's name, quoted values may hold spaces, then
/// `** end`. The unit writes the record on one line:
///
/// ```
/// *e CallDisconnect CauseValue: 1 CauseType: "RemoteDisconnect" CauseString: "Normal" OrigCallDirection: "outgoing" RemoteURI: "10.10.0.100" CallId: 3 CauseCode: 16 CauseOrigin: Q850
/// ** end
/// ```
///
/// The guide's printed example wraps it over several lines; a line per
/// pair with the prefix repeated is read the same way.
///
/// The fields are gathered until the call and its cause are known. The
/// cause is kept as one ASCII word the logbook stores and `CallCause`
/// explains: the type, and the code with its origin when the unit gives
/// one (`RemoteDisconnect Q850:16`, `RemoteBusy SIP:486`, `LocalDisconnect`).
/// CauseValue is left out: Cisco calls it proprietary and recommends
/// CauseType and CauseCode.
struct DisconnectEvent: Sendable, Hashable {
    private var fields: [String: String] = [:]

    /// The fields that make an event whole; the order they come in does not matter.
    private static let whole = ["CallId", "CauseType", "CauseCode", "CauseOrigin"]

    /// Notes one field; the call and its cause once the event is whole.
    mutating func note(_ field: String, _ value: String) -> (callID: String, cause: String?)? {
        fields[field] = value
        guard Self.whole.allSatisfy({ fields[$0] != nil }) else { return nil }
        return finish()
    }

    /// The cause of `callID` as far as its event told, when the call ends
    /// before the event is whole (a unit that sends no CauseCode); nil when
    /// the event is about another call or none.
    mutating func cause(ending callID: String) -> String? {
        guard fields["CallId"] == callID else { return nil }
        return finish()?.cause
    }

    private mutating func finish() -> (callID: String, cause: String?)? {
        defer { fields = [:] }
        guard let id = fields["CallId"] else { return nil }
        let type = fields["CauseType"].flatMap { $0.isEmpty ? nil : $0 }
        let code = fields["CauseCode"].flatMap { $0.isEmpty || $0 == "0" ? nil : $0 }
        let coded = code.map { "\(fields["CauseOrigin"].flatMap { $0.isEmpty ? nil : $0 } ?? "internal"):\($0)" }
        let words = [type, coded].compactMap { $0 }
        return (id, words.isEmpty ? nil : words.joined(separator: " "))
    }

    /// The `Key: value` pairs of an event's record, in order: a value is a
    /// quoted text (which may hold spaces) or one word.
    static func pairs(_ text: Substring) -> [(key: String, value: String)] {
        var pairs: [(key: String, value: String)] = []
        var rest = text.drop { $0 == " " }
        while let colon = rest.firstIndex(of: ":") {
            let key = rest[..<colon].trimmed()
            rest = rest[rest.index(after: colon)...].drop { $0 == " " }
            let value: Substring
            if rest.first == "\"" {
                let body = rest.dropFirst()
                let close = body.firstIndex(of: "\"") ?? body.endIndex
                value = body[..<close]
                rest = close == body.endIndex ? body[close...] : body[body.index(after: close)...]
            } else {
                let end = rest.firstIndex(of: " ") ?? rest.endIndex
                value = rest[..<end]
                rest = rest[end...]
            }
            if !key.isEmpty, !key.contains(" ") { pairs.append((key, String(value))) }
            rest = rest.drop { $0 == " " }
        }
        return pairs
    }
}
