/// A language DiemCau speaks to people in. Keywords, field names and the
/// logbook's stored records stay ASCII and English whatever the language:
/// scripts and the centre's software read those.
public enum Language: String, Sendable, CaseIterable, Codable {
    /// Vietnamese: the language of every room, technician and centre.
    case vi
    /// English: the fallback, and the language of the messages' source text.
    case en

    /// The language a locale name asks for: `vi_VN.UTF-8`, `vi`, `vi-VN` are
    /// Vietnamese; anything else (`C`, `POSIX`, `en_US.UTF-8`, empty) English.
    public init(locale: String) {
        let tag = locale.prefix { $0 != "_" && $0 != "-" && $0 != "." && $0 != "@" }
        self = tag.lowercased() == "vi" ? .vi : .en
    }

    /// The language of a command-line tool, as gettext would choose it:
    /// `LANGUAGE` (its first entry), then `LC_ALL`, `LC_MESSAGES`, `LANG`;
    /// the first one set and not empty decides.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[key], !value.isEmpty else { continue }
            if key == "LANGUAGE" {
                // A priority list ("vi:en"); gettext ignores it under the C locale, and so do we.
                let base = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
                    ?? environment["LC_MESSAGES"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LANG"] ?? ""
                if base.isEmpty || base == "C" || base == "POSIX" { continue }
                return Language(locale: String(value.split(separator: ":").first ?? ""))
            }
            return Language(locale: value)
        }
        return .en
    }
}
