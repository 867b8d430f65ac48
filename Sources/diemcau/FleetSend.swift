import Foundation
import MQTT

/// `diemcau fleet send ROOMS COMMAND...`: one command to many rooms, each
/// reply matched to its room by the request's id.
enum FleetSend {
    static func run(_ words: [String], _ connection: FleetConnection) async -> Int32 {
        var rest = words
        var timeout = 5.0
        if let index = rest.firstIndex(of: "--timeout") {
            guard index + 1 < rest.count, let seconds = Double(rest[index + 1]), seconds > 0 else {
                warn("diemcau fleet send: --timeout takes a number of seconds, e.g. 5.")
                return 64
            }
            timeout = seconds
            rest.removeSubrange(index...(index + 1))
        }
        guard rest.count >= 2 else {
            warn("diemcau fleet send: give the rooms and the command, e.g. diemcau fleet send all mute all.\n\n" + FleetCommand.help)
            return 64
        }
        let selector = rest[0]
        let command = Array(rest.dropFirst())

        let targets: [(province: String, room: String)]
        switch await Self.targets(selector, connection, action: "send") {
        case .success(let found): targets = found
        case .failure(let failure): return failure.status
        }
        guard let client = await connection.connect() else { return 69 }
        let results = await send(command, to: targets, over: client, connection: connection, timeout: .milliseconds(Int(timeout * 1000)))
        await client.stop()

        var status: Int32 = 0
        for target in targets {
            let key = target.province + "/" + target.room
            guard let (reply, elapsed) = results[key] else { continue }
            let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
            print("\(key)  \(String(format: "%.0f ms", milliseconds))  \(reply)")
            if !reply.contains("\"ok\":true") { status = 1 }
        }
        let silent = targets.map { $0.province + "/" + $0.room }.filter { results[$0] == nil }
        if !silent.isEmpty {
            print("no answer within \(timeout) s from \(silent.count): " + silent.joined(separator: ", "))
            status = 1
        }
        return status
    }

    /// Why no room was chosen: the exit status (the reason is printed).
    struct NoTargets: Error {
        let status: Int32
    }

    /// The rooms `selector` names: room ids (comma-separated, in
    /// `--province`) directly; `district:NAME` or `all` from the retained states.
    static func targets(_ selector: String, _ connection: FleetConnection, action: String) async
        -> Result<[(province: String, room: String)], NoTargets>
    {
        var targets: [(province: String, room: String)]
        if selector == "all" || selector.hasPrefix("district:") {
            guard let lister = await connection.connect() else { return .failure(NoTargets(status: 69)) }
            let rooms = (try? await FleetRoom.collect(lister, connection)) ?? []
            let district = selector.hasPrefix("district:") ? String(selector.dropFirst("district:".count)) : nil
            targets = rooms.filter { district == nil || $0.district == district }.map { ($0.province, $0.room) }
        } else {
            guard let province = connection.province else {
                warn("diemcau fleet \(action): rooms named by id need --province NAME.")
                return .failure(NoTargets(status: 64))
            }
            targets = selector.split(separator: ",").map { (province, String($0)) }
        }
        guard !targets.isEmpty else {
            warn("diemcau fleet \(action): no room matches '\(selector)' (diemcau fleet status lists them).")
            return .failure(NoTargets(status: 1))
        }
        return .success(targets)
    }

    /// Publishes the command to every room and gathers the replies that
    /// come back within `timeout`: the reply and the time it took, by room.
    static func send(_ command: [String], to targets: [(province: String, room: String)], over client: MQTTClient,
                     connection: FleetConnection, timeout: Duration) async -> [String: (String, Duration)] {
        let batch = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let gathering = Task {
            var replies: [String: (String, ContinuousClock.Instant)] = [:]
            for await message in client.messages where message.topic.hasSuffix("/reply") {
                let levels = message.topic.split(separator: "/")
                guard levels.count == 4 else { continue }
                let key = "\(levels[1])/\(levels[2])"
                let text = String(decoding: message.payload, as: UTF8.self)
                guard text.contains("\"id\":\"\(batch)-\(key)\"") else { continue }
                replies[key] = (text, ContinuousClock.now)
                if replies.count == targets.count { break }
            }
            return replies
        }
        do {
            try await client.subscribe([.init(connection.filter("reply"), qos: .atLeastOnce)])
        } catch {
            warn("diemcau fleet send: \(error)")
            return [:]
        }
        let words = "[" + command.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",") + "]"
        let start = ContinuousClock.now
        for target in targets {
            let key = target.province + "/" + target.room
            let request = "{\"id\":\"\(batch)-\(key)\",\"command\":\(words)}"
            try? await client.publish("diemcau/\(key)/command", Array(request.utf8), qos: .atLeastOnce)
        }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            await client.stop()
        }
        let replies = await gathering.value
        timer.cancel()
        return replies.mapValues { ($0.0, $0.1 - start) }
    }
}
