import Foundation
import Glibc
import Room
import Testing

@testable import Control

@Suite("The secrets file")
struct SecretsTests {
    private func write(_ text: String, mode: mode_t) throws -> String {
        let path = NSTemporaryDirectory() + "diemcau-tokens-\(UUID().uuidString)"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, mode)
        return path
    }

    private let good = """
        # control tokens
        mcu         mcu-token-0123456789

        technician  tech-token-0123456789
        observer\tobserver-token-0123
        """

    @Test("a private file gives each role its token, and nothing else logs in")
    func loads() throws {
        let path = try write(good, mode: 0o600)
        defer { unlink(path) }
        let tokens = try RoleTokens.load(from: path)
        #expect(tokens.role(for: "mcu-token-0123456789") == .mcu)
        #expect(tokens.role(for: "tech-token-0123456789") == .technician)
        #expect(tokens.role(for: "observer-token-0123") == .observer)
        #expect(tokens.role(for: "mcu-token-012345678") == nil)
        #expect(tokens.role(for: "mcu-token-01234567890") == nil)
        #expect(tokens.role(for: "") == nil)
    }

    @Test("a file group or others can read is refused, saying to chmod 600")
    func exposedRefused() throws {
        for mode: mode_t in [0o644, 0o640, 0o604, 0o660] {
            let path = try write(good, mode: mode)
            defer { unlink(path) }
            #expect(throws: ControlError.secretsExposed(path: path, mode: UInt32(mode))) { try RoleTokens.load(from: path) }
            let message = ControlError.secretsExposed(path: path, mode: UInt32(mode)).description
            #expect(message.contains("chmod 600 \(path)"))
            #expect(message.contains(String(mode, radix: 8)))
        }
        let readOnly = try write(good, mode: 0o400)
        defer { unlink(readOnly) }
        #expect(try RoleTokens.load(from: readOnly).roles == [.mcu, .technician, .observer])
    }

    @Test("a missing file, a directory, a link and bad lines get messages that say what to fix")
    func badFiles() throws {
        #expect(throws: ControlError.secretsUnreadable(path: "/nonexistent/tokens", errno: ENOENT)) {
            try RoleTokens.load(from: "/nonexistent/tokens")
        }
        #expect(throws: ControlError.secretsNotAFile(path: "/tmp")) { try RoleTokens.load(from: "/tmp") }

        let target = try write(good, mode: 0o600)
        let link = target + ".link"
        symlink(target, link)
        defer { unlink(target); unlink(link) }
        #expect(throws: ControlError.secretsUnreadable(path: link, errno: ELOOP)) { try RoleTokens.load(from: link) }

        let cases: [(String, String)] = [
            ("mcu", "two words"),
            ("chair mcu-token-0123456789", "not a role"),
            ("mcu short", "shorter than 12"),
            ("mcu mcu-token-0123456789\nmcu mcu-token-9876543210", "a second token"),
            ("mcu same-token-0123456789\nobserver same-token-0123456789", "same as the mcu token"),
            ("# nothing\n", "holds no token"),
        ]
        for (text, hint) in cases {
            let path = try write(text, mode: 0o600)
            defer { unlink(path) }
            #expect {
                _ = try RoleTokens.load(from: path)
            } throws: { error in
                "\(error)".contains(hint) && "\(error)".contains(path)
            }
        }
    }
}
