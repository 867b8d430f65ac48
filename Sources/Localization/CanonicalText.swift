extension String {
    /// The text in Unicode Normalization Form C: "ế" as the one code point
    /// U+1EBF, not "e" with two combining marks. Names and texts are stored
    /// (logbook, room file, presets) and sent in NFC, so a name typed on a
    /// keyboard that composes and one pasted from a document that does not
    /// are the same bytes, as well as the same `String` (Swift compares by
    /// canonical equivalence already; files, the wire and other programs
    /// compare bytes).
    ///
    /// FoundationEssentials has no normalization, and full Foundation would
    /// bring ICU into a daemon that avoids it: this uses the standard
    /// library's own normalizer (`_nfcCodeUnits`, the one Swift's `String`
    /// hashing runs on). If a toolchain drops it, the replacement is
    /// Foundation's `precomposedStringWithCanonicalMapping` in this one
    /// place; `CanonicalTextTests` says whether it still holds.
    public var nfc: String {
        // ASCII, nearly every line the daemon sees, is NFC already.
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        return String(decoding: _nfcCodeUnits, as: UTF8.self)
    }
}
