#if canImport(Glibc)
import Glibc
#endif

/// The technician's keypad: a device path followed through unplugging and
/// replugging, its key records turned into actions by a key map.
///
/// ```swift
/// let map = try KeyMap(contentsOf: "/etc/diemcau/keypads/numeric-keypad.json")
/// let keypad = Keypad(path: "/dev/input/by-id/usb-SEM_USB_Keyboard-event-kbd", map: map)
/// for await event in keypad.events() {
///     switch event {
///     case .action(let action): room.send(.keypad(action))
///     case .connected(let device): log.info("keypad \(device)")
///     case .disconnected(let why), .unavailable(let why): log.warning("\(why)")
///     }
/// }
/// ```
///
/// The stream never ends by itself: a device that goes away is waited for
/// with inotify (no polling), and reopened when its path comes back. It ends
/// when the consumer stops listening (the task is cancelled), or when inotify
/// cannot watch the path's directory (reported first as `.unavailable`).
public struct Keypad: Sendable {
    public let path: String
    public let map: KeyMap
    public let access: KeypadAccess

    public init(path: String, map: KeyMap, access: KeypadAccess = .exclusive) {
        self.path = path
        self.map = map
        self.access = access
    }

    /// Follows the path. Each call starts its own follower; cancel by
    /// stopping the iteration.
    public func events() -> AsyncStream<KeypadEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: KeypadEvent.self)
        let follower = Task { [self] in
            await follow(into: continuation)
            continuation.finish()
        }
        continuation.onTermination = { _ in follower.cancel() }
        return stream
    }

    /// Reads key records from any file descriptor (a pipe in the tests, an
    /// evdev device opened elsewhere) until it ends; takes ownership of it.
    ///
    /// The descriptor is grabbed when it is an evdev device; anything else (a
    /// pipe) is read as it is, since EVIOCGRAB has no meaning there. The
    /// stream reports `.connected`, the actions, then `.disconnected` with
    /// the reason, and finishes.
    public static func events(readingFrom fd: Int32, map: KeyMap) -> AsyncStream<KeypadEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: KeypadEvent.self)
        let label = "file descriptor \(fd)"
        let grab = EventDevice.grab(fd)
        if grab == .busy {
            close(fd)
            continuation.yield(.unavailable(.grabbedElsewhere(path: label)))
            continuation.finish()
            return stream
        }
        EventDevice.makeNonBlocking(fd)
        continuation.yield(.connected(KeypadDevice(path: label, name: EventDevice.name(fd), grabbed: grab == .grabbed)))
        let reader = Task {
            let reason = await pump(fd, label: label, map: map, into: continuation)
            continuation.yield(.disconnected(reason))
            continuation.finish()
        }
        continuation.onTermination = { _ in reader.cancel() }
        return stream
    }

    // MARK: Following the path

    private func follow(into continuation: AsyncStream<KeypadEvent>.Continuation) async {
        // The file last opened or refused: not tried again until the path
        // changes, so a dead node or a FIFO with no writer cannot make a loop.
        var settled: FileIdentity?
        var lastReported: KeypadError?
        while !Task.isCancelled {
            // Watch first, then look: a device that appears in between is seen.
            var watch: PathWatch
            do {
                watch = try PathWatch(toward: path)
            } catch {
                continuation.yield(.unavailable(error))
                return
            }
            let identity = FileIdentity(path: path)
            if let identity, identity != settled {
                settled = identity
                switch open() {
                case .success(let (fd, device)):
                    lastReported = nil
                    continuation.yield(.connected(device))
                    let reason = await Self.pump(fd, label: path, map: map, into: continuation)
                    if Task.isCancelled { return }
                    continuation.yield(.disconnected(reason))
                    lastReported = .deviceMissing(path: path)  // "waiting for it" was just said
                case .failure(let error):
                    if error != lastReported { continuation.yield(.unavailable(error)) }
                    lastReported = error
                }
                continue  // a fresh watch, made after the descriptor was closed
            }
            if identity == nil {
                let missing = KeypadError.deviceMissing(path: path)
                if lastReported != missing { continuation.yield(.unavailable(missing)) }
                lastReported = missing
            }
            // Whatever changed, the file deserves another try.
            guard await watch.nextChange() != nil else { return }
            settled = nil
        }
    }

    /// Opens and grabs the device as `access` says; closes it again on failure.
    private func open() -> Result<(Int32, KeypadDevice), KeypadError> {
        let fd: Int32
        switch EventDevice.open(path) {
        case .success(let opened): fd = opened
        case .failure(let error): return .failure(error)
        }
        var grabbed = false
        if access == .exclusive {
            switch EventDevice.grab(fd) {
            case .grabbed: grabbed = true
            case .notAnEventDevice: close(fd); return .failure(.notAnEventDevice(path: path))
            case .busy: close(fd); return .failure(.grabbedElsewhere(path: path))
            case .failed(let code): close(fd); return .failure(.grabFailed(path: path, errno: code))
            }
        }
        return .success((fd, KeypadDevice(path: path, name: EventDevice.name(fd), grabbed: grabbed)))
    }

    // MARK: Reading one connection

    /// Reads until the descriptor ends (or the task is cancelled), yields the
    /// actions, stops any movement at the end, and says why it ended. The
    /// descriptor is closed when this returns normally.
    private static func pump(_ fd: Int32, label: String, map: KeyMap,
                             into continuation: AsyncStream<KeypadEvent>.Continuation) async -> KeypadError {
        var interpreter = KeyInterpreter(map: map)
        var framer = InputEventFramer()
        var reason = KeypadError.ended(path: label)
        for await chunk in ByteReader.chunks(from: fd, label: "diemcau.keypad.read") {
            switch chunk {
            case .bytes(let bytes):
                for event in framer.append(bytes) {
                    for action in interpreter.interpret(event) { continuation.yield(.action(action)) }
                }
            case .end(errno: nil):
                reason = .ended(path: label)
            case .end(errno: ENODEV):
                reason = .unplugged(path: label)
            case .end(errno: let code?):
                reason = .readFailed(path: label, errno: code)
            }
        }
        for action in interpreter.releaseAll() { continuation.yield(.action(action)) }
        return reason
    }
}
