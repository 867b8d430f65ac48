import Camera
import Configuration
import Foundation

/// Where `diemcau camera` finds preset names: the room's one book (R3), as
/// the daemon reads it. With a room file (`--config`, or
/// /etc/diemcau/room.json when it exists), the book is `presets.json` in
/// the room's state directory, the camera at `--address` is known by its
/// room name, and the room file's presets for it are names too; stored names win.
struct CameraRoomBook {
    let file: PresetBookFile
    /// The camera's key in the book.
    let camera: String
    /// The room file's names for this camera.
    let roomNames: [String: Int]

    init(_ options: CameraOptions) throws {
        var room: RoomConfiguration?
        if let path = options.configuration {
            room = try ConfigurationFile.load(path)
        } else if FileManager.default.fileExists(atPath: ConfigurationFile.defaultPath) {
            do {
                room = try ConfigurationFile.load(ConfigurationFile.defaultPath)
            } catch {
                warn("diemcau camera: \(ConfigurationFile.defaultPath) has problems, so its preset names are not used (`diemcau config check` says which)")
            }
        }
        let setup = room?.cameras.first { $0.chainAddress == options.address } ?? room?.cameras.first
        camera = options.cameraName ?? setup?.name ?? "camera\(options.address)"
        roomNames = setup?.presets ?? [:]
        file = options.book.map(PresetBookFile.init(path:))
            ?? room.map { PresetBookFile(path: ($0.stateDirectory ?? PresetBookFile.stateDirectory()) + "/presets.json") }
            ?? .inStateDirectory()
    }

    /// The number of preset `name`: the stored book's, else the room file's (in any case).
    func number(of name: String) throws -> Int {
        let book = try file.load()
        if let number = try? book.number(of: name, camera: camera) { return number }
        if let number = roomNames[name] ?? roomNames.first(where: { $0.key.lowercased() == name.lowercased() })?.value {
            return number
        }
        return try book.number(of: name, camera: camera)
    }

    /// The name of preset `number`, if the book or the room file gives one.
    func name(of number: Int) -> String? {
        (try? file.load().name(of: number, camera: camera)) ?? roomNames.first { $0.value == number }?.key
    }
}
