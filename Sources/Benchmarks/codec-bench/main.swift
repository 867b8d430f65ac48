import Foundation

FileHandle.standardError.write(Data("codec-bench: not built yet\n".utf8))
exit(2)
