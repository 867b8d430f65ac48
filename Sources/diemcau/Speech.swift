import Foundation
import Localization

/// The language the technician reads this tool in: the locale's
/// (`LANG=vi_VN.UTF-8` on a room PC), English when it names no other.
let cli = Language.fromEnvironment(ProcessInfo.processInfo.environment)
