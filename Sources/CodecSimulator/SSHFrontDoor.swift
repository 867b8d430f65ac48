import Codec
import Foundation
import Support
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A real OpenSSH server on loopback in front of `codec-sim`: a Cisco room
/// device with Telnet off, reached as `ssh admin@codec`. Its own
/// configuration, host key and authorized_keys sit in a temporary folder;
/// `ForceCommand` runs codec-sim in its standard input/output mode, one
/// simulated session per SSH session.
///
/// Password authentication needs an account with a known password: sshd
/// runs in a mount namespace of its own where a copy of /etc/shadow, with
/// root's password set to `password`, is bind-mounted over the real one.
/// The machine's accounts are never changed. Needs root and the Debian
/// packages openssh-server, openssh-client and openssl (Scripts/bootstrap).
public final class SSHFrontDoor: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public let port: UInt16
    public let folder: String
    /// A known_hosts file holding this server's host key.
    public let knownHosts: String
    /// A private key that authorized_keys accepts.
    public let clientKey: String
    public let user = "root"
    public let password: String
    /// What sshd says (`-e`): connections, refusals.
    public var log: String { (try? String(contentsOfFile: folder + "/sshd.log", encoding: .utf8)) ?? "" }
    private let server: ChildProcess
    private let stopped = Mutex(false)

    /// Starts sshd; `codecSim` is the codec-sim executable, `arguments` its options.
    public init(codecSim: String, arguments: [String] = ["--dialect", "cisco"], password: String) async throws {
        for tool in ["/usr/sbin/sshd", "/usr/bin/ssh-keygen", "/usr/bin/openssl", "/usr/bin/unshare"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw Failure(description: "\(tool) is missing: run Scripts/bootstrap (openssh-server, openssh-client, openssl)")
        }
        self.password = password
        folder = try Self.temporaryFolder()
        knownHosts = folder + "/known_hosts"
        clientKey = folder + "/client_key"
        try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "diemcau-test-host", "-f", folder + "/host_key"], in: folder)
        try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "diemcau-test-client", "-f", clientKey], in: folder)
        try FileManager.default.copyItem(atPath: clientKey + ".pub", toPath: folder + "/authorized_keys")
        let hash = try Self.run("/usr/bin/openssl", ["passwd", "-6", "-stdin"], input: password + "\n", in: folder).trimmingCharacters(in: .whitespacesAndNewlines)
        let shadow = try String(contentsOfFile: "/etc/shadow", encoding: .utf8).split(separator: "\n").map { line -> String in
            var fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if fields.first == "root", fields.count > 1 { fields[1] = hash }
            return fields.joined(separator: ":")
        }.joined(separator: "\n") + "\n"
        guard FileManager.default.createFile(atPath: folder + "/shadow", contents: Data(shadow.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "cannot write \(folder)/shadow")
        }
        port = try Self.freePort()
        let command = ([codecSim] + arguments + ["--stdio"]).map(Self.quoted).joined(separator: " ")
        let configuration = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(folder)/host_key
            PidFile none
            AuthorizedKeysFile \(folder)/authorized_keys
            StrictModes no
            UsePAM no
            PermitRootLogin yes
            AllowUsers root
            PubkeyAuthentication yes
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            PrintMotd no
            PrintLastLog no
            MaxAuthTries 3
            ForceCommand \(command)

            """
        try configuration.write(toFile: folder + "/sshd_config", atomically: true, encoding: .utf8)
        let hostKey = try String(contentsOfFile: folder + "/host_key.pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        try "[127.0.0.1]:\(port) \(hostKey)\n".write(toFile: knownHosts, atomically: true, encoding: .utf8)
        // sshd wants its privilege separation folder, which its service would make.
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        // Started with posix_spawn, not Foundation's Process: while a
        // Process child runs, Foundation was seen never to report the exit of
        // the next one (the tests run diemcau and ssh-keygen meanwhile).
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, folder + "/sshd.log", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let script = "mount --bind \(folder)/shadow /etc/shadow && exec /usr/sbin/sshd -D -e -f \(folder)/sshd_config"
        switch ChildSpawn.start(
            ["/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", script],
            environment: ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"], actions: &actions)
        {
        case let .success(pid): server = ChildProcess(pid: pid)
        case let .failure(failure): throw Failure(description: "cannot start sshd: \(Errno(rawValue: failure.errno).description)")
        }
        guard await Self.accepts(port: port, within: .seconds(5)) else {
            let said = log
            stop()
            throw Failure(description: "sshd did not listen on 127.0.0.1:\(port): \(said)")
        }
    }

    /// Stops sshd and removes its folder.
    public func stop() {
        guard stopped.withLock({ stopped in
            defer { stopped = true }
            return !stopped
        }) else { return }
        server.terminate()
        _ = server.waitForExit()
        try? FileManager.default.removeItem(atPath: folder)
    }

    deinit { stop() }

    private static func temporaryFolder() throws -> String {
        var template = Array((NSTemporaryDirectory() + "diemcau-sshd.XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure(description: "mkdtemp: \(Errno.current.description)")
        }
        return String(cString: made)
    }

    /// Runs a tool to its end; what it printed. Its input and output go
    /// through files: no pipe end can be left open in this process.
    @discardableResult
    private static func run(_ tool: String, _ arguments: [String], input: String = "", in folder: String) throws -> String {
        let (inputPath, outputPath) = (folder + "/tool-input", folder + "/tool-output")
        guard FileManager.default.createFile(atPath: inputPath, contents: Data(input.utf8), attributes: [.posixPermissions: 0o600]),
              FileManager.default.createFile(atPath: outputPath, contents: nil) else {
            throw Failure(description: "cannot write in \(folder)")
        }
        defer {
            unlink(inputPath)
            unlink(outputPath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        defer { try? output.close() }
        let feed = try FileHandle(forReadingFrom: URL(fileURLWithPath: inputPath))
        defer { try? feed.close() }
        process.standardInput = feed
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else { throw Failure(description: "\(tool) \(arguments.joined(separator: " ")): \(text)") }
        return text
    }

    /// A loopback port nobody listens on now.
    private static func freePort() throws -> UInt16 {
        let listener = try LoopbackListener(port: 0)
        defer { listener.close() }
        return listener.port
    }

    private static func accepts(port: UInt16, within wait: Duration) async -> Bool {
        let deadline = ContinuousClock.now + wait
        while ContinuousClock.now < deadline {
            if let link = try? await TCPConnection.connect(host: "127.0.0.1", port: port, timeout: .milliseconds(200)) {
                link.close()
                return true
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    /// One word for sshd's ForceCommand, which a shell reads.
    private static func quoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
