// ALSA mixer channels: mute, unmute, read, watch, re-attach. (Issue 3.)
