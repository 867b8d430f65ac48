import Foundation
import Power
import Room
import Testing
import TestSupport

/// R5's power and backup power (001 Art. 8.2a: check the power before the
/// meeting; 003 Art. 5.4: the UPS and the generator), asked of a real upsd
/// serving NUT's dummy-ups driver, with upsc as the independent peer.
@Suite(.serialized) struct UPSReadinessTests {
    static let devices: [String: [String]] = [
        "mains": ["ups.status: OL", "battery.charge: 100", "battery.runtime: 1800", "ups.model: Smart-UPS 1500 RM"],
        "outage": ["ups.status: OB DISCHRG", "battery.charge: 95", "battery.runtime: 1500"],
        "low": ["ups.status: OB DISCHRG LB", "battery.charge: 8", "battery.runtime: 90"],
        "weak": ["ups.status: OL CHRG", "battery.charge: 45", "battery.runtime: 300"],
        "old": ["ups.status: OL RB", "battery.charge: 100", "battery.runtime: 1200"],
        "bare": ["ups.status: OL"],
    ]

    @Test("001 Art. 8.2a, 003 Art. 5.4: each UPS state is read as upsc reads it and judged against the room's thresholds")
    func eachStateIsJudged() async throws {
        let upsd = try PrivateUPSD(Self.devices)
        let client = NUTClient(host: "127.0.0.1", port: upsd.port)
        let thresholds = PowerThresholds(minimumChargePercent: 80, minimumRuntimeSeconds: 600)
        var verdicts: [String: [Bool]] = [:]
        for ups in Self.devices.keys.sorted() {
            let reading = try await client.reading(of: ups)
            // The same values NUT's own client gets.
            #expect(reading.status.joined(separator: " ") == (try upsd.upsc(ups, "ups.status")), "\(ups)")
            if ups != "bare" {
                #expect(reading.chargePercent == Double(try upsd.upsc(ups, "battery.charge")), "\(ups)")
                #expect(reading.runtimeSeconds == Double(try upsd.upsc(ups, "battery.runtime")), "\(ups)")
            }
            #expect(try await client.variable("ups.status", of: ups) == (try upsd.upsc(ups, "ups.status")))
            let checks = ReadinessCheck.power(reading, thresholds: thresholds)
            #expect(checks.map(\.name) == ["mains power", "backup power"])
            verdicts[ups] = checks.map(\.passed)
        }
        // A value with spaces comes quoted on the wire.
        #expect(try await client.variables(of: "mains")["ups.model"] == (try upsd.upsc("mains", "ups.model")))
        #expect(try upsd.upsc("mains", "ups.model") == "Smart-UPS 1500 RM")
        #expect(verdicts == [
            "mains": [true, true], "outage": [false, true], "low": [false, false],
            "weak": [true, false], "old": [true, false], "bare": [true, false],
        ])

        let low = ReadinessCheck.power(try await client.reading(of: "low"), thresholds: thresholds)
        #expect(low[0].detail.hasPrefix("on battery (low@127.0.0.1:\(upsd.port) OB DISCHRG LB): the mains supply is off"))
        #expect(low[1].detail == "the battery is low (LB); charge 8 % is below 80 %; runtime 90 s is below 600 s: "
            + "let the UPS charge on mains, or replace its battery, and run the test again")
        let bare = ReadinessCheck.power(try await client.reading(of: "bare"), thresholds: thresholds)
        #expect(bare[1].detail.hasPrefix("the UPS does not report its charge (battery.charge); the UPS does not report its runtime"))
        // A room whose meetings are short may ask less of its UPS.
        let weak = try await client.reading(of: "weak")
        let lenient = ReadinessCheck.power(weak, thresholds: PowerThresholds(minimumChargePercent: 40, minimumRuntimeSeconds: 300))
        #expect(lenient.allSatisfy { $0.passed })
    }

    @Test("003 Art. 5.4: the mains failing between two tests is seen (the UPS goes on battery)")
    func anOutageIsSeenWhenItHappens() async throws {
        let upsd = try PrivateUPSD(["room": Self.devices["mains"]!])
        let client = NUTClient(host: "127.0.0.1", port: upsd.port)
        #expect(try await client.reading(of: "room").status == ["OL"])
        try upsd.rewrite("room", Self.devices["outage"]!)
        // dummy-ups reads the file again when its time stamp changes, at its next poll (1 s).
        var status: [String] = []
        for _ in 0..<50 {
            status = try await client.reading(of: "room").status
            if status.contains("OB") { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(status == ["OB", "DISCHRG"])
        #expect(try upsd.upsc("room", "ups.status") == "OB DISCHRG")
    }

    @Test("001 Art. 8.2a: a UPS upsd does not know, or no upsd at all, fails the check with what to do")
    func upsdProblemsSayWhatToDo() async throws {
        let upsd = try PrivateUPSD(["mains": Self.devices["mains"]!])
        let client = NUTClient(host: "127.0.0.1", port: upsd.port)
        do {
            _ = try await client.reading(of: "phonghop")
            Issue.record("an unknown UPS was read")
        } catch {
            #expect(error == .refused(server: "127.0.0.1:\(upsd.port)", ups: "phonghop", code: "UNKNOWN-UPS"))
            #expect("\(error)".contains("give a name `upsc -l 127.0.0.1:\(upsd.port)` lists in the power section's \"ups\""))
        }
        do {
            _ = try await client.variable("battery.voltage.nominal", of: "mains")
            Issue.record("a variable the UPS lacks was read")
        } catch {
            #expect(error == .refused(server: "127.0.0.1:\(upsd.port)", ups: "mains", code: "VAR-NOT-SUPPORTED"))
        }
        let nobody = NUTClient(host: "127.0.0.1", port: 1, timeout: .seconds(2))
        do {
            _ = try await nobody.reading(of: "mains")
            Issue.record("port 1 answered")
        } catch {
            let checks = ReadinessCheck.power(nil, problem: "\(error)", thresholds: PowerThresholds())
            #expect(checks.count == 1 && !checks[0].passed)
            #expect(checks[0].detail.hasPrefix("upsd at 127.0.0.1:1 cannot be reached"))
            #expect(checks[0].detail.hasSuffix("check that upsd runs on the UPS's host and its network cable"))
        }
    }
}
