// The control protocol: parser, formatter, sessions, roles, authentication. (Issue 6.)
