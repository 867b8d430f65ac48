import Codec
import Localization

extension TerminalSetup {
    /// The terminal driver's client, in the room file's dialect, on its
    /// host and port, over its transport. The secrets file is read here,
    /// except for a dialect whose API asks no login (Yealink).
    public func client(log: (@Sendable (Message) -> Void)?) throws(CodecError) -> TerminalClient {
        let implementation = dialect.dialect
        let credentials = implementation.needsLogin ? try TerminalCredentials.load(from: secrets) : TerminalCredentials.none
        var options = TerminalClient.Options()
        options.log = log
        return TerminalClient(
            host: host, port: port.map { UInt16($0) }, dialect: implementation, credentials: credentials,
            transport: try driverTransport(for: implementation), options: options)
    }

    /// How the client reaches the API; SSH only to a dialect that offers it.
    /// `Transport` is the room file's word, the driver's transport carries
    /// what SSH needs with it.
    func driverTransport(for implementation: any TerminalDialect) throws(CodecError) -> TerminalTransport {
        switch transport ?? .telnet {
        case .telnet:
            return .telnet
        case .ssh:
            guard implementation.sshPort != nil else { throw .sshNotSupported(dialect: implementation.kind.rawValue) }
            return .ssh(SSHAccess(knownHosts: knownHosts ?? "", identityFile: sshKey))
        }
    }
}
