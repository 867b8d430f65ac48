import Foundation
import TestSupport
import Testing

@testable import Configuration

/// Ten thousand room files made wrong on purpose from the demo room, through
/// the real validation: none crashes it or hangs it, every rejection names
/// a field (or, for text that is not JSON, a line and column), and every
/// file accepted is one the daemon can run (`AcceptedRoom` says what that is,
/// apart from the reader). `DIEMCAU_FUZZ_SEED` replays a run.
@Suite("Room file fuzzing")
struct RoomFileFuzzTests {
    static let cases = 10_000
    static let demoRoom = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Hardware/demo/room.json").path

    @Test(.timeLimit(.minutes(1)))
    func mutatedRoomFiles() throws {
        let seed = RoomFileMutator.runSeed
        let mutator = try #require(RoomFileMutator(roomFile: try String(contentsOfFile: Self.demoRoom, encoding: .utf8), seed: seed))
        var accepted = 0, notJSON = 0, refused = 0, problems = 0
        var slowest = (index: 0, time: Duration.zero)
        var validating = Duration.zero
        var kinds: [RoomFileMutator.Mutation: Int] = [:]
        let clock = ContinuousClock()
        let started = clock.now
        for index in 0..<Self.cases {
            let mutant = mutator.mutant(index)
            for mutation in mutant.mutations { kinds[mutation, default: 0] += 1 }
            let caseStarted = clock.now
            let outcome = Result { () throws(ConfigurationError) in try ConfigurationFile.parse(Data(mutant.bytes), file: "room.json") }
            let time = clock.now - caseStarted
            validating += time
            if time > slowest.time { slowest = (index, time) }
            let label = "case \(index) of seed \(seed) (\(mutant.mutations.map(\.rawValue).joined(separator: ", ")))"
            switch outcome {
            case .success(let configuration):
                accepted += 1
                let violations = AcceptedRoom.violations(of: configuration)
                #expect(violations.isEmpty, "\(label) was accepted: \(violations)")
                #expect(AcceptedRoom.roundTrips(configuration), "\(label): accepted, but not accepted again as written back")
            case .failure(.notJSON(_, let reason)):
                notJSON += 1
                #expect(reason.contains(/at line \d+, column \d+$/), "\(label): \(reason)")
            case .failure(.invalid(_, let found)):
                refused += 1
                problems += found.count
                #expect(!found.isEmpty, "\(label): refused with no problem")
                for problem in found where problem.field.isEmpty {
                    #expect(problem.problem == "the file must hold one JSON object", "\(label): no field named in '\(problem)'")
                }
            case .failure(let error):
                Issue.record("\(label): \(error)")
            }
        }
        let elapsed = clock.now - started
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        }
        print("""
            room file fuzzing: seed \(seed), \(Self.cases) cases in \(String(format: "%.2f", seconds(elapsed))) s \
            (\(Int(Double(Self.cases) / seconds(elapsed))) cases/s), of which validation \(String(format: "%.2f", seconds(validating))) s \
            (\(Int(Double(Self.cases) / seconds(validating))) cases/s); \(accepted) accepted, \(notJSON) not JSON, \
            \(refused) refused with \(problems) problems; slowest case \(slowest.index): \(slowest.time)
            mutations: \(kinds.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))
            """)
        #expect(Set(kinds.keys) == Set(RoomFileMutator.Mutation.allCases), "every kind of mutation is made")
        #expect(accepted > Self.cases / 20, "too few files accepted for the accepted ones to mean much")
        #expect(slowest.time < .seconds(1), "case \(slowest.index) took \(slowest.time)")
        #expect(elapsed < .seconds(30))
    }

    /// The second opinion is not empty: each room the issue found accepted is caught by it.
    @Test func theSecondOpinionCatchesWhatTheReaderMustRefuse() throws {
        let demo = try ConfigurationFile.load(Self.demoRoom)
        #expect(AcceptedRoom.violations(of: demo).isEmpty)
        #expect(AcceptedRoom.roundTrips(demo))
        let spoilt: [(inout RoomConfiguration) -> Void] = [
            { $0.control.tcp?.address = String(repeating: "a", count: 100_000) },
            { $0.microphones[0].element = "\u{0}" },
            { $0.cameras[0].presets?["right"] = 0 },
            { $0.room.lead?.name = "" },
            { $0.control.tcp?.port = 0 },
            { $0.control.maxConnections = Int.max },
            { $0.microphones[1].preset = "podium" },
            { $0.control.unixSocket = "/run/" + String(repeating: "x", count: 103) },
        ]
        for spoil in spoilt {
            var room = demo
            spoil(&room)
            #expect(!AcceptedRoom.violations(of: room).isEmpty, "\(room)")
        }
    }
}
