import Support

/// What a number field of the room file may hold: every one is a whole
/// number in a range (or a short list) that the device or the daemon can
/// take. A number too large for an `Int`, fractional, negative where it
/// cannot be, or outside the range is quoted back as the file writes it,
/// with what is allowed: `1e308 is not a port number: give a whole number
/// from 1 to 65535`.
struct WholeNumber: Sendable {
    /// What the number is, after "is not": "a port number".
    let noun: String
    let allowed: [Int]?
    let range: ClosedRange<Int>
    /// Said after the allowed values, when the device narrows them further.
    let note: String?

    init(_ noun: String, _ range: ClosedRange<Int>, note: String? = nil) {
        self.noun = noun
        self.range = range
        self.allowed = nil
        self.note = note
    }

    init(_ noun: String, oneOf allowed: [Int], note: String? = nil) {
        self.noun = noun
        self.range = allowed.min()!...allowed.max()!
        self.allowed = allowed
        self.note = note
    }

    static let port = WholeNumber("a port number", 1...65535)
    static let presetSlot = WholeNumber("a preset slot", 0...255, note: "the camera's profile may allow fewer")
    static let chainAddress = WholeNumber("a camera address on the chain", 1...7, note: "1 is the camera nearest the PC")
    static let baud = WholeNumber("a baud rate the cameras use", oneOf: [9600, 38400], note: "as the camera's baud-rate switch is set")
    static let elementIndex = WholeNumber("a mixer element's index", 0...255, note: "0 unless the card has several elements with one name")
    /// Each connection has a thread and a descriptor of its own.
    static let connections = WholeNumber("a number of connections", 1...256)
    static let idleSeconds = WholeNumber("a number of seconds to wait", 1...86_400, note: "600 is the usual")
    static let sampleSeconds = WholeNumber("a number of seconds between quality samples", 1...3600, note: "60 is plenty for the report")
    static let percent = WholeNumber("a percentage", 0...100)
    static let runtimeSeconds = WholeNumber("a number of seconds on battery", 0...86_400, note: "600 is ten minutes")
    static let soundLevel = WholeNumber("a level in dBFS", -120...0, note: "-60 hears a live microphone in a quiet room")
    static let jitterMs = WholeNumber("a jitter in milliseconds", 1...1000, note: "40 is the usual")
    static let callRate = WholeNumber("a call rate in kbit/s", 64...8192, note: "384 is the lowest a meeting's picture takes")
    static let leadMinutes = WholeNumber("a number of minutes before the start", 1...10_080, note: "90 is 001 Art. 7.1's 1.5 hours")
    static let notesPerMinute = WholeNumber("a number of notes a minute", 1...1_000_000, note: "60 is the usual")

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
            return .failure(Refusal(problem: "is \(Quoted.kind(of: value)); it should be a whole number", fix: fix))
        }
        guard let whole, allowed?.contains(whole) ?? range.contains(whole) else {
            return .failure(Refusal(problem: "\(written) is not \(noun)", fix: fix))
        }
        return .success(whole)
    }

    /// "give a whole number from 1 to 65535", "give 9600 or 38400, as …".
    var fix: String {
        let values = allowed.map { "give " + $0.map(String.init).joined(separator: " or ") }
            ?? "give a whole number from \(range.lowerBound) to \(range.upperBound)"
        return values + (note.map { " (\($0))" } ?? "")
    }

    /// Why a value is not the number a field wants, and what to write.
    struct Refusal: Error {
        let problem: String
        let fix: String
    }
}
