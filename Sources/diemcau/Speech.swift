import Foundation
import Localization

/// The language the technician reads this tool in: the locale's
/// (`LANG=vi_VN.UTF-8` on a room PC), English when it names no other.
let cli = Language.fromEnvironment(ProcessInfo.processInfo.environment)

/// An error as the technician reads it: DiemCau's own faults in the tool's
/// language, a system's words as they are.
func said(_ error: any Error) -> String {
    Message.about(error).said(in: cli)
}
