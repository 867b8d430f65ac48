#if canImport(Glibc)
import Glibc
#endif
import CameraSimulator
import Foundation
import Service
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
        // send SIGTERM at once. The handler is in place when `stream` returns
        // (a Dispatch signal source installed its handler later, on its own
        // queue, and a SIGTERM in between was lost under load).
        let termination = ServiceSignal.stream([.terminate, .interrupt])
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
        let signal = await signals.next() ?? .terminate
        printError("visca-sim: \(signal), stopping")
        await simulator.stop()
    }

    /// One line on stdout, written at once (a parent process reads the ports from it).
    static func printLine(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
