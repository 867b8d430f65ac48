import Foundation
import TestSupport
import Testing

/// The unit in Hardware/systemd, as Scripts/install-service installs it.
@Suite struct UnitFileTests {
    static let unitPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Hardware/systemd/diemcaud.service").path

    static let systemdAnalyze: String? = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Every `Key=value` of the [Service] section, in order.
    private func serviceSettings() throws -> [(key: String, value: String)] {
        let text = try String(contentsOfFile: Self.unitPath, encoding: .utf8)
        var section = ""
        var settings: [(String, String)] = []
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") { section = line; continue }
            guard section == "[Service]", let equals = line.firstIndex(of: "=") else { continue }
            settings.append((String(line[..<equals]), String(line[line.index(after: equals)...])))
        }
        return settings
    }

    @Test func theUnitIsANotifyServiceWithAWatchdog() throws {
        let settings = try serviceSettings()
        func values(_ key: String) -> [String] { settings.filter { $0.key == key }.map(\.value) }
        #expect(values("Type") == ["notify"])
        #expect(values("NotifyAccess") == ["main"])
        #expect(values("WatchdogSec").count == 1)
        #expect(values("Restart") == ["on-failure"])
        #expect(values("StateDirectory") == ["diemcau"])
        #expect(values("ConfigurationDirectory") == ["diemcau"])
        #expect(values("ExecReload") == ["/bin/kill -HUP $MAINPID"])
        #expect(values("DevicePolicy") == ["closed"])
        #expect(Set(values("DeviceAllow")).isSuperset(of: ["char-ttyUSB rw", "char-ttyACM rw", "char-alsa rw", "char-input r"]))
        #expect(values("SupplementaryGroups") == ["dialout audio input"])
        #expect(values("CapabilityBoundingSet") == [""])
        #expect(values("ProtectSystem") == ["strict"])
        #expect(values("NoNewPrivileges") == ["yes"])
    }

    @Test(.enabled(if: systemdAnalyze != nil, "systemd-analyze is not installed (Debian package systemd)"))
    func systemdRatesItsExposureAtMostTwoAndAHalf() throws {
        let (_, text) = try runToEnd(Self.systemdAnalyze!, ["security", "--offline=true", "--no-pager", Self.unitPath])
        // "→ Overall exposure level for diemcaud.service: 1.5 OK 🙂"
        let line = try #require(text.split(separator: "\n").first { $0.contains("Overall exposure level") }, "\(text)")
        let score = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) })
        #expect(score <= 2.5, "\(line)")
    }
}
