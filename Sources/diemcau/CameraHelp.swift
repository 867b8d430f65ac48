/// The help texts of `diemcau camera`: the documentation a technician reads,
/// in the technician's language.
enum CameraHelp {
    static let overview = cli.say("""
        usage: diemcau camera <action> [arguments] [connection options]

        Drives a PTZ camera over VISCA: on a serial port (RS-232/RS-422 through a USB
        adapter, up to 7 cameras on one daisy chain), on Sony VISCA over IP (UDP
        52381), or on raw VISCA over TCP (PTZOptics, port 5678).

        actions:
          recall PRESET      turn the camera to a stored preset (number or name)
          store PRESET       store where the camera points now (--name NAME to name it)
          reset PRESET       clear a preset in the camera (and its name)
          move DIRECTION     pan/tilt: left, right, up, down, up-left, ..., stop, home
          zoom WHAT          tele, wide, stop, or a zoom position number
          focus MODE         auto, manual or toggle
          power STATE        on or standby
          status             power, zoom, pan/tilt, focus mode, version, and the preset names
          profiles           list the camera models DiemCau knows

        Run 'diemcau camera <action> --help' for the details of one action.

        """) + connection

    static let connection = cli.say("""
        connection options (one of --port, --udp, --tcp; default --port /dev/diemcau-camera1):
          --port PATH        serial port, e.g. /dev/ttyUSB0 or /dev/diemcau-camera1
                             (`diemcau ports` lists them); pseudo-terminals and serial
                             servers (socat, ser2net) work too
          --baud RATE        9600 or 38400, as on the camera's switch (default: the profile's)
          --address N        camera 1-7 on the daisy chain, 1 nearest the PC (default 1)
          --udp HOST[:PORT]  Sony VISCA over IP (default port 52381)
          --tcp HOST[:PORT]  raw VISCA over TCP (default port 5678)
          --profile NAME     camera model: checks preset and speed ranges and applies its
                             quirks (default generic; `diemcau camera profiles` lists them)
          --config PATH      the room file whose preset book to use (default
                             /etc/diemcau/room.json when it exists): its cameras'
                             names and presets, and presets.json in its state directory,
                             the book the daemon reads too
          --book PATH        preset book (default: the room's; without a room file
                             $STATE_DIRECTORY/presets.json, else /var/lib/diemcau/presets.json)
          --camera-name NAME the camera's name in the preset book (default: the room
                             file's camera at --address, else camera<address>)

        exit status: 0 done; 64 bad command line; 65 the request does not fit the
        camera (preset or speed out of range, unknown preset name); 66 profile or
        preset book unreadable; 69 the camera does not answer; 73 preset book not
        writable; 74 the port or network cannot be opened; 75 the camera is busy
        (buffer full), try again; 76 the camera refused the command; 77 no
        permission on the port (dialout group).
        """)

    static let actions: [String: String] = [
        "recall": cli.say("""
            usage: diemcau camera recall PRESET [connection options]

            Turns the camera to PRESET and returns when it has arrived (a recall may take
            a few seconds). PRESET is a number the camera model stores (see its profile:
            a Sony EVI-D70 stores 0-5, a PTZOptics 0-89 and 100-254) or a name from the
            preset book, such as chair, left, right, wide.

            example: diemcau camera recall chair --port /dev/diemcau-camera1 --profile sony-evi-d70
            """),
        "store": cli.say("""
            usage: diemcau camera store PRESET [--name NAME] [connection options]

            Stores where the camera points now as PRESET in the camera's memory. With
            --name, also writes NAME -> PRESET into the preset book, so that the keypad,
            the daemon and `diemcau camera recall NAME` find it (R3: positions stored
            beforehand, matching the seating chart).

            example: diemcau camera store 1 --name chair --udp 192.168.1.20 --profile sony-srg-300se
            """),
        "reset": cli.say("""
            usage: diemcau camera reset PRESET [connection options]

            Clears PRESET in the camera's memory and removes its name from the preset book.
            """),
        "move": cli.say("""
            usage: diemcau camera move DIRECTION [--speed N] [--tilt-speed N] [--for SECONDS] [connection options]

            Pans and tilts: left, right, up, down, up-left, up-right, down-left,
            down-right; `stop` stops; `home` goes to the home position. The camera keeps
            moving until `move stop`, unless --for gives how long (the tool then stops it).
            --speed sets the pan speed (and the tilt speed unless --tilt-speed is given),
            within the profile's range (Sony: pan 1-24, tilt 1-23; default: middle).
            """),
        "zoom": cli.say("""
            usage: diemcau camera zoom tele|wide|stop|POSITION [--speed 0-7] [connection options]

            tele and wide zoom at the standard speed, or at --speed 0 (slowest) to 7;
            stop stops; a number zooms to that position (0 = wide; 16384 = optical tele
            on most Sony models, see the profile).
            """),
        "focus": cli.say("""
            usage: diemcau camera focus auto|manual|toggle [connection options]

            Switches the camera between auto focus and manual focus.
            """),
        "power": cli.say("""
            usage: diemcau camera power on|standby [connection options]

            Powers the camera on, or puts it in standby (R6: switch the equipment off after
            the meeting). Power on takes several seconds; the tool waits for it. A camera
            in standby refuses to move (error 41).
            """),
        "status": cli.say("""
            usage: diemcau camera status [connection options]

            Shows whether the camera answers, its power state, zoom and pan/tilt
            positions, its focus mode (auto or manual), its version (vendor, model,
            ROM), and the names in the preset book.
            """),
        "profiles": cli.say("""
            usage: diemcau camera profiles

            Lists the camera profiles (Hardware/cameras/*.json, /etc/diemcau/cameras,
            /usr/share/diemcau/cameras, $DIEMCAU_CAMERA_PROFILES): model, preset range and
            transports.
            """),
    ]
}
