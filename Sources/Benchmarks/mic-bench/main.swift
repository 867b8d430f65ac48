import Foundation

FileHandle.standardError.write(Data("mic-bench: not built yet\n".utf8))
exit(2)
