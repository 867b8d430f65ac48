import Localization
import Testing

/// Names are stored and sent in NFC whatever the keyboard produced.
@Suite struct CanonicalTextTests {
    @Test func decomposedVietnameseIsComposed() {
        // "Tiến" typed as e + circumflex + acute (NFD), as some keyboards and PDF copies give it.
        let decomposed = "Ti\u{65}\u{302}\u{301}n"
        #expect(Array(decomposed.unicodeScalars).count == 6)
        let composed = decomposed.nfc
        #expect(Array(composed.unicodeScalars).map(\.value) == [0x54, 0x69, 0x1EBF, 0x6E])
        #expect(Array(composed.utf8) == Array("Tiến".utf8))
    }

    @Test func composedAndAsciiTextIsUnchanged() {
        for text in ["Chủ tịch UBND tỉnh", "mic2", "Đồng chí Nguyễn Văn Ấn", ""] {
            #expect(Array(text.nfc.utf8) == Array(text.utf8))
        }
    }

    /// A mark with nothing to compose with stays, and the order of marks
    /// follows their combining classes (dot below before circumflex: "ậ").
    @Test func marksAreOrderedCanonically() {
        let text = "a\u{302}\u{323}"  // circumflex then dot below
        #expect(text.nfc.unicodeScalars.map(\.value) == [0x1EAD])
        #expect("\u{301}".nfc.unicodeScalars.map(\.value) == [0x301])
    }
}
