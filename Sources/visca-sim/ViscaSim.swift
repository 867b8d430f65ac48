#if canImport(Glibc)
import Glibc
#endif
import CameraSimulator
import Dispatch
import Foundation
import VISCA

/// `visca-sim`: runs a simulated camera chain until SIGINT or SIGTERM.
@main
struct ViscaSim {
    static func main() async {
        let options: SimulatorOptions
        do {
            options = try SimulatorOptions(arguments: Array(CommandLine.arguments.dropFirst()))
        } catch {
            printError("visca-sim: \(error)")
            exit(2)
        }
        if options.help {
            printLine(SimulatorOptions.usage)
            return
        }

        // Taken before anything is served: a parent that has read a port may
        // send SIGTERM at once, and a signal caught before its source exists
        // was ignored (a test waited forever for the simulator to stop).
        let (termination, sources) = terminationSignals()
        let simulator = CameraSimulator(options.configuration)
        do {
            if options.pseudoTerminal {
                printLine("pty \(try await simulator.startPseudoTerminal(linkPath: options.linkPath))")
                if options.linkPath != nil, let device = await simulator.pseudoTerminalSlavePath {
                    printLine("pty-device \(device)")
                }
            }
            if let port = options.udpPort {
                printLine("udp \(try await simulator.startUDP(port: port, host: options.host))")
            }
            if let port = options.tcpPort {
                printLine("tcp \(try await simulator.startTCP(port: port, host: options.host))")
            }
        } catch {
            printError("visca-sim: \(error)")
            await simulator.stop()
            exit(1)
        }

        if options.verbose {
            let messages = await simulator.observeReceivedMessages()
            Task {
                for await message in messages { printError("visca-sim: received \(message)") }
            }
        }
        if let interval = options.networkChangeEvery {
            Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    await simulator.sendNetworkChange()
                }
            }
        }

        var signals = termination.makeAsyncIterator()
        let signal = await signals.next() ?? SIGTERM
        sources.forEach { $0.cancel() }
        printError("visca-sim: \(signal == SIGINT ? "SIGINT" : "SIGTERM"), stopping")
        await simulator.stop()
    }

    /// SIGINT and SIGTERM as they arrive, through Dispatch signal sources
    /// (not a handler), which the caller keeps until it has heard one.
    static func terminationSignals() -> (AsyncStream<Int32>, [any DispatchSourceSignal]) {
        let (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
        return (signals, sources)
    }

    /// One line on stdout, written at once (a parent process reads the ports from it).
    static func printLine(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
