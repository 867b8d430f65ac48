import Testing
@testable import Localization

/// The `.po` reader against the gettext manual's format (GNU gettext, "The Format of PO Files").
@Suite struct POFileTests {
    @Test func readsEntriesContinuationsEscapesAndFlags() throws {
        let text = """
            # header
            msgid ""
            msgstr ""
            "Content-Type: text/plain; charset=UTF-8\\n"

            #. a comment for translators
            #: Sources/Room/Readiness.swift:12
            msgid "camera"
            msgstr "camera"

            #, fuzzy
            msgid "old"
            msgstr "cũ"

            msgctxt "menu"
            msgid "Open"
            msgstr "Mở"

            msgid ""
            "two "
            "lines \\"quoted\\"\\n"
            msgstr "hai dòng\\t\\\\"
            """
        let po = try POFile(text: text)
        #expect(po.entries.map(\.id) == ["camera", "old", "Open", "two lines \"quoted\"\n"])
        #expect(po.entries[1].fuzzy)
        #expect(!po.entries[0].fuzzy)
        #expect(po.entries[2].context == "menu")
        #expect(po.entries[3].translation == "hai dòng\t\\")
        let catalog = MessageCatalog(po: po, path: "test")
        #expect(catalog.translation(of: "old") == nil, "a fuzzy entry is not used, as msgfmt does")
        #expect(catalog.translation(of: "Open") == nil, "an entry with a context is not a plain message")
        #expect(catalog.translation(of: "camera") == "camera")
    }

    @Test func namesTheLineOfAMistake() {
        #expect(throws: POFile.ReadError.malformed(line: 3, reason: "expected a string in double quotes")) {
            try POFile(text: "msgid \"a\"\nmsgstr \"b\"\nmsgid a\nmsgstr \"\"")
        }
        #expect(throws: POFile.ReadError.malformed(line: 1, reason: "msgid without msgstr")) { try POFile(text: "msgid \"a\"\n\n") }
        #expect(throws: POFile.ReadError.malformed(line: 2, reason: "unknown keyword 'msgid_plural' (plural forms are not read)")) {
            try POFile(text: "msgid \"a\"\nmsgid_plural \"as\"\n")
        }
    }

    @Test func languageFollowsTheLocaleAsGettextDoes() {
        #expect(Language.fromEnvironment(["LANG": "vi_VN.UTF-8"]) == .vi)
        #expect(Language.fromEnvironment(["LANG": "vi_VN.UTF-8", "LC_MESSAGES": "C"]) == .en)
        #expect(Language.fromEnvironment(["LC_ALL": "vi_VN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"]) == .vi)
        #expect(Language.fromEnvironment(["LANGUAGE": "vi:en", "LANG": "en_GB.UTF-8"]) == .vi)
        #expect(Language.fromEnvironment(["LANGUAGE": "vi", "LANG": "C"]) == .en)
        #expect(Language.fromEnvironment([:]) == .en)
    }

    @Test func placeholdersAreFilledAfterTheLookup() {
        #expect(Language.fill("{free} free of {needed}", ["free": "5 MB", "needed": "100 MB"]) == "5 MB free of 100 MB")
        #expect(Language.fill("{unknown} {x", ["x": "1"]) == "{unknown} {x")
    }

    /// A message made once is said in each reader's language, its values
    /// filled into that language's text (which may order them differently).
    @Test func aMessageIsSaidInTheReadersLanguage() {
        let refusal = Message("'{command}' needs the {role} role; you are logged in as {yours}", ["command": "floor grant", "role": "mcu", "yours": "observer"])
        #expect(refusal.said(in: .en) == "'floor grant' needs the mcu role; you are logged in as observer")
        #expect(refusal.description == refusal.said(in: .en))
        let vietnamese = refusal.said(in: .vi)
        #expect(vietnamese != refusal.said(in: .en))
        #expect(vietnamese.contains("floor grant") && vietnamese.contains("mcu") && vietnamese.contains("observer"))
        #expect(!vietnamese.contains("{"))
        // A device's own words are passed on as they are, in every language.
        #expect(Message.verbatim("{not a placeholder}").said(in: .vi) == "{not a placeholder}")
    }
}
