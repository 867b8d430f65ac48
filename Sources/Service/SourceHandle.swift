import Dispatch

/// Dispatch sources that closures on other threads may cancel.
///
/// `@unchecked Sendable` is safe here: the box holds immutable references
/// only, and libdispatch documents `dispatch_source_cancel` as callable from
/// any thread (sources are thread-safe objects; Dispatch's Swift overlay just
/// does not mark them `Sendable`). No other state is shared.
final class SourceHandle: @unchecked Sendable {
    private let sources: [any DispatchSourceProtocol]

    init(_ sources: any DispatchSourceProtocol...) {
        self.sources = sources
    }

    init(_ sources: [any DispatchSourceProtocol]) {
        self.sources = sources
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}
