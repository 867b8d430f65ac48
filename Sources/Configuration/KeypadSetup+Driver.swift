import Keypad

extension KeypadSetup {
    /// The keypad driver on the room file's device, with its key map read.
    public func keypad() throws(KeypadError) -> Keypad {
        Keypad(path: device, map: try KeyMap(contentsOf: map))
    }
}
