import FleetSimulator
import Foundation

/// `fleet-sim`: N simulated rooms of the fleet in one process, on a real
/// broker, beside real `diemcaud` rooms (the tests, the demo, a centre's
/// rehearsal). Each room has the topics, retained state, will and command
/// replies of diemcaud's FleetLink, without devices (`SimulatedRoom`).
///
///     fleet-sim --broker 127.0.0.1:1883 --province bench --accounts DIR (--count 100 [--prefix s] | --rooms a,b,c)
///
/// `DIR/<room>` holds each room account's password (Scripts/broker-up's
/// `accounts` folder). Prints `READY <n>` once every room is connected,
/// and runs until its standard input closes (or SIGTERM); then each room
/// marks itself offline and disconnects.
@main
enum FleetSim {
    static let usage = "usage: fleet-sim --broker HOST:PORT --province NAME --accounts DIR (--count N [--prefix P] | --rooms A,B,...)"

    static func main() async {
        var host = "127.0.0.1", port: UInt16 = 1883, province: String?, accounts: String?
        var names: [String] = [], count: Int?, prefix = "sim"
        var words = CommandLine.arguments.dropFirst()
        while let word = words.popFirst() {
            guard let value = words.popFirst() else { fail("\(word) needs a value") }
            switch word {
            case "--broker":
                let parts = value.split(separator: ":")
                guard parts.count == 2, let number = UInt16(parts[1]) else { fail("--broker takes HOST:PORT, not \(value)") }
                (host, port) = (String(parts[0]), number)
            case "--province": province = value
            case "--accounts": accounts = value
            case "--rooms": names = value.split(separator: ",").map(String.init)
            case "--count":
                guard let number = Int(value), number > 0 else { fail("--count takes a number of rooms") }
                count = number
            case "--prefix": prefix = value
            default: fail("unknown option \(word)")
            }
        }
        if let count { names += (1...count).map { "\(prefix)\($0)" } }
        guard let province, let accounts, !names.isEmpty else { fail("give the province, the accounts folder and the rooms") }

        var rooms: [SimulatedRoom] = []
        for name in names {
            guard let password = try? String(contentsOfFile: accounts + "/" + name, encoding: .utf8) else {
                fail("cannot read the password of \(name) in \(accounts)")
            }
            let room = SimulatedRoom(
                province: province, room: name, host: host, port: port, password: password.trimmingCharacters(in: .whitespacesAndNewlines))
            await room.start()
            rooms.append(room)
        }
        for room in rooms {
            do {
                try await room.client.waitUntilConnected(within: .seconds(30))
            } catch {
                fail("\(room.room): \(error)")
            }
        }
        print("READY \(rooms.count)")
        fflush(nil)
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                _ = FileHandle.standardInput.readDataToEndOfFile()
                done.resume()
            }
        }
        for room in rooms { await room.stop() }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("fleet-sim: \(message)\n\(usage)\n".utf8))
        exit(64)
    }
}
