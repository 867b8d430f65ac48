// swift-tools-version:6.2
//
// DiemCau: the endpoint-room controller. No Swift package dependencies:
// the toolchain plus libserialport and ALSA through system-library targets.
// Needs Swift 6.3: the daemon's executor uses 6.3's ExperimentalCustomExecutors
// SPI (Sources/Support/DaemonExecutors.swift says what to do when it changes).

import PackageDescription

/// Every Swift target is built in Swift 6 language mode with strict
/// concurrency, and a warning fails the build.
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "DiemCau",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "diemcaud", targets: ["diemcaud"]),
        .executable(name: "diemcau", targets: ["diemcau"]),
        .executable(name: "visca-sim", targets: ["visca-sim"]),
        .executable(name: "codec-sim", targets: ["codec-sim"]),
    ],
    targets: [
        // C libraries.
        .systemLibrary(
            name: "CSerialPort",
            pkgConfig: "libserialport",
            providers: [.apt(["libserialport-dev"])]
        ),
        // epoll and eventfd, for Support's Reactor (not in Swift's Glibc module).
        .systemLibrary(name: "CEpoll"),
        .systemLibrary(
            name: "CALSA",
            pkgConfig: "alsa",
            providers: [.apt(["libasound2-dev"])]
        ),

        // The protocol and the drivers.
        .target(name: "VISCA", dependencies: ["Localization"], swiftSettings: strict),
        .target(name: "Support", dependencies: ["CEpoll"], swiftSettings: strict),
        .target(name: "Links", dependencies: ["CSerialPort", "VISCA", "Support", "Localization"], swiftSettings: strict),
        .target(name: "Camera", dependencies: ["VISCA", "Links", "Support", "Localization"], swiftSettings: strict),
        .target(name: "Microphones", dependencies: ["CALSA", "Support", "Localization"], swiftSettings: strict),
        .target(name: "Codec", dependencies: ["Room", "Support", "Localization"], swiftSettings: strict),
        .target(name: "Keypad", dependencies: ["Room", "Support", "Localization"], swiftSettings: strict),
        .target(name: "Power", dependencies: ["Links", "Room", "Support", "Localization"], swiftSettings: strict),

        // The messages people read, in Vietnamese and English (Hardware/locale/*.po).
        .target(name: "Localization", swiftSettings: strict),
        // MQTT 3.1.1 client: the fleet's link to the province's broker (Mosquitto).
        .target(name: "MQTT", dependencies: ["Support", "Localization"], swiftSettings: strict),

        // The room's rules, and how it is controlled.
        .target(name: "Room", dependencies: ["Localization"], swiftSettings: strict),
        .target(name: "Logbook", dependencies: ["Room", "Support", "Localization"], swiftSettings: strict),
        .target(name: "Control", dependencies: ["Room", "Configuration", "Logbook", "Support", "Localization"], swiftSettings: strict),
        .target(name: "Service", dependencies: ["Support", "Localization"], swiftSettings: strict),
        // The room file, and each driver's settings built from it (`CameraSetup.connection`, `MicrophoneSetup.channel`, ...).
        .target(
            name: "Configuration", dependencies: ["Room", "Camera", "Codec", "Keypad", "Microphones", "Power", "Support", "Localization"],
            swiftSettings: strict
        ),

        // Simulated hardware for tests, the demo room and training.
        .target(name: "CameraSimulator", dependencies: ["VISCA"], swiftSettings: strict),
        .target(name: "CodecSimulator", dependencies: ["Codec", "Support"], swiftSettings: strict),
        // Rooms of the fleet without devices: many in one process, on the broker (issue 19).
        .target(name: "FleetSimulator", dependencies: ["MQTT", "Logbook", "Room", "Support"], swiftSettings: strict),

        // The demo room: simulators, the daemon as a process, a scripted meeting.
        .target(
            name: "DemoRoom",
            dependencies: ["CameraSimulator", "CodecSimulator", "Configuration", "Control", "Room", "Logbook", "VISCA", "Codec", "PulseProbe", "Support"],
            swiftSettings: strict
        ),

        // Programs.
        .executableTarget(
            name: "diemcaud",
            dependencies: ["Configuration", "Room", "Logbook", "Control", "Service", "Camera", "Microphones", "Codec", "Keypad", "Links", "VISCA", "Power", "Localization", "MQTT", "Support"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "diemcau",
            dependencies: ["Configuration", "Control", "Room", "Logbook", "Camera", "Links", "VISCA", "Microphones", "Codec", "Localization", "MQTT"],
            swiftSettings: strict
        ),
        .executableTarget(name: "visca-sim", dependencies: ["CameraSimulator", "Service", "VISCA"], swiftSettings: strict),
        .executableTarget(name: "diemcau-demo", dependencies: ["DemoRoom"], swiftSettings: strict),
        .executableTarget(name: "codec-sim", dependencies: ["CodecSimulator"], swiftSettings: strict),
        .executableTarget(name: "fleet-sim", dependencies: ["FleetSimulator", "MQTT"], swiftSettings: strict),
        // The logbook's crash test kills this writer mid-stream (LogbookTests).
        .executableTarget(name: "logbook-writer", dependencies: ["Logbook", "Room"], swiftSettings: strict),

        // Benchmarks: release-mode executables that print their figures.
        .target(name: "PulseProbe", dependencies: ["Support"], swiftSettings: strict),
        .executableTarget(
            name: "camera-bench",
            dependencies: ["Camera", "CameraSimulator", "Links", "VISCA"],
            path: "Sources/Benchmarks/camera-bench",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "mic-bench",
            dependencies: ["Microphones", "PulseProbe"],
            path: "Sources/Benchmarks/mic-bench",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "codec-bench",
            dependencies: ["Codec", "CodecSimulator"],
            path: "Sources/Benchmarks/codec-bench",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "report-bench",
            dependencies: ["Logbook", "Room", "Localization"],
            path: "Sources/Benchmarks/report-bench",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "fleet-bench",
            dependencies: ["FleetSimulator", "MQTT", "PulseProbe", "Support", "TestSupport"],
            path: "Sources/Benchmarks/fleet-bench",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "daemon-bench",
            dependencies: ["DemoRoom", "Control", "PulseProbe", "Support"],
            path: "Sources/Benchmarks/daemon-bench",
            swiftSettings: strict
        ),

        // Tests.
        .testTarget(name: "VISCATests", dependencies: ["VISCA"], swiftSettings: strict),
        .testTarget(name: "LinksTests", dependencies: ["Links", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "CameraTests",
            dependencies: ["Camera", "CameraSimulator", "Links", "VISCA"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SimulatorTests",
            dependencies: ["CameraSimulator", "CodecSimulator", "VISCA", "Codec"],
            swiftSettings: strict
        ),
        .testTarget(name: "MicrophonesTests", dependencies: ["Microphones", "Room"], swiftSettings: strict),
        .testTarget(name: "CodecTests", dependencies: ["Codec", "CodecSimulator", "Room"], swiftSettings: strict),
        .testTarget(name: "RoomTests", dependencies: ["Room"], swiftSettings: strict),
        // Against a private upsd with NUT's dummy-ups driver (Scripts/ups-up).
        .testTarget(name: "PowerTests", dependencies: ["Power", "Room", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "LocalizationTests", dependencies: ["Localization"], swiftSettings: strict),
        // Golden holds logbook files of every format version, read by the tests from the source tree.
        .testTarget(name: "LogbookTests", dependencies: ["Logbook", "Room", "TestSupport"], exclude: ["Golden"], swiftSettings: strict),
        .testTarget(
            name: "ConfigurationTests", dependencies: ["Configuration", "Room", "Camera", "Codec", "Microphones", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "ServiceTests", dependencies: ["Service", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ControlTests", dependencies: ["Control", "Room", "Configuration"], swiftSettings: strict),
        .testTarget(name: "SupportTests", dependencies: ["Support", "TestSupport"], swiftSettings: strict),
        .target(name: "TestSupport", dependencies: ["Support"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "MQTTTests", dependencies: ["MQTT", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "KeypadTests", dependencies: ["Keypad", "Room", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "DemoRoom", "Room", "Camera", "Logbook", "Control", "Service", "Configuration", "CameraSimulator", "CodecSimulator", "VISCA",
                "TestSupport", "PulseProbe",
            ],
            swiftSettings: strict
        ),
    ]
)
