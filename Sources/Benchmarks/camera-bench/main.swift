import Foundation

FileHandle.standardError.write(Data("camera-bench: not built yet\n".utf8))
exit(2)
