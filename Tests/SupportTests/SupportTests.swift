import Foundation
import Synchronization
import Testing
import TestSupport
@testable import Support

@Suite struct TrimmingTests {
    @Test func trimsSpacesAndTabsButNotLineBreaksOrInnerSpace() {
        #expect("  \t Cisco Codec  \t".trimmed() == "Cisco Codec")
        #expect("\u{00A0}đại biểu\u{3000}".trimmed() == "đại biểu")
        #expect("\n x \n".trimmed() == "\n x \n")
        #expect("   ".trimmed() == "")
        #expect(" \"Room 1\" ".trimmed(of: ["\""]) == "Room 1")
        #expect(Substring("key :").dropLast().trimmed() == "key")
    }
}

@Suite struct WholeFileTests {
    @Test func readsAWholeFileLargerThanOneBuffer() throws {
        let path = NSTemporaryDirectory() + "wholefile-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { unlink(path) }
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try WholeFile.read(path) == bytes)
    }

    @Test func failuresCarryTheSystemsReason() {
        #expect {
            try WholeFile.read("/nonexistent/room.json")
        } throws: { error in
            guard let failure = error as? WholeFile.Failure else { return false }
            return failure.errno == ENOENT && failure.description == "No such file or directory"
        }
        #expect(throws: WholeFile.Failure.self) { try WholeFile.read("/") }
    }
}

@Suite struct DetachedThreadTests {
    @Test func runsTheBodyOnItsOwnNamedThread() async {
        let seen = Mutex<(name: String, sameThread: Bool)?>(nil)
        let caller = pthread_self()
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DetachedThread.start(name: "a-rather-long-reader-name") {
                let name = ThreadNames.current()
                seen.withLock { $0 = (name, pthread_equal(pthread_self(), caller) != 0) }
                done.resume()
            }
        }
        let result = seen.withLock { $0 }
        #expect(result?.name == "a-rather-long-r")
        #expect(result?.sameThread == false)
    }
}

@Suite struct SystemReasonTests {
    @Test func fileErrorsReadAsTheSystemSaysThem() {
        do {
            _ = try Data(contentsOf: URL(fileURLWithPath: "/nonexistent/room.json"))
            Issue.record("read a file that does not exist")
        } catch {
            #expect(SystemReason.of(error) == "No such file or directory")
        }
        do {
            _ = try FileManager.default.contentsOfDirectory(atPath: "/etc/hostname")
            Issue.record("listed a file as a folder")
        } catch {
            #expect(SystemReason.of(error) == "Not a directory")
        }
        let notAFileError = DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a preset book"))
        #expect(SystemReason.of(notAFileError) == "\(notAFileError)")
    }
}
