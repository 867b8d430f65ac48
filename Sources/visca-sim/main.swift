import Foundation

FileHandle.standardError.write(Data("visca-sim: not built yet\n".utf8))
exit(2)
