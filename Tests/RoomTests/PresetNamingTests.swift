import Foundation
@testable import Room
import Testing

/// One preset book (R3): a new name stored in preparation (R7) takes the
/// camera's lowest free slot, and is kept on the disk for every reader.
@Suite struct PresetNamingTests {
    private func inPreparation() -> Rig {
        var rig = Rig()
        rig.command(.setPhase(.preparation), from: technician)
        return rig
    }

    @Test func aNewNameTakesTheLowestFreeSlotAndIsKept() {
        var rig = inPreparation()
        // The demo book holds 0, 1, 2, 3 and 5 of the camera's 0-5.
        let stored = rig.command(.storeNewPreset(name: "bàn chủ tọa"), from: technician)
        #expect(stored.refusals.isEmpty)
        #expect(stored.cameraOrders == [.store(preset: Preset(slot: 4, name: "bàn chủ tọa"))])
        #expect(stored.contains(.keepPreset(Preset(slot: 4, name: "bàn chủ tọa"))))
        #expect(rig.state.setup.preset(named: "bàn chủ tọa") == Preset(slot: 4, name: "bàn chủ tọa"))
        // Now every slot is named: the next new name is refused, and says which names to reuse.
        let full = rig.command(.storeNewPreset(name: "đại biểu 2"), from: technician)
        #expect(full.refusals.first?.contains("every preset slot the camera offers is named") == true)
        #expect(full.cameraOrders.isEmpty)
        // A name the book has is stored again in its own slot.
        #expect(rig.command(.storeNewPreset(name: "bàn chủ tọa"), from: technician).cameraOrders == [.store(preset: Preset(slot: 4, name: "bàn chủ tọa"))])
    }

    @Test func aWiderCameraOffersMoreSlots() {
        var setup = demoSetup
        setup.presetSlots = [0...89, 100...254]
        setup.presets = Dictionary(uniqueKeysWithValues: (0...89).map { ("p\($0)", $0) })
        var rig = Rig(setup)
        rig.command(.setPhase(.preparation), from: technician)
        #expect(rig.command(.storeNewPreset(name: "podium"), from: technician).cameraOrders == [.store(preset: Preset(slot: 100, name: "podium"))])
    }

    // R7: the book changes only in preparation.
    @Test func newNamesOnlyInPreparationAndOnlyGoodOnes() {
        var idle = Rig()
        #expect(idle.command(.storeNewPreset(name: "podium"), from: technician).refusals.first?.contains("only in preparation") == true)
        var rig = inPreparation()
        for bad in ["", "  ", "42", "all", "a\u{7}b", String(repeating: "x", count: 65)] {
            let effects = rig.command(.storeNewPreset(name: bad), from: technician)
            #expect(effects.refusals.count == 1, "\(bad.debugDescription) was accepted")
            #expect(effects.cameraOrders.isEmpty)
        }
    }
}
