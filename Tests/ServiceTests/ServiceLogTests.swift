import Foundation
import Localization
import Testing
@testable import Service

@Suite struct ServiceLogTests {
    /// What a log writes into a pipe.
    private func written(_ body: (ServiceLog) -> Void, threshold: ServiceLog.Priority = .info, format: ServiceLog.Format = .journal) -> String {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0)
        body(ServiceLog(fileDescriptor: ends[1], threshold: threshold, format: format))
        close(ends[1])
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = read(ends[0], &buffer, buffer.count), count > 0 { out += buffer[0..<count] }
        close(ends[0])
        return String(decoding: out, as: UTF8.self)
    }

    @Test func eachLineCarriesItsJournalPriority() {
        let text = written { log in
            log.log(.error, "camera 1 on /dev/ttyUSB0 did not answer IF_Clear within 500 ms")
            log.log(.warning, "mic 2 was unmuted behind our back\nmuted it again")
            log.log(.notice, "floor granted to mic 2")
            log.log(.info, "keypad connected")
            log.log(.debug, "a VISCA ACK")  // below the threshold
        }
        #expect(text == """
            <3>camera 1 on /dev/ttyUSB0 did not answer IF_Clear within 500 ms
            <4>mic 2 was unmuted behind our back
            <4>muted it again
            <5>floor granted to mic 2
            <6>keypad connected

            """)
    }

    @Test func prioritiesMatchSdDaemon() {
        // sd-daemon.h: SD_EMERG "<0>" ... SD_DEBUG "<7>".
        #expect(ServiceLog.Priority.allCases.map(\.rawValue) == Array(0...7))
        #expect(ServiceLog.text(.critical, "x", format: .journal) == "<2>x\n")
        #expect(ServiceLog.text(.debug, "x", format: .journal) == "<7>x\n")
    }

    @Test func aTerminalGetsWords() {
        let text = written({ $0.log(.warning, "keypad unplugged") }, threshold: .debug, format: .plain)
        #expect(text == "warning: keypad unplugged\n")
    }

    /// The journal speaks the room's language: a `vi` room's technician reads
    /// Vietnamese, with the values and the keyword prefix as they are.
    @Test func theJournalSpeaksTheRoomsLanguage() {
        let message = Message("logbook: its disk has {megabytes} MB left", ["megabytes": "12"])
        let vietnamese = written { log in log.speaking(.vi).warning(message) }
        #expect(vietnamese == "<4>logbook: ổ đĩa chỉ còn 12 MB trống\n", "\(vietnamese)")
        let english = written { log in log.speaking(.en).warning(message) }
        #expect(english == "<4>logbook: its disk has 12 MB left\n")
    }
}
