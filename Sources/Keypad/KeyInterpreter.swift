import Room

/// Turns key records into the rules' keypad orders, following a key map.
///
/// - A discrete key (a preset, the wide shot, the raised hand) acts once, on
///   press; the kernel's autorepeat does not fire it again.
/// - A held key (zoom, pan/tilt) starts on press and stops on release. When
///   two held keys of the same kind overlap, the latest one wins, and letting
///   it go returns to the one still held instead of stopping.
/// - While a chord's hold key is down, only that chord's keys act. A movement
///   stops on the release of the key that started it, even if the chord key
///   was let go first.
/// - `SYN_DROPPED` (records lost in the kernel) stops every movement and
///   ignores records up to the next `SYN_REPORT`: what is held is unknown.
public struct KeyInterpreter: Sendable {
    public let map: KeyMap

    private var heldChordKeys: [KeyCode] = []
    private var zoomKeys: [(key: KeyCode, direction: CameraOrder.ZoomDirection)] = []
    private var panTiltKeys: [(key: KeyCode, direction: CameraOrder.PanTiltDirection)] = []
    private var skippingUntilReport = false

    public init(map: KeyMap) {
        self.map = map
    }

    /// The actions one record causes (most records cause none).
    public mutating func interpret(_ event: InputEvent) -> [KeypadOrder] {
        if event.type == .synchronization {
            switch event.code {
            case SynchronizationCode.dropped:
                skippingUntilReport = true
                return releaseAll()
            case SynchronizationCode.report:
                skippingUntilReport = false
            default:
                break
            }
            return []
        }
        guard event.type == .key, !skippingUntilReport, let state = KeyState(rawValue: event.value) else { return [] }
        let key = KeyCode(rawValue: event.code)
        switch state {
        case .pressed: return press(key)
        case .released: return release(key)
        case .repeated: return []
        }
    }

    /// Stops whatever is moving and forgets every held key: the device went
    /// away, or the kernel lost records.
    public mutating func releaseAll() -> [KeypadOrder] {
        var actions: [KeypadOrder] = []
        if !zoomKeys.isEmpty { actions.append(.zoomStop) }
        if !panTiltKeys.isEmpty { actions.append(.panTiltStop) }
        zoomKeys.removeAll()
        panTiltKeys.removeAll()
        heldChordKeys.removeAll()
        return actions
    }

    /// Whether a zoom or pan/tilt is running.
    public var isMoving: Bool { !zoomKeys.isEmpty || !panTiltKeys.isEmpty }

    private mutating func press(_ key: KeyCode) -> [KeypadOrder] {
        if map.chordKeys.contains(key) {
            if !heldChordKeys.contains(key) { heldChordKeys.append(key) }
            return []
        }
        guard let binding = map.layer(whileHolding: heldChordKeys.last)[key] else { return [] }
        switch binding {
        case .recallPreset(let n): return [.recallPreset(n)]
        case .storePreset(let n): return [.storePreset(n)]
        case .wide: return [.wideShot]
        case .raiseHand: return [.raiseHand]
        case .zoom(let direction):
            guard !zoomKeys.contains(where: { $0.key == key }) else { return [] }
            let running = zoomKeys.last?.direction
            zoomKeys.append((key, direction))
            return running == direction ? [] : [.zoomStart(direction)]
        case .panTilt(let direction):
            guard !panTiltKeys.contains(where: { $0.key == key }) else { return [] }
            let running = panTiltKeys.last?.direction
            panTiltKeys.append((key, direction))
            return running == direction ? [] : [.panTiltStart(direction)]
        }
    }

    private mutating func release(_ key: KeyCode) -> [KeypadOrder] {
        heldChordKeys.removeAll { $0 == key }
        if let index = zoomKeys.firstIndex(where: { $0.key == key }) {
            let was = zoomKeys.last!.direction
            zoomKeys.remove(at: index)
            guard let now = zoomKeys.last?.direction else { return [.zoomStop] }
            return now == was ? [] : [.zoomStart(now)]
        }
        if let index = panTiltKeys.firstIndex(where: { $0.key == key }) {
            let was = panTiltKeys.last!.direction
            panTiltKeys.remove(at: index)
            guard let now = panTiltKeys.last?.direction else { return [.panTiltStop] }
            return now == was ? [] : [.panTiltStart(now)]
        }
        return []
    }
}
