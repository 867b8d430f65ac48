import Foundation

FileHandle.standardError.write(Data("daemon-bench: not built yet\n".utf8))
exit(2)
