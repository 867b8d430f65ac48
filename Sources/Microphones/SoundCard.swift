import CALSA

/// A sound card the kernel knows, as `aplay -l` / `/proc/asound/cards` list it.
public struct SoundCard: Sendable, Hashable, CustomStringConvertible {
    /// The card number (`hw:1`); it can change from one boot to the next.
    public let number: Int
    /// The card's id (`hw:CARD=<id>`): stable, use it in configurations.
    public let id: String
    /// The name the driver gives it ("USB Audio Device").
    public let name: String

    /// The control device naming this card by id.
    public var device: String { "hw:CARD=\(id)" }

    public var description: String { "\(device) (\(name))" }

    /// Every card present now.
    public static func all() -> [SoundCard] {
        var cards: [SoundCard] = []
        var number: Int32 = -1
        while snd_card_next(&number) == 0, number >= 0 {
            var ctl: OpaquePointer?
            guard snd_ctl_open(&ctl, "hw:\(number)", 0) == 0, let ctl else { continue }
            defer { snd_ctl_close(ctl) }
            var info: OpaquePointer?
            guard snd_ctl_card_info_malloc(&info) == 0, let info else { continue }
            defer { snd_ctl_card_info_free(info) }
            guard snd_ctl_card_info(ctl, info) == 0 else { continue }
            cards.append(SoundCard(
                number: Int(number),
                id: String(cString: snd_ctl_card_info_get_id(info)),
                name: String(cString: snd_ctl_card_info_get_name(info))
            ))
        }
        return cards
    }
}

/// A simple mixer element and the controls it has, as `amixer scontents` describes it.
public struct MixerElementInfo: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let index: Int
    /// The kinds of mute control this element offers, in `MuteControl` order.
    public let controls: [MuteControl]

    public init(name: String, index: Int, controls: [MuteControl]) {
        self.name = name
        self.index = index
        self.controls = controls
    }

    /// `'Mic',0`, as amixer prints it.
    public var quoted: String { "'\(name)',\(index)" }

    public var description: String {
        quoted + " [" + (controls.isEmpty ? "no switch, no volume" : controls.map(\.summary).joined(separator: ", ")) + "]"
    }

    static func listing(_ elements: [MixerElementInfo]) -> String {
        elements.isEmpty ? "no mixer elements at all" : elements.map(\.description).joined(separator: "; ")
    }
}
