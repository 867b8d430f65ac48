import Room

/// Which way a call was set up: the rules' own word (`CallChange.Direction`),
/// so a call's direction reaches them as the terminal reported it.
public typealias CallDirection = CallChange.Direction

/// Where a call is in its life, in words common to the vendors. Finer than
/// the rules' `CallState` (dialling apart from connecting, a call on hold,
/// a word this driver does not know yet), for the log and `diemcau codec`;
/// `callState` says what the rules hear of it.
public enum CallStatus: Sendable, Hashable, CustomStringConvertible {
    case dialling, ringing, connecting, connected, disconnecting, onHold, idle
    /// A status word this driver does not know yet, kept as the terminal said it.
    case other(String)

    public var description: String {
        switch self {
        case .dialling: "dialling"
        case .ringing: "ringing"
        case .connecting: "connecting"
        case .connected: "connected"
        case .disconnecting: "disconnecting"
        case .onHold: "on hold"
        case .idle: "idle"
        case let .other(word): word
        }
    }

    /// What the rules hear: dialling is connecting, a call on hold is still
    /// connected; a word this driver does not know yet is not guessed at (nil).
    public var callState: CallState? {
        switch self {
        case .dialling, .connecting: .connecting
        case .ringing: .ringing
        case .connected, .onHold: .connected
        case .disconnecting: .disconnecting
        case .idle: .idle
        case .other: nil
        }
    }
}

/// One call on the terminal.
public struct Call: Sendable, Hashable {
    /// The terminal's own call identifier.
    public var id: String
    public var direction: CallDirection?
    public var remoteName: String?
    public var remoteNumber: String?
    public var `protocol`: CallProtocol?
    /// Call rate in kbit/s.
    public var rateKbps: Int?
    public var status: CallStatus
    /// Whether the far site has muted itself, when the dialect says so.
    public var farMuted: Bool?

    public init(
        id: String, direction: CallDirection? = nil, remoteName: String? = nil, remoteNumber: String? = nil,
        protocol: CallProtocol? = nil, rateKbps: Int? = nil, status: CallStatus, farMuted: Bool? = nil
    ) {
        self.id = id
        self.direction = direction
        self.remoteName = remoteName
        self.remoteNumber = remoteNumber
        self.protocol = `protocol`
        self.rateKbps = rateKbps
        self.status = status
        self.farMuted = farMuted
    }
}

/// What a partial observation of a call says; nil fields are unknown.
public struct CallUpdate: Sendable, Hashable {
    public var direction: CallDirection?
    public var remoteName: String?
    public var remoteNumber: String?
    public var `protocol`: CallProtocol?
    public var rateKbps: Int?
    public var status: CallStatus?
    public var farMuted: Bool?

    public init(
        direction: CallDirection? = nil, remoteName: String? = nil, remoteNumber: String? = nil,
        protocol: CallProtocol? = nil, rateKbps: Int? = nil, status: CallStatus? = nil, farMuted: Bool? = nil
    ) {
        self.direction = direction
        self.remoteName = remoteName
        self.remoteNumber = remoteNumber
        self.protocol = `protocol`
        self.rateKbps = rateKbps
        self.status = status
        self.farMuted = farMuted
    }

    func applied(to call: Call) -> Call {
        var call = call
        if let direction { call.direction = direction }
        if let remoteName { call.remoteName = remoteName }
        if let remoteNumber { call.remoteNumber = remoteNumber }
        if let `protocol` { call.protocol = `protocol` }
        if let rateKbps { call.rateKbps = rateKbps }
        if let status { call.status = status }
        if let farMuted { call.farMuted = farMuted }
        return call
    }
}

/// The state of one registration (H.323 gatekeeper or SIP registrar).
public enum RegistrationStatus: Sendable, Hashable, CustomStringConvertible {
    case registered
    /// Discovering, authenticating, registering: on its way.
    case inProgress(String)
    /// Not configured or switched off.
    case inactive
    /// Lost, rejected or failed, with the terminal's word for it.
    case failed(String)

    public var description: String {
        switch self {
        case .registered: "registered"
        case let .inProgress(word): "in progress (\(word))"
        case .inactive: "inactive"
        case let .failed(word): "not registered (\(word))"
        }
    }
}

/// The two registrations a terminal can hold.
public enum RegistrationService: String, Sendable, Hashable {
    case h323Gatekeeper = "H.323 gatekeeper"
    case sipRegistrar = "SIP registrar"
}

public struct Registration: Sendable, Hashable {
    public var h323: RegistrationStatus?
    public var sip: RegistrationStatus?
    public var gatekeeperAddress: String?
    public var sipRegistrarAddress: String?

    public init(
        h323: RegistrationStatus? = nil, sip: RegistrationStatus? = nil,
        gatekeeperAddress: String? = nil, sipRegistrarAddress: String? = nil
    ) {
        self.h323 = h323
        self.sip = sip
        self.gatekeeperAddress = gatekeeperAddress
        self.sipRegistrarAddress = sipRegistrarAddress
    }
}

/// Who the terminal says it is.
public struct TerminalIdentity: Sendable, Hashable {
    public var systemName: String?
    public var model: String?
    public var softwareVersion: String?

    public init(systemName: String? = nil, model: String? = nil, softwareVersion: String? = nil) {
        self.systemName = systemName
        self.model = model
        self.softwareVersion = softwareVersion
    }

    func merged(with other: TerminalIdentity) -> TerminalIdentity {
        TerminalIdentity(
            systemName: other.systemName ?? systemName,
            model: other.model ?? model,
            softwareVersion: other.softwareVersion ?? softwareVersion
        )
    }
}

/// Call quality for one call, where the dialect reports it.
public struct CallStatistics: Sendable, Hashable {
    public var callID: String
    /// Packets lost, summed over the call's channels.
    public var packetsLost: Int?
    /// Loss over the terminal's own window, in per cent (Poly `%pktloss`).
    public var lossPercent: Double?
    /// Worst jitter over the channels, in milliseconds.
    public var jitterMilliseconds: Int?
    public var transmitRateKbps: Int?
    public var receiveRateKbps: Int?

    public init(
        callID: String, packetsLost: Int? = nil, lossPercent: Double? = nil, jitterMilliseconds: Int? = nil,
        transmitRateKbps: Int? = nil, receiveRateKbps: Int? = nil
    ) {
        self.callID = callID
        self.packetsLost = packetsLost
        self.lossPercent = lossPercent
        self.jitterMilliseconds = jitterMilliseconds
        self.transmitRateKbps = transmitRateKbps
        self.receiveRateKbps = receiveRateKbps
    }
}

/// One video input of the terminal, as its API reports it: whether
/// something is plugged in, and whether a usable picture comes through.
public struct VideoInput: Sendable, Hashable {
    public var connector: Int
    /// Nil where the terminal cannot tell ("Unknown").
    public var connected: Bool?
    /// `OK`, `Unsupported` or `Unknown` (Cisco's words).
    public var signal: String?

    public init(connector: Int, connected: Bool? = nil, signal: String? = nil) {
        self.connector = connector
        self.connected = connected
        self.signal = signal
    }
}

/// Whether the API session is up.
public enum ConnectionState: Sendable, Hashable {
    case disconnected, connecting, online
}

/// Everything the driver knows about the terminal. Drivers turn what the
/// terminal says into `Observation`s; `apply` folds them in and says which
/// changes the room must hear about.
public struct TerminalState: Sendable, Hashable {
    public var connection: ConnectionState = .disconnected
    public var identity = TerminalIdentity()
    /// Calls by the terminal's call identifier.
    public var calls: [String: Call] = [:]
    public var registration = Registration()
    public var nearMuted: Bool?
    public var statistics: [String: CallStatistics] = [:]
    /// The video inputs, where the dialect reports them; nil: unknown.
    public var videoInputs: [VideoInput]?
    /// How long the unit has been up, in this session, where the dialect says (Cisco).
    public var uptimeSeconds: Int?
    /// Commands the terminal refused, with its answer: what they tell is unknown.
    public var refusedCommands: [String: String] = [:]
    /// A disconnect event being told, line by line (Cisco).
    var disconnect = DisconnectEvent()

    public init() {}

    /// The calls in identifier order: numbers by value (call 2 before call
    /// 10), then any other identifiers alphabetically.
    public var callList: [Call] {
        calls.values.sorted { first, second in
            switch (Int(first.id), Int(second.id)) {
            case let (a?, b?): a < b
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): first.id < second.id
            }
        }
    }

    /// Folds one observation in; returns the events it causes.
    public mutating func apply(_ observation: Observation) -> [TerminalEvent] {
        switch observation {
        case let .call(id, update):
            return upsert(id: id, update: update)
        case let .callList(list):
            var events: [TerminalEvent] = []
            let present = Set(list.map(\.id))
            for (id, call) in calls where !present.contains(id) {
                calls[id] = nil
                statistics[id] = nil
                events.append(.callDropped(call, cause: nil))
            }
            for call in list {
                let old = calls[call.id]
                calls[call.id] = call
                if old?.status != call.status { events.append(.callChanged(call)) }
                if let old, let muted = call.farMuted, old.farMuted != muted {
                    events.append(.farMuteChanged(callID: call.id, muted: muted))
                }
            }
            return events
        case let .disconnectDetail(field, value):
            guard let (id, cause) = disconnect.note(field, value) else { return [] }
            return apply(.callEnded(id: id, cause: cause))
        case let .callEnded(id, cause):
            let cause = cause ?? disconnect.cause(ending: id)
            guard let call = calls.removeValue(forKey: id) else { return [] }
            statistics[id] = nil
            var ended = call
            ended.status = .idle
            return [.callDropped(ended, cause: cause)]
        case let .nearMute(muted):
            guard nearMuted != muted else { return [] }
            nearMuted = muted
            return [.nearMuteChanged(muted)]
        case let .farMute(callID, muted):
            let ids = callID.map { [$0] } ?? Array(calls.keys)
            var events: [TerminalEvent] = []
            for id in ids {
                if calls[id] != nil, calls[id]?.farMuted != muted { calls[id]?.farMuted = muted }
                events.append(.farMuteChanged(callID: id, muted: muted))
            }
            return events
        case let .registration(service, status):
            let old = service == .h323Gatekeeper ? registration.h323 : registration.sip
            guard old != status else { return [] }
            if service == .h323Gatekeeper { registration.h323 = status } else { registration.sip = status }
            var events: [TerminalEvent] = [.registrationChanged(registration)]
            if old == .registered { events.append(.registrationLost(service, status)) }
            return events
        case let .registrarAddress(service, address):
            if service == .h323Gatekeeper {
                registration.gatekeeperAddress = address
            } else {
                registration.sipRegistrarAddress = address
            }
            return []
        case let .identity(identity):
            self.identity = self.identity.merged(with: identity)
            return []
        case let .statistics(list):
            for item in list { statistics[item.callID] = item }
            return []
        case let .videoInputs(inputs):
            videoInputs = inputs
            return []
        case let .uptime(seconds):
            uptimeSeconds = seconds
            return []
        }
    }

    private mutating func upsert(id: String, update: CallUpdate) -> [TerminalEvent] {
        let old = calls[id]
        let call = update.applied(to: old ?? Call(id: id, status: .other("unknown")))
        calls[id] = call
        var events: [TerminalEvent] = []
        if old == nil || old?.status != call.status { events.append(.callChanged(call)) }
        if let old, let muted = update.farMuted, old.farMuted != muted {
            events.append(.farMuteChanged(callID: id, muted: muted))
        }
        return events
    }
}

/// One thing the terminal said, in the room's words. Dialects produce these;
/// `TerminalState.apply` folds them in.
public enum Observation: Sendable, Hashable {
    /// Some fields of one call.
    case call(id: String, CallUpdate)
    /// The complete list of calls: any call not in it has ended.
    case callList([Call])
    case callEnded(id: String, cause: String?)
    /// One field of an event that tells a call's end over several lines
    /// (Cisco's `*e CallDisconnect`): the call ends once the event is whole.
    case disconnectDetail(field: String, value: String)
    case nearMute(Bool)
    /// The far site muted or unmuted; nil means every call.
    case farMute(callID: String?, Bool)
    case registration(RegistrationService, RegistrationStatus)
    case registrarAddress(RegistrationService, String?)
    case identity(TerminalIdentity)
    case statistics([CallStatistics])
    case videoInputs([VideoInput])
    /// Seconds since the unit started.
    case uptime(Int)
}
