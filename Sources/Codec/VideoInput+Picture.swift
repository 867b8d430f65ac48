import Room

extension PictureObservation {
    /// The terminal's video inputs as the readiness test judges the picture
    /// (R5): the first is the camera's; nil where the API tells none.
    public init(_ inputs: [VideoInput]?) {
        let camera = inputs?.first
        self.init(connected: camera?.connected, signal: camera?.signal, reported: inputs != nil)
    }
}
