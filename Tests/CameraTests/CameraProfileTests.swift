import Foundation
import Testing
@testable import Camera

@Suite("Camera profiles in Hardware/cameras")
struct CameraProfileTests {
    let library = CameraProfileLibrary(directories: [CameraProfileLibrary.sourceTreeDirectory])

    @Test("every profile file decodes, is named after its file, and has sane ranges")
    func allProfilesLoad() throws {
        let names = library.available
        for required in ["sony-evi-d70", "sony-evi-d100", "sony-brc-300", "sony-srg-300se", "ptzoptics"] {
            #expect(names.contains(required))
        }
        #expect(names.contains { $0.hasPrefix("lumens") || $0.hasPrefix("minrray") })
        for name in names {
            let profile = try library.profile(named: name)
            #expect(profile.name == name)
            #expect(!profile.presetRanges.isEmpty)
            #expect(profile.presetRanges.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= 0xFE })
            #expect(profile.panSpeedRange.lowerBound >= 1 && profile.panSpeedRange.upperBound <= 0x18)
            #expect(profile.tiltSpeedRange.lowerBound >= 1 && profile.tiltSpeedRange.upperBound <= 0x17)
            #expect(profile.baudRates.contains(profile.defaultBaud))
            #expect(!profile.transports.isEmpty)
        }
    }

    @Test("PTZOptics: presets 0-89 and 100-254; 90-99 and 255 are reserved")
    func ptzopticsGaps() throws {
        let profile = try library.profile(named: "ptzoptics")
        for number in [0, 89, 100, 254] { #expect(throws: Never.self) { try profile.checkPreset(number) } }
        for number in [90, 95, 99, 255, -1] {
            #expect { try profile.checkPreset(number) } throws: { error in
                guard case CameraError.presetOutOfRange(number, _, let allowed) = error else { return false }
                return allowed == "0-89, 100-254"
            }
        }
        #expect(profile.tcpPort == 5678)
    }

    @Test("BRC-300 gets speed 01 for a stopped axis, an EVI-D70 00; a moving axis is checked against the model")
    func stoppedAxisQuirk() throws {
        let brc = try library.profile(named: "sony-brc-300")
        let evi = try library.profile(named: "sony-evi-d70")
        let brcSpeeds = try brc.driveSpeeds(panMoving: true, tiltMoving: false, panSpeed: 8, tiltSpeed: 0)
        #expect(brcSpeeds.pan == 8 && brcSpeeds.tilt == 1)
        let eviSpeeds = try evi.driveSpeeds(panMoving: true, tiltMoving: false, panSpeed: 8, tiltSpeed: 0)
        #expect(eviSpeeds.pan == 8 && eviSpeeds.tilt == 0)
        #expect(throws: CameraError.self) { try evi.driveSpeeds(panMoving: false, tiltMoving: true, panSpeed: 1, tiltSpeed: 0x18) }
        #expect(throws: CameraError.self) { try evi.driveSpeeds(panMoving: true, tiltMoving: false, panSpeed: 0, tiltSpeed: 1) }
    }

    @Test("EVI-D70 and EVI-D100 store presets 0-5 only")
    func sonyEVIPresets() throws {
        for name in ["sony-evi-d70", "sony-evi-d100"] {
            let profile = try library.profile(named: name)
            #expect(throws: Never.self) { try profile.checkPreset(5) }
            #expect(throws: CameraError.self) { try profile.checkPreset(6) }
        }
    }

    @Test("an unknown profile names what is available")
    func unknownProfile() {
        do {
            _ = try library.profile(named: "sony-evi-d999")
            Issue.record("found a profile that does not exist")
        } catch {
            #expect(error.description.contains("sony-evi-d70"))
            #expect(error.description.contains("sony-evi-d999"))
        }
    }
}
