import FoundationEssentials

#if canImport(Glibc)
import Glibc
#endif

/// One language's translations, read once from its `.po` file.
public struct MessageCatalog: Sendable {
    /// Translations by English source text (entries without a context: DiemCau uses none).
    public let translations: [String: String]
    /// Where it was read from.
    public let path: String

    public init(po: POFile, path: String) {
        var translations: [String: String] = [:]
        for entry in po.entries where !entry.fuzzy && entry.context == nil && !entry.translation.isEmpty {
            translations[entry.id] = entry.translation
        }
        self.translations = translations
        self.path = path
    }

    public func translation(of message: String) -> String? { translations[message] }

    /// Where the catalogs are looked for, first found wins:
    /// `$DIEMCAU_LOCALE_DIR`; `/usr/share/diemcau/locale`, where the Debian
    /// package installs them; the source tree's `Hardware/locale` (a
    /// development build run from its checkout).
    public static func searchPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var directories: [String] = []
        if let chosen = environment["DIEMCAU_LOCALE_DIR"], !chosen.isEmpty { directories.append(chosen) }
        directories.append("/usr/share/diemcau/locale")
        directories.append(sourceTreeDirectory)
        return directories
    }

    /// `Hardware/locale` of the checkout this file was compiled from.
    public static var sourceTreeDirectory: String {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Sources/Localization/MessageCatalog.swift
        return (parts + ["Hardware", "locale"]).joined(separator: "/")
    }

    /// Reads `<language>.po` from the first directory of `directories` that has
    /// one. Nil when none has it: then every message stays English, and the
    /// reason is written once to standard error.
    public static func load(_ language: Language, from directories: [String]) -> MessageCatalog? {
        for directory in directories {
            let path = "\(directory)/\(language.rawValue).po"
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            do {
                return MessageCatalog(po: try POFile(text: String(decoding: data, as: UTF8.self)), path: path)
            } catch {
                complain("diemcau: the \(language.rawValue) catalog \(path) is damaged (\(error)): messages stay in English; reinstall the package")
                return nil
            }
        }
        complain("diemcau: no \(language.rawValue).po in \(directories.joined(separator: ", ")): messages stay in English; reinstall the package")
        return nil
    }

    private static let vietnamese = load(.vi, from: searchPath())

    /// The catalog in use for `language`; nil for English, which needs none.
    static func shared(for language: Language) -> MessageCatalog? {
        switch language {
        case .vi: vietnamese
        case .en: nil
        }
    }

    private static func complain(_ message: String) {
        let bytes = Array((message + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
