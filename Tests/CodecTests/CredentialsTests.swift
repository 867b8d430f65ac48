@testable import Codec
import Foundation
import Testing

@Suite struct CredentialsTests {
    func file(_ text: String, mode: Int) throws -> String {
        let path = NSTemporaryDirectory() + "codec-secret-\(UUID().uuidString)"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, mode_t(mode))
        return path
    }

    @Test func readsUserAndPasswordFromAPrivateFile() throws {
        let path = try file("# the terminal's API account\nuser = admin\npassword = s3cret=x\n", mode: 0o600)
        defer { unlink(path) }
        let credentials = try TerminalCredentials.load(from: path)
        #expect(credentials.user == "admin")
        #expect(credentials.password == "s3cret=x")
        #expect(!"\(credentials)".contains("s3cret"))
        #expect(!String(reflecting: credentials).contains("s3cret"))
        var dumped = ""
        dump(credentials, to: &dumped)
        #expect(!dumped.contains("s3cret"))
    }

    @Test func refusesAFileOthersCanRead() throws {
        let path = try file("password = s3cret\n", mode: 0o644)
        defer { unlink(path) }
        #expect(throws: CodecError.secretsFileTooOpen(path: path, mode: UInt32(S_IFREG) | 0o644)) {
            try TerminalCredentials.load(from: path)
        }
        do {
            _ = try TerminalCredentials.load(from: path)
        } catch {
            #expect(error.description.contains("chmod 600"))
        }
    }

    @Test func missingAndMalformedFilesSayWhatToDo() throws {
        #expect(throws: CodecError.secretsFileMissing(path: "/nonexistent/codec.secret")) {
            try TerminalCredentials.load(from: "/nonexistent/codec.secret")
        }
        let path = try file("user = admin\n", mode: 0o600)
        defer { unlink(path) }
        #expect(throws: CodecError.secretsFileInvalid(path: path, reason: "it has no 'password = ...' line")) {
            try TerminalCredentials.load(from: path)
        }
    }
}
