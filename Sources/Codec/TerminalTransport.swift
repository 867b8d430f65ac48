import FoundationEssentials

/// How the client reaches the terminal's API.
public enum TerminalTransport: Sendable, Hashable {
    /// Telnet (a plain TCP connection) on the dialect's API port.
    case telnet
    /// SSH, through the system's OpenSSH client (Cisco room devices ship
    /// with Telnet off: `ssh admin@codec`, then the same xAPI lines).
    case ssh(SSHAccess)
}

/// What the SSH client needs besides the user and password of the secrets file.
public struct SSHAccess: Sendable, Hashable {
    /// The known_hosts file that holds the terminal's host key: nothing
    /// else is trusted, and a new or changed key is refused.
    public var knownHosts: String
    /// A private key for key authentication; without one the secrets
    /// file's password is given to ssh through `SSH_ASKPASS`.
    public var identityFile: String?
    /// The OpenSSH client.
    public var program: String

    public init(knownHosts: String, identityFile: String? = nil, program: String = "/usr/bin/ssh") {
        self.knownHosts = knownHosts
        self.identityFile = identityFile
        self.program = program
    }
}

/// Whether something on `host:port` greets as an SSH server does
/// (`SSH-2.0-...`, RFC 4253 4.2) within `wait`: what tells a terminal
/// reachable only over SSH when Telnet is refused.
func answersSSH(host: String, port: UInt16, within wait: Duration) async -> Bool {
    guard let link = try? await TCPConnection.connect(host: host, port: port, timeout: wait) else { return false }
    defer { link.close() }
    return await withTaskGroup(of: Bool.self) { group in
        group.addTask {
            var greeting: [UInt8] = []
            for await read in link.reads {
                guard case let .bytes(bytes) = read else { return false }
                greeting += bytes
                if greeting.count >= 4 { return greeting.starts(with: Array("SSH-".utf8)) }
            }
            return false
        }
        group.addTask {
            try? await Task.sleep(for: wait)
            return false
        }
        let answer = await group.next() ?? false
        group.cancelAll()
        return answer
    }
}
