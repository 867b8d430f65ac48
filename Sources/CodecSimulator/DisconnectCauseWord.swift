/// A scenario's cause for a dropped call (`drop-call 34 remote`) as the
/// Q.850 cause value a terminal reports for it: Poly's callstatus carries it
/// as its "status specific cause code", Cisco's CallDisconnect as CauseCode.
/// A number is taken as it is; `remote` and `end` are the far end hanging up
/// (16, normal call clearing), `network` the network failing (38, network
/// out of order); any other word is 31 (normal, unspecified).
enum DisconnectCauseWord {
    static func q850(_ word: String) -> Int {
        if let code = Int(word) { return code }
        switch word {
        case "remote", "end": return 16
        case "network": return 38
        default: return 31
        }
    }
}
