import Foundation
import Testing
@testable import Camera

@Suite("Preset book in the state directory")
struct PresetBookTests {
    /// A fresh state directory under /tmp.
    func stateDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "diemcau-presets-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("names survive a save and a load, and no temporary file is left behind")
    func persistence() throws {
        let directory = try stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = PresetBookFile.inStateDirectory(["STATE_DIRECTORY": directory])
        #expect(file.path == directory + "/presets.json")
        #expect(try file.load() == PresetBook())

        let profile = try CameraProfileLibrary(directories: [CameraProfileLibrary.sourceTreeDirectory]).profile(named: "ptzoptics")
        var book = PresetBook()
        try book.assign("chair", to: 1, camera: "camera1", profile: profile)
        try book.assign("Left", to: 2, camera: "camera1", profile: profile)
        try book.assign("wide", to: 100, camera: "hall", profile: profile)
        try file.save(book)
        try book.assign("privacy", to: 254, camera: "camera1", profile: profile)
        try file.save(book)

        let loaded = try file.load()
        #expect(loaded == book)
        #expect(try loaded.number(of: "LEFT", camera: "camera1") == 2)
        #expect(loaded.name(of: 254, camera: "camera1") == "privacy")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["presets.json"])
    }

    @Test("a slot number the camera does not store, or a bad name, is refused and the book is unchanged")
    func rangeErrors() throws {
        let library = CameraProfileLibrary(directories: [CameraProfileLibrary.sourceTreeDirectory])
        let evi = try library.profile(named: "sony-evi-d70")
        let ptz = try library.profile(named: "ptzoptics")
        var book = PresetBook()
        #expect(throws: CameraError.self) { try book.assign("chair", to: 6, camera: "camera1", profile: evi) }
        #expect(throws: CameraError.self) { try book.assign("chair", to: 95, camera: "camera1", profile: ptz) }
        #expect(throws: CameraError.self) { try book.assign("3", to: 3, camera: "camera1", profile: ptz) }
        #expect(throws: CameraError.self) { try book.assign("bàn\u{7}chủ tọa", to: 3, camera: "camera1", profile: ptz) }
        #expect(throws: CameraError.self) { try book.assign("   ", to: 3, camera: "camera1", profile: ptz) }
        #expect(throws: CameraError.self) { try book.assign(String(repeating: "a", count: 65), to: 3, camera: "camera1", profile: ptz) }
        #expect(book == PresetBook())
        #expect { try book.number(of: "chair", camera: "camera1") } throws: { error in
            (error as? CameraError)?.description.contains("no preset named 'chair'") == true
        }
    }

    @Test("names are any text of the seating chart, kept as written and found in any case")
    func vietnameseNames() throws {
        let ptz = try CameraProfileLibrary(directories: [CameraProfileLibrary.sourceTreeDirectory]).profile(named: "ptzoptics")
        var book = PresetBook()
        try book.assign(" bàn chủ tọa ", to: 3, camera: "main", profile: ptz)
        #expect(book.slots(camera: "main") == ["bàn chủ tọa": 3])
        #expect(try book.number(of: "Bàn Chủ Tọa", camera: "main") == 3)
        // A name given again in another case moves, and keeps one spelling.
        try book.assign("BÀN CHỦ TỌA", to: 4, camera: "main", profile: ptz)
        #expect(book.slots(camera: "main") == ["BÀN CHỦ TỌA": 4])
        #expect(book.remove("bàn chủ tọa", camera: "main") == 4)
    }

    @Test("the state directory falls back to /var/lib/diemcau; a corrupt book is reported, not replaced")
    func fallbackAndCorruption() throws {
        #expect(PresetBookFile.stateDirectory([:]) == "/var/lib/diemcau")
        #expect(PresetBookFile.stateDirectory(["STATE_DIRECTORY": "/a:/b"]) == "/a")
        let directory = try stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = PresetBookFile(path: directory + "/presets.json")
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: file.path))
        #expect { try file.load() } throws: { error in
            guard case CameraError.presetBookUnreadable = error else { return false }
            return true
        }
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: file.path)), as: UTF8.self) == "{ not json")
    }

    @Test("an unwritable state directory gives an error that names the fix")
    func unwritable() throws {
        let file = PresetBookFile(path: "/proc/diemcau/presets.json")
        #expect { try file.save(PresetBook()) } throws: { error in
            (error as? CameraError)?.description.contains("STATE_DIRECTORY") == true
        }
    }
}
