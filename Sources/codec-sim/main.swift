import Foundation

FileHandle.standardError.write(Data("codec-sim: not built yet\n".utf8))
exit(2)
