import Links
import Localization
import VISCA

extension CameraDriver {
    /// Opens the link if needed and sets the chain up: IF_Clear, then
    /// AddressSet on a daisy chain (over IP: IF_Clear to camera 1).
    func connect() async throws {
        if link == nil {
            do {
                let opened = try await connection.open()
                guard status != .closed else {
                    // Closed while the link was opening.
                    await opened.close()
                    throw CameraError.closed(endpoint: endpoint)
                }
                attach(opened)
            } catch {
                let failure = openingFailure(error)
                goOffline(failure.message)
                throw failure
            }
        }
        do {
            let cameras = try await setUpChain()
            cameraCount = cameras
            lastHeard = .now
            publish(.online(cameras: cameras))
        } catch {
            goOffline(Message.about(error))
            throw error
        }
    }

    /// Why the link could not be opened. A link that opened but whose camera
    /// did not answer (VISCA over IP's RESET) is a camera that does not
    /// answer, as on a serial line or over TCP; not a port that cannot be opened.
    private func openingFailure(_ error: any Error) -> CameraError {
        switch error {
        case LinkError.noAnswer(_, let request, let milliseconds):
            return .noAnswer(command: request, camera: "the camera", endpoint: endpoint, milliseconds: milliseconds, hint: cableHint)
        case let link as LinkError:
            return .link(link)
        default:
            return .closed(endpoint: endpoint)
        }
    }

    private func attach(_ opened: any ByteLink) {
        linkGeneration += 1
        let generation = linkGeneration
        link = opened
        framer = Framer()
        let stream = opened.incoming
        reader = Task {
            for await chunk in stream {
                self.receive(chunk, generation: generation)
            }
            await self.linkEnded(generation: generation)
        }
    }

    /// After a Network Change (`x0 38 FF`: a camera was power-cycled or added),
    /// number the chain again once the line is free; commands in flight go on.
    func scheduleAddressSet() {
        guard !addressSetPending else { return }
        addressSetPending = true
        Task {
            defer { self.addressSetPending = false }
            guard let cameras = try? await self.numberCameras() else { return }
            self.cameraCount = cameras
            if self.status.isOnline { self.publish(.online(cameras: cameras)) }
        }
    }

    /// The link's stream ended: the adapter was unplugged, the peer closed.
    func linkEnded(generation: Int) async {
        guard generation == linkGeneration, status != .closed else { return }
        goOffline(Message("the link to {endpoint} was lost (adapter unplugged, cable pulled or peer gone)", ["endpoint": endpoint]))
        await dropLink()
    }

    func dropLink() async {
        linkGeneration += 1
        reader?.cancel()
        reader = nil
        if let link {
            self.link = nil
            await link.close()
        }
    }

    /// Reports the cameras offline and fails whatever waits on them.
    func goOffline(_ reason: Message) {
        guard status != .closed else { return }
        if status.isOnline || status == .connecting { statistics.outages += 1 }
        publish(.offline(reason: reason))
        failEverything(.offline(endpoint: endpoint, reason: reason))
        statistics.discardedBytes += framer.reset().count
    }

    /// Runs until closed: probes an idle online chain, reconnects an offline one.
    func supervise() async {
        while !Task.isCancelled, status != .closed {
            if status.isOnline {
                let silence = ContinuousClock.now - lastHeard
                if silence < heartbeat {
                    await doze(for: heartbeat - silence)
                    continue
                }
                await probe()
            } else {
                try? await Task.sleep(for: timing.reconnect)
                guard !Task.isCancelled, status != .closed else { return }
                let hadLink = link != nil
                do {
                    try await connect()
                    if !hadLink { statistics.reconnects += 1 }
                } catch {
                    // Still offline; the reason was published by connect().
                }
            }
        }
    }

    /// Sleeps, unless `watch(every:)` wakes the supervisor to look again.
    private func doze(for interval: Duration) async {
        let sleep = Task { _ = try? await Task.sleep(for: interval) }
        nap = sleep
        await withTaskCancellationHandler { await sleep.value } onCancel: { sleep.cancel() }
        nap = nil
    }

    /// Asks camera 1 its power state; no answer at all means offline.
    private func probe() async {
        let before = lastHeard
        do {
            _ = try await execute(.inquiry(.power), camera: 1)
        } catch CameraError.noAnswer(_, let camera, _, _, let hint) {
            guard lastHeard == before, status.isOnline else { return }
            goOffline(Message("{camera} stopped answering (no answer to the power inquiry): {hint}", ["camera": camera], parts: ["hint": hint]))
        } catch {
            // An error reply is an answer: the camera is there.
        }
    }
}
