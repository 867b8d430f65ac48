import Localization
import Support

/// What a number field of the room file may hold: every one is a whole
/// number in a range (or a short list) that the device or the daemon can
/// take. A number too large for an `Int`, fractional, negative where it
/// cannot be, or outside the range is quoted back as the file writes it,
/// with what is allowed: `1e308 is not a port number: give a whole number
/// from 1 to 65535`.
struct WholeNumber: Sendable {
    /// What the number is, after "is not": "a port number".
    let noun: Message
    let allowed: [Int]?
    let range: ClosedRange<Int>
    /// Said after the allowed values, when the device narrows them further.
    let note: Message?

    init(_ noun: Message, _ range: ClosedRange<Int>, note: Message? = nil) {
        self.noun = noun
        self.range = range
        self.allowed = nil
        self.note = note
    }

    init(_ noun: Message, oneOf allowed: [Int], note: Message? = nil) {
        self.noun = noun
        self.range = allowed.min()!...allowed.max()!
        self.allowed = allowed
        self.note = note
    }

    static let port = WholeNumber(Message("a port number"), 1...65535)
    static let presetSlot = WholeNumber(Message("a preset slot"), 0...255, note: Message("the camera's profile may allow fewer"))
    static let chainAddress = WholeNumber(Message("a camera address on the chain"), 1...7, note: Message("1 is the camera nearest the PC"))
    static let baud = WholeNumber(Message("a baud rate the cameras use"), oneOf: [9600, 38400], note: Message("as the camera's baud-rate switch is set"))
    static let elementIndex = WholeNumber(Message("a mixer element's index"), 0...255, note: Message("0 unless the card has several elements with one name"))
    /// Each connection has a thread and a descriptor of its own.
    static let connections = WholeNumber(Message("a number of connections"), 1...256)
    static let idleSeconds = WholeNumber(Message("a number of seconds to wait"), 1...86_400, note: Message("600 is the usual"))
    static let sampleSeconds = WholeNumber(Message("a number of seconds between quality samples"), 1...3600, note: Message("60 is plenty for the report"))
    static let percent = WholeNumber(Message("a percentage"), 0...100)
    static let runtimeSeconds = WholeNumber(Message("a number of seconds on battery"), 0...86_400, note: Message("600 is ten minutes"))
    static let soundLevel = WholeNumber(Message("a level in dBFS"), -120...0, note: Message("-60 hears a live microphone in a quiet room"))
    static let jitterMs = WholeNumber(Message("a jitter in milliseconds"), 1...1000, note: Message("40 is the usual"))
    static let callRate = WholeNumber(Message("a call rate in kbit/s"), 64...8192, note: Message("384 is the lowest a meeting's picture takes"))
    static let leadMinutes = WholeNumber(Message("a number of minutes before the start"), 1...10_080, note: Message("90 is 001 Art. 7.1's 1.5 hours"))
    static let notesPerMinute = WholeNumber(Message("a number of notes a minute"), 1...1_000_000, note: Message("60 is the usual"))

    /// The number, or why the value is not one this field takes.
    func read(_ value: Any) -> Result<Int, Refusal> {
        let whole: Int?
        let written: String
        switch value {
        case let integer as Int:
            whole = integer
            written = String(integer)
        case let number as JSONTree.Number:
            // 4.0 and 1e2 are whole numbers written otherwise; 1.5, 1e308 and 1e400 are not ours.
            let double = number.value
            whole = double.rounded() == double && abs(double) <= 1e15 ? Int(double) : nil
            written = Quoted.value(number)
        default:
            return .failure(Refusal(problem: Message("is {kind}; it should be a whole number", parts: ["kind": Quoted.kind(of: value)]), fix: fix))
        }
        guard let whole, allowed?.contains(whole) ?? range.contains(whole) else {
            return .failure(Refusal(problem: Message("{value} is not {noun}", ["value": written], parts: ["noun": noun]), fix: fix))
        }
        return .success(whole)
    }

    /// "give a whole number from 1 to 65535", "give 9600 or 38400, as …".
    var fix: Message {
        let values = allowed.map { allowed in
            allowed.count == 2
                ? Message("give {first} or {second}", ["first": "\(allowed[0])", "second": "\(allowed[1])"])
                : Message("give one of {choices}", ["choices": allowed.map(String.init).joined(separator: ", ")])
        }
            ?? Message("give a whole number from {lowest} to {highest}", ["lowest": "\(range.lowerBound)", "highest": "\(range.upperBound)"])
        return note.map { Message("{values} ({note})", parts: ["values": values, "note": $0]) } ?? values
    }

    /// Why a value is not the number a field wants, and what to write.
    struct Refusal: Error {
        let problem: Message
        let fix: Message
    }
}
