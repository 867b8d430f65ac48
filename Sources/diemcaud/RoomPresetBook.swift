import Camera
import Configuration
import Localization
import Room

/// The room's one preset book (R3): the names the room file gives each
/// camera's presets, and the names stored since, kept in `presets.json` in
/// the room's state directory: the file `diemcau camera store --name`
/// writes too, so the daemon, the keypad and the tool know the same names.
/// A stored name wins over the room file's.
struct RoomPresetBook: Sendable {
    let file: PresetBookFile

    init(configuration: RoomConfiguration) {
        file = PresetBookFile(path: (configuration.stateDirectory ?? PresetBookFile.stateDirectory()) + "/presets.json")
    }

    /// The rules' setup: the room file's, with the stored names and the
    /// slots the main camera's model offers. An unreadable book is said and
    /// left out, so that the room still starts on the room file's names.
    func setup(of configuration: RoomConfiguration, presetSlots: [ClosedRange<Int>]?, log: (Message) -> Void) -> RoomSetup {
        var setup = configuration.roomSetup
        if let presetSlots, !presetSlots.isEmpty { setup.presetSlots = presetSlots }
        let book: PresetBook
        do {
            book = try file.load()
        } catch {
            log(Message("{fault}; the room file's preset names are used until it is repaired or removed", parts: ["fault": .about(error)]))
            return setup
        }
        if let main = configuration.cameras.first {
            setup.presets.merge(book.slots(camera: main.name)) { $1 }
        }
        for index in setup.otherCameras.indices {
            setup.otherCameras[index].presets.merge(book.slots(camera: setup.otherCameras[index].name)) { $1 }
        }
        return setup
    }

    /// Writes one new name into the book on the disk (atomically, synced).
    func keep(_ preset: Preset, camera: String) throws(CameraError) {
        guard let name = preset.name else { return }
        var book = try file.load()
        book.cameras[camera, default: [:]][name] = preset.slot
        try file.save(book)
    }
}
