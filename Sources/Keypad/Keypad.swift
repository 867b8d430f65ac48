// The technician's keypad: evdev input_event reader and key maps. (Issue 7.)
