import Localization

/// The problems found in one room file. Reading goes on past each one, so
/// that one `config check` lists them all.
final class ProblemList {
    private var found: [(path: FieldPath, problem: ConfigurationProblem)] = []

    func add(_ path: FieldPath, _ problem: Message, _ fix: Message) {
        found.append((path, ConfigurationProblem(field: path.description, problem: problem, fix: fix)))
    }

    var isEmpty: Bool { found.isEmpty }

    /// Every problem, by section in the file's order and by item within a
    /// section (`cameras[0]` before `cameras[1]`); in the order found within
    /// an item, its fields first and then what it must agree with.
    var all: [ConfigurationProblem] {
        found.enumerated().sorted { a, b in
            let (left, right) = (Self.place(of: a.element.path), Self.place(of: b.element.path))
            return left != right ? left < right : a.offset < b.offset
        }.map(\.element.problem)
    }

    /// A field's section (unknown top-level fields first) and its item in the section's list.
    private static func place(of path: FieldPath) -> Place {
        guard case .key(let section)? = path.components.first else { return Place(section: -1, item: -1) }
        let order = Schema.sections.firstIndex(of: section) ?? -1
        guard path.components.count > 1, case .index(let item) = path.components[1] else { return Place(section: order, item: -1) }
        return Place(section: order, item: item)
    }

    private struct Place: Comparable {
        let section: Int
        let item: Int

        static func < (a: Place, b: Place) -> Bool { (a.section, a.item) < (b.section, b.item) }
    }
}
