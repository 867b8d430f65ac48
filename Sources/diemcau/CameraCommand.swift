/// `diemcau camera`: store, recall and reset presets; move, zoom, focus and power a camera.
enum CameraCommand {
    static let name = "camera"
    static let summary = "store, recall and reset presets; move, zoom, focus and power a camera"

    static let subcommand = Subcommand(name: name, summary: summary, run: run)

    static func run(_ arguments: [String]) async -> Int32 {
        warn("diemcau camera: not available in this build yet (issue 2).")
        return 69
    }
}
