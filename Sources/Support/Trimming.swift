extension StringProtocol {
    /// The text without the spaces and tabs at either end (what Foundation's
    /// `trimmingCharacters(in: .whitespaces)` does, without Foundation).
    public func trimmed(of extra: Set<Character> = []) -> String {
        let keep: (Character) -> Bool = { !(($0.isWhitespace && !$0.isNewline) || extra.contains($0)) }
        guard let first = firstIndex(where: keep), let last = lastIndex(where: keep) else { return "" }
        return String(self[first...last])
    }
}
