// The room's rules: State, Input, Effect, reduce; the logbook. (Issue 5.)
