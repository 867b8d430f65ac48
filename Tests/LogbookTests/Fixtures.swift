import Foundation
import Room

let utc = TimeZone(identifier: "UTC")!
let hanoi = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

/// 2026-06-01 00:00:00 UTC.
let june1 = Date(timeIntervalSince1970: 1_780_272_000)

/// A fresh, empty directory under the system's temporary directory.
func temporaryDirectory(_ name: String = #function) -> String {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let path = FileManager.default.temporaryDirectory.path + "/diemcau-logbook-\(safe)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func entry(_ offset: TimeInterval, _ record: LogRecord) -> LogEntry {
    LogEntry(time: june1.addingTimeInterval(offset), record: record)
}

func fileText(_ path: String) throws -> String {
    String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
}
