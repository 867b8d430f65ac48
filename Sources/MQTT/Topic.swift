/// Topic names and filters (MQTT 3.1.1 section 4.7): `/` separates levels,
/// `+` matches one level and `#` every level below, in filters only.
public enum Topic {
    /// Checks a topic a message is published to.
    public static func validateName(_ topic: String) throws(MQTTError) {
        guard !topic.isEmpty else { throw .badTopic(topic, reason: "it is empty") }
        guard topic.utf8.count <= 65_535 else { throw .badTopic(topic, reason: "it is longer than 65,535 bytes") }
        guard !topic.contains("+"), !topic.contains("#") else {
            throw .badTopic(topic, reason: "'+' and '#' are wildcards, allowed in subscriptions only")
        }
        guard !topic.unicodeScalars.contains("\u{0}") else { throw .badTopic(topic, reason: "it contains U+0000") }
    }

    /// Checks a filter a client subscribes to.
    public static func validateFilter(_ filter: String) throws(MQTTError) {
        guard !filter.isEmpty else { throw .badTopic(filter, reason: "it is empty") }
        let levels = filter.split(separator: "/", omittingEmptySubsequences: false)
        for (index, level) in levels.enumerated() {
            if level.contains("#") && (level != "#" || index != levels.count - 1) {
                throw .badTopic(filter, reason: "'#' must be a whole level and the last one")
            }
            if level.contains("+") && level != "+" {
                throw .badTopic(filter, reason: "'+' must be a whole level")
            }
        }
    }

    /// Whether `topic` matches `filter`. Topics starting with `$` (the
    /// broker's own) match only filters that start with the same level.
    public static func matches(_ topic: String, filter: String) -> Bool {
        let names = topic.split(separator: "/", omittingEmptySubsequences: false)
        let patterns = filter.split(separator: "/", omittingEmptySubsequences: false)
        if topic.hasPrefix("$") && (patterns.first == "+" || patterns.first == "#") { return false }
        for (index, pattern) in patterns.enumerated() {
            if pattern == "#" { return true }
            guard index < names.count else { return false }
            if pattern != "+" && pattern != names[index] { return false }
        }
        return names.count == patterns.count
    }
}
