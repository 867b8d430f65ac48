import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension TimeZone {
    /// The room PC's time zone, for month files and reports.
    ///
    /// The daemon links only FoundationEssentials, whose `TimeZone.current`
    /// is GMT whatever the PC is set to (zone rules live in
    /// FoundationInternationalization, with ICU). The C library reads `TZ` and
    /// `/etc/localtime`, so its offset is the one to trust. It is a fixed
    /// offset, taken when asked: right for Vietnam, which has had no summer
    /// time since 1975. Where Foundation's zones are linked (the CLI, the
    /// tests) and agree with the C library, they are used as they are.
    public static var room: TimeZone {
        var now = time(nil)
        var fields = tm()
        localtime_r(&now, &fields)
        let offset = Int(fields.tm_gmtoff)
        let current = TimeZone.current
        if current.secondsFromGMT() == offset { return current }
        return TimeZone(secondsFromGMT: offset) ?? current
    }
}
