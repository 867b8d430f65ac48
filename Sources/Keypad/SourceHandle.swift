import Dispatch

/// A Dispatch source that closures on other threads may cancel.
///
/// `@unchecked Sendable` is safe here: the box holds one immutable reference,
/// and libdispatch documents `dispatch_source_cancel` and `dispatch_resume`
/// as callable from any thread (sources are thread-safe objects; Dispatch's
/// Swift overlay just does not mark them `Sendable`). No other state is shared.
final class SourceHandle: @unchecked Sendable {
    let source: any DispatchSourceProtocol

    init(_ source: any DispatchSourceProtocol) {
        self.source = source
    }

    func cancel() { source.cancel() }
}
