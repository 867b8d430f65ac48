import FoundationEssentials
import Glibc
import Support
import Synchronization

/// The terminal's API over SSH: the system's OpenSSH client as a child
/// process whose standard input and output are one end of a socket pair,
/// so that the session reads and writes it as it does a Telnet connection.
///
/// The host key is checked against the room's known_hosts file only
/// (`StrictHostKeyChecking=yes`, no other file, no key learnt or updated).
/// A key file gives key authentication; otherwise the password reaches ssh
/// through `SSH_ASKPASS` with `SSH_ASKPASS_REQUIRE=force`: a helper script
/// (which holds no secret) prints it from ssh's environment, which only
/// this user and root can read. ssh's own messages go to a log file in a
/// private folder; when ssh exits its last words become the error.
enum SSHProcess {
    static func open(
        host: String, port: UInt16, credentials: TerminalCredentials, access: SSHAccess, connectTimeout: Duration
    ) throws(CodecError) -> TCPConnection {
        guard !host.isEmpty, !host.hasPrefix("-"), !host.contains(where: { $0.isWhitespace }),
              !credentials.user.hasPrefix("-"), !credentials.user.contains(where: { $0.isWhitespace }) else {
            throw .invalidCommandText("ssh \(credentials.user)@\(host)")
        }
        let folder = try SSHSessionFolder()
        let log = folder.log
        var arguments = [
            access.program, "-F", "none", "-T", "-e", "none", "-p", String(port), "-l", credentials.user, "-E", log,
            "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=\(access.knownHosts)",
            "-o", "GlobalKnownHostsFile=/dev/null", "-o", "CheckHostIP=no", "-o", "UpdateHostKeys=no",
            "-o", "ConnectTimeout=\(max(1, Int(connectTimeout.seconds.rounded(.up))))",
            "-o", "IdentityAgent=none", "-o", "NumberOfPasswordPrompts=1",
        ]
        if let key = access.identityFile {
            arguments += ["-i", key, "-o", "IdentitiesOnly=yes"]
        } else {
            arguments += ["-o", "PubkeyAuthentication=no"]
        }
        var environment = ["PATH=/usr/bin:/bin"]
        if credentials.password.isEmpty {
            arguments += ["-o", "BatchMode=yes"]
        } else {
            environment += ["SSH_ASKPASS=\(folder.askpass)", "SSH_ASKPASS_REQUIRE=force", "DIEMCAU_SSH_PASSWORD=\(credentials.password)"]
        }
        arguments += ["--", host]

        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            let code = errno
            folder.remove()
            throw .socketFailed(operation: "socketpair", errno: code)
        }
        let (ours, theirs) = (pair[0], pair[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, theirs, 0)
        posix_spawn_file_actions_adddup2(&actions, theirs, 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let spawned = ChildSpawn.start(arguments, environment: environment, actions: &actions)
        Glibc.close(theirs)
        let pid: pid_t
        switch spawned {
        case let .success(started):
            pid = started
        case let .failure(failure):
            Glibc.close(ours)
            folder.remove()
            throw .sshFailed(host: host, port: port, detail: "cannot start \(access.program): \(Errno(rawValue: failure.errno).description)")
        }
        let child = ChildProcess(pid: pid)
        return TCPConnection(
            adopting: ours, peer: "ssh \(credentials.user)@\(host):\(port)",
            ended: {
                let status = child.waitForExit()
                let words = (try? WholeFile.read(log)).map { String(decoding: $0, as: UTF8.self) } ?? ""
                folder.remove()
                return .ended(error(exitStatus: status, log: words, host: host, port: port, knownHosts: access.knownHosts))
            },
            closing: {
                // Closed on purpose: ssh's last words are not needed, and a
                // one-shot tool may exit before the reading thread cleans up.
                child.terminate()
                folder.remove()
            })
    }

    /// What ssh's exit means for the room.
    static func error(exitStatus: Int32, log: String, host: String, port: UInt16, knownHosts: String) -> CodecError {
        let lines = log.split(whereSeparator: \.isNewline).map { $0.trimmed() }.filter { !$0.isEmpty }
        if lines.contains(where: { $0.contains("Host key verification failed") }) {
            let reason = lines.first { $0.contains("has changed") || $0.contains("No ") && $0.contains("host key is known") } ?? "Host key verification failed."
            return .hostKeyRejected(host: host, port: port, knownHosts: knownHosts, detail: reason)
        }
        if let denied = lines.first(where: { $0.contains("Permission denied") }) {
            return .loginRejected(host: host, answer: denied)
        }
        if exitStatus == 0 { return .connectionClosed(host: host, port: port) }
        return .sshFailed(host: host, port: port, detail: lines.last ?? "ssh exited with status \(exitStatus)")
    }

}

/// A private folder (mode 0700) for one SSH session: the askpass helper
/// and ssh's log, removed when ssh has ended. Under `$RUNTIME_DIRECTORY`
/// when systemd gives one, else the temporary folder.
struct SSHSessionFolder: Sendable {
    let path: String
    var askpass: String { path + "/askpass" }
    var log: String { path + "/ssh.log" }

    init() throws(CodecError) {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["RUNTIME_DIRECTORY"] ?? environment["TMPDIR"] ?? "/tmp"
        var template = Array("\(base)/diemcau-ssh.XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw .sshFailed(host: "-", port: 0, detail: "cannot make a private folder in \(base): \(Errno.current.description)")
        }
        path = String(cString: made)
        // The helper holds no secret: it prints what ssh's environment holds.
        let script = "#!/bin/sh\nprintf '%s\\n' \"$DIEMCAU_SSH_PASSWORD\"\n"
        let fd = Glibc.open(path + "/askpass", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o700)
        guard fd >= 0 else {
            let code = errno
            rmdir(path)
            throw .sshFailed(host: "-", port: 0, detail: "cannot write \(path)/askpass: \(Errno(rawValue: code).description)")
        }
        _ = script.utf8CString.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count - 1) }
        Glibc.close(fd)
    }

    func remove() {
        unlink(askpass)
        unlink(log)
        rmdir(path)
    }
}
