import Codec
import Foundation
import Room

/// `diemcau codec`: the terminal: status, calls, and its events as they come.
enum CodecCommand {
    static let name = "codec"
    static let summary = cli.say("the terminal: status, calls, and its events as they come")

    static let subcommand = Subcommand(name: name, summary: summary, run: run)

    static let dialectNames = DialectKind.allCases.map(\.rawValue).joined(separator: "|")

    static let usage = cli.say("""
        usage: diemcau codec status|calls|watch --host ADDRESS --dialect {dialects} [options]

        Talks to the room's H.323/SIP terminal over its Telnet-style API. It only
        reads: it never dials, hangs up or answers a call (rule R1).

          status   who the terminal is, its registrations, microphone mute and calls
          calls    the calls, with their statistics (loss, jitter, rates)
          watch    the terminal's events as they come (Ctrl-C to stop); a dropped
                   session is opened again, the call itself is never redialled

        dialects:
        {dialectList}

        options:
          --host ADDRESS         the terminal's address (required)
          --dialect NAME         the terminal's API, one of the dialects above (required)
          --port N               the API port (default: the dialect's, as above)
          --secrets FILE         the file holding 'password = ...' and 'user = ...',
                                 readable by its owner only (default: /etc/diemcau/codec.secret;
                                 not read for a dialect whose API asks no login)
          --timeout SECONDS      how long one command may take (default: 5)
          --ssh                  reach the API over SSH (Cisco room devices ship with Telnet off;
                                 default port 22), with the system's ssh client
          --known-hosts FILE     with --ssh: the known_hosts file holding the terminal's host
                                 key (required: no other key is trusted)
          --ssh-key FILE         with --ssh: a private key the terminal accepts (otherwise the
                                 secrets file's password)
          -h, --help             this text

        status and calls ask once and exit; nothing is tried again.
        exit status: 0 done; 64 bad command line; 68 the terminal's address does not
        resolve; 69 the terminal cannot be reached, dropped the session or did not
        answer in time (or answers SSH only: the message says so), or ssh failed;
        76 the terminal sent what its API never sends (the session was closed);
        77 the terminal refused the API user, password or key (watch stops then too:
        a refused password is not tried again), or its SSH host key is not the one in
        --known-hosts; 78 the secrets file is missing, readable by others, or not
        valid.
        """, [
        "dialects": dialectNames,
        "dialectList": DialectKind.allCases.map { "  \($0.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))\($0.dialect.summary)" }
            .joined(separator: "\n"),
    ])

    /// The exit status `usage` documents for what went wrong (sysexits.h).
    static func exitStatus(for error: any Error) -> Int32 {
        switch error as? CodecError {
        case .cannotResolve: 68
        case .lineTooLong, .subnegotiationTooLong: 76
        case .loginRejected, .hostKeyRejected: 77
        case .secretsFileMissing, .secretsFileTooOpen, .secretsFileInvalid: 78
        default: 69
        }
    }

    static func run(_ arguments: [String]) async -> Int32 {
        var arguments = arguments
        guard let action = arguments.first, !["-h", "--help"].contains(action) else {
            print(usage)
            return arguments.isEmpty ? 64 : 0
        }
        arguments.removeFirst()
        guard ["status", "calls", "watch"].contains(action) else {
            warn("diemcau codec: unknown action '\(action)'.\n\n\(usage)")
            return 64
        }
        var host: String?
        var dialect: DialectKind?
        var port: UInt16?
        var secrets = "/etc/diemcau/codec.secret"
        var timeout = 5.0
        var overSSH = false
        var knownHosts: String?
        var sshKey: String?
        while !arguments.isEmpty {
            let option = arguments.removeFirst()
            if ["-h", "--help"].contains(option) {
                print(usage)
                return 0
            }
            if option == "--ssh" {
                overSSH = true
                continue
            }
            guard !arguments.isEmpty else {
                warn("diemcau codec: \(option) needs a value.\n\n\(usage)")
                return 64
            }
            let value = arguments.removeFirst()
            switch option {
            case "--host": host = value
            case "--dialect":
                guard let kind = DialectKind(rawValue: value) else {
                    warn("diemcau codec: unknown dialect '\(value)': use one of \(dialectNames).")
                    return 64
                }
                dialect = kind
            case "--port":
                guard let number = UInt16(value) else {
                    warn("diemcau codec: '\(value)' is not a TCP port.")
                    return 64
                }
                port = number
            case "--secrets": secrets = value
            case "--known-hosts": knownHosts = value
            case "--ssh-key": sshKey = value
            case "--timeout":
                guard let seconds = Double(value), seconds > 0 else {
                    warn("diemcau codec: '\(value)' is not a number of seconds.")
                    return 64
                }
                timeout = seconds
            default:
                warn("diemcau codec: unknown option '\(option)'.\n\n\(usage)")
                return 64
            }
        }
        guard let host, let dialect else {
            warn("diemcau codec: --host and --dialect are required.\n\n\(usage)")
            return 64
        }
        var credentials = TerminalCredentials.none
        if dialect.dialect.needsLogin {
            do {
                credentials = try TerminalCredentials.load(from: secrets)
            } catch {
                warn("diemcau codec: \(said(error))")
                return exitStatus(for: error)
            }
        }
        var options = TerminalClient.Options()
        options.commandTimeout = .milliseconds(Int(timeout * 1000))
        var transport = TerminalTransport.telnet
        if overSSH {
            guard let knownHosts else {
                warn("diemcau codec: --ssh needs --known-hosts FILE: the terminal's host key is checked against it.\n\n\(usage)")
                return 64
            }
            transport = .ssh(SSHAccess(knownHosts: knownHosts, identityFile: sshKey))
        } else if knownHosts != nil || sshKey != nil {
            warn("diemcau codec: --known-hosts and --ssh-key go with --ssh.\n\n\(usage)")
            return 64
        }
        let client = TerminalClient(host: host, port: port, dialect: dialect.dialect, credentials: credentials, transport: transport, options: options)
        if action == "watch" { return await watch(client) }
        do {
            try await client.connect()
            if action == "status" {
                print(describe(await client.state))
            } else {
                let calls = try await client.calls()
                let statistics = calls.isEmpty ? [] : (try? await client.statistics()) ?? []
                print(calls.isEmpty ? cli.say("no call") : calls.map { call in describe(call, statistics.first { $0.callID == call.id }) }.joined(separator: "\n"))
            }
            await client.stop()
            return 0
        } catch {
            warn("diemcau codec: \(said(error))")
            await client.stop()
            return exitStatus(for: error)
        }
    }

    private static func watch(_ client: TerminalClient) async -> Int32 {
        await client.start()
        for await event in client.events {
            print("\(ISO8601DateFormatter().string(from: Date())) \(describe(event))")
            fflush(nil)
            // The client stops by itself only on a refused password.
            if case .stopped = event { return 77 }
        }
        return 0
    }

    static func describe(_ state: TerminalState) -> String {
        let identity = state.identity
        let calls = state.callList
        var rows: [(label: String, value: String)] = [
            (cli.say("terminal:"), cli.say("{name} ({model}, software {version})", [
                "name": identity.systemName ?? "?", "model": identity.model ?? cli.say("model ?"), "version": identity.softwareVersion ?? "?",
            ])),
            ("H.323:", cli.say("{status} gatekeeper {address}", ["status": words(state.registration.h323), "address": state.registration.gatekeeperAddress ?? "-"])),
            ("SIP:", cli.say("{status} registrar {address}", ["status": words(state.registration.sip), "address": state.registration.sipRegistrarAddress ?? "-"])),
            (cli.say("microphones:"), state.nearMuted.map { $0 ? cli.say("muted") : cli.say("live") } ?? "?"),
            (cli.say("calls:"), calls.isEmpty ? cli.say("none") : "\(calls.count)"),
        ]
        // What a refused command would have told is shown as '?' above.
        rows += state.refusedCommands.sorted { $0.key < $1.key }.map { (cli.say("refused:"), "'\($0.key)' (\($0.value))") }
        let width = max(15, (rows.map(\.label.count).max() ?? 0) + 1)
        func row(_ row: (label: String, value: String)) -> String {
            row.label + String(repeating: " ", count: width - row.label.count) + row.value
        }
        let callLines = calls.map { "  " + describe($0, nil) }
        return (rows.prefix(5).map(row) + callLines + rows.dropFirst(5).map(row)).joined(separator: "\n")
    }

    /// A registration's state in the technician's words; `?` when the terminal did not tell.
    static func words(_ status: RegistrationStatus?) -> String {
        switch status {
        case nil: "?"
        case .registered: cli.say("registered")
        case let .inProgress(word): cli.say("in progress ({word})", ["word": word])
        case .inactive: cli.say("inactive")
        case let .failed(word): cli.say("not registered ({word})", ["word": word])
        }
    }

    static func describe(_ call: Call, _ statistics: CallStatistics?) -> String {
        var text = cli.say("call {id} {direction} {status} {name} <{number}>", [
            "id": call.id, "direction": call.direction?.rawValue ?? "", "status": "\(call.status)", "name": call.remoteName ?? "", "number": call.remoteNumber ?? "?",
        ])
        if let rate = call.rateKbps { text += " \(rate) kbit/s" }
        if let callProtocol = call.protocol { text += " \(callProtocol.rawValue)" }
        if let statistics {
            text += " " + cli.say("loss {lost} jitter {jitter}", [
                "lost": statistics.packetsLost.map(String.init) ?? "?", "jitter": statistics.jitterMilliseconds.map { "\($0) ms" } ?? "?",
            ])
            text += " tx \(statistics.transmitRateKbps.map(String.init) ?? "?") rx \(statistics.receiveRateKbps.map(String.init) ?? "?") kbit/s"
        }
        return text
    }

    static func describe(_ event: TerminalEvent) -> String {
        switch event {
        case let .connected(identity):
            cli.say("connected to {name} ({model})", ["name": identity.systemName ?? cli.say("the terminal"), "model": identity.model ?? "?"])
        case let .connectionLost(reason): cli.say("connection lost: {reason}", ["reason": reason.said(in: cli)])
        case let .stopped(reason): cli.say("stopped: {reason}", ["reason": reason.said(in: cli)])
        case let .silent(reason): cli.say("silent: {reason}", ["reason": reason.said(in: cli)])
        case .answering: cli.say("answering again")
        case let .callChanged(call): describe(call, nil)
        case let .callDropped(call, cause):
            cause.map { cli.say("call {id} to {number} dropped (cause {cause})", ["id": call.id, "number": call.remoteNumber ?? "?", "cause": CallCause.describe($0)]) }
                ?? cli.say("call {id} to {number} dropped", ["id": call.id, "number": call.remoteNumber ?? "?"])
        case let .nearMuteChanged(muted): muted ? cli.say("microphones muted") : cli.say("microphones live")
        case let .farMuteChanged(id, muted):
            muted ? cli.say("far site of call {id} muted", ["id": id]) : cli.say("far site of call {id} unmuted", ["id": id])
        case let .registrationChanged(registration):
            cli.say("registration: H.323 {h323}, SIP {sip}", ["h323": words(registration.h323), "sip": words(registration.sip)])
        case let .registrationLost(service, status):
            cli.say("{service} registration lost: {status}", ["service": service.rawValue, "status": words(status)])
        case let .unitRestarted(identity): cli.say("the terminal {name} restarted", ["name": identity.systemName ?? ""])
        case let .unauthorisedOutgoingCall(call):
            cli.say("R1: outgoing call {id} to {number} that nobody authorised", ["id": call.id, "number": call.remoteNumber ?? "?"])
        case let .callControl(report): report.message.said(in: cli)
        case let .protocolError(message): cli.say("protocol error: {fault}", ["fault": message.said(in: cli)])
        }
    }
}
