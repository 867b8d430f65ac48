import Foundation

FileHandle.standardError.write(Data("diemcaud: not built yet\n".utf8))
exit(2)
